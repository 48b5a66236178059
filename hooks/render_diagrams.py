"""MkDocs hook: keep Mermaid sources intact in the page HTML.

See [`escape_mermaid_sources`][handbook.diagrams.escape_mermaid_sources]. It runs
before print-site collects the page, so the print page and the PDF get the same
sources as the site.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from handbook.diagrams import escape_mermaid_sources


@event_priority(100)
def on_page_content(html, page, config, files):
    """Escape the source text of every diagram on the page."""
    return escape_mermaid_sources(html)
