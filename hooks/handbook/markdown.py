"""Line-aware reading of Markdown sources: front matter, code fences, headings.

Checks report the line in the source file, so everything here counts lines
from the top of the file, front matter included.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterator

import yaml

from .problems import Problem

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str):
    """Parse YAML safely, with libyaml's C loader when it is available (about 10x faster)."""
    return yaml.load(text, Loader=SafeLoader)


def yaml_entries(text: str, path: str, what: str, first_key: str) -> tuple[list[tuple[int, object]], Problem | None]:
    """The entries of a data file that is a YAML list, each with the line it starts on.

    ``what`` names the file in messages (``glossary``) and ``first_key`` is the
    key each entry starts with. When the file cannot be read as a list, the
    entries are empty and the problem says why.
    """
    starts = [number for number, line in enumerate(text.split("\n"), start=1) if line.startswith("- ")]
    try:
        data = load_yaml(text) or []
    except yaml.YAMLError as error:
        return [], Problem(path, 1, f"{what} is not valid YAML ({error.__class__.__name__})")
    if not isinstance(data, list):
        return [], Problem(path, 1, f"{what} must be a list of entries (start each with '- {first_key}:')")
    return [(starts[index] if index < len(starts) else 1, raw) for index, raw in enumerate(data)], None


FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
INLINE_CODE = re.compile(r"(`+)(?:.+?)\1")
HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*$")
HEADING_ATTRS = re.compile(r"\s*\{[^{}]*\}\s*$")
ANCHOR_IN_ATTRS = re.compile(r"#([\w-]+)")


@dataclass(frozen=True)
class FrontMatter:
    """A page's parsed front matter.

    Attributes:
        data: The parsed mapping (empty when there is none or it is invalid).
        end_line: Line number of the closing ``---`` (0 when there is none).
        error: Why the YAML could not be read, if it could not.
    """

    data: dict
    end_line: int
    error: str | None = None


def read_front_matter(text: str) -> FrontMatter:
    """Parse the YAML block between the first two ``---`` lines of ``text``."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return FrontMatter({}, 0, "page has no front matter (start the file with a --- block)")
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            try:
                data = load_yaml("\n".join(lines[1 : number - 1])) or {}
            except yaml.YAMLError as error:
                return FrontMatter({}, number, f"front matter is not valid YAML ({error.__class__.__name__})")
            if not isinstance(data, dict):
                return FrontMatter({}, number, "front matter is not a mapping (write key: value lines)")
            return FrontMatter(data, number)
    return FrontMatter({}, 0, "front matter is not closed (add a --- line after it)")


def key_line(text: str, key: str, default: int = 1) -> int:
    """Line number of the first line that defines ``key:`` (at any indent)."""
    pattern = re.compile(rf"^\s*-?\s*{re.escape(key)}\s*:")
    for number, line in enumerate(text.split("\n"), start=1):
        if pattern.match(line):
            return number
    return default


@dataclass(frozen=True)
class Fence:
    """A fenced code block.

    Attributes:
        line: Line number of the opening fence.
        info: The info string after the fence characters (``mermaid``, ``python``...).
        body: ``(line number, text)`` for each line between the fences.
    """

    line: int
    info: str
    body: tuple[tuple[int, str], ...]


def _walk(text: str) -> Iterator[tuple[int, str, Fence | None]]:
    """Yield ``(number, line, fence)``: ``fence`` is set for the closing line of a block."""
    opening: tuple[int, str, str] | None = None
    body: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = FENCE.match(line)
        if opening is None:
            if match:
                opening = (number, match["fence"], match["info"].strip())
                body = []
            yield number, line, None
            continue
        if match and match["fence"][0] == opening[1][0] and len(match["fence"]) >= len(opening[1]) and not match["info"].strip():
            yield number, line, Fence(opening[0], opening[2], tuple(body))
            opening = None
            continue
        body.append((number, line))
        yield number, line, None


def fences(text: str) -> list[Fence]:
    """Every fenced code block in ``text``."""
    return [fence for _, _, fence in _walk(text) if fence]


def prose_lines(text: str, start: int = 1) -> Iterator[tuple[int, str]]:
    """Yield ``(number, line)`` for lines outside code, from line ``start`` on.

    Lines inside fenced blocks and the fence lines themselves are skipped;
    inline code spans are blanked out so that nothing inside them matches.
    """
    for number, line in _prose(text):
        if number >= start:
            yield number, line


@functools.lru_cache(maxsize=512)
def _prose(text: str) -> tuple[tuple[int, str], ...]:
    """Every prose line of ``text`` (``prose_lines`` from line 1), worked out once per text: a build asks for
    each page's prose lines a dozen times."""
    found = []
    inside = False
    for number, line, closed in _walk(text):
        if closed:
            inside = False
            continue
        if not inside and FENCE.match(line):
            inside = True
            continue
        if not inside:
            found.append((number, INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)))
    return tuple(found)


@dataclass(frozen=True)
class Heading:
    """A Markdown ATX heading.

    Attributes:
        line: Line number.
        level: 1 for ``#``, 2 for ``##`` and so on.
        text: Heading text without the attribute list.
        anchor: The explicit ``{ #anchor }``, or ``None``.
    """

    line: int
    level: int
    text: str
    anchor: str | None


def headings(text: str, start: int = 1) -> list[Heading]:
    """Every heading outside code blocks, from line ``start`` on."""
    return [heading for heading in _headings(text) if heading.line >= start]


@functools.lru_cache(maxsize=512)
def _headings(text: str) -> tuple[Heading, ...]:
    """Every heading of ``text`` outside code blocks, worked out once per text."""
    found = []
    for number, line in prose_lines(text):
        match = HEADING.match(line)
        if not match:
            continue
        heading_text = match["text"]
        anchor = None
        attrs = HEADING_ATTRS.search(heading_text)
        if attrs:
            anchor_match = ANCHOR_IN_ATTRS.search(attrs.group(0))
            anchor = anchor_match.group(1) if anchor_match else None
            heading_text = heading_text[: attrs.start()]
        found.append(Heading(number, len(match["hashes"]), heading_text.strip(), anchor))
    return tuple(found)


def replace_outside_code(markdown: str, pattern: re.Pattern, replace) -> str:
    """Apply ``pattern.sub(replace, ...)`` to every part of ``markdown`` that is not code.

    Fenced blocks and inline code spans are kept exactly as they are.
    """
    out = []
    inside = False
    for _, line, closed in _walk(markdown):
        if closed:
            inside = False
            out.append(line)
            continue
        if not inside and FENCE.match(line):
            inside = True
            out.append(line)
            continue
        if inside:
            out.append(line)
            continue
        pieces, last = [], 0
        for span in INLINE_CODE.finditer(line):
            pieces.append(pattern.sub(replace, line[last : span.start()]))
            pieces.append(span.group(0))
            last = span.end()
        pieces.append(pattern.sub(replace, line[last:]))
        out.append("".join(pieces))
    return "\n".join(out)


def replace_marker(markdown: str, marker: str, html: str) -> str:
    """Replace each line that is only ``marker`` (``<div data-rubric></div>``, say) with ``html``.

    A marker quoted in code or inside a sentence (the contributor guide names them) is left as it is.
    """
    return replace_outside_code(markdown, re.compile(rf"^\s*{re.escape(marker)}\s*$"), lambda _: html)
