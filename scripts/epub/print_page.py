"""The built site's print page, read as a book: cover, parts and chapters.

mkdocs-print-site-plugin writes every page of the book, in navigation order and
without the pages ``mkdocs.yml`` excludes, into ``print_page/index.html``: one
``section.print-page[id]`` per page (a chapter) inside one
``section.print-page.md-section`` per navigation section (a part). The EPUB is
made from that page alone, so it holds what the PDF holds.

Diagram snapshots and formulas are XML (SVG, MathML) inside HTML; an HTML
parser would lower-case SVG's ``viewBox``. So they are cut out of the text
before parsing, each replaced by an ``<epub-embed>`` placeholder that keeps its
index in [`PrintPage.embeds`][epub.print_page.PrintPage].
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html

from handbook.snapshots import SHADOW_STYLE

#: A diagram as ``handbook.snapshots.inline_snapshots`` writes it: its SVG inside an open shadow root.
DIAGRAM = re.compile(r'<div class="mermaid"[^>]*><template shadowrootmode="open">'
                     + re.escape(SHADOW_STYLE) + r"(<svg\b.*?)</template></div>", re.DOTALL)
#: A formula's MathML, as KaTeX writes it beside its HTML rendering.
MATHML = re.compile(r"<math\b.*?</math>", re.DOTALL)
PLACEHOLDER = "epub-embed"


@dataclass
class Chapter:
    """One page of the site: a chapter of the book.

    Attributes:
        key: print-site's id of the page (``case-studies-news-feed``), also the chapter's file stem.
        number: print-site's heading number (``3.2.9``).
        element: The page's ``section`` element, cleaned by ``epub.content``.
    """

    key: str
    number: str
    element: lxml.html.HtmlElement

    @property
    def file_name(self) -> str:
        """The chapter's file in the book: ``case-studies-news-feed.xhtml``."""
        return f"{self.key}.xhtml"


@dataclass
class Part:
    """A navigation section (Framework, Case studies, Classic ML...): a title over chapters and parts."""

    title: str
    number: str
    children: list[Part | Chapter] = field(default_factory=list)

    def chapters(self) -> list[Chapter]:
        """Every chapter in this part and the parts inside it, in order."""
        return [chapter for child in self.children
                for chapter in (child.chapters() if isinstance(child, Part) else [child])]


@dataclass
class PrintPage:
    """The print page, split.

    Attributes:
        cover: The cover section (title, subtitle, edition, addresses, licence).
        contents: Top-level chapters (the home page) and parts, in book order.
        embeds: The SVG and MathML texts the ``<epub-embed data-index>`` placeholders stand for.
        stylesheets: The site's stylesheets the page links, in order (for the diagrams' colours).
        palette_attributes: The ``data-md-color-*`` attributes of the page's ``<body>``.
    """

    cover: lxml.html.HtmlElement | None
    contents: list[Part | Chapter]
    embeds: list[str]
    stylesheets: list[Path]
    palette_attributes: dict[str, str]

    def chapters(self) -> list[Chapter]:
        """Every chapter, in book order."""
        return Part("", "", self.contents).chapters()


def cut_out_embeds(html: str) -> tuple[str, list[str]]:
    """Replace each diagram snapshot and each MathML formula by a placeholder; return the text and the embeds.

    A diagram that has no current snapshot is left as ``<pre class="mermaid">`` source.
    """
    embeds: list[str] = []

    def keep(text: str) -> str:
        embeds.append(text)
        return f'<{PLACEHOLDER} data-index="{len(embeds) - 1}"></{PLACEHOLDER}>'

    html = DIAGRAM.sub(lambda match: keep(match.group(1)), html)
    return MATHML.sub(lambda match: keep(match.group(0)), html), embeds


def heading_title(heading) -> str:
    """A heading's text on one line, as the table of contents shows it."""
    return " ".join("".join(heading.itertext()).split())


def title_of(section, fallback: str = "") -> str:
    """The title of a part or chapter: its ``<h1>`` (in the HTML or the XHTML namespace), else ``fallback``."""
    headings = section.xpath("*[local-name()='h1']")
    return heading_title(headings[0]) if headings else fallback


def read_sections(parent: lxml.html.HtmlElement) -> list[Part | Chapter]:
    """The parts and chapters among ``parent``'s child sections; parts without chapters are left out."""
    found: list[Part | Chapter] = []
    for section in parent.iterchildren("section"):
        classes = section.get("class", "").split()
        if "print-page" not in classes or not section.get("id"):
            continue
        if "md-section" in classes:
            part = Part(title_of(section), section.get("heading-number", ""), read_sections(section))
            if part.chapters():
                found.append(part)
        else:
            found.append(Chapter(section.get("id"), section.get("heading-number", ""), section))
    return found


def read_print_page(page: Path) -> PrintPage:
    """Read a built print page (``site/print_page/index.html``)."""
    html, embeds = cut_out_embeds(page.read_text(encoding="utf-8"))
    document = lxml.html.document_fromstring(html)
    book = document.get_element_by_id("print-site-page")
    body = document.find("body")
    return PrintPage(
        cover=book.find("section[@id='print-site-cover-page']"),
        contents=read_sections(book),
        embeds=embeds,
        stylesheets=[(page.parent / href).resolve() for href in document.xpath("//link[@rel='stylesheet']/@href")],
        palette_attributes={name: value for name, value in body.attrib.items() if name.startswith("data-md-color-")},
    )
