"""Flashcards come from the pages: one per question and per term, and edits flow into them."""

import csv
import re
import sqlite3
import zipfile
from pathlib import Path

from helpers import ROOT, front, page, site

from handbook.checks import load_handbook
from handbook.flashcards import downloads_markdown, glossary_cards, question_cards, write_decks

ENTRY = {"authors": ["Paul Covington", "Jay Adams", "Emre Sargin"], "title": "T", "year": 2016, "venue": "V", "url": "u"}
PAGE = page(front("demo", "case-study") + (
    "## Follow-up questions { #follow-up-questions }\n\n"
    '??? question "Why log watch time?"\n'
    "    Because clicks reward [[clickbait|CTR]] [@covington2016deep].\n\n"
    "    Second paragraph.\n\n"
    "Not part of the answer.\n"
), "docs/case-studies/demo.md")


def test_question_blocks_become_cards_with_plain_text():
    (card,) = question_cards(site(PAGE), {"covington2016deep": ENTRY})
    assert card.id == "demo:why-log-watch-time"
    assert card.front == "Why log watch time?"
    assert card.back == "Because clicks reward clickbait (Covington et al. 2016).\n\nSecond paragraph."
    assert card.source == "docs/case-studies/demo.md:9"
    assert card.tags == ("case-study", "demo")


def test_editing_an_answer_changes_the_card_but_not_its_id():
    edited = page(PAGE.text.replace("Second paragraph.", "A corrected paragraph."), PAGE.path)
    before, = question_cards(site(PAGE), {"covington2016deep": ENTRY})
    after, = question_cards(site(edited), {"covington2016deep": ENTRY})
    assert after.id == before.id and after.back != before.back
    assert after.back.endswith("A corrected paragraph.")


def test_every_question_and_every_term_of_the_handbook_has_a_card(tmp_path: Path):
    handbook = load_handbook(ROOT)
    expected_questions = sum(len(re.findall(r'^\?\?\?\+? question "', p.text, re.MULTILINE)) for p in handbook.site.pages)
    counts = write_decks(ROOT, tmp_path)
    assert counts == {"questions": expected_questions, "terms": len(handbook.glossary.terms)}
    assert expected_questions >= 80
    rows = list(csv.DictReader((tmp_path / "ml-system-design-handbook-flashcards.csv").open(encoding="utf-8")))
    assert len(rows) == counts["questions"] + counts["terms"]
    assert len({row["id"] for row in rows}) == len(rows), "card ids must be unique"
    with zipfile.ZipFile(tmp_path / "ml-system-design-handbook-flashcards.apkg") as package:
        package.extract("collection.anki2", tmp_path)
    notes = sqlite3.connect(tmp_path / "collection.anki2").execute("select count(*) from notes").fetchone()[0]
    assert notes == len(rows)


def test_glossary_cards_and_download_links():
    cards = glossary_cards(load_handbook(ROOT).glossary)
    assert all(c.id.startswith("glossary:") and c.back for c in cards)
    assert 'href="../../downloads/ml-system-design-handbook-flashcards.apkg"' in downloads_markdown("practice/flashcards/")
    assert 'href="../downloads/ml-system-design-handbook-flashcards.csv"' in downloads_markdown("practice/flashcards.html")
