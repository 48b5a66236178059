"""Flashcards generated from the pages, so they never drift from the text.

Every collapsible question (``??? question "..."``) with its indented answer,
in case studies and framework pages alike, becomes a card, and so does every
glossary term. A card's id comes from its page and question (or term), so
editing an answer updates the same card in a reader's deck instead of adding
a new one.
"""

from __future__ import annotations

import csv
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from .citations import CITATION, short_label
from .glossary import TERM_LINK, Glossary, slug
from .pages import Site

BASENAME = "ml-system-design-handbook-flashcards"

QUESTION = re.compile(r'^\?\?\?\+?\s+question\s+"(?P<text>.+)"\s*$')


@dataclass(frozen=True)
class Card:
    """One flashcard.

    Attributes:
        id: Stable identity: ``<page id>:<question slug>`` or ``glossary:<term slug>``.
        front: The question or the term.
        back: The model answer or the definition, as Markdown with plain-text citations.
        source: ``path:line`` the card was made from.
        tags: Anki tags (page kind and id).
    """

    id: str
    front: str
    back: str
    source: str
    tags: tuple[str, ...]


def plain_text(markdown: str, entries: dict[str, dict]) -> str:
    """Citations as ``(Author Year)`` and glossary links as their words: readable outside the site."""

    def cite(match: re.Match) -> str:
        keys = [k.strip().lstrip("@") for k in match.group(1).split(";")]
        return "(" + "; ".join(short_label(entries[k]) if k in entries else k for k in keys) + ")"

    return TERM_LINK.sub(lambda m: m.group(1).strip(), CITATION.sub(cite, markdown))


def question_cards(site: Site, entries: dict[str, dict]) -> list[Card]:
    """A card for every ``??? question`` block of every page."""
    cards = []
    for page in site.pages:
        lines = page.text.split("\n")
        for index, line in enumerate(lines):
            match = QUESTION.match(line)
            if not match:
                continue
            answer = []
            for following in lines[index + 1 :]:
                if following.strip() and not following.startswith("    "):
                    break
                answer.append(following[4:])
            front = match["text"].strip()
            cards.append(Card(
                id=f"{page.id}:{slug(front)}",
                front=plain_text(front, entries),
                back=plain_text("\n".join(answer).strip(), entries),
                source=f"{page.path}:{index + 1}",
                tags=(str(page.kind), str(page.id)),
            ))
    return cards


def glossary_cards(glossary: Glossary) -> list[Card]:
    """A card for every glossary term."""
    return [
        Card(
            id=f"glossary:{term.anchor}",
            front=term.term + (f" ({term.abbreviation})" if term.abbreviation else ""),
            back=term.definition,
            source=f"{glossary.path}:{term.line}",
            tags=("glossary",),
        )
        for term in glossary.terms
    ]


def write_csv(cards: list[Card], path: Path) -> None:
    """Write cards as CSV: front, back, tags, source, id."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["front", "back", "tags", "source", "id"])
        for card in cards:
            writer.writerow([card.front, card.back, " ".join(card.tags), card.source, card.id])


def write_anki(cards: list[Card], path: Path, title: str = "ML System Design Handbook") -> None:
    """Write cards as an Anki package (``.apkg``); answers are rendered from Markdown to HTML."""
    import genanki
    import markdown

    model = genanki.Model(
        1607392319, "ML System Design Handbook card",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}],
        templates=[{
            "name": "Card",
            "qfmt": "{{Front}}",
            "afmt": '{{FrontSide}}<hr id="answer">{{Back}}<p style="font-size:small;color:#777">{{Source}}</p>',
        }],
    )
    deck = genanki.Deck(2059400110, title)
    converter = markdown.Markdown(extensions=["tables"])
    for card in cards:
        back = converter.reset().convert(card.back)
        deck.add_note(genanki.Note(
            model=model, fields=[card.front, back, card.source],
            guid=genanki.guid_for(card.id), tags=[tag.replace(" ", "_") for tag in card.tags],
        ))
    genanki.Package(deck).write_to_file(str(path))


def downloads_markdown(page_url: str) -> str:
    """The "Download" section, with links relative to the page's URL (directory URLs or not)."""
    base = page_url.rstrip("/") if page_url.endswith("/") else posixpath.dirname(page_url)
    link = posixpath.relpath(f"downloads/{BASENAME}", base or ".")
    return (
        "## Download { #download }\n\n"
        f'- <a href="{link}.apkg" download>Anki deck (.apkg)</a>: import it with *File, Import* in Anki.\n'
        f'- <a href="{link}.csv" download>CSV file</a>: columns front, back, tags, source and id.\n'
    )


def write_decks(root: Path, output_dir: Path) -> dict[str, int]:
    """Write ``<BASENAME>.apkg`` and ``.csv`` for the checkout at ``root``; return the card counts."""
    from .checks import load_handbook

    handbook = load_handbook(root)
    questions = question_cards(handbook.site, handbook.bibliography.entries)
    terms = glossary_cards(handbook.glossary)
    output_dir.mkdir(parents=True, exist_ok=True)
    write_csv(questions + terms, output_dir / f"{BASENAME}.csv")
    write_anki(questions + terms, output_dir / f"{BASENAME}.apkg")
    return {"questions": len(questions), "terms": len(terms)}
