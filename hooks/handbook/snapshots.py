"""Diagrams pre-rendered to SVG, so readers' browsers need not run Mermaid.

Every ``diagrams/<area>/<name>.mmd`` has a snapshot ``diagrams/<area>/<name>.svg``
written by ``make diagrams`` (``scripts/snapshot_diagrams.py``, which renders it
in Chromium exactly as the site would). The snapshot's first line records the
SHA-256 of the source it was drawn from::

    <!-- mermaid-source-sha256: 3f1c... (written by make diagrams; do not edit) -->

At build time a diagram whose snapshot is current is inlined into the page in a
declarative shadow root, where Material's colour variables still reach it (light
and dark). A diagram without a current snapshot stays Mermaid source and the
browser renders it, so a contributor with Python only sees every edit; the test
suite then fails until the snapshot is refreshed.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from html import escape, unescape
from pathlib import Path

from .diagrams import MERMAID_BLOCK
from .problems import Problem

HEADER = "<!-- mermaid-source-sha256: {digest} (written by make diagrams; do not edit) -->\n"
HEADER_PATTERN = re.compile(r"\A<!-- mermaid-source-sha256: ([0-9a-f]{64}) ")
#: Every snapshot names the diagram font it was measured with (set by ``diagram-loader.js``); one
#: without it was drawn in another font and its boxes would not fit their labels.
DIAGRAM_FONT_FAMILY = "Handbook Inter"
#: Set (to any value) to keep every diagram as Mermaid source, as ``make diagrams`` needs.
LIVE_DIAGRAMS_VARIABLE = "HANDBOOK_LIVE_DIAGRAMS"


def source_digest(source: str) -> str:
    """SHA-256 of a Mermaid source, ignoring leading and trailing blank space."""
    return hashlib.sha256(source.strip().encode("utf-8")).hexdigest()


def snapshot_of(source_file: Path) -> Path:
    """Where the snapshot of ``diagrams/<area>/<name>.mmd`` lives."""
    return source_file.with_suffix(".svg")


def recorded_digest(snapshot: str) -> str | None:
    """The source digest a snapshot's header records, or None for a file without one."""
    match = HEADER_PATTERN.match(snapshot)
    return match.group(1) if match else None


def snapshot_text(source: str, svg: str) -> str:
    """The file content of a snapshot: the header for ``source``, then the SVG."""
    return HEADER.format(digest=source_digest(source)) + svg.strip() + "\n"


def source_files(root: Path) -> list[Path]:
    """Every Mermaid source under ``root/diagrams``, sorted."""
    folder = root / "diagrams"
    return sorted(folder.rglob("*.mmd")) if folder.is_dir() else []


def current_snapshot(source_file: Path) -> str | None:
    """The SVG of ``source_file``'s snapshot if it was drawn from the present source, else None."""
    snapshot = snapshot_of(source_file)
    if not snapshot.is_file():
        return None
    text = snapshot.read_text(encoding="utf-8")
    if recorded_digest(text) != source_digest(source_file.read_text(encoding="utf-8")) or DIAGRAM_FONT_FAMILY not in text:
        return None
    return text.split("\n", 1)[1].strip()


def is_current(source_file: Path) -> bool:
    """Whether ``source_file`` has a snapshot drawn from its present text."""
    return current_snapshot(source_file) is not None


#: What Mermaid writes that a drawn snapshot never uses: each edge's points again, base64-encoded
#: (``data-points``, a twelfth of a case study's compressed HTML), and empty style attributes.
UNUSED_MARKUP = re.compile(r' (?:data-points="[^"]*"|style="")')


def compact(svg: str) -> str:
    """``svg`` without the markup a reader's browser never uses (``UNUSED_MARKUP``)."""
    return UNUSED_MARKUP.sub("", svg)


def current_snapshots(root: Path) -> dict[str, str]:
    """Current snapshots, compacted, by the digest of their source; stale and missing ones are left out."""
    found = {}
    for source_file in source_files(root):
        svg = current_snapshot(source_file)
        if svg is not None:
            found[source_digest(source_file.read_text(encoding="utf-8"))] = compact(svg)
    return found


def check_snapshots(root: Path) -> list[Problem]:
    """Sources whose snapshot is missing or stale, and snapshots whose source is gone."""
    problems = []
    for source_file in source_files(root):
        snapshot = snapshot_of(source_file)
        relative = snapshot.relative_to(root).as_posix()
        if not snapshot.is_file():
            problems.append(Problem(source_file.relative_to(root).as_posix(), 1,
                                    f"diagram has no snapshot {relative} (run make diagrams and commit the .svg)"))
        elif recorded_digest(snapshot.read_text(encoding="utf-8")) != source_digest(source_file.read_text(encoding="utf-8")):
            problems.append(Problem(relative, 1, "snapshot is older than its .mmd source (run make diagrams and commit the .svg)"))
        elif not is_current(source_file):
            problems.append(Problem(relative, 1, "snapshot was drawn without the diagram font (run make diagrams and commit the .svg)"))
    folder = root / "diagrams"
    for snapshot in sorted(folder.rglob("*.svg")) if folder.is_dir() else []:
        if not snapshot.with_suffix(".mmd").is_file():
            problems.append(Problem(snapshot.relative_to(root).as_posix(), 1,
                                    "snapshot has no .mmd source beside it (delete it, or restore the source)"))
    return problems


#: Styles inside each diagram's shadow root: centred in the column, and in print never taller
#: than 220 mm, so a figure is placed whole on one page (handbook.legibility measures with the same limit).
SHADOW_STYLE = (
    "<style>:host{display:block}svg{display:block;margin:0 auto;height:auto}"
    "@media print{svg{max-height:var(--print-max-height,220mm)}}</style>"
)
TITLE = re.compile(r"<title\b[^>]*>(.*?)</title>", re.DOTALL)

#: Where the build writes the diagram styles that pages share (``shared_style``).
STYLE_FOLDER = "assets/diagrams"
#: ``SHADOW_STYLE`` for a diagram whose Mermaid style comes from a shared file: the SVG stays hidden until
#: that file has loaded (its last rule, ``REVEAL``, shows it), so a first visit never flashes unstyled shapes.
LINKED_SHADOW_STYLE = SHADOW_STYLE.replace("height:auto}", "height:auto;visibility:hidden}")
REVEAL = "svg{visibility:visible}"
SVG_STYLE = re.compile(r'(<svg id="([^"]+)".*?)<style>(.*?)</style>', re.DOTALL)


@functools.lru_cache(maxsize=1024)
def shared_style(svg: str) -> tuple[str, str, str] | None:
    """``svg`` without its Mermaid style, the shared file that holds the style, and that file's text.

    Mermaid scopes a diagram's style (about 14 KB) by the SVG's id. In a shadow root the root itself is the
    scope, so the id selector becomes ``svg`` and the same style serves every diagram of its kind: the
    handbook's 392 diagrams need 7 files, which a page loads once and the browser caches, instead of a
    copy in every diagram (a third of a case study's compressed HTML). None for an SVG without its own style.
    Entities in the SVG's style (``&gt;`` in child selectors) are decoded for the style sheet.
    """
    match = SVG_STYLE.search(svg)
    if match is None:
        return None
    head, own_id, css = match.groups()
    # Inside an SVG the style is character data, written with entities (`&gt;`); a style sheet is not.
    css = re.sub(re.escape("#" + own_id) + r"(?![\w-])", "svg", unescape(css)) + REVEAL
    name = f"{STYLE_FOLDER}/{hashlib.sha256(css.encode('utf-8')).hexdigest()[:12]}.css"
    return svg[:match.start()] + head + svg[match.end():], name, css


def style_files(snapshots: dict[str, str]) -> dict[str, str]:
    """The shared style files of ``snapshots``: path under the site to text."""
    shared = (shared_style(svg) for svg in snapshots.values())
    return {name: css for _, name, css in filter(None, shared)}


def inline_snapshots(html: str, snapshots: dict[str, str], style_url: Callable[[str], str] | None = None) -> str:
    """Replace each ``<pre class="mermaid">`` that has a current snapshot by that snapshot.

    The SVG goes into an open declarative shadow root, as Material would render
    it, so the page's typography does not reach its labels while the colour
    variables do. Search skips it (``data-search-exclude``). The host is a
    focusable group named after the diagram's ``accTitle``, which
    ``diagram-zoom.js`` opens full screen on a click, Enter or Space; the SVG
    inside keeps its own title and description.

    With ``style_url`` (a site path to the URL this page uses for it), each
    diagram's Mermaid style is linked from its shared file (``shared_style``)
    instead of repeated; without it (the print page, which the PDF and EPUB
    are made from) every SVG keeps its own.
    """

    def replace(match: re.Match) -> str:
        svg = snapshots.get(source_digest(unescape(match.group(2))))
        if svg is None:
            return match.group(0)
        title = TITLE.search(svg)
        name = escape(f"Diagram: {unescape(title.group(1)) if title else 'untitled'}. Press Enter to open it full screen.")
        shared = shared_style(svg) if style_url else None
        if shared is None:
            content = SHADOW_STYLE + svg
        else:
            stripped, style_file, _ = shared
            content = f'{LINKED_SHADOW_STYLE}<link rel="stylesheet" href="{escape(style_url(style_file))}">{stripped}'
        return (f'<div class="mermaid" data-search-exclude data-diagram-zoom tabindex="0" role="group" aria-label="{name}">'
                f'<template shadowrootmode="open">{content}</template></div>')

    return MERMAID_BLOCK.sub(replace, html)
