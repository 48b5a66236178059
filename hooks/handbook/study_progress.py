"""Study progress: which pages a reader can mark as studied, and the data the progress panel shows.

Case studies, framework steps and cheat sheets (by their front-matter ``kind``) each get a "Mark as studied"
toggle after their last section. A page that writes ``<div data-study-progress></div>`` (the home page, the
study plan) gets a panel with the number studied per part, the questions marked and a "continue where you
left off" link. Both are empty and hidden in the HTML: ``study-progress.js`` fills them from the reader's
browser storage, so without scripts and in print nothing shows. The page lists come from the build, never
from the script.
"""

from __future__ import annotations

import html
import json
from typing import Callable

from .pages import Page, Site

#: The parts whose pages can be marked studied: ``(front-matter kind, label)``, in the order shown.
PARTS: tuple[tuple[str, str], ...] = (
    ("case-study", "Case studies"),
    ("framework-step", "Framework steps"),
    ("cheat-sheet", "Cheat sheets"),
)
#: The placeholder a page writes where the progress panel goes.
PROGRESS_MARKER = "<div data-study-progress></div>"


def studied_kinds() -> set[str]:
    """The page kinds that get a "Mark as studied" toggle."""
    return {kind for kind, _ in PARTS}


def toggle_html(page: Page) -> str:
    """The empty, hidden slot ``study-progress.js`` turns into the toggle; the page is named by its source path."""
    return (
        f'<div class="study-toggle" data-study-page="{html.escape(page.doc_path)}" '
        f'data-study-title="{html.escape(page.title)}" hidden></div>'
    )


def progress_html(site: Site, url_of: Callable[[str], str], question_count: int) -> str:
    """The hidden progress panel: every part's pages (``path``, ``title``, ``url`` from ``url_of(doc_path)``)."""
    parts = [
        {"label": label, "pages": [
            {"path": page.doc_path, "title": page.title, "url": url_of(page.doc_path)} for page in site.of_kind(kind)
        ]}
        for kind, label in PARTS
    ]
    data = html.escape(json.dumps({"parts": parts, "questions": question_count}, ensure_ascii=False), quote=True)
    return f'<div class="study-progress" data-study-progress="{data}" hidden></div>'
