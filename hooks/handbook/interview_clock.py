"""The 45-minute interview clock, read from the interview playbook's two tables.

The timed mock shows the playbook's own minute marks: the blocks of its timeline (``#timeline``, the
"Minutes (45)" column) and the phases of its condensed view (``#four-phases``). Nothing is copied, so
editing the playbook moves the mock's boundaries with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .md_tables import section_lines, table_rows
from .pages import Site
from .problems import Problem

PLAYBOOK = "interview-playbook"
TIMELINE = "timeline"
FOUR_PHASES = "four-phases"
MINUTES = re.compile(r"^(\d+)-(\d+)$")


@dataclass(frozen=True)
class Block:
    """One row of the timeline: minutes ``start``-``end`` of 45, the steps, what to cover, when it is done."""

    start: int
    end: int
    steps: str
    cover: str
    done_when: str


@dataclass(frozen=True)
class Phase:
    """One row of the four-phase view: its name, steps, minutes ``start``-``end`` of 45 and what it leaves."""

    name: str
    steps: str
    start: int
    end: int
    leaves: str


@dataclass(frozen=True)
class Clock:
    """The playbook's clock: its blocks and phases in order, and where they were read from."""

    blocks: tuple[Block, ...]
    phases: tuple[Phase, ...]
    source: str

    @property
    def length(self) -> int:
        """Minutes in the interview: the end of the last block."""
        return self.blocks[-1].end

    def step_start(self, step: int) -> int:
        """The minute the first block covering framework step ``step`` starts (the wrap-up block if none does)."""
        for block in self.blocks:
            if str(step) in re.findall(r"\d+", block.steps):
                return block.start
        return self.blocks[-1].start


def _minutes(cell: str, path: str, line: int) -> tuple[int, int] | Problem:
    match = MINUTES.match(cell)
    if not match:
        return Problem(path, line, f"minutes '{cell}' are not 'start-end' (write the 45-minute column as e.g. 3-7)")
    return int(match[1]), int(match[2])


def _contiguous(spans: list[tuple[int, int, int]], path: str, what: str) -> list[Problem]:
    """Each row must start where the one before it ended, from minute 0."""
    problems, expected = [], 0
    for line, start, end in spans:
        if start != expected or end <= start:
            problems.append(Problem(path, line, f"{what} {start}-{end} does not follow minute {expected} "
                                    f"(the rows must run from 0 without gaps or overlaps)"))
        expected = end
    return problems


def read_clock(site: Site) -> tuple[Clock | None, list[Problem]]:
    """The clock from the page with id ``interview-playbook``, or ``None`` and what stops reading it."""
    page = site.by_id.get(PLAYBOOK)
    if page is None:
        return None, []
    problems: list[Problem] = []
    spans: dict[str, list[tuple[int, int, int]]] = {"block": [], "phase": []}

    def timed_rows(heading: str, kind: str, width: int, column: int, shape: str):
        """``(cells, minutes)`` of each well-formed row of the table under ``heading``; the others are problems."""
        for line, cells in table_rows(section_lines(page, heading)):
            minutes = _minutes(cells[column], page.path, line) if len(cells) >= width else Problem(page.path, line, shape)
            if isinstance(minutes, Problem):
                problems.append(minutes)
                continue
            spans[kind].append((line, *minutes))
            yield cells, minutes

    blocks = [Block(*minutes, steps=cells[2], cover=cells[3], done_when=cells[5]) for cells, minutes in timed_rows(
        TIMELINE, "block", 6, 0, "timeline row needs six cells (minutes 45, minutes 60, step, cover, board, done when)")]
    phases = [Phase(cells[0], cells[1], *minutes, leaves=cells[4]) for cells, minutes in timed_rows(
        FOUR_PHASES, "phase", 5, 2, "phase row needs five cells (phase, steps, minutes 45, minutes 60, leaves)")]
    if not blocks or not phases:
        missing = TIMELINE if not blocks else FOUR_PHASES
        return None, problems + [Problem(page.path, 1, f"no table under {{ #{missing} }} (the timed mock reads its "
                                                       "minute marks from it)")]
    problems += _contiguous(spans["block"], page.path, "timeline block") + _contiguous(spans["phase"], page.path, "phase")
    if blocks[-1].end != phases[-1].end:
        problems.append(Problem(page.path, spans["phase"][-1][0], f"the phases end at minute {phases[-1].end}, the "
                                f"timeline at {blocks[-1].end} (make both tables end at the same minute)"))
    if problems:
        return None, problems
    return Clock(tuple(blocks), tuple(phases), page.doc_path), []
