"""How large a diagram's labels appear to a reader, measured on its SVG snapshot.

A snapshot is drawn at its natural size (``viewBox``) and shown at ``width:
100%`` up to that size, so a diagram wider than the column is scaled down with
its labels. The label size a reader sees is the smallest font size in the SVG
times that scale:

- on the site, in the desktop layout (1440-px window), the content column is
  ``COLUMN_PX`` wide; labels must stay at or above
  ``MIN_LABEL_PX``;
- in the PDF (A4, 14-mm side margins) a figure is scaled to the text width and,
  if taller than ``PRINT_MAX_HEIGHT_PX``,
  to that height (so it is never cut between pages); labels must print at or above
  ``MIN_LABEL_PT``.

A diagram that fails is too large for one figure: split it into views (the whole
system at block level, then each half), or lay a long chain out top-down.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem
from .snapshots import current_snapshot, source_files

#: Width of the content column in the desktop layout (CSS px, measured in Chromium at 1440 px).
COLUMN_PX = 688.0
#: Smallest label a reader should have to read on the site (CSS px).
MIN_LABEL_PX = 12.0
#: Width of the PDF's text block: A4 (210 mm) less two 14-mm margins, in CSS px (96 per inch).
PRINT_WIDTH_PX = 182 / 25.4 * 96
#: Tallest a printed figure may be (220 mm, CSS px): room for its caption on a 263-mm text block.
PRINT_MAX_HEIGHT_PX = 220 / 25.4 * 96
#: Smallest printed label (points; 1 CSS px is 0.75 pt).
MIN_LABEL_PT = 7.0

VIEW_BOX = re.compile(r'<svg\b[^>]*\bviewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"')
ROOT_FONT = re.compile(r"<style>#[\w-]+\{[^}]*?font-size:\s*([\d.]+)px")
TEXT_FONT = re.compile(r'<(?:text|tspan)\b[^>]*?font-size(?:="|:\s*)([\d.]+)')


@dataclass(frozen=True)
class Legibility:
    """The sizes a snapshot's smallest labels are shown at.

    Attributes:
        width: Natural width of the diagram (px).
        height: Natural height of the diagram (px).
        font_px: Smallest font size in the SVG (px).
        site_px: Label size in the desktop content column (CSS px).
        print_pt: Label size in the PDF (pt).
    """

    width: float
    height: float
    font_px: float
    site_px: float
    print_pt: float


def measure(svg: str) -> Legibility | None:
    """Measure a snapshot's SVG; None if it has no ``viewBox`` or font size to measure."""
    box, root = VIEW_BOX.search(svg), ROOT_FONT.search(svg)
    if not box or not root:
        return None
    width, height = float(box.group(1)), float(box.group(2))
    font = min([float(root.group(1))] + [float(size) for size in TEXT_FONT.findall(svg)])
    site_scale = min(1.0, COLUMN_PX / width)
    print_scale = min(1.0, PRINT_WIDTH_PX / width, PRINT_MAX_HEIGHT_PX / height)
    return Legibility(width, height, font, font * site_scale, font * print_scale * 0.75)


def legibility_problems(path: str, svg: str) -> list[Problem]:
    """The legibility rules a snapshot breaks, reported against its ``.mmd`` source."""
    found = measure(svg)
    if found is None:
        return [Problem(path, 1, "snapshot has no viewBox or font size to measure (run make diagrams)")]
    problems = []
    if round(found.site_px, 1) < MIN_LABEL_PX:
        problems.append(Problem(path, 1, f"labels render at {found.site_px:.1f} px at page width "
                                         "(split it into views or lay it out top-down)"))
    if round(found.print_pt, 1) < MIN_LABEL_PT:
        problems.append(Problem(path, 1, f"labels print at {found.print_pt:.1f} pt in the PDF "
                                         "(split it into views, or shorten it: a figure prints at most 220 mm tall)"))
    return problems


def check_legibility(root: Path) -> list[Problem]:
    """Every current snapshot under ``root/diagrams`` measured against the two limits."""
    problems = []
    for source_file in source_files(root):
        svg = current_snapshot(source_file)
        if svg is not None:
            problems += legibility_problems(source_file.relative_to(root).as_posix(), svg)
    return problems
