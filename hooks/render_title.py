"""MkDocs hook: the front-matter ``title`` becomes the page's level-1 heading.

Writers never type a ``#`` heading (the check forbids it); adding it here keeps
one source for the title while the theme, the print page and the PDF
bookmarks all see a real ``<h1>`` at the top of the content.
"""

from __future__ import annotations


def on_page_markdown(markdown, page, config, files):
    """Prepend ``# Title`` to the page's Markdown.

    The front-matter title wins over the shorter label the page may have in ``nav``.
    """
    return f"# {page.meta.get('title') or page.title}\n\n{markdown}"
