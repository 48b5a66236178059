"""Reading one section of a page and the pipe tables in it, with line numbers for problems."""

from __future__ import annotations

from .markdown import headings
from .pages import Page
from .sections import TABLE_DIVIDER


def section_lines(page: Page, anchor: str) -> list[tuple[int, str]]:
    """``(line number, line)`` of the section headed ``{ #anchor }``, up to the next heading of its level or
    above; empty when the page has no such heading."""
    found = headings(page.text, page.body_start)
    start = next((h for h in found if h.anchor == anchor), None)
    if start is None:
        return []
    end = next((h.line for h in found if h.line > start.line and h.level <= start.level), None)
    lines = page.text.split("\n")
    stop = end - 1 if end else len(lines)
    return [(number, lines[number - 1]) for number in range(start.line + 1, stop + 1)]


def table_rows(lines: list[tuple[int, str]]) -> list[tuple[int, list[str]]]:
    """The body rows of the first pipe table in ``lines``: ``(line number, cells)``, header and divider left out."""
    rows: list[tuple[int, list[str]]] = []
    in_table = False
    for number, line in lines:
        if TABLE_DIVIDER.match(line):
            in_table = True
            continue
        if in_table and line.strip().startswith("|"):
            rows.append((number, [cell.strip() for cell in line.strip().strip("|").split("|")]))
        elif in_table:
            break
    return rows
