"""The EPUB 3 package: chapter XHTML files, navigation, stylesheet, font and metadata, written with ebooklib.

Chapters are written as XHTML here rather than by ebooklib's ``EpubHtml``, which
re-parses its content with an HTML parser (that would lower-case SVG's
``viewBox``); ebooklib writes the container, the package document, the
navigation document (with an NCX for older readers) and the zip, ``mimetype``
first and stored.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from ebooklib import epub
from lxml import etree

from handbook.diagram_font import DIAGRAM_FONT

from .content import clean_chapter
from .diagrams import light_palette, standalone_svg
from .formulas import formula
from .links import LinkTargets, point_links, site_pages
from .print_page import PLACEHOLDER, Chapter, Part, PrintPage, heading_title, read_print_page, title_of

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
#: The package's folder in the zip: ``OEBPS/case-studies-news-feed.xhtml``.
FOLDER = "OEBPS"
STYLESHEET = "style/book.css"
FONT = "fonts/Inter-Regular.woff2"
AUTHOR = "ML System Design Handbook contributors"
RIGHTS = ("Text and diagrams: Creative Commons Attribution 4.0 International (CC BY 4.0), "
          "https://creativecommons.org/licenses/by/4.0/. Code: MIT licence.")


class EpubBuildError(RuntimeError):
    """The book cannot be made faithfully from the print page; the message says where and why."""


@dataclass(frozen=True)
class BookInfo:
    """What the package document says about the book.

    Attributes:
        title: The book's title (``site_name``).
        description: One paragraph about it (``site_description``).
        site_url: The hosted site: the book's identifier derives from it, and left-out pages link there.
    """

    title: str
    description: str
    site_url: str

    @property
    def identifier(self) -> str:
        """A stable UUID for the book, derived from ``site_url``."""
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, self.site_url)}"


def xhtml_document(title: str, content: list[etree._Element], epub_type: str) -> etree._Element:
    """An XHTML document titled ``title`` whose body is one ``section`` of ``epub_type`` holding ``content``."""
    html = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML, "epub": OPS}, lang="en")
    html.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    head = etree.SubElement(html, f"{{{XHTML}}}head")
    etree.SubElement(head, f"{{{XHTML}}}title").text = title
    etree.SubElement(head, f"{{{XHTML}}}link", rel="stylesheet", type="text/css", href=STYLESHEET)
    section = etree.SubElement(etree.SubElement(html, f"{{{XHTML}}}body"), f"{{{XHTML}}}section")
    section.set(f"{{{OPS}}}type", epub_type)
    for element in content:
        section.append(element)
    return html


def as_xhtml(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """``element`` (from the HTML parser) with its tags in the XHTML namespace, in place."""
    lxml.html.html_to_xhtml(element)
    return element


def fill_embeds(root: etree._Element, embeds: list[str], palette: dict[str, str], where: str) -> set[str]:
    """Put each diagram's SVG and each formula's MathML in place of its placeholder; return the manifest properties."""
    properties = set()
    for placeholder in list(root.iter(f"{{{XHTML}}}{PLACEHOLDER}")):
        text = embeds[int(placeholder.get("data-index"))]
        try:
            elements = [standalone_svg(text, palette)] if text.startswith("<svg") else formula(text)
        except (ValueError, etree.XMLSyntaxError) as error:
            raise EpubBuildError(f"{where}: {error}") from error
        properties.add("svg" if text.startswith("<svg") else "mathml")
        elements[-1].tail = placeholder.tail
        placeholder.getparent().replace(placeholder, elements[0])
        for previous, element in zip(elements, elements[1:]):
            previous.addnext(element)
    return properties


def serialise(document: etree._Element) -> bytes:
    """An XHTML document as the bytes of its file."""
    return etree.tostring(document, encoding="utf-8", xml_declaration=True, doctype="<!DOCTYPE html>")


def chapter_item(chapter: Chapter, embeds: list[str], palette: dict[str, str]) -> epub.EpubItem:
    """The manifest item of a cleaned chapter, with the ``svg`` and ``mathml`` properties it needs."""
    section = as_xhtml(chapter.element)
    section.attrib.pop("class", None)
    document = xhtml_document(title_of(section, chapter.key), [section], "chapter")
    diagram = section.find(f".//{{{XHTML}}}pre[@class='mermaid']")
    if diagram is not None:
        raise EpubBuildError(f"{chapter.file_name}: a diagram has no current snapshot (run make diagrams): "
                             f"{diagram.text[:60]!r}")
    properties = fill_embeds(document, embeds, palette, chapter.file_name)
    item = epub.EpubItem(uid=chapter.key, file_name=chapter.file_name, media_type="application/xhtml+xml",
                         content=serialise(document))
    item.properties = sorted(properties)
    return item


def table_of_contents(entries: list[Part | Chapter]) -> list:
    """ebooklib's ``toc``: parts over chapters over each chapter's ``<h2>`` sections, numbered as in the PDF."""
    toc = []
    for entry in entries:
        if isinstance(entry, Part):
            first = entry.chapters()[0].file_name
            toc.append((epub.Section(f"{entry.number} {entry.title}".strip(), first), table_of_contents(entry.children)))
            continue
        title = title_of(entry.element, entry.key)
        sections = [epub.Link(f"{entry.file_name}#{h2.get('id')}", heading_title(h2), f"{entry.key}--{h2.get('id')}")
                    for h2 in entry.element.xpath(".//*[local-name()='h2'][@id]")]
        toc.append((epub.Section(title, entry.file_name), sections) if sections
                   else epub.Link(entry.file_name, title, entry.key))
    return toc


def title_page(page: PrintPage, info: BookInfo) -> epub.EpubItem:
    """The title page, from the print page's cover (title, subtitle, edition, addresses, licence)."""
    cover = page.cover if page.cover is not None else lxml.html.fromstring(f"<section><h1>{info.title}</h1></section>")
    document = xhtml_document(info.title, [as_xhtml(child) for child in cover], "titlepage")
    return epub.EpubItem(uid="title-page", file_name="title-page.xhtml", media_type="application/xhtml+xml",
                         content=serialise(document))


def licences_page(font_licence: str) -> epub.EpubItem:
    """The last page: the book's licence and the embedded font's."""
    paragraphs = [lxml.html.fromstring(html) for html in (
        "<h1>Licences</h1>",
        "<p>The text and diagrams of this book are licensed under the "
        '<a href="https://creativecommons.org/licenses/by/4.0/">Creative Commons Attribution 4.0 International '
        "licence (CC BY 4.0)</a>; its code under the MIT licence.</p>",
        "<p>Diagram labels are set in Inter, embedded in this book under the SIL Open Font License 1.1:</p>",
    )]
    notice = lxml.html.Element("pre", {"class": "licence-text"})
    notice.text = font_licence
    document = xhtml_document("Licences", [as_xhtml(element) for element in [*paragraphs, notice]], "backmatter")
    return epub.EpubItem(uid="licences", file_name="licences.xhtml", media_type="application/xhtml+xml",
                         content=serialise(document))


def modified(chapters: list[Chapter]) -> datetime.datetime:
    """The book's modification time: the newest "Last updated" date of its pages, or now without git dates."""
    dates = [value for chapter in chapters for value in chapter.element.xpath(".//time/@datetime")]
    if not dates:
        return datetime.datetime.now(datetime.timezone.utc)
    return datetime.datetime.fromisoformat(max(dates)[:10]).replace(tzinfo=datetime.timezone.utc)


def build_epub(site_dir: Path, output: Path, info: BookInfo, root: Path) -> dict:
    """Write ``site_dir``'s print page to ``output`` as an EPUB 3 book; return counts for the report.

    ``root`` is the repository, where the diagram font and its licence are vendored. A link whose
    target the book lacks is kept as it was, for ``epub.check`` to report.
    """
    print_page = site_dir / "print_page" / "index.html"
    if not print_page.is_file():
        raise EpubBuildError(f"{print_page} is missing: build the site first (make build)")
    page = read_print_page(print_page)
    chapters = page.chapters()
    palette = light_palette([sheet.read_text(encoding="utf-8") for sheet in page.stylesheets if sheet.is_file()],
                            page.palette_attributes)
    targets = LinkTargets(chapters, site_pages(site_dir), info.site_url)
    for chapter in chapters:
        clean_chapter(chapter)
        point_links(chapter, targets)
    book = epub.EpubBook()
    book.FOLDER_NAME = FOLDER
    book.set_identifier(info.identifier)
    book.set_title(info.title)
    book.set_language("en")
    book.add_author(AUTHOR)
    book.add_metadata("DC", "rights", RIGHTS)
    book.add_metadata("DC", "description", info.description)
    book.add_metadata("DC", "source", info.site_url)
    font = root / DIAGRAM_FONT
    book.add_item(epub.EpubItem(uid="style", file_name=STYLESHEET, media_type="text/css",
                                content=(Path(__file__).with_name("book.css")).read_bytes()))
    book.add_item(epub.EpubItem(uid="font", file_name=FONT, media_type="font/woff2", content=font.read_bytes()))
    items = [title_page(page, info)] + [chapter_item(chapter, page.embeds, palette) for chapter in chapters]
    items.append(licences_page(font.with_name("LICENSE.txt").read_text(encoding="utf-8")))
    for item in items:
        book.add_item(item)
    book.toc = table_of_contents(page.contents)
    navigation = epub.EpubNav(title="Contents")
    navigation.add_link(href=STYLESHEET, rel="stylesheet", type="text/css")
    book.add_item(navigation)
    book.add_item(epub.EpubNcx())
    book.spine = [items[0], navigation, *items[1:]]
    book.guide = [{"type": "toc", "href": navigation.file_name, "title": "Contents"},
                  {"type": "text", "href": items[1].file_name, "title": "Start"}]
    output.parent.mkdir(parents=True, exist_ok=True)
    epub.write_epub(str(output), book, {"epub2_guide": False, "epub3_pages": False, "landmark_title": "Landmarks",
                                        "raise_exceptions": True, "mtime": modified(chapters)})
    return {"chapters": len(chapters), "diagrams": sum(text.startswith("<svg") for text in page.embeds),
            "formulas": sum(text.startswith("<math") for text in page.embeds),
            "bytes": output.stat().st_size}
