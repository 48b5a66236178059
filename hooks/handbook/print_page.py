"""Repairs to the whole-book print page (the PDF is printed from it).

print-site numbers every heading of the print page with CSS counters
(``3.2.1``). Case studies number their seven steps in the heading text as well
(``1. Clarify requirements``), which the site needs and the book doubles
(``3.2.1 1. Clarify requirements``); on the print page that text number goes.
"""

from __future__ import annotations

import re

#: A heading's own text number: ``<h2 id="...">1. Clarify`` (the tag is kept).
HEADING_NUMBER = re.compile(r"(<h[2-6]\b[^>]*>)\s*\d{1,2}\.\s+(?=\S)")


def drop_heading_numbers(html: str) -> str:
    """Remove the ``N.`` that a heading's text starts with, leaving print-site's numbers alone."""
    return HEADING_NUMBER.sub(r"\1", html)
