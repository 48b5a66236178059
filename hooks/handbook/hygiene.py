"""Page hygiene: headings, images and leftover placeholders."""

from __future__ import annotations

import re

from .markdown import headings, prose_lines
from .pages import Page
from .problems import Problem

PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|XXX)\b")
IMAGE_WITHOUT_ALT = re.compile(r"!\[\s*\]\(")


def check_title_heading(page: Page) -> list[Problem]:
    """The body has no ``#`` heading: Material shows the front-matter title."""
    return [
        Problem(page.path, h.line, f"page body has a level-1 heading '# {h.text}' (delete it; the title comes from front matter)")
        for h in headings(page.text, page.body_start)
        if h.level == 1
    ]


def check_images(page: Page) -> list[Problem]:
    """Every image has alt text."""
    return [
        Problem(page.path, number, "image has no alt text (describe it: ![what the image shows](...))")
        for number, line in prose_lines(page.text, page.body_start)
        if IMAGE_WITHOUT_ALT.search(line)
    ]


def find_placeholders(path: str, text: str, lines=None) -> list[Problem]:
    """Report ``TODO``, ``TBD``, ``FIXME`` and ``XXX`` left in ``text``.

    ``lines`` are the ``(number, line)`` pairs to search; by default every line,
    so front matter and diagram sources are searched too.
    """
    lines = lines if lines is not None else enumerate(text.split("\n"), start=1)
    return [
        Problem(path, number, f"placeholder '{match.group(1)}' left in published content (write the content, then delete the marker)")
        for number, line in lines
        for match in [PLACEHOLDER.search(line)]
        if match
    ]


def check_placeholders(page: Page) -> list[Problem]:
    """Placeholders in the front matter or the prose of a page (code is exempt)."""
    front = list(enumerate(page.text.split("\n"), start=1))[: page.front.end_line]
    return find_placeholders(page.path, page.text, front + list(prose_lines(page.text, page.body_start)))
