"""MkDocs hook: case studies and cheat sheets carry their tags ([`handbook.tags`][handbook.tags]).

Runs before Material's tags plugin reads ``page.meta["tags"]`` (it collects them
late, at priority -50), which then shows them above the title and lists every
tagged page on the tags index.
"""

from __future__ import annotations

from handbook.tags import page_tags


def on_page_markdown(markdown, page, config, files):
    """Replace the page's ``tags`` by the full list: its own plus those its facts and track imply."""
    tags = page_tags(page.meta)
    if tags:
        page.meta["tags"] = tags
    return markdown
