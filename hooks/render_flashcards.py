"""MkDocs hook: publish the flashcard decks with the site, under ``downloads/``, and link them.

The decks are rebuilt from the pages on every build, so they never drift; see
[`handbook.flashcards`][handbook.flashcards].
"""

from __future__ import annotations

from pathlib import Path

from handbook.flashcards import downloads_markdown, write_decks


def on_post_build(config):
    """Write the Anki deck and the CSV into the built site."""
    write_decks(Path(config.config_file_path).resolve().parent, Path(config.site_dir) / "downloads")


def on_page_markdown(markdown, page, config, files):
    """Append the download links to the ``generate: flashcard-downloads`` page."""
    if page.meta.get("generate") == "flashcard-downloads":
        markdown += "\n\n" + downloads_markdown(page.url)
    return markdown
