"""Required sections per page kind, read from the ``{ #anchor }`` of ``##`` headings."""

from __future__ import annotations

import re

from .markdown import headings, prose_lines
from .pages import FRAMEWORK_STEPS, Page
from .problems import Problem

#: The ``##`` sections of a case study, in order: ``(anchor, heading to write)``.
CASE_STUDY_SECTIONS: tuple[tuple[str, str], ...] = tuple(
    (step_id, f"{number}. {title}") for number, step_id, title in FRAMEWORK_STEPS
) + (
    ("follow-up-questions", "Follow-up questions"),
    ("other-talking-points", "Other talking points"),
    ("references", "References"),
)
TABLE_DIVIDER = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$")


def _heading_markup(anchor: str, title: str) -> str:
    return f"## {title} {{ #{anchor} }}"


def check_case_study_sections(page: Page) -> list[Problem]:
    """A case study has exactly the required ``##`` sections, in order."""
    found = [h for h in headings(page.text, page.body_start) if h.level == 2]
    expected = [anchor for anchor, _ in CASE_STUDY_SECTIONS]
    titles = dict(CASE_STUDY_SECTIONS)
    problems = []
    position = 0
    for heading in found:
        if heading.anchor not in titles:
            problems.append(Problem(page.path, heading.line, f"unexpected section '## {heading.text}' in a case study (make it a ### inside one of the required sections, or give it one of the required anchors)"))
            continue
        index = expected.index(heading.anchor)
        if index < position:
            problems.append(Problem(page.path, heading.line, f"section '#{heading.anchor}' is out of order (required order: {', '.join(expected)})"))
            continue
        position = index + 1
    present = {h.anchor for h in found}
    last_line = found[-1].line if found else page.body_start
    for index, anchor in enumerate(expected):
        if anchor not in present:
            after = f"after #{expected[index - 1]}" if index else "as the first section"
            line = next((h.line for h in found if h.anchor in expected[index + 1 :]), last_line)
            problems.append(Problem(page.path, line, f"missing section '{_heading_markup(anchor, titles[anchor])}' (add it {after})"))
    return problems


def check_cheat_sheet_sections(page: Page) -> list[Problem]:
    """A cheat sheet has at least one decision table and a ``#sources`` section."""
    problems = []
    lines = list(prose_lines(page.text, page.body_start))
    if not any(TABLE_DIVIDER.match(line) for _, line in lines):
        problems.append(Problem(page.path, page.body_start, "cheat sheet has no decision table (add a Markdown table: option | choose it when | cost | how it fails)"))
    if not any(h.level == 2 and h.anchor == "sources" for h in headings(page.text, page.body_start)):
        problems.append(Problem(page.path, page.body_start, "cheat sheet has no sources section (add '## Sources { #sources }' with its citations)"))
    return problems


def check_sections(page: Page) -> list[Problem]:
    """Dispatch the section rules of the page's kind."""
    if page.kind == "case-study":
        return check_case_study_sections(page)
    if page.kind == "cheat-sheet":
        return check_cheat_sheet_sections(page)
    return []
