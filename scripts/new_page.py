"""Create a new case study or cheat sheet from its template.

The new page has valid front matter, every required section and a diagram
stub, and it is added to the navigation; a case study also gets its visual
refresher page (generated from its figures), listed under Practice. It passes
the schema and fails the content check only on its ``TODO`` placeholders and
on the figures still to draw (the figure rules name each step without one),
which tell the writer what is left to do.

Usage::

    python scripts/new_page.py case-study fraud-detection "Payment fraud detection"
    python scripts/new_page.py cheat-sheet feature-stores "Feature stores"
    python scripts/new_page.py --track generative case-study code-review "Code review assistant"

A page joins its track's section of the navigation (``Classic ML`` or
``Generative AI``); a generative case study also gets the ``facts.llm`` block.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "templates"
sys.path.insert(0, str(ROOT / "hooks"))

from handbook.schema import TRACK_TITLES, TRACKS  # noqa: E402

#: kind -> (folder under docs/, nav section title, page template, diagram template, diagram path)
KINDS = {
    "case-study": ("case-studies", "Case studies", "case-study.md", "architecture.mmd", "diagrams/{id}/architecture.mmd"),
    "cheat-sheet": ("cheat-sheets", "Cheat sheets", "cheat-sheet.md", "cheat-sheet.mmd", "diagrams/cheat-sheets/{id}.mmd"),
}
#: The nav sections, under Practice, that list the refresher page of every case study.
REFRESHER_NAV = ("Practice", "Visual refresher")
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def fill(template: str, page_id: str, title: str) -> str:
    """Put the id and title into a template."""
    return template.replace("__ID__", page_id).replace("__TITLE__", title)


def add_to_nav(config_text: str, sections: tuple[str, ...], entry: str) -> str:
    """Append ``entry`` to the ``nav:`` list under the section titles ``sections``, outermost first.

    A missing section is created at the end of its parent's list; a missing
    top-level section goes before ``Reference`` with the folder's ``index.md``.
    Works on the text of ``mkdocs.yml`` so that its comments and tags survive.
    """
    lines = config_text.split("\n")
    start, end = lines.index("nav:"), len(lines)
    for depth, title in enumerate(sections):
        indent = " " * (2 + 4 * depth)
        header = f"{indent}- {title}:"
        found = next((i for i in range(start + 1, end) if lines[i] == header), None)
        if found is None:
            if depth == 0:
                at = lines.index("  - Reference:", start)
                folder = entry.split(": ")[-1].rsplit("/", 1)[0]
                lines[at:at] = [header, f"{indent}    - {folder}/index.md"]
                found = at
            else:
                lines.insert(end, header)
                found = end
        start, end = found, found + 1
        while end < len(lines) and lines[end].startswith(indent + "  "):
            end += 1
    lines.insert(end, " " * (2 + 4 * len(sections)) + f"- {entry}")
    return "\n".join(lines)


def with_track(text: str, kind: str, track: str) -> str:
    """Mark a page of the generative track: its ``track`` field and, on a case study, the ``facts.llm`` block."""
    if track == "classic":
        return text
    text = text.replace(f"kind: {kind}\n", f"kind: {kind}\ntrack: {track}\n", 1)
    if kind == "case-study":
        text = text.replace("# uses:", (TEMPLATES / "llm-facts.yml").read_text() + "# uses:", 1)
    return text


def create(kind: str, page_id: str, title: str, root: Path = ROOT, track: str = "classic") -> list[Path]:
    """Write the page and its diagram stub and register the page in ``nav``; return the new files."""
    if not KEBAB.match(page_id):
        raise ValueError(f"id '{page_id}' is not kebab-case (use lower-case words joined by hyphens)")
    folder, section, page_template, diagram_template, diagram_path = KINDS[kind]
    page = root / "docs" / folder / f"{page_id}.md"
    diagram = root / diagram_path.format(id=page_id)
    for target in (page, diagram):
        if target.exists():
            raise FileExistsError(f"{target.relative_to(root)} already exists (choose another id)")
    page.parent.mkdir(parents=True, exist_ok=True)
    diagram.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(with_track(fill((TEMPLATES / page_template).read_text(), page_id, title), kind, track))
    diagram.write_text(fill((TEMPLATES / diagram_template).read_text(), page_id, title))
    config = root / "mkdocs.yml"
    config.write_text(add_to_nav(config.read_text(), (section, TRACK_TITLES[track]), f"{title}: {folder}/{page_id}.md"))
    if kind != "case-study":
        return [page, diagram]
    refresher = root / "docs/practice/refresher" / f"{page_id}.md"
    refresher.write_text(fill((TEMPLATES / "refresher.md").read_text(), page_id, title))
    config.write_text(add_to_nav(config.read_text(), REFRESHER_NAV + (TRACK_TITLES[track],), f"{title}: practice/refresher/{page_id}.md"))
    return [page, diagram, refresher]


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=sorted(KINDS))
    parser.add_argument("id", help="kebab-case page id, also the file name")
    parser.add_argument("title", help="page title")
    parser.add_argument("--track", choices=TRACKS, default="classic", help="the track the page belongs to")
    args = parser.parse_args(argv)
    try:
        files = create(args.kind, args.id, args.title, track=args.track)
    except (ValueError, FileExistsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for file in files:
        print(f"created {file.relative_to(ROOT)}")
    print("added to nav: in mkdocs.yml; fill every TODO, then run: make check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
