"""MkDocs hook: accessibility repairs to the HTML of every page.

See [`hide_decorative_checkboxes`][handbook.accessibility.hide_decorative_checkboxes].
"""

from __future__ import annotations

from handbook.accessibility import hide_decorative_checkboxes


def on_page_content(html, page, config, files):
    """Hide the decorative checklist boxes from assistive technology."""
    return hide_decorative_checkboxes(html)
