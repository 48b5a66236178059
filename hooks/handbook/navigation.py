"""Every page must be reachable from the navigation, case studies and cheat sheets under their track."""

from __future__ import annotations

from .pages import Site
from .problems import Problem
from .schema import TRACK_TITLES, track_of

#: Page kinds that belong to a track and sit under its section in the navigation.
TRACKED_KINDS = ("case-study", "cheat-sheet")


def nav_sections(nav, sections: tuple[str, ...] = ()) -> dict[str, tuple[str, ...]]:
    """Every page path named in an ``mkdocs.yml`` ``nav`` tree, with the titles of the sections above it."""
    found: dict[str, tuple[str, ...]] = {}
    if isinstance(nav, str):
        found[nav] = sections
    elif isinstance(nav, list):
        for item in nav:
            found |= nav_sections(item, sections)
    elif isinstance(nav, dict):
        for title, value in nav.items():
            found |= nav_sections(value, sections + (str(title),) if isinstance(value, list) else sections)
    return found


def nav_paths(nav) -> set[str]:
    """Every page path named in an ``mkdocs.yml`` ``nav`` tree."""
    return set(nav_sections(nav))


def check_navigation(site: Site, nav) -> list[Problem]:
    """Report pages that ``nav`` does not list, and tracked pages listed outside their track's section."""
    listed = nav_sections(nav)
    problems = []
    for page in site.pages:
        if page.doc_path not in listed:
            problems.append(Problem(page.path, 1, f"page is not in the navigation (add '{page.doc_path}' under nav: in mkdocs.yml)"))
        elif page.kind in TRACKED_KINDS and (title := TRACK_TITLES[track_of(page)]) not in listed[page.doc_path]:
            problems.append(Problem(page.path, 1, f"{page.kind} of the {track_of(page)} track is listed outside the '{title}' section of the navigation (move '{page.doc_path}' under '{title}:' in mkdocs.yml)"))
    return problems
