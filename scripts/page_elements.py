"""Count a built page's elements, and how many are typeset maths and diagram shadow roots.

``make quality`` puts these beside Lighthouse's numbers for pages below the target score: a long page's
blocking time is mostly style and layout, which grow with the number of elements, and on the largest
pages KaTeX's output and the diagrams' SVGs are most of them.
"""

from __future__ import annotations

from html.parser import HTMLParser


class ElementCounter(HTMLParser):
    """Counts start tags in the whole page, inside KaTeX's output and inside declarative shadow roots.

    A formula is everything inside ``<span class="katex">`` (its MathML and its HTML), followed by counting
    span tags, which KaTeX always closes; a diagram is everything inside ``<template shadowrootmode>``.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.total = self.maths = self.diagrams = 0
        self.maths_depth = 0
        self.in_shadow_root = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "template" and "shadowrootmode" in attributes:
            self.in_shadow_root = True
            return  # the template becomes the shadow root, not an element
        if tag == "span" and (self.maths_depth or "katex" in (attributes.get("class") or "").split()):
            self.maths_depth += 1
        self._count()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._count()

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self.maths_depth:
            self.maths_depth -= 1
        elif tag == "template":
            self.in_shadow_root = False

    def _count(self) -> None:
        self.total += 1
        if self.maths_depth:
            self.maths += 1
        elif self.in_shadow_root:
            self.diagrams += 1


def element_counts(html: str) -> dict[str, int]:
    """``{"total", "maths", "diagrams"}``: elements in ``html``, in KaTeX's formulas, in shadow-root diagrams."""
    counter = ElementCounter()
    counter.feed(html)
    counter.close()
    return {"total": counter.total, "maths": counter.maths, "diagrams": counter.diagrams}
