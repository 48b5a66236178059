"""Accessibility in the real browser: axe-core on every page in light and dark mode,
diagrams with accessible names, and the keyboard reaching every control."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from helpers import build, distinct_pages, figure, front, heaviest_per_part, pages_of, scratch_site

from accessibility_audit import AXE_PATH, AXE_SCRIPT, COLOUR_RULES, axe_violations, diagram_name_problems
from browser_session import open_session
from local_server import serve
from page_rendering import wait_for_rendering

pytestmark = pytest.mark.browser

#: (system colour scheme the browser reports, Material's scheme for it): the palette follows the system.
SCHEMES = (("light", "default"), ("dark", "slate"))
#: Resolves once Material has reacted to the last scroll (it fades the header tabs back in) and every transition ended.
SETTLED = """async () => {
  for (let frame = 0; frame < 3; frame++) await new Promise(resolve => requestAnimationFrame(resolve));
  await Promise.all(document.getAnimations().map(animation => animation.finished.catch(() => null)));
}"""


def origin_of(url: str) -> str:
    return "{0.scheme}://{0.netloc}".format(urlparse(url))


@pytest.fixture(scope="module")
def served_with_axe(real_site, site_url, site_prefix):
    """The real site, with axe-core from its npm package at ``AXE_PATH`` on the same origin."""
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `make node-deps` (npm ci)")
    result, site_dir = real_site
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(site_dir, site_prefix, origin_of(site_url), extra_files={AXE_PATH: AXE_SCRIPT}) as base:
        yield base, site_dir


#: True once every code block that scrolls sideways is focusable (Material sets ``tabindex`` asynchronously).
CODE_BLOCKS_SETTLED = "() => [...document.querySelectorAll('pre > code')].every(c => c.scrollWidth <= c.clientWidth || c.hasAttribute('tabindex'))"


def audit_page(session, base: str, path: str, diagrams: int, maths: int, colours: bool = True) -> list[str]:
    """Open one page and audit it in light mode; with ``colours``, switch the system to dark mode and audit again.

    Without ``colours``, axe's colour rules are left out of the light pass too. The palette's automatic
    setting follows the system colour scheme, so this is the dark mode a reader gets, without a second page
    load. Only the colours change with the scheme, so the dark pass runs axe's colour rules alone.
    """
    page = session.page
    page.emulate_media(color_scheme="light")
    page.goto(base + path, wait_until="load")
    wait_for_rendering(page, diagrams, maths)
    # Material makes a code block that overflows focusable from a resize observer, after the load event: let it
    # finish (axe then judges what a reader gets; if it never happens, axe reports the block).
    try:
        page.wait_for_function(CODE_BLOCKS_SETTLED, timeout=5_000)
    except Exception:  # noqa: BLE001 - axe reports what is still wrong
        pass
    problems = []
    for scheme, material_scheme in SCHEMES if colours else SCHEMES[:1]:
        page.emulate_media(color_scheme=scheme)
        label = f"{base + path} ({scheme})"
        try:
            page.wait_for_function("(s) => document.body.getAttribute('data-md-color-scheme') === s", arg=material_scheme,
                                   timeout=5_000)
        except Exception:  # noqa: BLE001 - reported below
            shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            problems.append(f"{label}: the page shows colour scheme {shown!r}, not {material_scheme!r}")
            continue
        # Material fades the header tabs back in after scrolling: judge colours once transitions end.
        page.evaluate(SETTLED)
        if scheme == "light":
            skip = () if colours else COLOUR_RULES
            problems += axe_violations(page, origin_of(base), label, skip=skip) + diagram_name_problems(page, label, diagrams)
        else:
            problems += axe_violations(page, origin_of(base), label, COLOUR_RULES)
    return problems


def test_no_serious_violation_and_named_diagrams_on_every_page_and_colours_in_light_and_dark(browser, served_with_axe):
    base, site_dir = served_with_axe
    pages = [p for p in distinct_pages(site_dir) if not p[0].startswith("print_page")] + [("no-such-page/", 0, 0)]
    assert len(pages) >= 50
    # Colours come only from the site's stylesheets (a check refuses style attributes in pages), that is from the
    # components a page uses: diagrams, tables, admonitions, formulas, code, calculators, tags. The home page, the
    # 404 page and, in each part, the page with the most diagrams and the one with the most formulas use them all,
    # so they take axe's colour rules in light and dark mode; every page takes every other rule.
    coloured = {"", "no-such-page/"} | {path for path, _, _ in heaviest_per_part(pages[:-1])}
    assert len(coloured) >= 8
    session = open_session(browser)
    problems = []
    for path, diagrams, maths in pages:
        problems += audit_page(session, base, path, diagrams, maths, colours=path in coloured)
    assert problems == []
    assert session.violations == [] and session.blocked == []


def test_axe_and_diagram_checks_fail_on_inaccessible_markup(browser, tmp_path: Path, site_prefix):
    files = {
        "docs/index.md": front("home") + (
            '\n<p class="pale">Pale grey text that few can read.</p>\n\n'
            '<a class="empty" href="#"></a>\n\n'
            + figure("diagrams/demo/flow.mmd")),
        "diagrams/demo/flow.mmd": "flowchart LR\n    accTitle: Two steps\n    accDescr: A goes to B.\n    a --> b\n",
    }
    project = scratch_site(tmp_path, files, ["index.md"])
    assert build(project).returncode == 0
    html = project / "site/index.html"
    # Pages may not carry style attributes (the content checks refuse them): the pale colour is put in after the build.
    html.write_text(html.read_text().replace("accTitle: Two steps", "").replace("accDescr: A goes to B.", "")
                    .replace('class="pale"', 'class="pale" style="color: #c8c8c8"'))
    session = open_session(browser)
    with serve(project / "site", site_prefix, extra_files={AXE_PATH: AXE_SCRIPT}) as base:
        problems = audit_page(session, base, "", 1, 0)
    assert problems == [
        f"{base} (light): color-contrast (serious): Elements must meet minimum color contrast ratio thresholds"
        " - 1 element(s), first: .pale",
        f"{base} (light): link-name (serious): Links must have discernible text - 1 element(s), first: .empty",
        f"{base} (light): diagram 1 of 1 has no accessible name (give its source an accTitle line)",
        # Pale grey is readable on the dark background; the dark pass checks colours only.
    ]
    with serve(project / "site", site_prefix, extra_files={AXE_PATH: AXE_SCRIPT}) as base:
        assert audit_page(session, base, "", 1, 0, colours=False) == [  # the colour rules are left out, no others
            f"{base} (light): link-name (serious): Links must have discernible text - 1 element(s), first: .empty",
            f"{base} (light): diagram 1 of 1 has no accessible name (give its source an accTitle line)",
        ]
    dark_on_light = html.read_text().replace("color: #c8c8c8", "color: #1a1a1a")
    html.write_text(dark_on_light)
    with serve(project / "site", site_prefix, extra_files={AXE_PATH: AXE_SCRIPT}) as base:
        problems = audit_page(session, base, "", 1, 0)
    assert f"{base} (dark): color-contrast (serious): Elements must meet minimum color contrast ratio thresholds" \
           " - 1 element(s), first: .pale" in problems


def tab_until(page, selector: str, limit: int = 400) -> bool:
    """Press Tab until the focused element matches ``selector``; False if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return True
    return False


def test_keyboard_reaches_and_operates_search_palette_and_practice_mode(browser, served_with_axe):
    base, site_dir = served_with_axe
    study = next(p for p, d, _ in pages_of(site_dir) if p.startswith("case-studies/") and d)
    session = open_session(browser, viewport={"width": 1280, "height": 800}, color_scheme="light")
    page = session.page
    page.goto(base + study, wait_until="networkidle")

    assert tab_until(page, "input[name=__palette]"), "Tab never reaches the colour palette toggle"
    # The palette cycles automatic -> light -> dark; arrow keys move along it.
    for _ in range(3):
        if page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate":
            break
        page.keyboard.press("ArrowRight")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"

    assert tab_until(page, "input.md-search__input"), "Tab never reaches the search box"
    page.keyboard.type("embedding")
    page.wait_for_selector(".md-search-result__item a", timeout=30_000)
    page.keyboard.press("Escape")

    page.goto(base + study, wait_until="networkidle")
    assert tab_until(page, "[data-practice-toggle] button"), "Tab never reaches the practice-mode toggle"
    page.keyboard.press("Enter")
    assert page.locator("[data-practice-toggle] button").get_attribute("aria-pressed") == "true"
    assert tab_until(page, ".practice-concealed__reveal", limit=50), "Tab never reaches a reveal button"
    page.keyboard.press("Enter")
    assert page.evaluate("localStorage.getItem('handbook.practiceMode')") == "on"
    page.locator("[data-practice-toggle] button").click()  # leave practice mode off for other tests
    assert session.errors == [] and session.violations == [] and session.blocked == []
