"""MkDocs hook: repairs to the print page once print-site has written it.

See [`drop_heading_numbers`][handbook.print_page.drop_heading_numbers]: the
book numbers headings itself, so a case study's "1. Clarify requirements"
prints as "3.2.1 Clarify requirements", not "3.2.1 1. Clarify requirements".
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from handbook.pages import print_page_file
from handbook.print_page import drop_heading_numbers


@event_priority(-50)
def on_post_build(config):
    """Rewrite the print page after print-site's own ``on_post_build`` has written it."""
    page = print_page_file(Path(config.site_dir))
    if page is not None:
        page.write_text(drop_heading_numbers(page.read_text(encoding="utf-8")), encoding="utf-8")
