"""The study plan's self-grading rubric, read from its table and the sentences around it.

The interactive rubric form is built from this, so its steps, points, total and advice are the static
rubric's own: ``Score each step 0, 1 or 2``, one table row per step, and ``Total out of 14: 11 or more
is ...; 8-10, ...; below 8, ...``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .md_tables import section_lines, table_rows
from .pages import Site
from .problems import Problem

RUBRIC_PAGE = "study-plan"
RUBRIC_SECTION = "self-grading"
POINTS = re.compile(r"Score each step ((?:\d+, )*\d+ or \d+)")
TOTAL = re.compile(r"Total out of (\d+): (\d+) or more is ([^;]+); (\d+)-(\d+), ([^;]+); below (\d+), ([^.]+)\.")
STEP = re.compile(r"^(\d+) (.+)$")


@dataclass(frozen=True)
class RubricStep:
    """One framework step of the rubric: what earns full points (``strong``) and what earns 1 (``typical``)."""

    number: int
    name: str
    strong: str
    typical: str


@dataclass(frozen=True)
class Rubric:
    """The rubric: the points a step may score, its steps, the total and the advice per score band.

    Attributes:
        points: Allowed scores per step, ascending (``(0, 1, 2)``).
        steps: One entry per table row.
        total: The maximum total the text states.
        bands: ``(lowest total, advice)``, highest band first; the last starts at 0.
        source: ``path#anchor`` of the static rubric, from ``docs/``.
    """

    points: tuple[int, ...]
    steps: tuple[RubricStep, ...]
    total: int
    bands: tuple[tuple[int, str], ...]
    source: str


def read_rubric(site: Site) -> tuple[Rubric | None, list[Problem]]:
    """The rubric of the page with id ``study-plan``, or ``None`` and what stops reading it."""
    page = site.by_id.get(RUBRIC_PAGE)
    if page is None:
        return None, []
    lines = section_lines(page, RUBRIC_SECTION)
    heading = lines[0][0] - 1 if lines else 1
    total_line = next((number for number, line in lines if "Total out of" in line), heading)
    prose = " ".join(line.strip() for _, line in lines if not line.lstrip().startswith("|"))
    points_match, total_match = POINTS.search(prose), TOTAL.search(prose)
    problems = []
    if not points_match:
        problems.append(Problem(page.path, heading, "rubric: no 'Score each step 0, 1 or 2' sentence (the form takes "
                                "its points from it)"))
    if not total_match:
        problems.append(Problem(page.path, heading, "rubric: no 'Total out of N: A or more is ...; B-C, ...; below B, "
                                "...' sentence (the form takes its score bands from it)"))
    steps = []
    for line, cells in table_rows(lines):
        step = STEP.match(cells[0]) if len(cells) == 3 else None
        if not step:
            problems.append(Problem(page.path, line, "rubric row is not '| <number> <step> | 2 points | 1 point |'"))
            continue
        steps.append(RubricStep(int(step[1]), step[2], cells[1], cells[2]))
    if problems:
        return None, problems
    points = tuple(sorted(int(p) for p in re.findall(r"\d+", points_match[1])))
    total, ready, low, high, below = (int(total_match[i]) for i in (1, 2, 4, 5, 7))
    if total != len(steps) * points[-1]:
        problems.append(Problem(page.path, total_line, f"rubric: 'Total out of {total}' but {len(steps)} steps of at most "
                                f"{points[-1]} make {len(steps) * points[-1]} (correct the total)"))
    if not (below == low and high == ready - 1):
        problems.append(Problem(page.path, total_line, f"rubric bands {ready}+, {low}-{high}, below {below} leave a gap or "
                                "overlap (make them meet)"))
    if problems:
        return None, problems
    bands = ((ready, total_match[3].strip()), (low, total_match[6].strip()), (0, total_match[8].strip()))
    return Rubric(points, tuple(steps), total, bands, f"{page.doc_path}#{RUBRIC_SECTION}"), []
