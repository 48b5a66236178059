"""Typed front matter: the fields each page kind must and may declare."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import get_close_matches

from .markdown import key_line
from .pages import FRAMEWORK_STEPS, Page, Site
from .problems import Problem

KINDS = ("framework-step", "case-study", "cheat-sheet", "page")
GENERATED = ("references", "glossary", "corrections", "case-study-matrix", "flashcard-downloads", "chapter-downloads",
             "refresher", "refresher-index")
TASKS = (
    "classification", "multi-label-classification", "regression", "ranking", "retrieval",
    "object-detection", "link-prediction", "clustering", "generation",
)
MODALITIES = ("text", "image", "video", "audio", "tabular", "graph", "behavioural")
LABEL_SOURCES = ("human", "natural", "weak", "self-supervised", "preference", "synthetic")
SERVING = ("online", "batch", "hybrid")
#: The two tracks of case studies and cheat sheets; a page without ``track`` is ``classic``.
TRACKS = ("classic", "generative")
#: Each track's title, as the navigation sections, indexes and the matrix name it.
TRACK_TITLES = {"classic": "Classic ML", "generative": "Generative AI"}
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Field:
    """One front-matter field.

    Attributes:
        name: The key.
        type: ``str``, ``int``, ``list`` (of strings), ``dict`` (of strings).
        required: Whether the key must be present.
        choices: Allowed values (for a ``list``, allowed items).
        scalars: Whether the items of a ``list`` or ``dict`` must be plain values
            (``False`` for a mapping validated field by field, like ``facts``).
    """

    name: str
    type: type
    required: bool = True
    choices: tuple[str, ...] = ()
    scalars: bool = True


COMMON = (
    Field("id", str), Field("kind", str, choices=KINDS), Field("title", str),
    Field("description", str), Field("generate", str, required=False, choices=GENERATED),
)
#: ``tags`` a case study may give: the product's domain (task, modality and serving come from its facts).
DOMAIN_TAGS = (
    "social network", "marketplace", "retail", "advertising", "video platform", "maps", "trust and safety",
    "productivity", "enterprise", "consumer assistant", "customer support", "ML platform",
)
#: ``tags`` a cheat sheet may give: the part of a design it decides.
TOPIC_TAGS = ("data", "modelling", "training", "evaluation", "serving", "operations", "responsible AI")
TRACK = Field("track", str, required=False, choices=TRACKS)
EXTRA = {
    "framework-step": (Field("step", int),),
    "case-study": (TRACK, Field("tags", list, choices=DOMAIN_TAGS), Field("facts", dict, scalars=False),
                   Field("uses", list, required=False)),
    "cheat-sheet": (TRACK, Field("tags", list, choices=TOPIC_TAGS)),
    "page": (),
}
FACTS = (
    Field("setting", str), Field("task", list, choices=TASKS), Field("input", str),
    Field("output", str), Field("modalities", list, choices=MODALITIES),
    Field("label_source", list, choices=LABEL_SOURCES), Field("offline_metrics", list),
    Field("online_metrics", list), Field("serving", str, choices=SERVING),
    Field("latency_budget_ms", int, required=False), Field("scale", dict),
    Field("llm", dict, required=False, scalars=False),
)
#: The ``facts.llm`` mapping every generative case study declares.
LLM_FACTS = (
    Field("model", str), Field("context_tokens", int), Field("tokens_per_request", str),
    Field("ttft_ms", int), Field("output_tokens_per_s", int), Field("cost_per_request", str),
)
TYPE_NAMES = {str: "a string", int: "an integer", list: "a list", dict: "a mapping"}


def _suggest(value: str, choices: tuple[str, ...]) -> str:
    close = get_close_matches(value, choices, n=1)
    return f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(choices)


def check_fields(data: dict, fields: tuple[Field, ...], text: str, where: str, path: str, parent: str = "") -> list[Problem]:
    """Validate ``data`` against ``fields``; ``where`` names the mapping in messages.

    A missing field is reported at the line of the ``parent`` key that holds the
    mapping (``facts``, ``llm``), or at line 1 for the front matter itself.
    """
    problems = []
    default = key_line(text, parent) if parent else 1
    known = {f.name for f in fields}
    for key in data:
        if key not in known:
            problems.append(Problem(path, key_line(text, str(key)), f"unknown {where} field '{key}' ({_suggest(str(key), tuple(sorted(known)))})"))
    for spec in fields:
        line = key_line(text, spec.name, default)
        if spec.name not in data or data[spec.name] is None:
            if spec.required:
                problems.append(Problem(path, line, f"{where} is missing required field '{spec.name}' (add {spec.name}: {TYPE_NAMES[spec.type]})"))
            continue
        value = data[spec.name]
        if not isinstance(value, spec.type) or isinstance(value, bool):
            problems.append(Problem(path, line, f"{where} field '{spec.name}' must be {TYPE_NAMES[spec.type]}, not {type(value).__name__} (write {spec.name}: {TYPE_NAMES[spec.type]})"))
            continue
        if spec.type is str and not value.strip():
            problems.append(Problem(path, line, f"{where} field '{spec.name}' is empty (write a value)"))
        items = value if spec.type is list else list(value.values()) if spec.type is dict else [value]
        if spec.type in (list, dict) and not items:
            problems.append(Problem(path, line, f"{where} field '{spec.name}' is empty (give at least one value)"))
        for item in items:
            if spec.type in (list, dict) and spec.scalars and not isinstance(item, (str, int, float)):
                problems.append(Problem(path, line, f"{where} field '{spec.name}' holds {type(item).__name__} '{item}' (write plain strings)"))
            elif spec.choices and item not in spec.choices:
                problems.append(Problem(path, line, f"{where} field '{spec.name}' has unknown value '{item}' ({_suggest(str(item), spec.choices)})"))
    return problems


def check_front_matter(page: Page) -> list[Problem]:
    """Validate one page's front matter against its kind."""
    if page.front.error:
        return [Problem(page.path, max(page.front.end_line, 1), page.front.error)]
    data, text = page.meta, page.text[: page.text.find("\n---", 3) + 4]
    kind = data.get("kind")
    fields = COMMON + EXTRA.get(kind, ()) if isinstance(kind, str) else COMMON
    problems = check_fields(data, fields, text, "front matter", page.path)
    if isinstance(data.get("id"), str) and not KEBAB.match(data["id"]):
        problems.append(Problem(page.path, key_line(text, "id"), f"id '{data['id']}' is not kebab-case (use lower-case words joined by hyphens)"))
    if isinstance(data.get("description"), str) and "\n" in data["description"].strip():
        problems.append(Problem(page.path, key_line(text, "description"), "description spans several lines (write one line)"))
    if kind == "framework-step" and isinstance(data.get("step"), int):
        steps = {number: step_id for number, step_id, _ in FRAMEWORK_STEPS}
        if data["step"] not in steps:
            problems.append(Problem(page.path, key_line(text, "step"), f"step {data['step']} does not exist (use 1-7)"))
        elif data.get("id") != steps[data["step"]]:
            problems.append(Problem(page.path, key_line(text, "id"), f"step {data['step']} page must have id '{steps[data['step']]}' (the id is the anchor case studies use)"))
    if kind == "case-study" and isinstance(data.get("facts"), dict):
        facts = data["facts"]
        problems += check_fields(facts, FACTS, text, "facts", page.path, "facts")
        if facts.get("serving") in ("online", "hybrid") and "latency_budget_ms" not in facts:
            problems.append(Problem(page.path, key_line(text, "serving"), "facts of an online or hybrid system need 'latency_budget_ms' (add the end-to-end p99 budget in ms)"))
        problems += _check_llm_facts(facts, text, page.path, track_of(page))
    return problems


def track_of(page: Page) -> str:
    """The page's track: its ``track`` field, ``classic`` when it has none (or an unknown one, reported elsewhere)."""
    return track_in(page.meta)


def track_in(meta: dict) -> str:
    """The track a front-matter mapping declares, ``classic`` by default (see [`track_of`][handbook.schema.track_of])."""
    track = meta.get("track")
    return track if track in TRACKS else "classic"


def _check_llm_facts(facts: dict, text: str, path: str, track: str) -> list[Problem]:
    """A generative case study declares ``facts.llm``; a classic one does not."""
    llm = facts.get("llm")
    if track == "generative" and llm is None:
        return [Problem(path, key_line(text, "facts"), "facts of a generative case study need 'llm' (add llm: with " + ", ".join(f.name for f in LLM_FACTS) + ")")]
    if track != "generative" and llm is not None:
        return [Problem(path, key_line(text, "llm"), "facts field 'llm' belongs to generative case studies (add 'track: generative' or delete llm:)")]
    return check_fields(llm, LLM_FACTS, text, "llm facts", path, "llm") if isinstance(llm, dict) else []


def check_ids(site: Site) -> list[Problem]:
    """Report page ids used by more than one page."""
    problems, first = [], {}
    for page in site.pages:
        if page.id is None:
            continue
        if page.id in first:
            problems.append(Problem(page.path, key_line(page.text, "id"), f"duplicate page id '{page.id}', already used by {first[page.id]} (choose a unique id)"))
        else:
            first[page.id] = page.path
    return problems


def check_references_to_pages(site: Site) -> list[Problem]:
    """Report ``uses:`` entries that are not the id of a cheat sheet."""
    topics = tuple(sorted(p.id for p in site.of_kind("cheat-sheet") if p.id))
    problems = []
    for page in site.case_studies():
        uses = page.meta.get("uses") or []
        if not isinstance(uses, list):
            continue
        for topic in uses:
            if topic not in topics:
                hint = _suggest(str(topic), topics) if topics else "no cheat sheet exists yet; remove it"
                problems.append(Problem(page.path, key_line(page.text, "uses"), f"uses unknown cheat-sheet topic '{topic}' ({hint})"))
    return problems
