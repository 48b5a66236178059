"""Diagrams kept as Mermaid sources in ``diagrams/`` and included into pages.

A page shows a diagram with a ``mermaid`` fence whose only line is
``--8<-- "diagrams/<area>/<name>.mmd"``. Every file must be included somewhere,
must carry ``accTitle:`` and ``accDescr:``, and architecture diagrams
(``architecture.mmd`` or ``*-architecture.mmd``) must keep every node inside the
two top-level subgraphs ``offline`` and ``online``, titled "Offline: ..." and
"Online: ..." (the site draws them in two styles; see the conventions page).
Every included diagram is followed by a one-sentence caption block
(``/// caption`` ... ``///``, pymdownx.blocks.caption), which the site shows
under it and the PDF's list of figures names it by.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path

from .diagram_font import DIAGRAM_FONT, font_characters, missing_characters
from .hygiene import find_placeholders
from .markdown import fences
from .pages import Page, Site
from .problems import Problem

#: The repository these hooks belong to: its vendored diagram font serves sites that carry none.
HANDBOOK_ROOT = Path(__file__).resolve().parents[2]
INCLUDE = re.compile(r'^\s*--8<--\s+"(?P<path>[^"]+)"\s*$')
DIAGRAM_TYPES = (
    "flowchart", "graph", "sequenceDiagram", "classDiagram", "stateDiagram", "stateDiagram-v2",
    "erDiagram", "journey", "gantt", "pie", "quadrantChart", "requirementDiagram", "gitGraph",
    "mindmap", "timeline", "sankey-beta", "xychart-beta", "block-beta", "architecture-beta",
)
#: The types the site's theme styles in light and dark mode and in greyscale print (the diagram
#: loader gives charts the site's colours); the others draw in fixed colours of their own.
STYLED_TYPES = ("flowchart", "graph", "sequenceDiagram", "stateDiagram", "stateDiagram-v2", "xychart-beta", "quadrantChart")
SUBGRAPH = re.compile(r"^\s*subgraph\s+([\w-]+)(?:\s*\[\s*\"?([^\]\"]*))?")
END = re.compile(r"^\s*end\s*$")
ARROW = re.compile(r"\s*(?:--\s[^-]*?\s-->|<?[-=.]{2,}[->ox]?|~~~|&)(?:\|[^|]*\|)?\s*")
NODE = re.compile(r"^(?P<id>[\w-]+)(?P<shape>[\[({>].*?)?(?::::[\w-]+)?$")
QUOTED = re.compile(r'"[^"]*"')
STATEMENTS = re.compile(r"^\s*(accTitle|accDescr|classDef|class|style|linkStyle|click|direction|%%)\b")
ARCHITECTURE_GROUPS = ("offline", "online")
CAPTION_START = re.compile(r"^\s*/// caption\s*$")
CAPTION_END = re.compile(r"^\s*///\s*$")
#: Longest caption (characters): one sentence that a reader takes in with the figure.
MAX_CAPTION = 200
#: Shapes Mermaid draws as long hand-drawn paths (about 40 KB a box): pages would grow several-fold.
HEAVY_SHAPE = re.compile(r'\(\[|shape:\s*(?:stadium|pill|terminal)\b')


@dataclass(frozen=True)
class Include:
    """A diagram included by a page.

    Attributes:
        page: The including page's path from the repository root.
        line: Line of the ``--8<--`` include.
        target: The included path as written (``diagrams/x/y.mmd``).
    """

    page: str
    line: int
    target: str


def includes_in(page: Page) -> tuple[list[Include], list[Problem]]:
    """Diagram includes of a page, and mermaid fences that hold inline source instead."""
    found, problems = [], []
    for fence in fences(page.text):
        if fence.info.split(" ")[0] != "mermaid":
            continue
        lines = [(n, t) for n, t in fence.body if t.strip()]
        matches = [(n, INCLUDE.match(t)) for n, t in lines]
        if len(lines) == 1 and matches[0][1]:
            found.append(Include(page.path, matches[0][0], matches[0][1]["path"]))
        else:
            problems.append(Problem(page.path, fence.line, "mermaid fence holds inline source (move the diagram to diagrams/<area>/<name>.mmd and include it with --8<-- \"path\")"))
    return found, problems


def caption_after(lines: list[str], closing: int) -> str | None:
    """The caption block after the fence that closes on line ``closing`` (1-based); None if there is none."""
    if closing >= len(lines) or not CAPTION_START.match(lines[closing]):
        return None
    body = []
    for line in lines[closing + 1:]:
        if CAPTION_END.match(line):
            break
        body.append(line.strip())
    return " ".join(part for part in body if part)


def caption_problems(page: Page) -> list[Problem]:
    """Mermaid fences not followed by a caption block of one sentence (reported at the fence)."""
    lines = page.text.split("\n")
    problems = []
    for fence in fences(page.text):
        if fence.info.split(" ")[0] != "mermaid":
            continue
        caption = caption_after(lines, (fence.body[-1][0] if fence.body else fence.line) + 1)
        if caption is None:
            problems.append(Problem(page.path, fence.line, "diagram has no caption (add a '/// caption' block of one "
                                                           "sentence right after the closing fence)"))
        elif not caption:
            problems.append(Problem(page.path, fence.line, "diagram caption is empty (write one sentence between '/// caption' and '///')"))
        elif len(caption) > MAX_CAPTION:
            problems.append(Problem(page.path, fence.line, f"diagram caption is {len(caption)} characters "
                                                           f"(keep it to one sentence of at most {MAX_CAPTION})"))
    return problems


def neutralise_missing_includes(markdown: str, root: Path) -> str:
    """Turn includes of missing diagram files into Mermaid comments.

    The check has already reported them with their page and line; without this,
    pymdownx.snippets would stop the build at the first one, hiding every later
    problem.
    """

    def keep_or_comment(line: str) -> str:
        match = INCLUDE.match(line)
        if match and not (root / match["path"]).is_file():
            return f"%% missing diagram file {match['path']}"
        return line

    return "\n".join(keep_or_comment(line) for line in markdown.split("\n"))


MERMAID_BLOCK = re.compile(r'(<pre\s+class="mermaid"><code>)(.*?)(</code></pre>)', re.DOTALL)


def escape_mermaid_sources(html: str) -> str:
    """HTML-escape the Mermaid source inside ``<pre class="mermaid"><code>`` blocks.

    mermaid2's fence writes the source unescaped, so a label such as
    ``"one<br/>two"`` or ``p99 < 200 ms`` would be parsed as HTML and reach
    Mermaid without its ``<br/>`` or with a broken ``<``. Escaped, the block's
    ``textContent`` is exactly the source file.
    """
    return MERMAID_BLOCK.sub(lambda m: m.group(1) + escape(unescape(m.group(2)), quote=False) + m.group(3), html)


def is_architecture(path: str) -> bool:
    """Whether a diagram file is an architecture diagram, by its name."""
    name = Path(path).name
    return name == "architecture.mmd" or name.endswith("-architecture.mmd")


def check_diagram_source(path: str, text: str) -> list[Problem]:
    """Type line, accessible title and description, and the architecture convention."""
    lines = text.split("\n")
    significant = [(n, t.strip()) for n, t in enumerate(lines, start=1) if t.strip() and not t.strip().startswith("%%")]
    if not significant:
        return [Problem(path, 1, "diagram file is empty (write a Mermaid diagram)")]
    problems = []
    first_line, first = significant[0]
    kind = first.split()[0]
    if kind not in DIAGRAM_TYPES:
        problems.append(Problem(path, first_line, f"diagram does not start with a Mermaid diagram type, found '{kind}' (start with e.g. 'flowchart LR')"))
    elif kind not in STYLED_TYPES:
        problems.append(Problem(path, first_line, f"diagram type '{kind}' draws in colours the site cannot theme (use one of {', '.join(STYLED_TYPES)})"))
    for field in ("accTitle", "accDescr"):
        if not any(re.match(rf"{field}\s*[:{{]", t) for _, t in significant):
            what = "title" if field == "accTitle" else "description"
            problems.append(Problem(path, first_line, f"diagram has no accessible {what} (add a line '{field}: ...' after '{first}')"))
    for number, text in significant:
        if HEAVY_SHAPE.search(QUOTED.sub('""', text)):
            problems.append(Problem(path, number, "stadium shape is drawn as a 40 KB path (draw a model as [[...]], a double-barred box)"))
    if is_architecture(path):
        problems += check_architecture(path, significant, kind)
    return problems


def check_architecture(path: str, lines: list[tuple[int, str]], kind: str) -> list[Problem]:
    """Every node of an architecture diagram sits in the ``offline`` or ``online`` group."""
    if kind not in ("flowchart", "graph"):
        return [Problem(path, lines[0][0], "architecture diagram must be a flowchart (start with 'flowchart TB')")]
    problems, depth, top_groups, grouped, loose, groups = [], 0, [], set(), [], set()
    for number, text in lines[1:]:
        subgraph = SUBGRAPH.match(text)
        if subgraph:
            groups.add(subgraph.group(1))
            if depth == 0:
                top_groups.append((number, subgraph.group(1), (subgraph.group(2) or "").strip()))
            depth += 1
            continue
        if END.match(text):
            depth = max(depth - 1, 0)
            continue
        if STATEMENTS.match(text) or text.startswith("accDescr") or text == "}":
            continue
        for part in ARROW.split(QUOTED.sub('""', text)):
            node = NODE.match(part.strip().rstrip(";"))
            if not node:
                continue
            if depth:
                grouped.add(node["id"])
            else:
                loose.append((number, node["id"], bool(node["shape"])))
    names = [name for _, name, _ in top_groups]
    for number, name, title in top_groups:
        if name not in ARCHITECTURE_GROUPS:
            problems.append(Problem(path, number, f"architecture diagram has top-level group '{name}' (nest it inside 'offline' or 'online')"))
        elif not title.startswith(name.capitalize()):
            problems.append(Problem(path, number, f"architecture group '{name}' is titled '{title}' (start its title with '{name.capitalize()}:' so readers see which half it is)"))
    for group in ARCHITECTURE_GROUPS:
        if group not in names:
            problems.append(Problem(path, lines[0][0], f"architecture diagram has no '{group}' group (add: subgraph {group}[\"...\"] ... end)"))
    for number, node, defines in loose:
        if node in groups and not defines:
            continue  # an arrow between two groups (offline -.-> online)
        if defines or node not in grouped:
            problems.append(Problem(path, number, f"node '{node}' is outside the offline and online groups (define it inside one of them)"))
    return problems


def check_diagrams(site: Site) -> list[Problem]:
    """Includes that point nowhere, inline diagrams, orphan files and bad sources."""
    problems, included = [], set()
    for page in site.pages:
        found, inline = includes_in(page)
        problems += inline + caption_problems(page)
        for include in found:
            target = site.root / include.target
            if not target.is_file():
                problems.append(Problem(page.path, include.line, f"diagram file '{include.target}' does not exist (check the path, relative to the repository root)"))
            else:
                included.add(target.resolve())
    diagrams_dir = site.root / "diagrams"
    font = next((root / DIAGRAM_FONT for root in (site.root, HANDBOOK_ROOT) if (root / DIAGRAM_FONT).is_file()), None)
    characters = font_characters(font) if font else None
    if characters is None:
        problems.append(Problem(DIAGRAM_FONT, 1, "the diagram font is missing, so labels cannot be checked (run make vendor)"))
    for file in sorted(diagrams_dir.rglob("*.mmd")) if diagrams_dir.is_dir() else []:
        relative = file.relative_to(site.root).as_posix()
        text = file.read_text(encoding="utf-8")
        problems += check_diagram_source(relative, text)
        if characters is not None:
            problems += missing_characters(relative, text, characters)
        problems += find_placeholders(relative, text)
        if file.resolve() not in included:
            problems.append(Problem(relative, 1, "diagram is not included by any page (include it in a page or delete it)"))
    return problems
