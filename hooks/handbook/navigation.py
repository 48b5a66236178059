"""Every page must be reachable from the navigation."""

from __future__ import annotations

from .pages import Site
from .problems import Problem


def nav_paths(nav) -> set[str]:
    """Every page path named in an ``mkdocs.yml`` ``nav`` tree."""
    found: set[str] = set()
    if isinstance(nav, str):
        found.add(nav)
    elif isinstance(nav, list):
        for item in nav:
            found |= nav_paths(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            found |= nav_paths(value)
    return found


def check_navigation(site: Site, nav) -> list[Problem]:
    """Report pages that ``nav`` does not list."""
    listed = nav_paths(nav)
    return [
        Problem(page.path, 1, f"page is not in the navigation (add '{page.doc_path}' under nav: in mkdocs.yml)")
        for page in site.pages
        if page.doc_path not in listed
    ]
