"""MkDocs hook: the home page links every chapter's PDF in the latest release.

See [`handbook.chapters`][handbook.chapters] for which pages are chapters and how their files are named.
"""

from __future__ import annotations

from pathlib import Path

from handbook.chapters import chapter_downloads_markdown
from handbook.pages import load_site


def on_page_markdown(markdown, page, config, files):
    """Append the chapter downloads to the ``generate: chapter-downloads`` page."""
    if page.meta.get("generate") != "chapter-downloads":
        return markdown
    site = load_site(Path(config.config_file_path).parent, Path(config.docs_dir))
    release_url = config.repo_url.rstrip("/") + "/releases/latest/download/"
    return markdown + "\n\n" + chapter_downloads_markdown(site, release_url)
