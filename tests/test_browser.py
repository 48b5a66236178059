"""The built site in a real browser (Playwright driving Debian Chromium), all on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from helpers import build, distinct_pages, figure, front, heaviest_per_part, pages_of, scratch_site

from browser_session import open_session, search_and_wait
from local_server import serve
from page_rendering import label_overflows, narrowed_diagrams, render_problems, wait_for_rendering

pytestmark = pytest.mark.browser

MALFORMED = "flowchart LR\n    accTitle: Broken\n    accDescr: A diagram with a syntax error.\n    a --> (\n"


@pytest.fixture(scope="session")
def served(real_site, site_url, site_prefix):
    """The real site served where its ``site_url`` puts it: ``(base URL, site folder)``."""
    result, site_dir = real_site
    assert result.returncode == 0, result.stderr[-3000:]
    origin = "{0.scheme}://{0.netloc}".format(urlparse(site_url))
    with serve(site_dir, site_prefix, origin) as base:
        yield base, site_dir


def lightest_page_with_diagrams(site_dir: Path) -> str:
    """The page with the fewest diagrams (but some): where the bad fixtures are cheapest to stage."""
    return min((d, p) for p, d, _ in pages_of(site_dir) if d and not p.startswith("print_page"))[1]


def load_and_check(session, url: str, diagrams: int, maths: int) -> list[str]:
    """Open ``url`` directly and return everything wrong with it."""
    session.errors.clear()
    session.page.goto(url, wait_until="load")
    state = wait_for_rendering(session.page, diagrams, maths)
    return render_problems(url, state, diagrams, maths) + [f"{url}: {e}" for e in session.errors]


def test_every_page_loads_renders_and_stays_local_and_every_label_fits_its_box(browser, served):
    """Each page renders locally; on pages with diagrams, no label is wider or taller than its box
    (this machine has only DejaVu as a system font), in light and dark mode."""
    base, site_dir = served
    # The whole-book print page is loaded, rendered and checked for other hosts by the PDF build
    # (tests/test_pdf.py); its diagrams and formulas are these pages'.
    pages = [page for page in distinct_pages(site_dir) if not page[0].startswith("print_page")]
    assert len(pages) >= 10 and sum(d for _, d, _ in pages) >= 10
    session = open_session(browser)
    problems, overflows, measured = [], [], 0
    for path, diagrams, maths in pages:
        problems += load_and_check(session, base + path, diagrams, maths)
        if diagrams:
            measured += session.page.evaluate("document.querySelectorAll('div.mermaid').length")
            overflows += label_overflows(session.page, base + path) + narrowed_diagrams(session.page, base + path)
    assert session.blocked == [], "requests left 127.0.0.1"
    assert problems == []
    assert measured >= 90 and overflows == []
    assert session.violations == [], "the Content-Security-Policy blocked something the site needs"
    assert session.page.context.cookies() == [], "the handbook sets no cookies"


def test_diagrams_and_maths_render_after_instant_navigation(browser, served):
    """Reached by instant navigation, pages draw their diagrams and typeset their maths. Every page is
    loaded directly by the test above; here, in each part of the site, the page with the most diagrams and
    the one with the most formulas stand for the part, since what is tested is the navigation, not the page."""
    base, site_dir = served
    session = open_session(browser)
    page = session.page
    problems = []
    chosen = heaviest_per_part([entry for entry in pages_of(site_dir) if not entry[0].startswith("print_page")])
    assert {path.split("/")[0] for path, _, _ in chosen} >= {"case-studies", "cheat-sheets", "framework", "practice"}, chosen
    assert any(maths for _, _, maths in chosen) and any(diagrams for _, diagrams, _ in chosen)
    for path, diagrams, maths in chosen:
        # networkidle: Material intercepts links only once it has fetched the sitemap.
        page.goto(base + "reference/", wait_until="networkidle")
        page.evaluate("window.__noReload = true")
        page.evaluate("(href) => { const a = document.createElement('a'); a.href = href; document.body.appendChild(a); a.click(); }", base + path)
        page.wait_for_url(base + path)
        if not page.evaluate("window.__noReload === true"):
            problems.append(f"{base + path}: reached by a full reload, not instant navigation")
        state = wait_for_rendering(session.page, diagrams, maths)
        problems += render_problems(base + path + " (instant)", state, diagrams, maths)
    assert session.blocked == []
    assert problems == [] and session.errors == [] and session.violations == []


def test_dark_mode_keeps_diagrams_rendered(browser, served):
    base, site_dir = served
    path, diagrams, maths = max(pages_of(site_dir), key=lambda p: p[1] if not p[0].startswith("print") else 0)
    session = open_session(browser)
    page = session.page
    assert load_and_check(session, base + path, diagrams, maths) == []
    for _ in range(3):
        if page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate":
            break
        page.locator("form[data-handbook-palette] label:visible").first.click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    state = wait_for_rendering(session.page, diagrams, maths)
    assert render_problems(base + path, state, diagrams, maths) == []
    assert session.errors == [] and session.blocked == []


def test_search_finds_a_page_by_a_word_on_it(browser, served):
    base, _ = served
    session = open_session(browser)
    page = session.page
    page.goto(base, wait_until="load")
    search_and_wait(page, "whiteboard", "framework/interview-playbook/")
    assert "matching document" in page.locator(".md-search-result__meta").inner_text()
    assert session.errors == [] and session.blocked == []


def test_a_diagram_whose_shared_style_does_not_load_is_reported_hidden(browser, served):
    """Bad fixture for the style check: with the shared diagram styles blocked, every snapshot stays hidden."""
    base, site_dir = served
    path = lightest_page_with_diagrams(site_dir)
    diagrams, maths = next((d, m) for p, d, m in pages_of(site_dir) if p == path)
    session = open_session(browser)
    session.page.route("**/assets/diagrams/*.css", lambda route: route.abort())
    session.page.goto(base + path, wait_until="load")
    state = wait_for_rendering(session.page, diagrams, maths, timeout_ms=2_000)
    assert render_problems(base + path, state, diagrams, maths) == [
        f"{base + path}: {diagrams} diagram(s) still hidden: their shared style file did not load"]


def test_shared_diagram_styles_draw_the_visual_language(browser, served):
    """The shared style files carry Mermaid's theme and the offline/online code: dashed offline, solid online."""
    base, _ = served
    session = open_session(browser)
    session.page.goto(base + "case-studies/video-recommendation/", wait_until="load")
    strokes = session.page.evaluate("""() => [...document.querySelectorAll('div.mermaid')].flatMap(host =>
        [...host.shadowRoot.querySelectorAll('.cluster[id$="-offline"] > rect, .cluster[id$="-online"] > rect')]
          .map(rect => [rect.closest('.cluster').id.split('-').pop(), getComputedStyle(rect).strokeDasharray]))""")
    assert {kind for kind, _ in strokes} == {"offline", "online"}
    assert all((dashes != "none") == (kind == "offline") for kind, dashes in strokes), strokes
    assert session.errors == [] and session.blocked == []


def test_search_index_loads_only_when_the_reader_reaches_for_search(browser, served):
    """The 3-MB index is not part of a page load (lazy-search-index.js); a search shortcut fetches it once."""
    base, _ = served
    session = open_session(browser)
    page = session.page
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base + "case-studies/", wait_until="networkidle")
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(500)
    assert [url for url in requested if "search_index" in url] == []
    page.keyboard.press("/")
    page.keyboard.type("whiteboard")
    page.wait_for_function("() => [...document.querySelectorAll('.md-search-result__item a')]"
                           ".some(a => a.href.includes('framework/interview-playbook/'))")
    assert [url for url in requested if "search_index" in url] == [base + "search/search_index.json"]
    assert session.errors == [] and session.blocked == []


def test_malformed_diagram_fails_the_render_check(browser, tmp_path: Path, site_prefix):
    files = {
        "docs/index.md": front("home") + figure("diagrams/demo/broken.mmd"),
        "diagrams/demo/broken.mmd": MALFORMED,
    }
    project = scratch_site(tmp_path, files, ["index.md"])
    assert build(project).returncode == 0, "the static checks cannot see Mermaid syntax errors"
    session = open_session(browser)
    with serve(project / "site", site_prefix) as base:
        problems = load_and_check(session, base, 1, 0)
    assert problems, "a diagram with a syntax error must fail the render check"
    assert problems[0] == f"{base}: 0 of 1 diagrams rendered (1 left as source)"


def test_practice_mode_hides_the_design_and_is_remembered(browser, served):
    base, site_dir = served
    studies = sorted((d, p) for p, d, _ in pages_of(site_dir) if p.startswith("case-studies/") and p != "case-studies/" and d)
    assert len(studies) >= 2
    (diagrams, first), (_, second) = studies[0], studies[1]  # the two lightest
    session = open_session(browser)
    page = session.page
    page.goto(base + first, wait_until="networkidle")
    wait_for_rendering(page, diagrams, 0)
    questions = page.locator("details.question").count()
    toggle = page.locator("[data-practice-toggle] button")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    concealed = page.locator(".practice-concealed")
    assert concealed.count() == diagrams + questions
    assert page.locator(".practice-concealed__content[inert]").count() == diagrams + questions
    # Keyboard: focus the first reveal button and press Enter.
    reveal = page.locator(".practice-concealed__reveal").first
    assert reveal.get_attribute("aria-expanded") == "false" and reveal.get_attribute("aria-controls")
    # Named after the diagram it hides (its accTitle), whose caption stays in view to draw from.
    title = page.locator("div.mermaid[aria-label]").first.get_attribute("aria-label").split(". Press Enter")[0]
    assert reveal.inner_text() == "Reveal " + title[0].lower() + title[1:]
    assert page.locator(".practice-concealed + figcaption").first.is_visible()
    reveal.focus()
    page.keyboard.press("Enter")
    assert concealed.count() == diagrams + questions - 1

    def follow(href: str) -> None:
        """Instant navigation: click a link the way a reader does, with no page load; wait for the new article."""
        before = page.locator("article h1").inner_text()
        page.evaluate("(href) => { const a = document.createElement('a'); a.href = href; document.body.appendChild(a); a.click(); }", href)
        page.wait_for_url(href)
        page.wait_for_function("(before) => document.querySelector('article h1')?.innerText !== before"
                               " && document.querySelectorAll('.practice-concealed').length > 0", arg=before)

    # Practice mode, and what was revealed on each page, survive instant navigation there and back.
    page.evaluate("window.__noReload = true")
    follow(base + second)
    assert page.locator("[data-practice-toggle] button").get_attribute("aria-pressed") == "true"
    follow(base + first)
    assert page.evaluate("window.__noReload === true")
    assert concealed.count() == diagrams + questions - 1, "the revealed diagram was hidden again"
    # The visual refresher of the first study: its figures, each captioned, hidden behind their captions.
    refresher = base + "practice/refresher/" + first.removeprefix("case-studies/")
    follow(refresher)
    figures = page.locator("article figure:has(.mermaid)").count()
    assert figures == diagrams and page.locator("article figure figcaption").count() == figures
    assert concealed.count() == figures
    assert page.locator("figcaption a.refresher-source").count() == figures
    # Off again: everything is shown and the diagrams are rendered; what was revealed is forgotten.
    page.locator("[data-practice-toggle] button").click()
    assert page.locator(".practice-concealed").count() == 0
    assert page.evaluate("Object.keys(sessionStorage).filter((k) => k.startsWith('handbook.revealed:')).length") == 0
    assert session.errors == [] and session.blocked == []


def test_csp_check_reports_what_the_policy_blocks(browser, tmp_path: Path, site_prefix):
    project = scratch_site(tmp_path, {"docs/index.md": front("home") + "\nA page.\n"}, ["index.md"])
    assert build(project).returncode == 0
    html = project / "site/index.html"
    text = html.read_text()
    assert '<meta http-equiv="Content-Security-Policy"' in text
    injected = '<img src="https://tracker.example/pixel.gif" alt="">\n<script>document.title = "changed";</script>\n'
    text = text.replace("</article>", injected + "</article>", 1)
    html.write_text(text)
    line = text[: text.index('<script>document.title')].count("\n") + 1
    session = open_session(browser)
    with serve(project / "site", site_prefix) as base:
        session.page.goto(base, wait_until="load")
        session.page.wait_for_function("() => document.readyState === 'complete'")
    assert sorted(session.violations) == sorted([
        f"{base}: img-src blocked https://tracker.example/pixel.gif ({base}:{line})",
        f"{base}: script-src-elem blocked inline ({base}:{line})",
    ])
    assert session.page.title() != "changed"


def test_missing_pages_get_a_helpful_404(browser, served):
    base, _ = served
    session = open_session(browser)
    page = session.page
    response = page.goto(base + "framework/no-such-step/", wait_until="networkidle")
    assert response.status == 404
    # The only failed load is the missing page itself: styles, scripts and search all load.
    assert session.errors == ["console: Failed to load resource: the server responded with a status of 404 (Not Found)"]
    session.errors.clear()
    assert page.locator("article h1").inner_text().strip().startswith("Page not found")
    links = {a.inner_text(): a.get_attribute("href") for a in page.locator("article li a").all()}
    assert set(links) == {"Home", "Framework", "Case studies", "Cheat sheets", "Practice", "Reference"}
    assert page.locator("article a", has_text="report the broken link").count() == 1
    page.locator("article li a", has_text="Case studies").click()
    page.wait_for_url(base + "case-studies/")
    assert session.errors == [] and session.violations == [] and session.blocked == []


def test_label_overflow_check_names_a_label_that_spills_out(browser, served):
    """Bad fixture: one label's box narrowed to 10 px in a served page must be reported, light and dark."""
    base, site_dir = served
    path = lightest_page_with_diagrams(site_dir)
    session = open_session(browser)
    session.page.goto(base + path, wait_until="load")
    before = label_overflows(session.page, "page")
    label = session.page.evaluate("""() => {
        const box = document.querySelector('div.mermaid').shadowRoot.querySelector('foreignObject');
        box.setAttribute('width', '10');
        return box.textContent.trim();
    }""")
    added = [line for line in label_overflows(session.page, "page") if line not in before]
    assert len(added) == 2, added
    assert added[0].startswith("page (light): ") and f"label '{label}' is " in added[0]
    assert added[1].startswith("page (dark): ") and f"label '{label}' is " in added[1]


def test_a_diagram_narrower_than_its_column_is_reported(browser, served):
    """Bad fixture: a captioned diagram's <figure> narrowed to half the column (Material sizes figures to their
    content) must be reported: the drawing, and its labels, would shrink with it."""
    base, site_dir = served
    path = lightest_page_with_diagrams(site_dir)
    session = open_session(browser)
    session.page.goto(base + path, wait_until="load")
    assert narrowed_diagrams(session.page, "page") == []
    session.page.evaluate("document.querySelector('article figure').style.width = '50%'")
    narrowed = narrowed_diagrams(session.page, "page")
    assert len(narrowed) == 1 and narrowed[0].startswith("page: diagram 1 is ") and "px column" in narrowed[0], narrowed


def test_report_link_names_the_section_read_and_quotes_a_selection(browser, served):
    """The report link under the title carries the section the reader was in, and text they selected."""
    from urllib.parse import parse_qs

    base, _ = served
    session = open_session(browser)
    page = session.page
    page.goto(base + "framework/evaluation/", wait_until="load")

    def query():
        link = page.locator("a.report-problem")
        link.dispatch_event("pointerdown")
        return parse_qs(urlparse(link.get_attribute("href")).query)

    assert "section" not in query(), "at the title, before reading, no section is named"
    page.evaluate("document.querySelector('#online-experiments').scrollIntoView({block: 'start'})")
    page.evaluate("window.scrollBy(0, -90)")  # the heading just below the header bar
    page.wait_for_timeout(100)
    page.evaluate("window.scrollTo(0, 0)")  # back up to the link
    page.wait_for_timeout(100)
    assert query()["section"] == ["Online experiments (#online-experiments)"]
    page.evaluate("""() => {
        const cell = document.querySelector('#guardrail-metrics ~ p');
        document.getSelection().selectAllChildren(cell);
    }""")
    page.wait_for_timeout(100)
    asked = query()
    assert asked["section"] == ["Guardrail metrics (#guardrail-metrics)"]
    assert asked["problem"][0].startswith("> ") and len(asked["problem"][0]) > 20
    assert session.errors == [] and session.blocked == []


#: Records the body's colour attributes that styles select on, set once the page is parsed, when the deferred
#: scripts run (Material's inline script sets them while the body is still empty, which costs nothing;
#: colour-palette.js must set none; data-md-color-media, which no style reads, is left out).
BODY_CHANGES = """
window.__bodyChanges = [];
new MutationObserver((records) => document.readyState !== 'loading'
  && records.forEach((r) => window.__bodyChanges.push(r.attributeName)))
  .observe(document, { attributes: true, subtree: true, attributeFilter: ['data-md-color-scheme', 'data-md-color-primary',
    'data-md-color-accent', 'data-md-color-switching'] });
"""


def scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


#: The header shows one button, the one that moves on from the current choice (its ``for`` names the next option).
NEXT_CHOICE = {"__palette_1": "automatic", "__palette_2": "light", "__palette_0": "dark"}


def shown_toggle(page) -> str:
    """The current choice, read from the one visible button (Material's tooltips take its title while hovered)."""
    return NEXT_CHOICE[page.locator("form[data-handbook-palette] label:visible").get_attribute("for")]


def test_colour_toggle_cycles_is_remembered_and_follows_the_system(browser, served):
    """colour-palette.js runs the header's toggle in place of Material's palette component: automatic (the
    system's scheme), light, dark; by click and by Enter; remembered across reloads and instant navigation.
    A load whose stored choice matches the page as rendered changes no colour attribute of the body (Material's
    component restyled the whole page there), and a dark page tells the browser through meta color-scheme."""
    base, _ = served
    session = open_session(browser, color_scheme="dark")
    page = session.page
    page.context.add_init_script(BODY_CHANGES)
    page.goto(base + "reference/", wait_until="load")
    assert scheme(page) == "slate", "automatic (the first choice) follows the system's dark scheme"
    assert shown_toggle(page) == "automatic"
    page.wait_for_function("() => document.querySelector('meta[name=color-scheme]')?.content === 'dark'")
    assert page.evaluate("document.querySelector('meta[name=theme-color]').content").startswith("#")

    page.locator("form[data-handbook-palette] label:visible").click()
    assert scheme(page) == "default" and shown_toggle(page) == "light"
    page.wait_for_function("() => document.querySelector('meta[name=color-scheme]').content === 'light'")
    page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")

    page.reload(wait_until="load")
    assert scheme(page) == "default", "the reader's choice (light) wins over the system's dark scheme"
    assert shown_toggle(page) == "light"
    page.wait_for_timeout(300)
    assert page.evaluate("window.__bodyChanges") == [], "a load that keeps the stored colours must not restyle the page"

    page.wait_for_load_state("networkidle")  # Material intercepts links once it has the sitemap
    page.evaluate("window.__noReload = true")
    page.evaluate("(href) => { const a = document.createElement('a'); a.href = href; document.body.appendChild(a); a.click(); }",
                  base + "framework/")
    page.wait_for_url(base + "framework/")
    assert page.evaluate("window.__noReload === true"), "reached by a full reload, not instant navigation"
    page.locator("form[data-handbook-palette] label:visible").click()
    assert scheme(page) == "slate" and shown_toggle(page) == "dark"

    page.locator("#__palette_2").focus()
    page.keyboard.press("Enter")
    assert shown_toggle(page) == "automatic", "Enter moves on to automatic"
    page.emulate_media(color_scheme="light")
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'default'")
    assert page.evaluate("__md_get('__palette')")["color"]["media"] == "(prefers-color-scheme)"
    assert session.errors == [] and session.blocked == []
