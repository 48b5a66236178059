"""MkDocs hook: the corrections page, generated from ``data/corrections.yml``.

See [`handbook.corrections`][handbook.corrections] for the log's format.
"""

from __future__ import annotations

from pathlib import Path

from handbook.corrections import corrections_markdown, load_corrections
from handbook.pages import load_site


def on_page_markdown(markdown, page, config, files):
    """Append the log to the ``generate: corrections`` page (read once, when that page is built)."""
    if page.meta.get("generate") != "corrections":
        return markdown
    root = Path(config.config_file_path).parent
    site = load_site(root, Path(config.docs_dir))
    return markdown + "\n\n" + corrections_markdown(site, load_corrections(root), page.file.src_uri)
