"""Self-check, spaced review and study progress: the build side in Python, the reader's side in a browser.

The browser tests use one small scratch site (a home page, two cheat sheets with "test yourself" questions,
the real review page), served on 127.0.0.1 and built again as the offline copy opened from ``file://``.
"Today" is fixed with ``window.handbookClock`` from an init script, so the schedule is tested day by day.
"""

from __future__ import annotations

import json

import pytest
from helpers import ROOT, build, build_offline, figure, front, page, scratch_site, site
from test_accessibility import audit_page, origin_of

from accessibility_audit import AXE_PATH, AXE_SCRIPT
from browser_session import open_session
from handbook.self_check import id_clashes, page_questions, tag_questions
from handbook.study_progress import progress_html
from local_server import serve

TABLE = "| option | choose it when |\n| --- | --- |\n| a | b |\n"
DIAGRAM = "flowchart LR\n    accTitle: Cache\n    accDescr: A request reads the cache.\n    request --> cache\n"
#: What the checks ask of a cheat sheet besides its questions: tags, two figures, a decision table.
SHEET = "tags: [serving]\n", figure("diagrams/s/one.mmd") + figure("diagrams/s/two.mmd") + "\n" + TABLE
ALPHA_QUESTIONS = (
    '??? question "Why cache embeddings?"\n    Because recomputing them costs a forward pass; see [the sources](#sources).\n\n'
    '??? question "When does the cache go stale?"\n    When the encoder changes.\n'
)
SCRATCH = {
    "docs/index.md": front("home") + "\nWelcome.\n\n<div data-study-progress></div>\n",
    "docs/cheat-sheets/alpha.md": front("alpha", "cheat-sheet", SHEET[0]) + f"{SHEET[1]}\n## Test yourself {{ #test-yourself }}\n\n"
                                  + ALPHA_QUESTIONS + "\n## Sources { #sources }\n\nNone.\n",
    "docs/cheat-sheets/beta.md": front("beta", "cheat-sheet", SHEET[0]) + f"{SHEET[1]}\n## Test yourself {{ #test-yourself }}\n\n"
                                 '??? question "What is beta?"\n    The second letter.\n\n## Sources { #sources }\n\nNone.\n',
    "docs/practice/review.md": (ROOT / "docs/practice/review.md").read_text(),
    "docs/practice/flashcards.md": front("flashcards") + "\nThe cards.\n",
    "diagrams/s/one.mmd": DIAGRAM, "diagrams/s/two.mmd": DIAGRAM,
}
#: scratch_site writes one "  - entry" line each: the sheets sit under their track's section, as the checks ask.
NAV = ["index.md", "Classic ML:\n      - cheat-sheets/alpha.md\n      - cheat-sheets/beta.md", "practice/review.md",
       "practice/flashcards.md"]
GOT, MISSED = "alpha:why-cache-embeddings", "alpha:when-does-the-cache-go-stale"
#: Every handbook: key and its JSON text, as the page's storage holds them.
STORAGE = "() => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('handbook:')).sort().map(k => [k, localStorage.getItem(k)]))"


# --- The build side --------------------------------------------------------------------------------------------

def test_question_ids_are_the_flashcard_ids_and_ignore_code_examples_and_other_questions():
    sheet = page(front("alpha", "cheat-sheet") + "\n" + ALPHA_QUESTIONS + '\n```markdown\n??? question "Example?"\n    No.\n```\n',
                 "docs/cheat-sheets/alpha.md")
    ids = [card.id for card in page_questions(site(sheet))["docs/cheat-sheets/alpha.md"]]
    assert ids == [GOT, MISSED]
    reworded = page(sheet.text.replace("When does the cache go stale?", "When is the cache stale?"), sheet.path)
    assert [card.id for card in page_questions(site(reworded))[sheet.path]][0] == GOT


def test_a_repeated_question_is_reported_where_it_repeats():
    """Bad fixture: the same question twice on one page gives both the same id."""
    sheet = page(front("alpha", "cheat-sheet") + "\n" + ALPHA_QUESTIONS + '\n??? question "Why cache embeddings?"\n    Again.\n',
                 "docs/cheat-sheets/alpha.md")
    assert [str(problem) for problem in id_clashes(page_questions(site(sheet)))] == [
        f'docs/cheat-sheets/alpha.md:14: question id "{GOT}" repeats the question at docs/cheat-sheets/alpha.md:8 '
        "(reword one of them: the self-check marks and flashcards need one id per question)"
    ]
    assert id_clashes(page_questions(site(page(front("alpha") + "\n" + ALPHA_QUESTIONS, sheet.path)))) == []


def test_questions_are_tagged_in_order_with_links_made_site_relative():
    cards = page_questions(site(page(front("alpha") + "\n" + ALPHA_QUESTIONS, "docs/cheat-sheets/alpha.md")))
    cards = cards["docs/cheat-sheets/alpha.md"]
    html = ('<details class="question"><summary>Why?</summary><p>See <a href="#sources">this</a>, '
            '<a href="../beta/">beta</a> and <a href="https://example.org/">that</a>.</p></details>'
            '<details class="question" open><summary>When?</summary><p>Then.</p></details>')
    tagged, records, problem = tag_questions(html, cards, "cheat-sheets/alpha/", "Alpha")
    assert problem is None
    assert f'<details class="question" data-question-id="{GOT}">' in tagged
    assert f'<details class="question" open data-question-id="{MISSED}">' in tagged
    assert records[0]["question"] == "Why?" and records[1]["url"] == "cheat-sheets/alpha/"
    assert ('href="cheat-sheets/alpha/#sources"' in records[0]["answer"] and 'href="cheat-sheets/beta/"' in records[0]["answer"]
            and 'href="https://example.org/"' in records[0]["answer"])
    # Bad fixture: a question that did not render as a block (two in the source, one in the page).
    _, records, problem = tag_questions(html.split("</details>")[0] + "</details>", cards, "cheat-sheets/alpha/", "Alpha")
    assert records == [] and str(problem) == (
        "docs/cheat-sheets/alpha.md:8: 2 ??? question blocks in the source but 1 rendered "
        "(keep each question at the start of a line with its answer indented four spaces)"
    )


def test_the_progress_panel_lists_each_part_from_the_pages():
    pages = [page(front("alpha", "cheat-sheet"), "docs/cheat-sheets/alpha.md"),
             page(front("step", "framework-step"), "docs/framework/step.md"), page(front("home"), "docs/index.md")]
    markup = progress_html(site(*pages), lambda path: "../" + path.replace(".md", "/"), 7)
    data = json.loads(markup.split('data-study-progress="')[1].split('"')[0].replace("&quot;", '"'))
    assert data["questions"] == 7
    assert [(part["label"], [p["url"] for p in part["pages"]]) for part in data["parts"]] == [
        ("Case studies", []), ("Framework steps", ["../framework/step/"]), ("Cheat sheets", ["../cheat-sheets/alpha/"])]
    assert markup.endswith(" hidden></div>")


# --- The reader's side -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def scratch(tmp_path_factory, site_url, site_prefix):
    """The scratch site served on 127.0.0.1 (with axe-core on the same origin): its base URL."""
    project = scratch_site(tmp_path_factory.mktemp("study"), SCRATCH, NAV)
    result = build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(project / "site", site_prefix, origin_of(site_url), extra_files={AXE_PATH: AXE_SCRIPT}) as base:
        yield base


def on_day(session, day: str) -> None:
    """Fix "today" for every later page load of the session (init scripts run in order: the last one wins)."""
    session.page.add_init_script(f"window.handbookClock = () => new Date('{day}T12:00:00');")


def clean(session) -> None:
    assert session.errors == [] and session.blocked == [] and session.violations == []


def open_question(page, question_id: str):
    question = page.locator(f'details.question[data-question-id="{question_id}"]')
    if question.get_attribute("open") is None:
        question.locator("summary").click()
    return question


@pytest.mark.browser
def test_marks_follow_the_schedule_and_survive_reload_and_instant_navigation(browser, scratch):
    session = open_session(browser)
    page = session.page
    on_day(session, "2026-12-01")
    page.goto(scratch + "cheat-sheets/alpha/", wait_until="load")
    got = open_question(page, GOT)
    got.locator("button", has_text="Got it").click()
    assert got.locator("button", has_text="Got it").get_attribute("aria-pressed") == "true"
    assert got.locator(".self-check__status").inner_text() == "Next review in 2 days."
    missed = open_question(page, MISSED)
    missed.locator("button", has_text="Missed").focus()
    page.keyboard.press("Enter")
    assert missed.locator(".self-check__status").inner_text() == "Next review tomorrow."
    page.reload(wait_until="load")
    assert page.locator(f'[data-question-id="{GOT}"] button[aria-pressed="true"]').text_content() == "Got it"
    # Instant navigation to the other sheet and back: controls once per question, marks kept, no reload.
    page.evaluate("window.__noReload = true")
    for target in ("cheat-sheets/beta/", "cheat-sheets/alpha/"):
        page.evaluate("(href) => { const a = document.createElement('a'); a.href = href; document.body.appendChild(a); a.click(); }",
                      scratch + target)
        page.wait_for_url(scratch + target)
        page.wait_for_function("n => document.querySelectorAll('.self-check').length === n", arg=1 if "beta" in target else 2)
    assert page.evaluate("window.__noReload === true")
    assert page.locator(f'[data-question-id="{MISSED}"] button[aria-pressed="true"]').text_content() == "Missed"

    def due_on(day: str) -> list[str]:
        on_day(session, day)
        page.goto(scratch + "practice/review/", wait_until="load")
        page.wait_for_selector(".review__counts li")
        return page.locator(".review__list details.question").evaluate_all("list => list.map(q => q.dataset.questionId)")

    assert due_on("2026-12-01") == [] and page.locator(".review__empty").is_visible()
    assert due_on("2026-12-02") == [MISSED], "Missed: due the next day; Got it on day 0: not due on day 1"
    assert page.locator(".review__counts").inner_text().split("\n") == ["Due today: 1", "Marked: 2", "Never marked: 1"]
    assert due_on("2026-12-03") == [GOT, MISSED], "Got it on day 0: due on day 2"
    # Marked again on the review page: the source page is linked, the answer revealed, the counts follow.
    assert page.locator(".review__source a").first.get_attribute("href") == "../../cheat-sheets/alpha/"
    open_question(page, GOT).locator("button", has_text="Got it").click()
    assert page.locator(".review__counts li").first.inner_text() == "Due today: 1"
    assert open_question(page, GOT).locator(".self-check__status").inner_text() == "Next review in 4 days."
    assert page.locator(".review__answer a", has_text="the sources").get_attribute("href") == "../../cheat-sheets/alpha/#sources"
    clean(session)


@pytest.mark.browser
def test_export_reset_import_restores_the_exact_state_and_a_bad_file_changes_nothing(browser, scratch, tmp_path):
    session = open_session(browser)
    page = session.page
    on_day(session, "2026-12-01")
    page.goto(scratch + "cheat-sheets/beta/", wait_until="load")
    page.locator("[data-study-page] button").click()
    open_question(page, "beta:what-is-beta").locator("button", has_text="Missed").click()
    page.goto(scratch + "practice/review/", wait_until="load")
    page.wait_for_selector(".review__tools")
    before = page.evaluate(STORAGE)
    assert sorted(before) == ["handbook:last-visited", "handbook:self-check", "handbook:studied"]
    with page.expect_download() as download:
        page.locator("button", has_text="Export progress").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("button", has_text="Reset all progress").click()
    assert page.evaluate(STORAGE) == {}
    assert page.locator(".review__counts").inner_text().split("\n") == ["Due today: 0", "Marked: 0", "Never marked: 3"]
    page.locator("input[type=file]").set_input_files(str(exported))
    page.wait_for_function("() => document.querySelector('.review__status').textContent.startsWith('Imported 3')")
    assert page.evaluate(STORAGE) == before
    # Bad fixtures: each is refused with its reason, and the stored state stays exactly as it was.
    bad = {
        b"not json": "This file is not JSON: choose a file saved with \u201cExport progress\u201d.",
        b"[1, 2]": "This file is not a handbook progress export: it should hold one JSON object.",
        b'{"other:key": {"version": 1}}': "Unexpected key \u201cother:key\u201d: every key must start with \u201chandbook:\u201d.",
        b'{"handbook:studied": 3}': "The value under \u201chandbook:studied\u201d is not a JSON object with a \u201cversion\u201d field.",
    }
    for content, reason in bad.items():
        page.locator("input[type=file]").set_input_files({"name": "bad.json", "mimeType": "application/json", "buffer": content})
        status = page.locator(".review__status.review__status--error")
        status.wait_for()
        assert status.inner_text() == f"Import failed: {reason} Nothing was changed."
        assert page.evaluate(STORAGE) == before
        page.evaluate("document.querySelector('.review__status').className = 'review__status'")
    clean(session)


@pytest.mark.browser
def test_studied_pages_count_on_the_home_page_and_continue_links_the_last_visit(browser, scratch):
    session = open_session(browser)
    page = session.page
    # A first visit: one line instead of a list of zeros.
    page.goto(scratch, wait_until="load")
    assert page.locator("[data-study-progress]").inner_text() == (
        "Your progress will show here once you mark a page as studied or a question as got it or missed "
        "(kept in this browser only).")
    page.goto(scratch + "cheat-sheets/alpha/", wait_until="load")
    toggle = page.locator("[data-study-page] button")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    page.goto(scratch + "cheat-sheets/beta/", wait_until="load")
    page.goto(scratch, wait_until="load")
    panel = page.locator("[data-study-progress]")
    assert panel.locator("li").all_inner_texts() == [
        "Case studies: 0 of 0 studied", "Framework steps: 0 of 0 studied", "Cheat sheets: 1 of 2 studied",
        "Questions marked: 0 of 3"]
    resume = panel.locator(".study-progress__continue a")
    assert resume.inner_text() == "Beta" and resume.get_attribute("href") == "cheat-sheets/beta/"
    page.emulate_media(media="print")
    assert not panel.is_visible()
    clean(session)
    # Without scripts nothing shows; with storage blocked the reader is told, and the page still reads.
    plain = open_session(browser, java_script_enabled=False).page
    plain.goto(scratch, wait_until="load")
    assert not plain.locator("[data-study-progress]").is_visible()
    blocked = open_session(browser)
    blocked.page.add_init_script("Storage.prototype.setItem = () => { throw new DOMException('blocked', 'SecurityError'); };")
    blocked.page.goto(scratch + "cheat-sheets/alpha/", wait_until="load")
    assert blocked.page.locator(".study-note").inner_text().startswith("Your browser blocks storage for this page")
    assert blocked.page.locator(".self-check").count() == 0
    clean(blocked)


@pytest.mark.browser
def test_everything_works_from_disk_in_the_offline_build(browser, tmp_path):
    project = scratch_site(tmp_path, SCRATCH, NAV)
    build_offline(project)
    session = open_session(browser)
    page = session.page
    on_day(session, "2026-12-01")
    site_dir = project / "site"
    page.goto((site_dir / "cheat-sheets" / "alpha.html").as_uri(), wait_until="load")
    open_question(page, MISSED).locator("button", has_text="Missed").click()
    page.locator("[data-study-page] button").click()
    page.reload(wait_until="load")
    assert page.locator(f'[data-question-id="{MISSED}"] button[aria-pressed="true"]').text_content() == "Missed"
    on_day(session, "2026-12-02")
    page.goto((site_dir / "practice" / "review.html").as_uri(), wait_until="load")
    page.wait_for_selector(".review__list details.question")
    assert page.locator(".review__list details.question").count() == 1
    page.locator(".review__source a").click()
    page.wait_for_url((site_dir / "cheat-sheets" / "alpha.html").as_uri())
    page.goto((site_dir / "index.html").as_uri(), wait_until="load")
    assert "Cheat sheets: 1 of 2 studied" in page.locator("[data-study-progress]").inner_text()
    assert page.locator(".study-progress__continue a").get_attribute("href") == "cheat-sheets/alpha.html"
    clean(session)


@pytest.mark.browser
def test_review_page_has_no_serious_accessibility_problem_light_and_dark(browser, scratch):
    session = open_session(browser)
    on_day(session, "2026-12-02")
    marks = {"version": 1, "questions": {GOT: {"history": [{"date": "2026-12-01", "mark": "missed"}], "interval": 1, "due": "2026-12-02"}}}
    session.page.add_init_script(f"localStorage.setItem('handbook:self-check', {json.dumps(json.dumps(marks))});")
    problems = audit_page(session, scratch, "practice/review/", 0, 0)
    assert session.page.locator(".review__list details.question").count() == 1
    assert problems == []
