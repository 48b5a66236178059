"""Cross-links that readers see and nobody maintains by hand.

- Framework step pages get "Applied in the case studies": a link to the
  matching section of every case study.
- Cheat sheets get "Used in the case studies": every case study whose ``uses``
  lists the cheat sheet.
- Case studies get an "At a glance" box from their ``facts`` and ``uses``.
- The page with ``generate: case-study-matrix`` gets the comparison matrix,
  one table per track (classic ML, generative AI).
"""

from __future__ import annotations

from .links import relative_link
from .pages import FRAMEWORK_STEPS, Page, Site
from .schema import TRACK_TITLES, TRACKS, track_of
#: The page that walks the seven steps for a generative system, by id.
LLM_FRAMEWORK_ID = "llm-systems"

FACT_LABELS = (
    ("setting", "Product setting"), ("task", "ML task"), ("input", "Input"), ("output", "Output"),
    ("modalities", "Modalities"), ("label_source", "Labels"), ("offline_metrics", "Offline metrics"),
    ("online_metrics", "Online metrics"), ("serving", "Serving"), ("latency_budget_ms", "Latency budget"),
    ("scale", "Scale"),
)
LLM_FACT_LABELS = (
    ("model", "Model"), ("context_tokens", "Context used"), ("tokens_per_request", "Tokens per request"),
    ("ttft_ms", "Time to first token"), ("output_tokens_per_s", "Output speed"), ("cost_per_request", "Serving cost per request"),
)


def fact_text(name: str, value) -> str:
    """A fact as table-cell text: lists joined, budgets with units, scale as pairs."""
    if value is None:
        return "n/a"
    if name == "latency_budget_ms":
        return f"{value:,} ms p99"
    if name == "ttft_ms":
        return f"{value:,} ms p95"
    if name == "context_tokens":
        return f"{value:,} tokens"
    if name == "output_tokens_per_s":
        return f"{value} tokens/s per stream"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{str(k).replace('_', ' ')}: {v}" for k, v in value.items())
    return str(value).replace("|", "/")


def applied_in_markdown(site: Site, step_page: Page) -> str:
    """Section listing where each case study applies this framework step, by track.

    When the framework page for LLM systems exists, the section first links its
    part for this step.
    """
    studies = site.case_studies()
    lines = ["## Applied in the case studies { #applied-in }", ""]
    llm_page = site.by_id.get(LLM_FRAMEWORK_ID)
    if llm_page is not None:
        link = relative_link(step_page.doc_path, llm_page.doc_path, step_page.id)
        lines += [f"For a generative system, see [{llm_page.title}: what changes at this step]({link}).", ""]
    if not studies:
        lines.append("No case study has been published yet.")
    groups = studies_by_track(studies)
    for track, group in groups:
        if len(groups) > 1:
            lines += [f"**{TRACK_TITLES[track]}**", ""]
        for study in group:
            link = relative_link(step_page.doc_path, study.doc_path, step_page.id)
            lines.append(f"- [{study.title}]({link}): {study.meta.get('description', '')}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def studies_by_track(studies: list[Page]) -> list[tuple[str, list[Page]]]:
    """The case studies grouped by track, in track order, leaving out empty tracks."""
    return [(track, group) for track in TRACKS if (group := [s for s in studies if track_of(s) == track])]


def used_in_markdown(site: Site, sheet: Page) -> str:
    """Section listing the case studies whose ``uses`` names this cheat sheet."""
    studies = [s for s in site.case_studies() if sheet.id in (s.meta.get("uses") or [])]
    lines = ["## Used in the case studies { #used-in }", ""]
    if not studies:
        lines.append("No case study uses this topic yet.")
    for study in studies:
        lines.append(f"- [{study.title}]({relative_link(sheet.doc_path, study.doc_path)}): {study.meta.get('description', '')}")
    return "\n".join(lines) + "\n"


def at_a_glance_markdown(site: Site, study: Page) -> str:
    """Collapsible summary box for the top of a case study.

    The facts are a definition list, not a table: Material moves every table
    into a scroll wrapper after the page loads, which would repaint the first
    screen late (a slow largest contentful paint on phones).
    """
    facts = study.meta.get("facts") or {}
    llm = facts.get("llm") if isinstance(facts.get("llm"), dict) else {}
    rows = [f"    {label}\n    :   {fact_text(name, facts.get(name))}\n" for name, label in FACT_LABELS if name in facts]
    rows += [f"    {label}\n    :   {fact_text(name, llm.get(name))}\n" for name, label in LLM_FACT_LABELS if name in llm]
    topics = [site.by_id[t] for t in (study.meta.get("uses") or []) if t in site.by_id]
    steps = " · ".join(
        f"[{number}. {title}]({relative_link(study.doc_path, site.by_id[step_id].doc_path)})" if step_id in site.by_id else f"{number}. {title}"
        for number, step_id, title in FRAMEWORK_STEPS
    )
    toggle = '<div class="practice-toggle" data-practice-toggle></div>'
    box = [toggle, "", '???+ abstract "At a glance"', "", *rows]
    if topics:
        box.append("    Cheat sheets used: " + ", ".join(f"[{t.title}]({relative_link(study.doc_path, t.doc_path)})" for t in topics) + ".")
        box.append("")
    box.append(f"    Framework steps: {steps}.")
    return "\n".join(box) + "\n"


def matrix_markdown(site: Site, page: Page) -> str:
    """Comparison matrix of every case study, one table per track, one row per study.

    The generative table swaps input, output, labels and scale for the facts that
    size an LLM system: the model, tokens per request, time to first token, the
    whole answer's latency and cost per request (the page's box keeps the rest).
    """
    columns = [("task", "Task"), ("input", "Input"), ("output", "Output"), ("label_source", "Labels"),
               ("offline_metrics", "Offline metrics"), ("online_metrics", "Online metrics"),
               ("serving", "Serving"), ("latency_budget_ms", "Latency"), ("scale", "Scale")]
    generative = [("task", "Task"), ("model", "Model"),
                  ("tokens_per_request", "Tokens per request"), ("ttft_ms", "First token"),
                  ("latency_budget_ms", "Whole answer"), ("cost_per_request", "Cost per request"),
                  ("offline_metrics", "Offline metrics"), ("online_metrics", "Online metrics")]
    groups = studies_by_track(site.case_studies())
    if not groups:
        return "No case study has been published yet.\n"
    out = []
    for track, studies in groups:
        cols = generative if track == "generative" else columns
        if len(groups) > 1:
            out += [f"### {TRACK_TITLES[track]} {{ #matrix-{track} }}", ""]
        out.append("| Case study | " + " | ".join(label for _, label in cols) + " |")
        out.append("| --- " * (len(cols) + 1) + "|")
        for s in studies:
            facts = {**(s.meta.get("facts") or {}), **((s.meta.get("facts") or {}).get("llm") or {})}
            out.append(f"| [{s.title}]({relative_link(page.doc_path, s.doc_path)}) | "
                       + " | ".join(fact_text(name, facts.get(name)) for name, _ in cols) + " |")
        out.append("")
    return "\n".join(out)
