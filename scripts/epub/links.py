"""Links of the print page, pointed at the book's chapter files or at the hosted site.

print-site turns a link to another page into a fragment of the print page:
``case-studies/news-feed/#serving`` becomes ``#case-studies-news-feed-serving``
(the page's key, a hyphen, the anchor). It prefixes the ids of headings that
way, but not the ids of other elements (a reference's ``<p id>``), so a link's
target is the prefixed or the bare id. In the book each page is its own file:
the link becomes ``case-studies-news-feed.xhtml#...``. A page the book leaves
out (the contributor guide, the visual refreshers, the tags page) is linked on
the hosted site, at ``site_url``; so is a file the site offers for download.

Ids that are not XML names (``99th-percentile-latency``) are renamed, because
EPUB's XHTML requires XML names, and links follow them.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, urljoin

import lxml.html
from mkdocs_print_site_plugin.urls import get_page_key

from .print_page import Chapter

#: An XML name without a colon (ASCII is all the handbook's ids use).
XML_NAME = re.compile(r"[A-Za-z_][\w.-]*\Z", re.ASCII)
#: Characters a URL may hold as they are; others (``<`` in a DOI) are percent-encoded, as EPUB requires.
URL_CHARACTERS = "/:?#[]@!$&'()*+,;=%~-._"
#: Where print-site's page sits below ``site_url``; relative links on it are relative to this.
PRINT_PAGE_ADDRESS = "print_page/"


def site_pages(site_dir: Path) -> dict[str, str]:
    """Every page of the built site by print-site key: ``{"contributing-conventions": "contributing/conventions/"}``."""
    pages = {}
    for html in site_dir.rglob("index.html"):
        folder = html.parent.relative_to(site_dir).as_posix()
        address = "" if folder == "." else folder + "/"
        if address != PRINT_PAGE_ADDRESS:
            pages[get_page_key(address)] = address
    return pages


def xml_ids(section: lxml.html.HtmlElement) -> dict[str, str]:
    """Rename the ids in ``section`` that are not XML names; return every id's new name by its old one."""
    names: dict[str, str] = {}
    taken = set(section.xpath(".//@id"))
    for element in section.xpath(".//*[@id]"):
        old = element.get("id")
        new = old
        if not XML_NAME.match(old):
            new = base = "id-" + re.sub(r"[^\w.-]", "-", old, flags=re.ASCII)
            suffix = 1
            while new in taken:
                suffix += 1
                new = f"{base}-{suffix}"
            taken.add(new)
            element.set("id", new)
        names.setdefault(old, new)
    return names


class LinkTargets:
    """Where each link of the print page points in the book.

    Args:
        chapters: The book's chapters; their ids are renamed to XML names here.
        pages: Every page of the site by key (``site_pages``), the left-out ones included.
        site_url: The hosted site's address, for links to pages the book leaves out.
    """

    def __init__(self, chapters: list[Chapter], pages: dict[str, str], site_url: str):
        self.chapters = {chapter.key: chapter for chapter in chapters}
        self.ids = {chapter.key: xml_ids(chapter.element) for chapter in chapters}
        self.pages = pages
        self.site_url = site_url if site_url.endswith("/") else site_url + "/"
        self.keys = sorted(pages.keys() | self.chapters.keys(), key=len, reverse=True)

    def href(self, href: str, from_chapter: str) -> str | None:
        """The book's address for ``href`` written in chapter ``from_chapter``; None for a fragment with no target."""
        if not href.startswith("#"):
            address = href if re.match(r"[a-z][a-z0-9+.-]*:", href) else urljoin(self.site_url + PRINT_PAGE_ADDRESS, href)
            return quote(address, safe=URL_CHARACTERS)
        fragment = href[1:]
        key = next((key for key in self.keys if fragment == key or fragment.startswith(key + "-")), None)
        if key is None:
            return None
        anchor = fragment[len(key) + 1:]
        if key not in self.chapters:
            return self.site_url + self.pages[key] + (f"#{anchor}" if anchor else "")
        file_name = "" if key == from_chapter else self.chapters[key].file_name
        if not anchor:
            return file_name or "#" + self.chapters[key].element.get("id")
        target = self.ids[key].get(fragment) or self.ids[key].get(anchor)
        return f"{file_name}#{target}" if target else None


def point_links(chapter: Chapter, targets: LinkTargets) -> None:
    """Rewrite the links of ``chapter`` for the book; a link whose target the book lacks stays as it was."""
    for link in chapter.element.xpath(".//a[@href]"):
        href = targets.href(link.get("href"), chapter.key)
        if href is not None:
            link.set("href", href)
