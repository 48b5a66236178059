"""Every character of a diagram label exists in the diagram font.

Diagram labels are drawn in one font that the site serves (Inter, cut down by
``make vendor`` to the ranges in ``scripts/vendor_assets.py``). A character the
font lacks would be drawn from whatever font the reader's machine has, in
another width, and the label would no longer fit the box Mermaid sized for it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .problems import Problem

#: The diagram font, relative to the repository root.
DIAGRAM_FONT = "docs/assets/vendor/inter-ui/Inter-Regular.woff2"
#: Lines that Mermaid does not draw as label text.
UNDRAWN = ("accTitle", "accDescr", "%%")


@lru_cache(maxsize=4)
def font_characters(font: Path) -> frozenset[int]:
    """The code points the font at ``font`` has a glyph for."""
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(str(font)).getBestCmap())


def missing_characters(path: str, text: str, characters: frozenset[int]) -> list[Problem]:
    """One problem per line of ``text`` that uses a character outside ``characters``."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip().startswith(UNDRAWN):
            continue
        lacking = sorted({c for c in line if ord(c) > 0x7E and ord(c) not in characters})
        if lacking:
            shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in lacking)
            problems.append(Problem(path, number, f"label uses {shown}, which the diagram font lacks "
                                                  "(write it another way, or add its range to FONT_SUBSETS "
                                                  "in scripts/vendor_assets.py and run make vendor)"))
    return problems
