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
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "templates"

#: kind -> (folder under docs/, nav section title, page template, diagram template, diagram path)
KINDS = {
    "case-study": ("case-studies", "Case studies", "case-study.md", "architecture.mmd", "diagrams/{id}/architecture.mmd"),
    "cheat-sheet": ("cheat-sheets", "Cheat sheets", "cheat-sheet.md", "cheat-sheet.mmd", "diagrams/cheat-sheets/{id}.mmd"),
}
#: The nav section, under Practice, that lists the refresher page of every case study.
REFRESHER_NAV = "      - Visual refresher:"
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def fill(template: str, page_id: str, title: str) -> str:
    """Put the id and title into a template."""
    return template.replace("__ID__", page_id).replace("__TITLE__", title)


def add_to_nav(config_text: str, section: str, entry: str) -> str:
    """Append ``entry`` to the ``nav:`` section titled ``section``, creating it before ``Reference``.

    Works on the text of ``mkdocs.yml`` so that its comments and tags survive.
    """
    lines = config_text.split("\n")
    nav = lines.index("nav:")
    header = f"  - {section}:"
    if header in lines[nav:]:
        start = lines.index(header, nav)
        end = start + 1
        while end < len(lines) and lines[end].startswith("      "):
            end += 1
        lines.insert(end, f"      - {entry}")
    else:
        before = lines.index("  - Reference:", nav)
        folder = entry.split(": ")[-1].rsplit("/", 1)[0]
        lines[before:before] = [header, f"      - {folder}/index.md", f"      - {entry}"]
    return "\n".join(lines)


def add_to_refresher_nav(config_text: str, entry: str) -> str:
    """Append ``entry`` to the Practice > Visual refresher list of ``nav`` (text of ``mkdocs.yml``)."""
    lines = config_text.split("\n")
    end = lines.index(REFRESHER_NAV, lines.index("nav:")) + 1
    while end < len(lines) and lines[end].startswith("          "):
        end += 1
    lines.insert(end, f"          - {entry}")
    return "\n".join(lines)


def create(kind: str, page_id: str, title: str, root: Path = ROOT) -> list[Path]:
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
    page.write_text(fill((TEMPLATES / page_template).read_text(), page_id, title))
    diagram.write_text(fill((TEMPLATES / diagram_template).read_text(), page_id, title))
    config = root / "mkdocs.yml"
    config.write_text(add_to_nav(config.read_text(), section, f"{title}: {folder}/{page_id}.md"))
    if kind != "case-study":
        return [page, diagram]
    refresher = root / "docs/practice/refresher" / f"{page_id}.md"
    refresher.write_text(fill((TEMPLATES / "refresher.md").read_text(), page_id, title))
    config.write_text(add_to_refresher_nav(config.read_text(), f"{title}: practice/refresher/{page_id}.md"))
    return [page, diagram, refresher]


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=sorted(KINDS))
    parser.add_argument("id", help="kebab-case page id, also the file name")
    parser.add_argument("title", help="page title")
    args = parser.parse_args(argv)
    try:
        files = create(args.kind, args.id, args.title)
    except (ValueError, FileExistsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for file in files:
        print(f"created {file.relative_to(ROOT)}")
    print("added to nav: in mkdocs.yml; fill every TODO, then run: make check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
