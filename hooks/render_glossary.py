"""MkDocs hook: ``[[term]]`` links, abbreviation tooltips and the glossary page.

All three come from ``data/glossary.yml``; see [`handbook.glossary`][handbook.glossary].
"""

from __future__ import annotations

from pathlib import Path

from handbook.glossary import abbreviations_markdown, glossary_markdown, load_glossary, render_term_links

_state: dict = {}


def on_files(files, config):
    """Reload the glossary for this build."""
    _state["glossary"] = load_glossary(Path(config.config_file_path).parent, docs_dir=Path(config.docs_dir))
    return files


def on_page_markdown(markdown, page, config, files):
    """Link terms, append the glossary to its page, and add tooltips to every page."""
    glossary = _state["glossary"]
    markdown = render_term_links(markdown, page.file.src_uri, glossary)
    if page.meta.get("generate") == "glossary":
        markdown += "\n\n" + glossary_markdown(glossary, page.file.src_uri)
    return markdown + "\n\n" + abbreviations_markdown(glossary, markdown) + "\n"
