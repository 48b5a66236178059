"""MkDocs hook: keep Mermaid sources intact, and inline current SVG snapshots.

See [`escape_mermaid_sources`][handbook.diagrams.escape_mermaid_sources] and
[`inline_snapshots`][handbook.snapshots.inline_snapshots]. It runs before
print-site collects the page, so the print page and the PDF get the same
diagrams as the site. Diagrams without a current snapshot stay Mermaid source and
render in the browser; the build says how many.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.plugins import event_priority

from handbook.diagrams import escape_mermaid_sources
from handbook.snapshots import LIVE_DIAGRAMS_VARIABLE, current_snapshots, inline_snapshots, source_files

log = logging.getLogger("mkdocs.hooks.render_diagrams")
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
    """Escape every diagram's source, then swap in its snapshot where one is current."""
    return inline_snapshots(escape_mermaid_sources(html), snapshots)
