"""MkDocs hook: "Mark as studied" toggles and the progress panels; see [`handbook.study_progress`][handbook.study_progress]."""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils import get_relative_url

from handbook.markdown import replace_marker
from handbook.pages import load_site
from handbook.self_check import page_questions
from handbook.study_progress import PROGRESS_MARKER, progress_html, studied_kinds, toggle_html

_site = {}


def on_files(files, config):
    """Read the pages once per build: their kinds, titles and question count."""
    site = load_site(Path(config.config_file_path).parent, Path(config.docs_dir))
    _site.update(site=site, questions=sum(len(cards) for cards in page_questions(site).values()))
    return files


def on_page_markdown(markdown, page, config, files):
    """Append the toggle to studied kinds of page; fill a progress placeholder with the panel."""
    site = _site["site"]
    source = next((candidate for candidate in site.pages if candidate.doc_path == page.file.src_uri), None)
    if source is not None and source.kind in studied_kinds():
        markdown = f"{markdown.rstrip()}\n\n{toggle_html(source)}\n"
    if PROGRESS_MARKER in markdown:
        def url_of(doc_path: str) -> str:
            return get_relative_url(files.get_file_from_path(doc_path).url, page.url)
        markdown = replace_marker(markdown, PROGRESS_MARKER, progress_html(site, url_of, _site["questions"]))
    return markdown
