"""The offline copy: opened from disk (file://) with no server, navigation, search and diagrams work."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import MKDOCS, ROOT, diagrams_and_formulas, heaviest_per_part

from browser_session import open_session, search_and_wait
from page_rendering import render_problems, wait_for_rendering

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    """The site built exactly as ``make offline`` builds it."""
    import subprocess

    site_dir = tmp_path_factory.mktemp("offline") / "ml-system-design-handbook"
    env = {**os.environ, "HANDBOOK_OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--config-file", "mkdocs-offline.yml", "--site-dir", str(site_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return site_dir


def file_pages(site_dir: Path) -> list[tuple[str, int, int]]:
    """``(file URL, diagrams, formulas)`` for every page; offline pages are ``name.html``, not ``name/``."""
    found = []
    for html in sorted(site_dir.rglob("*.html")):
        if html.name == "404.html" or html.stem == "print_page" or "assets" in html.parts:
            continue
        found.append((html.as_uri(), *diagrams_and_formulas(html)))
    return found


def test_pages_open_from_disk_with_diagrams_and_maths(browser, offline_site):
    """Opened from disk, pages draw their diagrams and typeset their maths. What file:// changes is shared by
    every page (relative asset paths, scripts without a server), so the home page and, in each part, the page
    with the most diagrams and the one with the most formulas stand for the part; every page's own content is
    loaded one by one from the served site (test_browser)."""
    session = open_session(browser)
    problems = []
    every = file_pages(offline_site)
    home = next(entry for entry in every if entry[0].endswith(f"{offline_site.name}/index.html"))
    pages = sorted({home, *heaviest_per_part(every, lambda url: url.removeprefix(offline_site.as_uri() + "/").split("/")[0])})
    assert len(pages) >= 8 and sum(d for _, d, _ in pages) >= 50 and sum(m for _, _, m in pages) >= 50
    for url, diagrams, maths in pages:
        session.errors.clear()
        session.page.goto(url, wait_until="load")
        state = wait_for_rendering(session.page, diagrams, maths)
        problems += render_problems(url, state, diagrams, maths) + [f"{url}: {e}" for e in session.errors]
    assert session.blocked == []
    assert problems == []


def test_navigation_works_from_disk(browser, offline_site):
    session = open_session(browser)
    page = session.page
    page.goto((offline_site / "index.html").as_uri(), wait_until="load")
    page.locator("a.md-tabs__link", has_text="Framework").click()
    page.wait_for_url("**/framework/index.html")
    assert session.errors == [] and session.blocked == []


def test_search_works_from_disk(browser, offline_site):
    session = open_session(browser)
    page = session.page
    page.goto((offline_site / "framework" / "index.html").as_uri(), wait_until="load")
    search_and_wait(page, "whiteboard", "framework/interview-playbook.html")
    assert session.errors == [] and session.blocked == []


def test_diagrams_open_full_screen_from_disk_in_the_served_font(browser, offline_site):
    """From file://, the diagram font loads and the full-screen view loads panzoom and zooms."""
    session = open_session(browser, viewport={"width": 1440, "height": 900})
    page = session.page
    study = next(url for url, diagrams, _ in file_pages(offline_site) if "/case-studies/" in url and diagrams)
    page.goto(study, wait_until="load")
    page.wait_for_function("() => [...document.fonts].some(f => f.family.includes('Handbook Inter') && f.status === 'loaded')")
    page.locator("div.mermaid[data-diagram-zoom]").first.click()
    assert page.evaluate("document.querySelector('dialog.diagram-zoom').open")
    page.wait_for_function("() => window.Panzoom !== undefined")
    page.get_by_role("button", name="Zoom in").click()
    page.wait_for_function("() => new DOMMatrix(getComputedStyle(document.querySelector('.diagram-zoom__canvas')).transform).a > 1")
    page.keyboard.press("Escape")
    assert session.errors == [] and session.blocked == []
