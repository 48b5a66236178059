"""Page hygiene: headings, images, embedded code and leftover placeholders."""

from __future__ import annotations

import re

from .markdown import headings, prose_lines
from .pages import Page
from .problems import Problem

PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|XXX)\b")
IMAGE_WITHOUT_ALT = re.compile(r"!\[\s*\]\(")
#: An image loaded from another host: ``<img src="https://...">``, ``<img src="//...">``
#: or ``![alt](https://...)``. The security policy blocks it and the reader sees a broken image.
REMOTE_IMAGE = re.compile(
    r"""<img\b[^>]*?\bsrc\s*=\s*["']?((?:https?:)?//[^"'\s>]+)|!\[[^\]]*\]\(\s*<?((?:https?:)?//[^)\s>]+)""",
    re.IGNORECASE)
#: Raw HTML that runs code or embeds another site: script, iframe, object and embed
#: elements, inline event handlers (``onclick=``) and ``javascript:`` URLs.
EMBEDDED_CODE = re.compile(
    r"<(script|iframe|object|embed)\b|\s(on[a-z]+)\s*=\s*[\"']|(javascript):", re.IGNORECASE)

#: A ``style`` attribute in raw HTML: ``<p style="color: ...">``.
INLINE_STYLE = re.compile(r"<[a-zA-Z][^>]*?\sstyle\s*=\s*[\"']", re.IGNORECASE)
#: Every complete tag written in prose: ``<name ...>``, ``</name>``, ``<name/>`` (not autolinks like ``<https://...>``).
RAW_TAG = re.compile(r"</?([A-Za-z][\w-]*)(?:\s[^<>]*)?/?>")
#: Elements whose content the browser reads as plain text up to their end tag: one in prose hides the rest of the page.
RAW_TEXT_ELEMENTS = frozenset({"title", "textarea", "style", "xmp", "noembed", "noframes", "plaintext"})
#: HTML elements a page may write in prose (the calculators' forms, definition lists, spans...); embedded code
#: and images have checks of their own.
HTML_ELEMENTS = frozenset("""
    a abbr b blockquote br button caption cite code col colgroup data dd del details dfn div dl dt em embed fieldset
    figcaption figure form h1 h2 h3 h4 h5 h6 hr i iframe img input ins kbd label legend li mark meter object ol
    optgroup option output p picture pre progress q s samp script section select small source span strong sub
    summary sup table tbody td tfoot th thead time tr u ul var wbr
""".split())


def check_title_heading(page: Page) -> list[Problem]:
    """The body has no ``#`` heading: Material shows the front-matter title."""
    return [
        Problem(page.path, h.line, f"page body has a level-1 heading '# {h.text}' (delete it; the title comes from front matter)")
        for h in headings(page.text, page.body_start)
        if h.level == 1
    ]


def check_images(page: Page) -> list[Problem]:
    """Every image has alt text."""
    return [
        Problem(page.path, number, "image has no alt text (describe it: ![what the image shows](...))")
        for number, line in prose_lines(page.text, page.body_start)
        if IMAGE_WITHOUT_ALT.search(line)
    ]


def prose_matches(page: Page, pattern: re.Pattern) -> list[tuple[int, re.Match]]:
    """``(line number, match)`` for each prose line of ``page`` where ``pattern`` matches (code is exempt)."""
    return [(number, match) for number, line in prose_lines(page.text, page.body_start)
            for match in [pattern.search(line)] if match]


def check_embedded_code(page: Page) -> list[Problem]:
    """No scripts, frames or event handlers in the prose of a page (code blocks may show them).

    Every page carries a Content-Security-Policy that trusts only the site's own
    files and the theme's hashed scripts; behaviour belongs in
    ``docs/assets/javascripts/`` and other sites are linked, not embedded.
    """
    return [
        Problem(page.path, number, f"page embeds '{next(g for g in match.groups() if g)}' "
                "(put behaviour in docs/assets/javascripts/ and list it in extra_javascript; link other sites instead of embedding them)")
        for number, match in prose_matches(page, EMBEDDED_CODE)
    ]


def check_inline_styles(page: Page) -> list[Problem]:
    """No ``style`` attributes in the raw HTML of a page (code blocks may show them).

    Colours and layout come from the site's stylesheets only, so the accessibility test can judge contrast
    in light and dark mode on a sample of pages that between them use every styled component; an inline
    colour on any other page would escape it.
    """
    return [
        Problem(page.path, number, "raw HTML has a style attribute (give the element a class and style it in "
                "docs/assets/stylesheets/handbook.css, where light and dark colours are tested)")
        for number, _ in prose_matches(page, INLINE_STYLE)
    ]


def check_raw_tags(page: Page) -> list[Problem]:
    """No tag in prose that the browser would swallow (code may show any tag).

    Python-Markdown passes anything shaped like a tag through as HTML. A ``<title>`` in a sentence then hides
    everything after it (the browser reads the rest of the page as the title's text, scripts included), and a
    made-up ``<accTitle>`` or ``<name>`` becomes an unknown element: its word vanishes from the sentence.
    """
    problems = []
    for number, line in prose_lines(page.text, page.body_start):
        for match in RAW_TAG.finditer(line):
            name = match.group(1).lower()
            if name in RAW_TEXT_ELEMENTS:
                problems.append(Problem(page.path, number, f"raw <{match.group(1)}> tag hides the rest of the page "
                                        f"(write it as code: `<{match.group(1)}>`)"))
            elif name not in HTML_ELEMENTS:
                problems.append(Problem(page.path, number, f"raw <{match.group(1)}> is not an HTML element and vanishes "
                                        f"from the text (write it as code: `<{match.group(1)}>`)"))
    return problems


def find_placeholders(path: str, text: str, lines=None) -> list[Problem]:
    """Report ``TODO``, ``TBD``, ``FIXME`` and ``XXX`` left in ``text``.

    ``lines`` are the ``(number, line)`` pairs to search; by default every line,
    so front matter and diagram sources are searched too.
    """
    lines = lines if lines is not None else enumerate(text.split("\n"), start=1)
    return [
        Problem(path, number, f"placeholder '{match.group(1)}' left in published content (write the content, then delete the marker)")
        for number, line in lines
        for match in [PLACEHOLDER.search(line)]
        if match
    ]


def check_remote_images(page: Page) -> list[Problem]:
    """No image loaded from another host (the page's security policy would block it)."""
    return [
        Problem(page.path, number, f"page loads an image from another site '{match.group(1) or match.group(2)}' "
                "(the security policy blocks it: save the image under docs/assets/images/ and link it relatively)")
        for number, match in prose_matches(page, REMOTE_IMAGE)
    ]


def check_placeholders(page: Page) -> list[Problem]:
    """Placeholders in the front matter or the prose of a page (code is exempt)."""
    front = list(enumerate(page.text.split("\n"), start=1))[: page.front.end_line]
    return find_placeholders(page.path, page.text, front + list(prose_lines(page.text, page.body_start)))
