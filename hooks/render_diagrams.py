"""MkDocs hook: keep Mermaid sources intact, and inline current SVG snapshots.

See [`escape_mermaid_sources`][handbook.diagrams.escape_mermaid_sources] and
[`inline_snapshots`][handbook.snapshots.inline_snapshots]. Sources are escaped
early, before print-site collects the page; snapshots go in late, into each
finished page and into the print page once print-site has written it (print-site
re-parses page HTML, and is much slower on inlined SVG). Diagrams
without a current snapshot stay Mermaid source and render in the browser; the
build says how many.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from handbook.diagrams import escape_mermaid_sources
from handbook.pages import print_page_file
from handbook.snapshots import LIVE_DIAGRAMS_VARIABLE, current_snapshots, inline_snapshots, source_files, style_files

log = get_plugin_logger("render_diagrams")
snapshots: dict[str, str] = {}


def on_config(config):
    """Drop mermaid2's per-page step, which re-parsed every page with diagrams (4.3 of a 16.5-s build).

    That step adds Mermaid's script and a ``window.mermaidConfig`` object to pages with diagrams. The site
    loads its Mermaid shim on every page already (``extra_javascript``, so that instant navigation finds
    it), and nothing reads ``mermaidConfig``: Material renders the diagrams and the shim completes its
    configuration. mermaid2 still provides the fence and checks its ``javascript`` setting.
    """
    plugin = config.plugins.get("mermaid2")
    if plugin is not None:
        steps = config.plugins.events["post_page"]
        steps[:] = [step for step in steps if getattr(step, "__self__", None) is not plugin]
    return config


def on_files(files, config):
    """Load the current snapshots once per build (``make serve`` rebuilds reload them)."""
    root = Path(config.config_file_path).parent
    snapshots.clear()
    if not os.environ.get(LIVE_DIAGRAMS_VARIABLE):
        snapshots.update(current_snapshots(root))
        live = len(source_files(root)) - len(snapshots)
        if live:
            log.info("%d diagram(s) have no current snapshot and render in the browser (run make diagrams)", live)
    for path, css in style_files(snapshots).items():
        files.append(File.generated(config, path, content=css))
    return files


@event_priority(100)
def on_page_content(html, page, config, files):
    """Escape the source text of every diagram on the page."""
    return escape_mermaid_sources(html)


@event_priority(-50)
def on_post_page(output, page, config):
    """Swap in each diagram's snapshot where one is current, its style linked from the shared file."""
    return inline_snapshots(output, snapshots, lambda path: get_relative_url(path, page.url))


@event_priority(-50)
def on_post_build(config):
    """Do the same in the print page, which print-site writes at the end of the build."""
    page = print_page_file(Path(config.site_dir))
    if page is not None:
        page.write_text(inline_snapshots(page.read_text(encoding="utf-8"), snapshots), encoding="utf-8")
