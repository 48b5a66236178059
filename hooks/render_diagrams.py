"""MkDocs hook: keep Mermaid sources intact, and inline current SVG snapshots.

See [`escape_mermaid_sources`][handbook.diagrams.escape_mermaid_sources] and
[`inline_snapshots`][handbook.snapshots.inline_snapshots]. Sources are escaped
early, before print-site collects the page; snapshots go in late, into each
finished page and into the print page once print-site has written it (print-site
and mermaid2 re-parse page HTML, and are much slower on inlined SVG). Diagrams
without a current snapshot stay Mermaid source and render in the browser; the
build says how many.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger

from handbook.diagrams import escape_mermaid_sources
from handbook.pages import print_page_file
from handbook.snapshots import LIVE_DIAGRAMS_VARIABLE, current_snapshots, inline_snapshots, source_files

log = get_plugin_logger("render_diagrams")
snapshots: dict[str, str] = {}


def on_files(files, config):
    """Load the current snapshots once per build (``make serve`` rebuilds reload them)."""
    root = Path(config.config_file_path).parent
    snapshots.clear()
    if not os.environ.get(LIVE_DIAGRAMS_VARIABLE):
        snapshots.update(current_snapshots(root))
        live = len(source_files(root)) - len(snapshots)
        if live:
            log.info("%d diagram(s) have no current snapshot and render in the browser (run make diagrams)", live)
    return files


@event_priority(100)
def on_page_content(html, page, config, files):
    """Escape the source text of every diagram on the page."""
    return escape_mermaid_sources(html)


@event_priority(-50)
def on_post_page(output, page, config):
    """Swap in each diagram's snapshot where one is current."""
    return inline_snapshots(output, snapshots)


@event_priority(-50)
def on_post_build(config):
    """Do the same in the print page, which print-site writes at the end of the build."""
    page = print_page_file(Path(config.site_dir))
    if page is not None:
        page.write_text(inline_snapshots(page.read_text(encoding="utf-8"), snapshots), encoding="utf-8")
