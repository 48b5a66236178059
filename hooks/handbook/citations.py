"""The bibliography and ``[@key]`` citations.

``data/bibliography.yml`` is the only source of truth: a mapping from citation
key to an entry with ``authors``, ``title``, ``year``, ``venue`` and at least one
of ``url``, ``doi`` or ``arxiv``. Pages cite with ``[@key]`` or ``[@a; @b]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path

import yaml

from .links import relative_link
from .markdown import load_yaml, prose_lines, replace_outside_code
from .pages import Page, Site
from .problems import Problem

CITATION = re.compile(r"\[(@[a-z0-9_:-]+(?:\s*;\s*@[a-z0-9_:-]+)*)\](?!\()", re.IGNORECASE)
KEY = re.compile(r"^[a-z][a-z0-9]*\d{4}[a-z0-9]*$")
REQUIRED = ("authors", "title", "year", "venue")
LOCATORS = ("url", "doi", "arxiv")
OPTIONAL = ("note",)
REFERENCES_PAGE = "reference/references.md"


@dataclass(frozen=True)
class Bibliography:
    """Parsed bibliography.

    Attributes:
        path: File path relative to the repository root.
        entries: Entries by key.
        lines: Line number of each key in the file.
        problems: Problems found while reading it.
    """

    path: str
    entries: dict[str, dict]
    lines: dict[str, int]
    problems: tuple[Problem, ...] = ()


def load_bibliography(root: Path, relative: str = "data/bibliography.yml") -> Bibliography:
    """Read and validate the bibliography file."""
    text = (root / relative).read_text(encoding="utf-8")
    lines = {}
    for number, line in enumerate(text.split("\n"), start=1):
        match = re.match(r"^([^\s#:][^:]*):", line)
        if match:
            lines.setdefault(match.group(1).strip(), number)
    try:
        data = load_yaml(text) or {}
    except yaml.YAMLError as error:
        return Bibliography(relative, {}, lines, (Problem(relative, 1, f"bibliography is not valid YAML ({error.__class__.__name__})"),))
    return Bibliography(relative, data, lines, tuple(validate_entries(relative, data, lines)))


def validate_entries(path: str, data: dict, lines: dict[str, int]) -> list[Problem]:
    """Check every entry has the required fields with sensible values."""
    problems = []
    for key, entry in data.items():
        line = lines.get(key, 1)
        if not KEY.match(str(key)):
            problems.append(Problem(path, line, f"citation key '{key}' is malformed (use <family name><year><title word>, lower case, e.g. covington2016deep)"))
        if not isinstance(entry, dict):
            problems.append(Problem(path, line, f"entry '{key}' is not a mapping (give authors, title, year, venue and a url, doi or arxiv)"))
            continue
        for field in REQUIRED:
            if not entry.get(field):
                problems.append(Problem(path, line, f"entry '{key}' is missing required field '{field}' (add it, verified against the source)"))
        if not any(entry.get(field) for field in LOCATORS):
            problems.append(Problem(path, line, f"entry '{key}' has no url, doi or arxiv (add one so readers can find the source)"))
        for field in entry:
            if field not in REQUIRED + LOCATORS + OPTIONAL:
                problems.append(Problem(path, line, f"entry '{key}' has unknown field '{field}' (allowed: {', '.join(REQUIRED + LOCATORS + OPTIONAL)})"))
        if entry.get("year") and not (isinstance(entry["year"], int) and 1900 < entry["year"] < 2100):
            problems.append(Problem(path, line, f"entry '{key}' has year '{entry['year']}' (write a four-digit year)"))
        if entry.get("authors") is not None and not (isinstance(entry["authors"], list) and all(isinstance(a, str) for a in entry["authors"])):
            problems.append(Problem(path, line, f"entry '{key}' authors must be a list of names (write authors: [First Author, Second Author])"))
    return problems


def citations_in(page: Page) -> list[tuple[int, str]]:
    """Every ``(line, key)`` cited in a page, outside code."""
    found = []
    for number, line in prose_lines(page.text, page.body_start):
        for match in CITATION.finditer(line):
            found += [(number, key.strip().lstrip("@")) for key in match.group(1).split(";")]
    return found


def check_citations(site: Site, bibliography: Bibliography) -> list[Problem]:
    """Unknown keys in pages, and bibliography entries nobody cites."""
    problems, cited = [], set()
    known = list(bibliography.entries)
    for page in site.pages:
        for line, key in citations_in(page):
            cited.add(key)
            if key not in bibliography.entries:
                close = get_close_matches(key, known, n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"add it to {bibliography.path}"
                problems.append(Problem(page.path, line, f"unknown citation key '{key}' ({hint})"))
    for key in bibliography.entries:
        if key not in cited:
            problems.append(Problem(bibliography.path, bibliography.lines.get(key, 1), f"entry '{key}' is never cited (cite it with [@{key}] or delete it)"))
    return problems


def display_name(name: str) -> str:
    """An author as printed: ``{COCO Consortium}`` (an organisation) loses its braces."""
    return name[1:-1] if name.startswith("{") and name.endswith("}") else name


def family_name(name: str) -> str:
    """The name a citation label uses: the last word, or a whole ``{Organisation}``."""
    return display_name(name) if name.startswith("{") else name.split()[-1]


def short_label(entry: dict) -> str:
    """``Covington et al. 2016``, ``Hu and Koren 2008``, ``Rendle 2010`` or ``COCO Consortium 2015``."""
    authors = entry.get("authors") or ["Anonymous"]
    family = [family_name(str(name)) for name in authors]
    if len(family) == 1:
        names = family[0]
    elif len(family) == 2:
        names = f"{family[0]} and {family[1]}"
    else:
        names = f"{family[0]} et al."
    return f"{names} {entry.get('year', '')}".strip()


def render_citations(markdown: str, doc_path: str, entries: dict[str, dict]) -> str:
    """Replace ``[@key]`` with ``(Author Year)`` links to the references page.

    Unknown keys are left as written: the check reports them.
    """

    def link(match: re.Match) -> str:
        keys = [key.strip().lstrip("@") for key in match.group(1).split(";")]
        if any(key not in entries for key in keys):
            return match.group(0)
        parts = [f"[{short_label(entries[key])}]({relative_link(doc_path, REFERENCES_PAGE, key)})" for key in keys]
        return "(" + "; ".join(parts) + ")"

    return replace_outside_code(markdown, CITATION, link)


#: How each locator field becomes a link, in the order the references page lists them: (text, URL) templates.
#: The weekly external-link check visits the same URLs (``scripts/external_links.py``).
LOCATOR_LINKS = {"doi": ("doi:{}", "https://doi.org/{}"), "arxiv": ("arXiv:{}", "https://arxiv.org/abs/{}"), "url": ("{}", "{}")}


def locator_urls(entry: dict) -> list[tuple[str, str]]:
    """``(field, URL)`` for each locator the entry has, in ``LOCATOR_LINKS`` order."""
    return [(field, url.format(entry[field])) for field, (_, url) in LOCATOR_LINKS.items() if entry.get(field)]


def format_entry(key: str, entry: dict) -> str:
    """One bibliography entry as a Markdown paragraph with a stable anchor."""
    authors = [display_name(str(a)) for a in entry.get("authors", [])]
    names = ", ".join(authors[:-1]) + f" and {authors[-1]}" if len(authors) > 1 else "".join(authors)
    locators = [f"[{LOCATOR_LINKS[field][0].format(entry[field])}]({url})" for field, url in locator_urls(entry)]
    return f"**{short_label(entry)}**. {names}. *{entry['title']}*. {entry['venue']}, {entry['year']}. {' · '.join(locators)}\n{{ #{key} }}"


def references_markdown(site: Site, bibliography: Bibliography, doc_path: str) -> str:
    """The generated body of the references page: every entry with its "cited in" links."""
    cited_in: dict[str, list[Page]] = {key: [] for key in bibliography.entries}
    for page in site.pages:
        for _, key in citations_in(page):
            if key in cited_in and page not in cited_in[key]:
                cited_in[key].append(page)
    ordered = sorted(bibliography.entries.items(), key=lambda item: (short_label(item[1]).lower(), item[0]))
    blocks = []
    for key, entry in ordered:
        pages = ", ".join(f"[{p.title}]({relative_link(doc_path, p.doc_path)})" for p in cited_in[key])
        blocks.append(format_entry(key, entry) + (f"\n\nCited in: {pages}." if pages else ""))
    count = f"The handbook cites {len(ordered)} sources."
    return count + "\n\n" + "\n\n".join(blocks) + "\n"
