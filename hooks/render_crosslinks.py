"""MkDocs hook: generated cross-links between the framework, case studies and cheat sheets.

See [`handbook.crosslinks`][handbook.crosslinks] for what each page kind gets.
"""

from __future__ import annotations

from pathlib import Path

from handbook.crosslinks import applied_in_markdown, at_a_glance_markdown, matrix_markdown, used_in_markdown
from handbook.pages import load_site

_state: dict = {}


def on_files(files, config):
    """Reload the page index for this build."""
    _state["site"] = load_site(Path(config.config_file_path).parent, Path(config.docs_dir))
    return files


def on_page_markdown(markdown, page, config, files):
    """Add the generated section that the page's kind calls for."""
    site = _state["site"]
    source = next((p for p in site.pages if p.doc_path == page.file.src_uri), None)
    if source is None or source.front.error:
        return markdown
    if source.kind == "framework-step":
        markdown += "\n\n" + applied_in_markdown(site, source)
    elif source.kind == "cheat-sheet":
        markdown += "\n\n" + used_in_markdown(site, source)
    elif source.kind == "case-study":
        markdown = at_a_glance_markdown(site, source) + "\n" + markdown
    if page.meta.get("generate") == "case-study-matrix":
        markdown += "\n\n" + matrix_markdown(site, source)
    return markdown
