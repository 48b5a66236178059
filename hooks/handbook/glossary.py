"""The glossary: one file feeds term links, tooltips and the glossary page.

``data/glossary.yml`` is a list of entries with ``term``, ``definition`` and
optionally ``abbreviation`` and ``see`` (a page under ``docs/``, optionally with
an anchor). Pages link a term with ``[[term]]`` or ``[[shown text|term]]``;
every abbreviation also becomes a tooltip wherever it appears.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path

from .links import attribute_text, relative_link
from .markdown import prose_lines, replace_outside_code, yaml_entries
from .pages import Page, Site
from .problems import Problem

TERM_LINK = re.compile(r"\[\[([^\[\]|]+?)(?:\|([^\[\]|]+?))?\]\]")
FIELDS = ("term", "abbreviation", "definition", "see")
GLOSSARY_PAGE = "reference/glossary.md"


@dataclass(frozen=True)
class Term:
    """One glossary entry.

    Attributes:
        term: The term, as it is written in running text.
        definition: One to three sentences.
        abbreviation: Its abbreviation (``ANN``), if it has one.
        see: Where the term is explained in depth (path under ``docs/``).
        line: Line of the entry in the glossary file.
    """

    term: str
    definition: str
    abbreviation: str | None
    see: str | None
    line: int

    @property
    def anchor(self) -> str:
        """The entry's anchor on the glossary page."""
        return slug(self.term)

    @property
    def tooltip(self) -> str:
        """Text shown on hover: the expansion of an abbreviation and the definition."""
        return attribute_text(f"{self.term[0].upper() + self.term[1:]}: {self.definition}" if self.abbreviation else self.definition)


def slug(text: str) -> str:
    """Kebab-case anchor for a term: ``Two-tower model`` -> ``two-tower-model``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass(frozen=True)
class Glossary:
    """Parsed glossary.

    Attributes:
        path: File path relative to the repository root.
        terms: Entries in file order.
        problems: Problems found while reading it.
    """

    path: str
    terms: tuple[Term, ...]
    problems: tuple[Problem, ...] = ()

    def lookup(self) -> dict[str, Term]:
        """Every term and abbreviation, lower-cased, to its entry."""
        found: dict[str, Term] = {}
        for entry in self.terms:
            for name in (entry.term, entry.abbreviation):
                if name:
                    found.setdefault(name.lower(), entry)
        return found


def load_glossary(root: Path, relative: str = "data/glossary.yml", docs_dir: Path | None = None) -> Glossary:
    """Read and validate the glossary file."""
    docs_dir = docs_dir or root / "docs"
    entries, unreadable = yaml_entries((root / relative).read_text(encoding="utf-8"), relative, "glossary", "term")
    if unreadable:
        return Glossary(relative, (), (unreadable,))
    terms, problems, seen = [], [], {}
    for line, raw in entries:
        if not isinstance(raw, dict) or not raw.get("term") or not raw.get("definition"):
            problems.append(Problem(relative, line, "glossary entry needs 'term' and 'definition' (write both)"))
            continue
        for field in raw:
            if field not in FIELDS:
                problems.append(Problem(relative, line, f"glossary entry '{raw['term']}' has unknown field '{field}' (allowed: {', '.join(FIELDS)})"))
        entry = Term(str(raw["term"]), str(raw["definition"]).strip(), raw.get("abbreviation"), raw.get("see"), line)
        for name in (entry.term, entry.abbreviation):
            if not name:
                continue
            if name.lower() in seen:
                problems.append(Problem(relative, line, f"'{name}' is defined twice, first at line {seen[name.lower()]} (keep one definition)"))
            else:
                seen[name.lower()] = line
        if entry.see and not (docs_dir / entry.see.split("#")[0]).is_file():
            problems.append(Problem(relative, line, f"glossary entry '{entry.term}' points to missing page '{entry.see}' (give a path under docs/)"))
        terms.append(entry)
    return Glossary(relative, tuple(terms), tuple(problems))


def term_links_in(page: Page) -> list[tuple[int, str, str]]:
    """Every ``(line, shown text, term)`` linked with ``[[...]]`` in a page."""
    found = []
    for number, line in prose_lines(page.text, page.body_start):
        for match in TERM_LINK.finditer(line):
            shown = match.group(1).strip()
            found.append((number, shown, (match.group(2) or shown).strip()))
    return found


def check_term_links(site: Site, glossary: Glossary) -> list[Problem]:
    """Report ``[[term]]`` links to terms the glossary does not define."""
    lookup = glossary.lookup()
    problems = []
    for page in site.pages:
        for line, _, term in term_links_in(page):
            if term.lower() not in lookup:
                close = get_close_matches(term.lower(), list(lookup), n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"define it in {glossary.path}"
                problems.append(Problem(page.path, line, f"unknown glossary term '{term}' ({hint})"))
    return problems


def render_term_links(markdown: str, doc_path: str, glossary: Glossary) -> str:
    """Turn ``[[term]]`` into a link to the glossary entry, with the definition as its title."""
    lookup = glossary.lookup()

    def link(match: re.Match) -> str:
        shown = match.group(1).strip()
        entry = lookup.get((match.group(2) or shown).strip().lower())
        if entry is None:
            return match.group(0)
        return f'[{shown}]({relative_link(doc_path, GLOSSARY_PAGE, entry.anchor)}){{ title="{entry.tooltip}" }}'

    return replace_outside_code(markdown, TERM_LINK, link)


def abbreviations_markdown(glossary: Glossary, text: str | None = None) -> str:
    """Abbreviation definitions (``*[ANN]: ...``) for the ``abbr`` extension.

    With ``text``, only the abbreviations that occur in it as whole words: the
    ``abbr`` extension's cost grows with the number of definitions per page.
    """
    words = None if text is None else set(re.findall(r"[\w-]+", text))

    def occurs(abbreviation: str) -> bool:
        if words is None:
            return True
        return abbreviation in words if re.fullmatch(r"[\w-]+", abbreviation) else abbreviation in text

    return "\n".join(f"*[{t.abbreviation}]: {t.tooltip}" for t in glossary.terms if t.abbreviation and occurs(t.abbreviation))


def glossary_markdown(glossary: Glossary, doc_path: str) -> str:
    """The generated body of the glossary page, grouped by first letter."""
    entries = sorted(glossary.terms, key=lambda t: t.term.lower())
    blocks, letter = [], None
    for entry in entries:
        initial = entry.term[0].upper() if entry.term[0].isalpha() else None
        if initial != letter or not blocks:
            letter = initial
            # A heading of "#" alone would be read as an empty ATX heading: name the group instead.
            heading, anchor = (letter, f"letter-{letter.lower()}") if letter else ("Numbers and symbols", "letter-symbols")
            blocks.append(f"## {heading} {{ #{anchor} }}")
        name = f"**{entry.term}**" + (f" ({entry.abbreviation})" if entry.abbreviation else "")
        more = ""
        if entry.see:
            page, _, anchor = entry.see.partition("#")
            more = f" [More]({relative_link(doc_path, page, anchor or None)})."
        blocks.append(f"{name}: {entry.definition}{more}\n{{ #{entry.anchor} }}")
    return f"{len(entries)} terms.\n\n" + "\n\n".join(blocks) + "\n"
