"""MkDocs hook: ``[@key]`` citations become links; the references page is generated.

See [`handbook.citations`][handbook.citations] for the syntax and the
bibliography format.
"""

from __future__ import annotations

from pathlib import Path

from handbook.checks import load_handbook
from handbook.citations import references_markdown, render_citations

_state: dict = {}


def on_files(files, config):
    """Reload the pages and the bibliography for this build."""
    _state["handbook"] = load_handbook(Path(config.config_file_path).parent, Path(config.docs_dir))
    return files


def on_page_markdown(markdown, page, config, files):
    """Render citations; append the bibliography to the ``generate: references`` page."""
    handbook = _state["handbook"]
    markdown = render_citations(markdown, page.file.src_uri, handbook.bibliography.entries)
    if page.meta.get("generate") == "references":
        markdown += "\n\n" + references_markdown(handbook.site, handbook.bibliography, page.file.src_uri)
    return markdown
