"""The corrections log: what changed on which page, and the readers' corrections page.

``data/corrections.yml`` is a list of entries, newest last, each with:

- ``date``: the day the change landed (``2026-12-04``), not in the future;
- ``page``: the page, as a path under ``docs/``;
- ``section``: the ``{ #id }`` of the heading the change is under;
- ``kind``: ``correction`` (the page was wrong), ``update`` (deepened or brought
  up to date) or ``kept`` (a reviewer's point answered, the page unchanged);
- ``text``: one sentence for a reader: what it said and what it says now;
- ``review`` (optional): the review item it answers, for contributors.

The page with ``generate: corrections`` in its front matter lists the entries,
newest day first, grouped by page, each linked to its section.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from pathlib import Path

from .links import relative_link
from .markdown import headings, yaml_entries
from .pages import Site
from .problems import Problem

CORRECTIONS_FILE = "data/corrections.yml"
REQUIRED = ("date", "page", "section", "kind", "text")
FIELDS = (*REQUIRED, "review")
#: Entry kinds, in the order the page explains them, with the label it shows.
KINDS = {"correction": "Corrected", "update": "Updated", "kept": "Checked and kept"}
MAX_TEXT = 320


@dataclass(frozen=True)
class Correction:
    """One entry of the corrections log.

    Attributes:
        date: The day the change landed.
        page: The page, as a path under ``docs/``.
        section: The ``{ #id }`` of the heading the change is under.
        kind: ``correction``, ``update`` or ``kept``.
        text: One sentence on what it said and what it says now.
        review: The review item it answers, if any.
        line: Line of the entry in the log.
    """

    date: datetime.date
    page: str
    section: str
    kind: str
    text: str
    review: str | None
    line: int


@dataclass(frozen=True)
class Corrections:
    """The parsed log.

    Attributes:
        path: File path relative to the repository root.
        entries: Valid entries, in file order.
        problems: Problems found in the file itself (fields, dates, kinds).
    """

    path: str
    entries: tuple[Correction, ...]
    problems: tuple[Problem, ...] = ()


def load_corrections(root: Path, relative: str = CORRECTIONS_FILE, today: datetime.date | None = None) -> Corrections:
    """Read and validate the log; a missing file is an empty log."""
    file = root / relative
    if not file.is_file():
        return Corrections(relative, ())
    entries_read, unreadable = yaml_entries(file.read_text(encoding="utf-8"), relative, "corrections log", "date")
    if unreadable:
        return Corrections(relative, (), (unreadable,))
    today = today or datetime.date.today()
    entries, problems = [], []
    for line, raw in entries_read:
        found = _entry_problems(raw, today)
        problems += [Problem(relative, line, message) for message in found]
        if not found:
            entries.append(Correction(raw["date"], raw["page"], raw["section"], raw["kind"], " ".join(str(raw["text"]).split()), raw.get("review"), line))
    return Corrections(relative, tuple(entries), tuple(problems))


def _entry_problems(raw, today: datetime.date) -> list[str]:
    """What is wrong with one raw entry, as messages."""
    if not isinstance(raw, dict):
        return ["corrections entry is not a mapping (write 'date:', 'page:', 'section:', 'kind:', 'text:')"]
    missing = [name for name in REQUIRED if not raw.get(name)]
    if missing:
        return [f"corrections entry lacks {', '.join(missing)} (every entry needs {', '.join(REQUIRED)})"]
    messages = [f"corrections entry has unknown field '{name}' (allowed: {', '.join(FIELDS)})" for name in raw if name not in FIELDS]
    date = raw["date"]
    if not isinstance(date, datetime.date):
        messages.append(f"corrections date '{date}' is not a date (write it as YYYY-MM-DD)")
    elif date > today:
        messages.append(f"corrections date {date} is in the future (write the day the change landed)")
    if raw["kind"] not in KINDS:
        messages.append(f"corrections kind '{raw['kind']}' is unknown (use one of: {', '.join(KINDS)})")
    text = " ".join(str(raw["text"]).split())
    if len(text) > MAX_TEXT:
        messages.append(f"corrections text is {len(text)} characters (keep it to one sentence of at most {MAX_TEXT})")
    return messages


def check_corrections(site: Site, corrections: Corrections) -> list[Problem]:
    """Report entries whose page or section does not exist."""
    pages = {page.doc_path: page for page in site.pages}
    problems = []
    for entry in corrections.entries:
        page = pages.get(entry.page)
        if page is None:
            problems.append(Problem(corrections.path, entry.line, f"corrections entry names missing page '{entry.page}' (give a path under docs/)"))
        elif entry.section not in _section_titles(page.text):
            problems.append(Problem(corrections.path, entry.line, f"corrections entry names section '#{entry.section}', which {entry.page} does not have (use the {{ #id }} of one of its headings)"))
    return problems


@functools.lru_cache(maxsize=256)
def _section_titles(text: str) -> dict[str, str]:
    """Each explicit heading id of a page to the heading's text (once per page text: ~600 entries ask)."""
    return {heading.anchor: heading.text for heading in headings(text) if heading.anchor}


def corrections_markdown(site: Site, corrections: Corrections, doc_path: str) -> str:
    """The generated body of the corrections page: newest day first, then by page (in path order)."""
    if not corrections.entries:
        return "No corrections yet.\n"
    order = {page.doc_path: index for index, page in enumerate(site.pages)}
    pages = {page.doc_path: page for page in site.pages}
    counts = {kind: sum(entry.kind == kind for entry in corrections.entries) for kind in KINDS}
    summary = ", ".join(f"{count} {label.lower()}" for kind, label in KINDS.items() if (count := counts[kind]))
    blocks = [f"{len(corrections.entries)} entries on {len({e.page for e in corrections.entries})} pages: {summary}."]
    for date in sorted({entry.date for entry in corrections.entries}, reverse=True):
        blocks.append(f"## {date:%-d %B %Y} {{ #changes-{date.isoformat()} }}")
        on_date = [entry for entry in corrections.entries if entry.date == date]
        for page_path in sorted({entry.page for entry in on_date}, key=lambda path: order.get(path, len(order))):
            page = pages.get(page_path)
            titles = _section_titles(page.text) if page else {}
            blocks.append(f"### {page.title if page else page_path} {{ #changes-{date.isoformat()}-{page_path.removesuffix('.md').replace('/', '-')} }}")
            items = []
            for kind in KINDS:
                for entry in (e for e in on_date if e.page == page_path and e.kind == kind):
                    link = relative_link(doc_path, entry.page, entry.section)
                    items.append(f"- **{KINDS[kind]}** in [{titles.get(entry.section, entry.section)}]({link}): {entry.text}")
            blocks.append("\n".join(items))
    return "\n\n".join(blocks) + "\n"
