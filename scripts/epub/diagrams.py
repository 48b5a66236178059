"""Diagram snapshots made to stand on their own in an e-reader.

On the site each snapshot sits in a shadow root and takes its colours from
Material's CSS custom properties (``var(--md-...)``), which switch with the
light and dark palettes. An e-reader has neither Material's stylesheets nor,
often, support for ``var()``: [`light_palette`][epub.diagrams.light_palette]
reads the light-scheme values from the site's own stylesheets and
[`standalone_svg`][epub.diagrams.standalone_svg] writes them into the SVG. The
labels keep the diagram font ("Handbook Inter"), which the book embeds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

#: A custom property declaration inside a rule: ``--md-default-fg-color: #000000de``.
DECLARATION = re.compile(r"(--[\w-]+)\s*:\s*([^;]+)")
#: ``var(--name)`` or ``var(--name, fallback)`` whose fallback holds no ``var()`` (at most one level of brackets).
VAR = re.compile(r"var\(\s*(--[\w-]+)\s*(?:,\s*((?:[^()]|\((?:[^()])*\))*?))?\s*\)")
#: ``#rrggbbaa``: not every e-reader's SVG renderer knows eight-digit colours; ``rgba()`` it does.
HEX_WITH_ALPHA = re.compile(r"#([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})\b")
#: Selectors whose custom properties every element inherits: the root's, then the body's (Material's
#: palette attributes sit on ``<body>``, so they and ``:root>*`` override the root's).
ROOT_SELECTORS = {":root", "html"}
BODY_SELECTORS = {":root>*", "body"}


class DiagramError(ValueError):
    """A diagram snapshot cannot be made to stand on its own; the message says why."""


def top_level_rules(css: str) -> Iterator[tuple[str, str]]:
    """``(selector list, declarations)`` of each rule outside at-rules (``@media``, ``@font-face``...)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    depth, start, opened = 0, 0, 0
    for index, character in enumerate(css):
        if character == "{":
            if depth == 0:
                opened = index
            depth += 1
        elif character == "}" and depth:
            depth -= 1
            if depth == 0:
                selectors = css[start:opened].strip()
                if not selectors.startswith("@"):
                    yield selectors, css[opened + 1:index]
                start = index + 1


def resolve(value: str, declared: dict[str, str], depth: int = 0) -> str:
    """``value`` with every ``var()`` replaced by its declared value (or its fallback), innermost first."""
    if depth > 20:
        raise DiagramError(f"custom properties refer to each other in a loop: {value}")
    replaced = VAR.sub(lambda m: declared[m.group(1)] if m.group(1) in declared else (m.group(2) or m.group(0)), value)
    return replaced if replaced == value else resolve(replaced, declared, depth + 1)


def rgba(value: str) -> str:
    """``value`` with eight-digit hex colours written as ``rgba()``."""
    def convert(match: re.Match) -> str:
        red, green, blue, alpha = (int(part, 16) for part in match.groups())
        return f"rgba({red},{green},{blue},{alpha / 255:.3f})"

    return HEX_WITH_ALPHA.sub(convert, value)


def light_palette(stylesheets: list[str], attributes: dict[str, str]) -> dict[str, str]:
    """The custom properties a light-scheme page gets from ``stylesheets``, resolved to plain values.

    ``stylesheets`` are the page's CSS texts in link order; ``attributes`` its ``<body>``'s
    ``data-md-color-*`` attributes (``primary``, ``accent``), which select the palette's rules.
    Rules under ``@media`` are left out, and so is the dark scheme: the book is printed on white.
    """
    light = {**attributes, "data-md-color-scheme": "default"}
    on_body = BODY_SELECTORS | {f"[{name}={value}]" for name, value in light.items()}
    root: dict[str, str] = {}
    body: dict[str, str] = {}
    for css in stylesheets:
        for selectors, declarations in top_level_rules(css):
            normalised = {re.sub(r"[\s\"']", "", selector) for selector in selectors.split(",")}
            for scope, selected in ((root, ROOT_SELECTORS), (body, on_body)):
                if normalised & selected:
                    scope.update((name, value.strip()) for name, value in DECLARATION.findall(declarations))
    declared = {**root, **body}
    return {name: rgba(resolve(value, declared)) for name, value in declared.items()}


def standalone_svg(svg: str, palette: dict[str, str]) -> etree._Element:
    """A snapshot's SVG with its colours resolved from ``palette``, as an image with a text alternative.

    The SVG becomes ``role="img"``, named by its ``<title>`` (the diagram's ``accTitle``) and described by its
    ``<desc>`` (``accDescr``). Raises [`DiagramError`][epub.diagrams.DiagramError] for a property the palette
    lacks or a diagram without a title.
    """
    text = rgba(resolve(svg, palette))
    left = sorted(set(VAR.findall(text)))
    if left:
        raise DiagramError(f"colours the light palette does not define: {', '.join(name for name, _ in left)}")
    root = etree.fromstring(text.encode("utf-8"))
    namespace = {"svg": "http://www.w3.org/2000/svg"}
    title = root.find("svg:title", namespace)
    if title is None or not "".join(title.itertext()).strip():
        raise DiagramError(f"diagram {root.get('id')} has no title (give it an accTitle line)")
    root.set("role", "img")
    root.attrib.pop("aria-roledescription", None)
    block_labels(root)
    return root


def block_labels(svg: etree._Element) -> None:
    """Make Mermaid's HTML labels valid XHTML: a ``<span>`` that holds a ``<p>`` becomes a ``<div>``.

    Mermaid writes ``<span class="nodeLabel"><p>label</p></span>`` inside ``<foreignObject>``;
    browsers draw it, but XHTML (and EPUBCheck) allow no paragraph inside a span. The label's
    styles select it by class (``.nodeLabel``, ``.edgeLabel``), so it is drawn as before.
    """
    xhtml = "{http://www.w3.org/1999/xhtml}"
    for span in svg.iter(f"{xhtml}span"):
        if any(child.tag in (f"{xhtml}p", f"{xhtml}div") for child in span):
            span.tag = f"{xhtml}div"
