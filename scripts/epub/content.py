"""A chapter of the print page made into book content: no site furniture, nothing to click open.

An e-reader runs no scripts and shows no forms, so what the site makes
interactive becomes plain: collapsible answers are printed open as blocks,
checklist boxes and the practice-mode switch go, and so do permalinks and the
"Report a problem" link. Formulas keep only KaTeX's MathML (e-readers render
MathML; KaTeX's HTML needs its stylesheet and fonts; see ``epub.formulas``). Headings get the numbers
the PDF prints (``3.2.9.1``), which also restores the case studies' step numbers
that the print page drops.
"""

from __future__ import annotations

import lxml.html

from .print_page import PLACEHOLDER, Chapter


def with_class(name: str) -> str:
    """An XPath test for an element whose ``class`` holds ``name``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


#: Site furniture removed from every chapter (the text after each is kept).
FURNITURE = " | ".join([
    f".//a[{with_class('headerlink')}]",  # permalinks
    f".//*[{with_class('page-report')}]",  # "Report a problem"
    ".//*[@data-practice-toggle]",  # the practice-mode switch, drawn by a script
    f".//label[{with_class('task-list-control')}]",  # checklist boxes (decoration)
    ".//a[starts-with(@id, '__codelineno')]",  # code line anchors
    ".//script", ".//noscript", ".//style", ".//template", ".//iframe",
    ".//form", ".//input", ".//button", ".//select", ".//textarea",
])
#: Attributes print-site or the theme add that are not HTML.
NON_HTML_ATTRIBUTES = ("heading-number",)


def drop_furniture(section: lxml.html.HtmlElement) -> None:
    """Remove the site furniture listed in ``FURNITURE``."""
    for element in section.xpath(FURNITURE):
        element.drop_tree()


def open_details(section: lxml.html.HtmlElement) -> None:
    """Turn each ``<details>`` into a plain block whose ``<summary>`` is its first paragraph."""
    for details in list(section.iter("details")):
        details.tag = "div"
        details.set("class", " ".join(["details", *details.get("class", "").split()]))
        details.attrib.pop("open", None)
        summary = details.find("summary")
        if summary is not None:
            summary.tag = "p"
            summary.set("class", "details-title")


def plain_tags(section: lxml.html.HtmlElement) -> None:
    """Material's tag chips (``nav.md-tags``) as one line of text: ``Tags: retrieval, ranking``."""
    for chips in section.xpath(f".//nav[{with_class('md-tags')}]"):
        line = lxml.html.Element("p", {"class": "tags"})
        line.text = "Tags: " + ", ".join(" ".join(chip.text_content().split()) for chip in chips)
        line.tail = chips.tail
        chips.getparent().replace(chips, line)


def scrolling_tables(section: lxml.html.HtmlElement) -> None:
    """Put each table in a ``div.table-scroll``: a table wider than the screen scrolls, as on the site."""
    for table in list(section.iter("table")):
        wrapper = lxml.html.Element("div", {"class": "table-scroll"})
        wrapper.tail, table.tail = table.tail, None
        table.getparent().replace(table, wrapper)
        wrapper.append(table)


def keep_mathml(section: lxml.html.HtmlElement) -> None:
    """Leave in each formula only the placeholder of its MathML, dropping KaTeX's HTML rendering."""
    for formula in section.xpath(f".//*[{with_class('arithmatex')}]"):
        mathml = formula.find(f".//{PLACEHOLDER}")
        if mathml is None:
            continue  # KaTeX rejected it: the source stays as text (the build has reported it)
        for child in list(formula):
            formula.remove(child)
        formula.text, mathml.tail = None, None
        formula.append(mathml)


def number_headings(section: lxml.html.HtmlElement, number: str) -> None:
    """Prefix the page's ``<h1>``, ``<h2>`` and ``<h3>`` with the PDF's numbers: ``3.2``, ``3.2.1``, ``3.2.1.4``."""
    h2 = h3 = 0
    for heading in list(section.iter("h1", "h2", "h3")):
        if heading.tag == "h1":
            label = number
        elif heading.tag == "h2":
            h2, h3 = h2 + 1, 0
            label = f"{number}.{h2}"
        else:
            h3 += 1
            label = f"{number}.{h2}.{h3}"
        span = lxml.html.Element("span", {"class": "heading-number"})
        span.text, span.tail, heading.text = label, " " + (heading.text or "").lstrip(), None
        heading.insert(0, span)


def clean_chapter(chapter: Chapter) -> None:
    """Make ``chapter``'s section book content, in place (see the module's description)."""
    section = chapter.element
    drop_furniture(section)
    open_details(section)
    plain_tags(section)
    scrolling_tables(section)
    keep_mathml(section)
    if chapter.number:
        number_headings(section, chapter.number)
    for element in section.iter():
        for name in NON_HTML_ATTRIBUTES:
            element.attrib.pop(name, None)
