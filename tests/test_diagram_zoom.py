"""The full-screen diagram view (diagram-zoom.js) in a real browser: desktop, phone, keyboard, instant navigation, practice mode."""

from __future__ import annotations

import pytest
from helpers import pages_of
from test_browser import served  # noqa: F401 - the served real site, shared with test_browser

from browser_session import open_session

pytestmark = pytest.mark.browser

HOST = "div.mermaid[data-diagram-zoom]"
DIALOG = "dialog.diagram-zoom"
#: The scale panzoom has applied to the copy in the dialog (1 when fitted to the screen).
SCALE = "() => { const c = document.querySelector('.diagram-zoom__canvas'); return c ? new DOMMatrix(getComputedStyle(c).transform).a : 0; }"


def first_case_study(site_dir) -> str:
    return next(p for p, d, _ in pages_of(site_dir) if p.startswith("case-studies/") and p != "case-studies/" and d)


def diagram_title(page, index: int = 0) -> str:
    return page.evaluate(f"i => document.querySelectorAll('{HOST}')[i].shadowRoot.querySelector('svg > title').textContent", index)


def dialog_state(page) -> dict:
    return page.evaluate(f"""() => {{
        const d = document.querySelector('{DIALOG}');
        if (!d) return {{open: false}};
        const label = document.getElementById(d.getAttribute('aria-labelledby'));
        const copy = d.querySelector('.diagram-zoom__canvas')?.shadowRoot?.querySelector('svg');
        return {{open: d.open, name: label && label.textContent, role: d.matches('dialog'),
                 svgName: copy ? copy.querySelector('title').textContent : null,
                 inside: d.contains(document.activeElement)}};
    }}""")


def wait_for_panzoom(page) -> None:
    page.wait_for_function("() => window.Panzoom !== undefined")


def test_click_opens_zoomable_labelled_dialog_and_escape_returns_focus(browser, served):  # noqa: F811
    base, site_dir = served
    session = open_session(browser, viewport={"width": 1440, "height": 900})
    page = session.page
    page.goto(base + first_case_study(site_dir), wait_until="load")
    host = page.locator(HOST).first
    title = diagram_title(page)
    aria = host.get_attribute("aria-label")
    assert host.get_attribute("role") == "group" and host.get_attribute("tabindex") == "0"
    assert aria == f"Diagram: {title}. Press Enter to open it full screen."
    host.click()
    state = dialog_state(page)
    assert state["open"] and state["name"] == title and state["svgName"] == title and state["inside"]
    close = page.get_by_role("button", name="Close full-screen diagram")
    assert close.is_visible()
    wait_for_panzoom(page)
    page.wait_for_function(f"() => ({SCALE})() === 1")
    box = page.locator(".diagram-zoom__stage").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -300)
    page.wait_for_function(f"() => ({SCALE})() > 1")
    page.keyboard.press("Escape")
    assert not dialog_state(page)["open"]
    assert page.evaluate("document.activeElement.matches('[data-diagram-zoom]')")
    # The close button does the same, and the diagram keeps its accessible name in the page.
    host.click()
    close.click()
    assert not dialog_state(page)["open"]
    assert page.evaluate(f"document.querySelector('{HOST}').shadowRoot.querySelector('svg').getAttribute('aria-labelledby')")
    assert session.errors == [] and session.blocked == [] and session.violations == []


def test_tap_opens_the_view_on_a_phone_and_buttons_zoom(browser, served):  # noqa: F811
    base, site_dir = served
    session = open_session(browser, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = session.page
    page.goto(base + first_case_study(site_dir), wait_until="load")
    host = page.locator(HOST).first
    host.scroll_into_view_if_needed()
    host.tap()
    assert dialog_state(page)["open"]
    stage = page.locator(".diagram-zoom__stage").bounding_box()
    assert stage["width"] == 390 and stage["height"] > 600, "the view fills the phone's screen"
    wait_for_panzoom(page)
    page.get_by_role("button", name="Zoom in").tap()
    page.wait_for_function(f"() => ({SCALE})() > 1")
    page.get_by_role("button", name="Fit to screen").tap()
    page.wait_for_function(f"() => ({SCALE})() === 1")
    page.get_by_role("button", name="Close full-screen diagram").tap()
    assert not dialog_state(page)["open"]
    assert session.errors == []


def test_keyboard_alone_opens_zooms_pans_and_closes(browser, served):  # noqa: F811
    base, site_dir = served
    session = open_session(browser, viewport={"width": 1440, "height": 900})
    page = session.page
    page.goto(base + first_case_study(site_dir), wait_until="load")
    for _ in range(400):  # Tab from the top of the page until a diagram has focus, as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-diagram-zoom]')"):
            break
    else:
        pytest.fail("Tab never reached a diagram")
    page.keyboard.press("Enter")
    assert dialog_state(page)["open"] and dialog_state(page)["inside"]
    wait_for_panzoom(page)
    page.wait_for_function("() => document.querySelector('.diagram-zoom__canvas') && window.Panzoom")
    page.keyboard.press("+")
    page.wait_for_function(f"() => ({SCALE})() > 1")
    before = page.evaluate("new DOMMatrix(getComputedStyle(document.querySelector('.diagram-zoom__canvas')).transform).e")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("x => new DOMMatrix(getComputedStyle(document.querySelector('.diagram-zoom__canvas')).transform).e !== x", arg=before)
    page.keyboard.press("0")
    page.wait_for_function(f"() => ({SCALE})() === 1")
    page.keyboard.press("Escape")
    assert not dialog_state(page)["open"]
    assert page.evaluate("document.activeElement.matches('[data-diagram-zoom]')")
    page.keyboard.press(" ")
    assert dialog_state(page)["open"], "Space opens it too"
    page.keyboard.press("Escape")
    assert session.errors == []


def test_works_after_instant_navigation_and_respects_practice_mode(browser, served):  # noqa: F811
    base, site_dir = served
    session = open_session(browser, viewport={"width": 1440, "height": 900})
    page = session.page
    page.goto(base, wait_until="networkidle")
    page.evaluate("window.__noReload = true")
    target = base + first_case_study(site_dir)
    page.evaluate("(href) => { const a = document.createElement('a'); a.href = href; document.body.appendChild(a); a.click(); }", target)
    page.wait_for_url(target)
    page.wait_for_function(f"() => document.querySelector('{HOST}')?.shadowRoot")
    assert page.evaluate("window.__noReload === true"), "the page was reached by instant navigation"
    page.locator(HOST).first.click()
    assert dialog_state(page)["open"]
    page.keyboard.press("Escape")
    # Practice mode: a concealed diagram cannot be opened or focused until it is revealed.
    page.locator("[data-practice-toggle] button").click()
    concealed = page.locator(f".practice-concealed__content {HOST}").first
    assert page.evaluate(f"() => document.querySelector('.practice-concealed__content {HOST}').closest('[inert]') !== null")
    concealed.dispatch_event("click")
    assert not dialog_state(page)["open"], "a hidden diagram stays hidden"
    page.locator(".practice-concealed__reveal").first.click()
    shown = page.locator(HOST).first
    assert page.evaluate("document.activeElement.matches('[data-diagram-zoom]')")
    assert shown.get_attribute("tabindex") == "0", "a revealed diagram stays in the tab order"
    page.keyboard.press("Enter")
    assert dialog_state(page)["open"]
    page.keyboard.press("Escape")
    page.locator("[data-practice-toggle] button").click()
    assert session.errors == [] and session.blocked == []
