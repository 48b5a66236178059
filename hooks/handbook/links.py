"""Relative links between pages, as MkDocs expects them in Markdown."""

from __future__ import annotations

import posixpath


def relative_link(from_doc: str, to_doc: str, anchor: str | None = None) -> str:
    """Link from page ``from_doc`` to page ``to_doc`` (both relative to ``docs/``)."""
    target = posixpath.relpath(to_doc, posixpath.dirname(from_doc) or ".")
    return f"{target}#{anchor}" if anchor else target


ATTRIBUTE_SAFE = str.maketrans({'"': "'", "|": "\u2223", "{": "(", "}": ")", "\\": "/"})


def attribute_text(text: str) -> str:
    """Make ``text`` safe as a quoted attribute value inside Markdown, even in a table cell.

    Double quotes become single quotes, ``|`` (a table cell break) becomes
    U+2223, braces become parentheses and backslashes become slashes.
    """
    return " ".join(text.translate(ATTRIBUTE_SAFE).split())
