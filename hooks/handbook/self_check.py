"""Self-check on every question: stable ids in the pages, and the data the review page reads.

Every ``??? question`` block outside code examples is a question a reader can mark "Got it" or "Missed"
(``self-check.js``). Its id is the flashcard id ([`handbook.flashcards`][handbook.flashcards]):
``<page id>:<question slug>``, so rewording one question never changes another's id. The build writes the id
on each rendered ``<details class="question">`` as ``data-question-id``, and collects every question with
its rendered answer into one script, ``assets/javascripts/generated/questions.js``, which the review page
loads with ``<script src>`` (``fetch`` does not work from ``file://``; a script does, and the CSP allows it).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from .flashcards import Card, question_cards
from .markdown import prose_lines
from .pages import Site
from .problems import Problem

#: Where the question data is written, from the site root.
QUESTIONS_SCRIPT = "assets/javascripts/generated/questions.js"
#: The opening tag of a rendered question block (pymdownx.details).
QUESTION_TAG = re.compile(r'<details class="question"(?P<open> open)?>')
#: Where a ``<details>`` element opens or closes, to find where a question block ends.
DETAILS_TAG = re.compile(r"<details\b|</details>")
#: The placeholder a page writes where the review list goes.
REVIEW_MARKER = "<div data-review></div>"


def page_questions(site: Site) -> dict[str, list[Card]]:
    """The questions of each page, keyed by page path, in page order; examples inside code fences are left out."""
    prose = {page.path: {number for number, _ in prose_lines(page.text)} for page in site.pages}
    questions: dict[str, list[Card]] = defaultdict(list)
    for card in question_cards(site, {}):
        path, line = card.source.rsplit(":", 1)
        if int(line) in prose[path]:
            questions[path].append(card)
    return dict(questions)


def id_clashes(questions: dict[str, list[Card]]) -> list[Problem]:
    """A problem for every question whose id repeats an earlier one (same page, same words)."""
    problems, first = [], {}
    for cards in questions.values():
        for card in cards:
            path, line = card.source.rsplit(":", 1)
            if card.id in first:
                problems.append(Problem(path, int(line), (
                    f'question id "{card.id}" repeats the question at {first[card.id]} '
                    "(reword one of them: the self-check marks and flashcards need one id per question)"
                )))
            else:
                first[card.id] = card.source
    return problems


def _site_relative(href: str, page_url: str) -> str:
    """``href`` as written in the page, made relative to the site root (absolute URLs are kept)."""
    if urlsplit(href).scheme or href.startswith("/"):
        return href
    return urljoin("http://site/" + page_url, href).removeprefix("http://site/")


def tag_questions(html: str, cards: list[Card], page_url: str, page_title: str) -> tuple[str, list[dict], Problem | None]:
    """Write ``data-question-id`` on each rendered question and collect its text and answer.

    The n-th ``<details class="question">`` of the page is the n-th question of its source. Returns the
    page, one record per question (``id``, ``question`` and ``answer`` as HTML with links relative to the
    site root, ``page`` title and ``url``), and a problem when the counts differ (nothing is tagged then).
    """
    found = QUESTION_TAG.findall(html)
    if len(found) != len(cards):
        path, line = cards[0].source.rsplit(":", 1) if cards else ("", "1")
        return html, [], Problem(path, int(line), (
            f"{len(cards)} ??? question blocks in the source but {len(found)} rendered "
            "(keep each question at the start of a line with its answer indented four spaces)"
        ))
    ids = iter(cards)
    html = QUESTION_TAG.sub(
        lambda match: f'<details class="question"{match["open"] or ""} data-question-id="{next(ids).id}">', html
    )
    records = []
    for card, fragment in zip(cards, question_blocks(html)):
        block = BeautifulSoup(fragment, "html.parser").details  # the block alone: parsing the page took seconds
        for link in block.select("a[href]"):
            link["href"] = _site_relative(link["href"], page_url)
        summary = block.find("summary")
        question = summary.decode_contents().strip()
        summary.extract()
        records.append({
            "id": card.id, "question": question, "answer": block.decode_contents().strip(),
            "page": page_title, "url": page_url,
        })
    return html, records, None


def question_blocks(html: str) -> list[str]:
    """The HTML of each rendered question block, from its opening tag to its own closing tag, in page order."""
    blocks = []
    for start in re.finditer(r'<details class="question"[ >]', html):
        depth = 0
        for tag in DETAILS_TAG.finditer(html, start.start()):
            depth += 1 if tag.group() == "<details" else -1
            if depth == 0:
                blocks.append(html[start.start():tag.end()])
                break
    return blocks


def questions_script(records: list[dict]) -> str:
    """The generated script: ``window.handbookQuestions = {version, questions}``."""
    data = json.dumps({"version": 1, "questions": records}, ensure_ascii=False, separators=(",", ":"))
    return f"/* Generated by hooks/render_self_check.py: every self-check question. */\nwindow.handbookQuestions = {data};\n"


def review_container(script_url: str) -> str:
    """The review page's list, given the generated script's URL from the page: hidden until ``review-page.js``
    fills it. ``data-site-root`` is the way back to the site root, which the questions' links start from."""
    root = script_url.removesuffix(QUESTIONS_SCRIPT)
    return f'<div class="review" data-review data-questions-script="{script_url}" data-site-root="{root}" hidden></div>'

