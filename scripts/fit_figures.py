"""Fit each PDF figure into the page before it when it would leave that page mostly blank.

Chromium prints a diagram whole, so a figure taller than what is left of a page
moves to the next page and leaves the foot of this one blank. ``build_pdf``
prints the book, then reads from the PDF where each figure landed (every figure
has an id that the list of figures links to, so each is a named destination
with a page and a top) and where pages were left blank
([`pdf_layout.figure_gaps`][pdf_layout.figure_gaps]). A figure that left more
than ``BLANK_LIMIT`` of the page before it blank is, in that order of preference:

1. shrunk into the room that was left, if its labels still print at
   `MIN_LABEL_PT` ([`handbook.legibility`][handbook.legibility]) or more at that height;
2. floated, as books do: moved after the paragraphs that follow it in its
   section, enough of them to fill the blank, so it heads the next page (never
   right after a heading or a paragraph ending in a colon; its own lead-in
   then names it by number);
3. raised, when nothing follows it in its chapter to float past: moved before
   the blocks that sat wholly on the page before, so it heads that page and the
   text that led to it follows (below a heading, never above one).

Then the book is printed again; a few rounds settle it.
"""

from __future__ import annotations

from dataclasses import dataclass

from handbook.legibility import MIN_LABEL_PT, measure
from pdf_layout import FIGURE_LEADS, TEXT_HEIGHT, TEXT_TOP, Gap

#: Largest share of a page a figure may leave blank before it.
BLANK_LIMIT = 1 / 3
#: Room kept free around a fitted figure for its margins and the last line's descenders (pt).
FIT_MARGIN_PT = 24.0
#: A figure capped in an earlier round that still did not fit is capped this much smaller.
SHRINK_STEP = 0.94
#: Element ids of the figures on the print page: ``figure-1``, ``figure-2``...
FIGURE_ID_PREFIX = "figure-"


@dataclass(frozen=True)
class Placement:
    """Where a figure landed in the PDF.

    Attributes:
        page: Zero-based page index.
        top: Its top edge, in PDF points from the bottom of the page.
    """

    page: int
    top: float


@dataclass(frozen=True)
class Fit:
    """A figure that left the page before it blank, and what can be done about it.

    Attributes:
        figure: The figure's element id.
        gap: The blank it left.
        room_pt: Height that was free for it on the page before (pt).
        legible_pt: Smallest height at which its labels still print at the minimum size (pt).
    """

    figure: str
    gap: Gap
    room_pt: float
    legible_pt: float

    def cap(self, earlier: float | None) -> float | None:
        """The height cap (pt) that shrinks it into the room, or None if its labels would get too small."""
        cap = self.room_pt if earlier is None else min(self.room_pt, earlier * SHRINK_STEP)
        return cap if cap >= self.legible_pt else None

    @property
    def above_px(self) -> float:
        """Height of what sat on the page before it (CSS px): what raising it to that page's top puts after it."""
        return (1 - self.gap.blank) * TEXT_HEIGHT / 0.75

    @property
    def fill_pt(self) -> float:
        """How much of the content after it must move up to bring the blank within the limit (pt)."""
        return (self.gap.blank - BLANK_LIMIT) * TEXT_HEIGHT + FIT_MARGIN_PT


def figure_placements(reader) -> dict[str, Placement]:
    """Each figure's page and top, from the PDF's named destinations."""
    placements = {}
    for name, destination in reader.named_destinations.items():
        if name.lstrip("/").startswith(FIGURE_ID_PREFIX):
            placements[name.lstrip("/")] = Placement(reader.get_destination_page_number(destination), float(destination.top))
    return placements


def legible_height_pt(svg: str) -> float:
    """The smallest printed height (pt) at which a snapshot's smallest label still prints at the minimum."""
    found = measure(svg)
    if found is None:
        return float("inf")
    return found.height * MIN_LABEL_PT / found.font_px


def leading_figure(placements: dict[str, Placement], page: int) -> str | None:
    """The figure that starts zero-based ``page`` (its top within the first part of the text block), if any."""
    near_top = [(p.top, name) for name, p in placements.items() if p.page == page and TEXT_TOP - p.top <= FIGURE_LEADS * TEXT_HEIGHT]
    return max(near_top)[1] if near_top else None


def fits_for(gaps: list[Gap], placements: dict[str, Placement], measure_figure) -> list[Fit]:
    """The figures behind every gap over ``BLANK_LIMIT``.

    ``measure_figure(id)`` returns a figure's SVG markup and the height (pt) of
    what prints with it besides the drawing (its caption). The room for the
    drawing is the blank left on the page before, less what moved over with the
    figure (a heading kept with it, measured to the figure's first label), the
    caption and ``FIT_MARGIN_PT``.
    """
    fits = []
    for gap in gaps:
        if gap.blank <= BLANK_LIMIT:
            continue
        figure = leading_figure(placements, gap.page - 1)
        if figure is None:
            continue
        svg, caption_pt = measure_figure(figure)
        room = gap.blank * TEXT_HEIGHT - gap.lead - caption_pt - FIT_MARGIN_PT
        fits.append(Fit(figure, gap, room, legible_height_pt(svg)))
    return fits
