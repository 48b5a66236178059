"""MkDocs hook: self-check ids on every question, the review page's list, and the question data it reads.

See [`handbook.self_check`][handbook.self_check]. Runs after the maths hook on ``on_post_page``, so the
answers collected for the review page carry typeset formulas.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.utils import get_relative_url

from handbook.incremental import is_incremental
from handbook.markdown import replace_marker
from handbook.pages import load_site
from handbook.self_check import (
    QUESTIONS_SCRIPT, REVIEW_MARKER, page_questions, questions_script, review_container, tag_questions,
)

log = get_plugin_logger("render_self_check")

_questions: dict = {}
_records: dict[str, list[dict]] = {}


def on_files(files, config):
    """Find every page's questions once per build (ids that clash are reported by the content checks)."""
    _questions.clear()
    _records.clear()
    _questions.update(page_questions(load_site(Path(config.config_file_path).parent, Path(config.docs_dir))))
    return files


def on_page_markdown(markdown, page, config, files):
    """Fill the review page's placeholder with the list's container."""
    if REVIEW_MARKER in markdown:
        container = review_container(get_relative_url(QUESTIONS_SCRIPT, page.url))
        markdown = replace_marker(markdown, REVIEW_MARKER, container)
    return markdown


@event_priority(-60)
def on_post_page(output, page, config):
    """Tag the page's questions with their ids and keep them for the generated script."""
    cards = _questions.get("docs/" + page.file.src_uri)
    if not cards:
        return output
    title = page.meta.get("title") or page.title
    output, records, problem = tag_questions(output, cards, page.url, title)
    if problem:
        log.warning(str(problem))
    _records[page.url] = records
    return output


def on_post_build(config):
    """Write every question, in page order, into the script the review page loads.

    An incremental rebuild (``make serve``) renders only the edited pages: it keeps the last complete list.
    """
    target = Path(config.site_dir) / QUESTIONS_SCRIPT
    if is_incremental() and target.is_file() and len(_records) < sum(1 for cards in _questions.values() if cards):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(questions_script([record for records in _records.values() for record in records]), encoding="utf-8")
