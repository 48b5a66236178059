"""Where figures leave blank space in the PDF: the page before a figure that did not fit.

A diagram is printed whole (``break-inside: avoid``), so when it does not fit in
what is left of a page, Chromium moves it to the next one and leaves the rest of
the page blank. This reads the printed PDF: diagram labels are the only text set
in the diagram font (Inter), so a page whose content starts with a diagram is
one whose first Inter text is near the top; the blank at the foot of the page
before it is what the figure cost. Pages that start a chapter (a top-level
bookmark) are skipped: print-site starts every page of the handbook on a new sheet.

Tables, listings and boxes are printed whole too, and leave the same kind of gap;
``--any`` lists every page foot left blank, whatever follows it
([`blank_feet`][pdf_layout.blank_feet]).

Usage::

    python scripts/pdf_layout.py ml-system-design-handbook.pdf         # figures after a gap over a third of a page
    python scripts/pdf_layout.py --any ml-system-design-handbook.pdf   # any block after such a gap
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

#: The PDF's text block on A4 (points): 18-mm bottom and 16-mm top margins (scripts/build_pdf.py).
TEXT_BOTTOM = 18 / 25.4 * 72
TEXT_TOP = 842.88 - 16 / 25.4 * 72
TEXT_HEIGHT = TEXT_TOP - TEXT_BOTTOM
#: A figure "starts" a page when its first label is within this share of the text block from the top.
FIGURE_LEADS = 0.25
DIAGRAM_FONT = "Inter"


@dataclass(frozen=True)
class Gap:
    """Blank space left at the foot of ``page - 1`` because the figure at the top of ``page`` did not fit.

    Attributes:
        page: One-based number of the page the figure was moved to.
        blank: Share of the previous page's text block left blank (0 to 1).
        lead: Height (pt) from the page's first text to the figure's first label: a heading
            that moved with the figure, plus the figure's own top padding.
    """

    page: int
    blank: float
    lead: float = 0.0


def text_rows(pdf: Path) -> dict[int, list[tuple[float, bool]]]:
    """``(y, set in the diagram font)`` for every line of text in each page's text block, by zero-based page.

    ``y`` is the baseline in points from the foot of the page, near enough (poppler gives whole points and the
    box of a line; a baseline sits about a fifth of the box above its foot). One pass of poppler's
    ``pdftohtml -xml`` over the whole file: about 4 s for the 1,400-page book, where pypdf's text extraction of
    only the pages with figures took 150 s.
    """
    import xml.etree.ElementTree as ElementTree

    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", "-zoom", "1", "-q", str(pdf)],
                         capture_output=True, text=True, check=True).stdout
    root = ElementTree.fromstring(xml)
    diagram_fonts = {spec.get("id") for spec in root.iter("fontspec") if DIAGRAM_FONT in spec.get("family", "")}
    rows = {}
    for page in root.iter("page"):
        height = float(page.get("height"))
        found = rows.setdefault(int(page.get("number")) - 1, [])
        for text in page.iter("text"):
            y = height - float(text.get("top")) - 0.8 * float(text.get("height"))
            if "".join(text.itertext()).strip() and TEXT_BOTTOM - 2 <= y <= TEXT_TOP + 2:
                found.append((y, text.get("font") in diagram_fonts))
    return rows


def chapter_starts(reader) -> set[int]:
    """Zero-based pages that a top-level bookmark points to."""
    return {reader.get_destination_page_number(item) for item in reader.outline if not isinstance(item, list)}


def figure_gaps(pdf: Path) -> list[Gap]:
    """Every figure moved to a new page that left more than nothing blank before it, in page order."""
    from pypdf import PdfReader

    return gaps_in(pdf, PdfReader(str(pdf)))


def gaps_in(pdf: Path, reader, pages: set[int] | None = None) -> list[Gap]:
    """[`figure_gaps`][pdf_layout.figure_gaps] of ``pdf``, already opened with pypdf as ``reader`` (for its bookmarks).

    ``pages`` limits the search to those zero-based pages (the ones a figure is known to start).
    """
    starts = chapter_starts(reader)
    text = text_rows(pdf)
    candidates = range(1, len(reader.pages)) if pages is None else sorted(i for i in pages if 0 < i < len(reader.pages))
    gaps = []
    for index in candidates:
        rows = text.get(index, [])
        diagram = [y for y, inter in rows if inter]
        if index in starts or not diagram:
            continue
        if max(y for y, _ in rows) - max(diagram) > FIGURE_LEADS * TEXT_HEIGHT:
            continue
        before = [y for y, _ in text.get(index - 1, [])]
        lowest = min(before) if before else TEXT_TOP
        gaps.append(Gap(index + 1, max(0.0, lowest - TEXT_BOTTOM) / TEXT_HEIGHT, max(y for y, _ in rows) - max(diagram)))
    return gaps


def blank_feet(pdf: Path, reader) -> list[Gap]:
    """Every page whose foot is blank, whatever moved on (a figure, a table, a listing, a box): the pages before
    a chapter's first page, and the last page, end their chapter and are left out. ``reader`` is ``pdf``
    opened with pypdf (for its bookmarks). A page with no text at all counts as wholly blank.
    """
    starts = chapter_starts(reader)
    text = text_rows(pdf)
    feet = []
    for index in range(len(reader.pages) - 1):
        if index + 1 in starts:
            continue
        rows = [y for y, _ in text.get(index, [])]
        feet.append(Gap(index + 2, max(0.0, (min(rows) if rows else TEXT_TOP) - TEXT_BOTTOM) / TEXT_HEIGHT))
    return feet


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: exits 1 when a figure (with ``--any``: anything) leaves more than a third of a page blank."""
    from pypdf import PdfReader

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--limit", type=float, default=1 / 3, help="largest blank share allowed (default 1/3)")
    parser.add_argument("--any", action="store_true", help="every blank page foot, not only those before a figure")
    args = parser.parse_args(argv)
    reader = PdfReader(str(args.pdf))
    gaps = blank_feet(args.pdf, reader) if args.any else gaps_in(args.pdf, reader)
    over = [gap for gap in gaps if gap.blank > args.limit]
    what = "what follows" if args.any else "the figure"
    for gap in over:
        print(f"{args.pdf}: page {gap.page - 1} is {gap.blank:.0%} blank before {what} on page {gap.page}")
    worst = max((gap.blank for gap in gaps), default=0)
    counted = f"{len(gaps)} page feet;" if args.any else f"{len(gaps)} figure(s) start a page;"
    print(f"{counted} {len(over)} leave more than {args.limit:.0%} of the page blank; worst {worst:.0%}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
