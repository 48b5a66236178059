"""The interactive rubric (study plan) and the timed mock: what the build reads, and the pages in a browser.

The numbers the tests expect come from the Markdown the reader sees (the rubric's sentence and table, the
playbook's two tables, a case study's follow-up questions), parsed here independently of the hook; the
browser runs on a fixed, movable clock (``window.handbookClock``).
"""

from __future__ import annotations

import re
import textwrap

import pytest
from helpers import ROOT, build_offline, diagrams_and_formulas, front, page, scratch_site, site
from test_accessibility import audit_page, origin_of, served_with_axe  # noqa: F401  (module fixture)

from accessibility_audit import axe_violations
from browser_session import open_session
from handbook.interview_clock import read_clock
from handbook.prompts import all_prompts, bank_prompts
from handbook.rubric import read_rubric

STUDY_PLAN, PLAYBOOK, BANK = (ROOT / "docs/practice/study-plan.md", ROOT / "docs/framework/interview-playbook.md",
                              ROOT / "docs/practice/question-bank.md")
RUBRIC_URL, MOCK_URL = "practice/study-plan/", "practice/timed-mock/"
T0 = "2026-03-02T09:00:00"
#: How the mock names the playbook's Step column: one step, several ("5, 6" is "Steps 5, 6") or all.
STEPS = {"all": "All steps", **{str(step): f"Step {step}" for step in range(1, 8)}}
#: A clock the page reads (window.handbookClock) and the test moves (window.__testNow, milliseconds).
FIXED_CLOCK = f"window.__testNow = Date.parse('{T0}'); window.handbookClock = () => new Date(window.__testNow);"


# --- What the static pages say, read here without the hook's code ---------------------------------------------

def section(path, anchor: str) -> str:
    text = path.read_text()
    start = text.index(f"{{ #{anchor} }}")
    return text[start: text.find("\n## ", start)]


def table(text: str) -> list[list[str]]:
    """The body rows of the first table in ``text``."""
    first = text[text.index("\n|") + 1:]
    rows = [line.strip("|").split("|") for line in first[: first.find("\n\n")].splitlines()]
    return [[cell.strip() for cell in row] for row in rows[2:]]


def rubric_formula() -> tuple[int, list[tuple[int, str]]]:
    """The rubric's total and its score bands ``(lowest total, advice)``, as the study plan writes them."""
    prose = " ".join(section(STUDY_PLAN, "self-grading").split())
    match = re.search(r"Total out of (\d+): (\d+) or more is ([^;]+); (\d+)-\d+, ([^;]+); below \d+, ([^.]+)\.", prose)
    return int(match[1]), [(int(match[2]), match[3]), (int(match[4]), match[5]), (0, match[6])]


def expected_band(total: int) -> str:
    return next(advice for lowest, advice in rubric_formula()[1] if total >= lowest)


def playbook_blocks() -> list[tuple[int, int, str, str]]:
    """``(start, end, steps, phase name)`` for each row of the 45-minute timeline."""
    phases = [(*map(int, row[2].split("-")), row[0]) for row in table(section(PLAYBOOK, "four-phases"))]
    blocks = []
    for row in table(section(PLAYBOOK, "timeline")):
        start, end = map(int, row[0].split("-"))
        blocks.append((start, end, row[2], next(name for low, high, name in phases if low <= start < high)))
    return blocks


# --- The build's readers, with bad fixtures --------------------------------------------------------------------

RUBRIC_PAGE = front("study-plan") + """
## Grading an attempt { #self-grading }

Score each step 0, 1 or 2 as soon as the timer stops.

| Step | A strong answer (2 points) contains | Typical 1-point answer |
| --- | --- | --- |
| 1 Clarify requirements | Four numbers | "Lots of users" |
| 2 Frame the problem | A label | A task name |

Total out of 4: 3 or more is ready; 2-2, fix a step; below 2, redo it.
"""


def test_the_rubric_is_read_from_the_study_plan():
    rubric, problems = read_rubric(site(page(RUBRIC_PAGE, "docs/practice/study-plan.md")))
    assert problems == []
    assert (rubric.points, rubric.total, rubric.bands) == ((0, 1, 2), 4, ((3, "ready"), (2, "fix a step"), (0, "redo it")))
    assert [(s.number, s.name, s.typical) for s in rubric.steps] == [(1, "Clarify requirements", '"Lots of users"'),
                                                                    (2, "Frame the problem", "A task name")]
    real, problems = read_rubric(site(page(STUDY_PLAN.read_text(), "docs/practice/study-plan.md")))
    assert problems == [] and real.total == rubric_formula()[0] and len(real.steps) == 7


@pytest.mark.parametrize("change, message", [
    ("Total out of 4:", "docs/practice/study-plan.md:17: rubric: 'Total out of 5' but 2 steps of at most 2 make 4 (correct the total)"),
    ("Score each step", "docs/practice/study-plan.md:8: rubric: no 'Score each step 0, 1 or 2' sentence"),
    ("2-2, fix", "docs/practice/study-plan.md:17: rubric bands 3+, 1-2, below 2 leave a gap or overlap (make them meet)"),
    ("| 2 Frame", "docs/practice/study-plan.md:15: rubric row is not '| <number> <step> | 2 points | 1 point |'"),
])
def test_a_rubric_the_form_cannot_follow_is_reported(change, message):
    bad = {"Total out of 4:": "Total out of 5:", "Score each step": "Give each step", "2-2, fix": "1-2, fix",
           "| 2 Frame": "| Frame"}[change]
    _, problems = read_rubric(site(page(RUBRIC_PAGE.replace(change, bad), "docs/practice/study-plan.md")))
    assert any(str(p).startswith(message) for p in problems), problems


PLAYBOOK_PAGE = front("interview-playbook") + """
## Timeline { #timeline }

| Minutes (45) | Minutes (60) | Step | What to cover | What goes on the board | Done when |
| --- | --- | --- | --- | --- | --- |
| 0-10 | 0-13 | 1, 2 | Goal | Goal | Agreed |
| 10-40 | 13-55 | 3 | Data | Data | Done |
| 40-45 | 55-60 | all | The interviewer's follow-ups | Risk | Named |

## Four phases { #four-phases }

| Phase | Steps | Minutes (45) | Minutes (60) | Leaves on the board |
| --- | --- | --- | --- | --- |
| 1 Requirements | 1, 2 | 0-10 | 0-13 | Goal |
| 2 Rest | 3 | 10-45 | 13-60 | Everything |
"""


def clock_of(text: str):
    return read_clock(site(page(text, "docs/framework/interview-playbook.md")))


def test_the_clock_is_read_from_the_playbook():
    clock, problems = clock_of(PLAYBOOK_PAGE)
    assert problems == []
    assert [(b.start, b.end, b.steps) for b in clock.blocks] == [(0, 10, "1, 2"), (10, 40, "3"), (40, 45, "all")]
    assert (clock.length, clock.step_start(2), clock.step_start(3), clock.step_start(7)) == (45, 0, 10, 40)
    real, problems = clock_of(PLAYBOOK.read_text())
    assert problems == [] and [(b.start, b.end) for b in real.blocks] == [b[:2] for b in playbook_blocks()]


def test_a_clock_with_a_gap_is_reported():
    _, problems = clock_of(PLAYBOOK_PAGE.replace("| 10-40 | 13-55 |", "| 12-40 | 13-55 |"))
    assert [str(p) for p in problems] == ["docs/framework/interview-playbook.md:13: timeline block 12-40 does not "
                                          "follow minute 10 (the rows must run from 0 without gaps or overlaps)"]
    _, problems = clock_of(PLAYBOOK_PAGE.replace("| 10-45 | 13-60 |", "| 10-44 | 13-60 |"))
    assert "the phases end at minute 44, the timeline at 45" in str(problems)


BANK_PAGE = front("question-bank") + """
## Fraud { #fraud }

### Payment fraud detection { #payment-fraud }

Score every card transaction during authorisation.

**Closest case studies:** none.

**Where it differs:** [3 Data preparation](../framework/data-preparation.md) (labels arrive weeks late),
[2 Frame the problem](../framework/frame-the-problem.md).

### A chatbot filter { #chatbot-filter }

Filter a chatbot.

**Where it differs:** [5 Evaluation](../framework/llm-systems.md#evaluation) (over-refusal).
"""


def test_question_bank_prompts_probe_their_steps_at_the_steps_minute():
    clock, _ = clock_of(PLAYBOOK_PAGE)
    prompts, problems = bank_prompts(page(BANK_PAGE, "docs/practice/question-bank.md"), clock)
    assert problems == []
    fraud, chatbot = prompts
    assert (fraud.id, fraud.track, fraud.text, fraud.review) == (
        "bank:payment-fraud", "classic", "Score every card transaction during authorisation.",
        "practice/question-bank.md#payment-fraud")
    assert [(f.minute, f.text) for f in fraud.follow_ups] == [(0, "2 Frame the problem"),
                                                              (10, "3 Data preparation: labels arrive weeks late")]
    assert (chatbot.track, chatbot.follow_ups[0].minute) == ("generative", 40)


@pytest.mark.parametrize("change, message", [
    ("### A chatbot filter { #chatbot-filter }", "docs/practice/question-bank.md:19: question-bank prompt 'A chatbot "
     "filter' has no id (end its heading with { #kebab-case-id }"),
    ("**Where it differs:** [5", "docs/practice/question-bank.md:19: question-bank prompt 'A chatbot filter' has no "
     "'**Where it differs:**' paragraph"),
])
def test_a_question_bank_prompt_the_mock_cannot_use_is_reported(change, message):
    bad = {"### A chatbot filter { #chatbot-filter }": "### A chatbot filter", "**Where it differs:** [5": "Steps: [5"}[change]
    prompts, problems = bank_prompts(page(BANK_PAGE.replace(change, bad), "docs/practice/question-bank.md"),
                                     clock_of(PLAYBOOK_PAGE)[0])
    assert [p.id for p in prompts] == ["bank:payment-fraud"]
    assert len(problems) == 1 and str(problems[0]).startswith(message), problems


def test_case_studies_take_the_study_plans_prompt_and_their_follow_up_questions():
    study = page(front("visual-search", "case-study", "track: classic\n") + textwrap.dedent("""
        ## Follow-up questions { #follow-up-questions }

        ??? question "How do you ship a new encoder?"
            Re-embed everything.

        ??? question "Why not skip re-indexing?"
            Drift.
        """), "docs/case-studies/visual-search.md")
    plan = page(front("study-plan") + "\nPrompt: a shopper photographs an item. Compare with\n"
                "[Visual search](../case-studies/visual-search.md).\n", "docs/practice/study-plan.md")
    clock, _ = clock_of(PLAYBOOK_PAGE)
    (prompt,), _ = all_prompts(site(study, plan), clock)
    assert (prompt.id, prompt.text, prompt.review) == ("case:visual-search", "A shopper photographs an item.",
                                                       "case-studies/visual-search.md#follow-up-questions")
    assert [(f.minute, f.text) for f in prompt.follow_ups] == [(40, "How do you ship a new encoder?"),
                                                               (40, "Why not skip re-indexing?")]
    (without_plan,), _ = all_prompts(site(study), clock)
    assert without_plan.text == "About visual-search."


# --- In the browser ----------------------------------------------------------------------------------------------

def open_page(browser, base: str, path: str):
    session = open_session(browser)
    # Without transitions (Material drops them for readers who ask for reduced motion): Playwright clicks a radio
    # only once it stands still, and a transition in the page made it wait 30 s now and then.
    session.page.emulate_media(reduced_motion="reduce")
    session.page.add_init_script(FIXED_CLOCK)
    session.page.goto(base + path, wait_until="load")
    return session


def advance(page, minutes: float) -> None:
    page.evaluate("(ms) => { window.__testNow = Date.parse('%s') + ms; }" % T0, int(minutes * 60_000))


def grade(page, form: str, scores: list[int]) -> None:
    for step, points in enumerate(scores, start=1):
        page.locator(f'{form} fieldset[data-step="{step}"] input[value="{points}"]').check()


def history(page, form: str) -> list[list[str]]:
    return page.locator(f"{form} [data-rubric-history] tbody tr").evaluate_all(
        "(rows) => rows.map((row) => [...row.cells].slice(0, 4).map((cell) => cell.textContent))")


def clean(session) -> None:
    assert (session.errors, session.blocked, session.violations) == ([], [], [])


@pytest.mark.browser
def test_the_rubric_scores_saves_and_shows_the_change(browser, served_with_axe):
    base, _ = served_with_axe
    session = open_page(browser, base, RUBRIC_URL)
    page, form = session.page, "form[data-rubric-ready]"
    page.wait_for_selector(form)
    total = rubric_formula()[0]
    for scores in ([2, 2, 2, 2, 1, 1, 1], [2, 1, 2, 0, 1, 2, 2], [1, 1, 1, 1, 1, 1, 1]):
        grade(page, form, scores)
        assert page.locator(f"{form} output[name=total]").text_content() == str(sum(scores))
        assert page.locator(f"{form} .study-tool__score").text_content() == (
            f"Score: {sum(scores)} of {total}: {expected_band(sum(scores))}.")
    page.locator(f"{form} button[type=submit]").click()
    assert page.locator(f"{form} [data-rubric-message]").text_content() == "Choose what you attempted first."
    page.select_option(f"{form} select[name=prompt]", "case:visual-search")
    page.locator(f"{form} button[type=submit]").click()
    assert page.locator(f"{form} [data-rubric-message]").text_content() == "Saved: 7 of 14 on 2026-03-02."
    advance(page, 24 * 60)
    grade(page, form, [2, 2, 2, 1, 1, 1, 1])
    page.locator(f"{form} button[type=submit]").click()
    assert history(page, form) == [["2026-03-03", "10 of 14", "+3", "—"], ["2026-03-02", "7 of 14", "first attempt", "—"]]
    # Survives a reload, then instant navigation away and back.
    page.reload(wait_until="load")
    page.wait_for_selector(form)
    page.select_option(f"{form} select[name=prompt]", "case:visual-search")
    assert len(history(page, form)) == 2
    # wait_for_url returns once the address changes, before Material swaps the article in: wait for the swap
    # each way, or the old form is still found and then removed under the test (it failed one CI run so).
    page.locator('a[href$="question-bank/"]').first.click()
    page.wait_for_url("**/question-bank/")
    page.wait_for_selector(form, state="detached")
    page.go_back()
    page.wait_for_url("**/study-plan/")
    page.wait_for_selector(form)
    page.select_option(f"{form} select[name=prompt]", "case:visual-search")
    assert len(history(page, form)) == 2
    page.locator(f"{form} [data-rubric-delete]").first.click()
    assert history(page, form) == [["2026-03-02", "7 of 14", "first attempt", "—"]]
    stored = page.evaluate("JSON.parse(localStorage.getItem('handbook:rubric'))")
    assert stored["version"] == 1 and [a["scores"] for a in stored["attempts"]["case:visual-search"]] == [
        {str(step): 1 for step in range(1, 8)}]
    clean(session)


@pytest.mark.browser
def test_the_rubric_refuses_an_incomplete_grade(browser, served_with_axe):
    base, _ = served_with_axe
    session = open_page(browser, base, RUBRIC_URL)
    page, form = session.page, "form[data-rubric-ready]"
    page.wait_for_selector(form)
    page.select_option(f"{form} select[name=prompt]", "bank:payment-fraud")
    grade(page, form, [2, 2])
    page.locator(f"{form} button[type=submit]").click()
    assert page.locator(f"{form} [data-rubric-message]").text_content().startswith(
        "Grade every step before saving; not graded: 3 Data preparation, 4 Model development")
    assert page.locator(f"{form} .study-tool__score").text_content() == "Score: 4 of 14 so far (2 of 7 steps graded)."
    assert page.evaluate("localStorage.getItem('handbook:rubric')") is None
    clean(session)


def follow_up_questions(study: str) -> list[str]:
    return re.findall(r'^\?\?\? question "(.+)"$', section(ROOT / f"docs/case-studies/{study}.md", "follow-up-questions"), re.M)


def shown(page) -> dict[str, str]:
    return page.evaluate("""() => Object.fromEntries(['phase', 'step', 'elapsed'].map((name) =>
        [name, document.querySelector('[data-mock-' + name + ']').textContent]))""")


def wait_for_step(page, start: int, end: int) -> None:
    page.wait_for_function("(text) => document.querySelector('[data-mock-step]').textContent.endsWith(text)",
                           arg=f"minutes {start}-{end}", timeout=3_000)


@pytest.mark.browser
def test_the_mock_follows_the_playbooks_clock_and_opens_the_rubric(browser, served_with_axe):
    base, _ = served_with_axe
    session = open_page(browser, base, MOCK_URL)
    page = session.page
    page.wait_for_selector("[data-mock-ready]")
    page.check('input[name="track"][value="classic"]')
    page.check('input[name="source"][value="case"]')
    page.select_option("select[name=pick]", "case:visual-search")
    page.get_by_role("button", name="Start the 45-minute clock").click()
    questions = follow_up_questions("visual-search")
    blocks = playbook_blocks()
    previous = None
    for start, end, steps, phase in blocks:
        if previous:
            advance(page, start - 1 / 60)
            wait_for_step(page, previous[0], previous[1])
            assert shown(page)["phase"].startswith(previous[3])
        advance(page, start + 1 / 60)
        wait_for_step(page, start, end)
        assert shown(page)["phase"].startswith(phase) and shown(page)["step"] == f"{STEPS.get(steps, 'Steps ' + steps)}, minutes {start}-{end}"
        followups = page.locator("[data-mock-followups] li")
        assert followups.count() == (len(questions) if start == blocks[-1][0] else 0)
        previous = (start, end, steps, phase)
    assert page.locator("[data-mock-followups] li").all_text_contents() == questions
    # Pause: five minutes pass on the wall clock, none on the mock's.
    page.get_by_role("button", name="Pause").click()
    advance(page, blocks[-1][0] + 6)
    page.wait_for_timeout(300)
    assert shown(page)["elapsed"] == f"{blocks[-1][0]}:01"
    page.get_by_role("button", name="Resume").click()
    advance(page, blocks[-1][0] + 7)
    page.wait_for_function("() => document.querySelector('[data-mock-elapsed]').textContent === '%d:01'" % (blocks[-1][0] + 1), timeout=3_000)
    advance(page, blocks[-1][1] + 6)  # 45 minutes of mock time: it ends by itself
    page.wait_for_selector("form[data-rubric-ready]", state="visible")
    assert page.input_value("form[data-rubric] select[name=prompt]") == "case:visual-search"
    assert page.input_value("form[data-rubric] input[name=duration]") == str(blocks[-1][1])
    assert page.evaluate("document.activeElement.matches('[data-mock-summary]')")
    assert page.get_attribute("[data-mock-review]", "href").endswith("visual-search/#follow-up-questions")
    assert axe_violations(page, origin_of(base), MOCK_URL + " (ended)") == []
    clean(session)


@pytest.mark.browser
def test_a_bank_prompts_probes_arrive_at_their_steps_minute(browser, served_with_axe):
    base, _ = served_with_axe
    session = open_page(browser, base, MOCK_URL)
    page = session.page
    page.wait_for_selector("[data-mock-ready]")
    page.check('input[name="source"][value="bank"]')
    page.select_option("select[name=pick]", "bank:payment-fraud")
    page.get_by_role("button", name="Start the 45-minute clock").click()
    step_two = next(start for start, _, steps, _ in playbook_blocks() if "2" in steps.split(", "))
    advance(page, step_two - 1 / 60)
    page.wait_for_timeout(300)
    assert page.locator("[data-mock-followups] li").count() == 0
    advance(page, step_two + 1 / 60)
    page.wait_for_selector("[data-mock-followups] li")
    assert page.locator("[data-mock-followups] li").all_text_contents() == ["2 Frame the problem: a money-weighted decision"]
    page.get_by_role("button", name="End now").click()
    assert page.input_value("form[data-rubric] input[name=duration]") == str(round(step_two))
    clean(session)


@pytest.mark.browser
@pytest.mark.parametrize("path", [RUBRIC_URL, MOCK_URL])
def test_both_pages_are_accessible_in_light_and_dark(browser, served_with_axe, path):
    base, site_dir = served_with_axe
    session = open_session(browser)
    assert audit_page(session, base, path, *diagrams_and_formulas(site_dir / path / "index.html")) == []


@pytest.mark.browser
def test_the_mock_and_rubric_work_from_disk(browser, tmp_path):
    """The offline copy (opened from file://, no instant navigation) on a scratch site with a playbook, a
    rubric, a one-prompt bank and the mock."""
    files = {
        "docs/index.md": front("home") + "\nHome.\n",
        "docs/framework/interview-playbook.md": PLAYBOOK_PAGE,
        "docs/practice/study-plan.md": RUBRIC_PAGE + "\n<div data-rubric></div>\n",
        "docs/practice/question-bank.md": BANK_PAGE.replace("(../framework/data-preparation.md)", "(../index.md)")
        .replace("(../framework/frame-the-problem.md)", "(../index.md)").replace("(../framework/llm-systems.md#evaluation)", "(../index.md)"),
        "docs/practice/timed-mock.md": front("timed-mock") + "\n<div data-timed-mock></div>\n",
    }
    nav = ["index.md", "framework/interview-playbook.md", "practice/study-plan.md", "practice/question-bank.md",
           "practice/timed-mock.md"]
    project = scratch_site(tmp_path, files, nav)
    build_offline(project)
    session = open_session(browser)
    page = session.page
    page.add_init_script(FIXED_CLOCK)
    page.goto((project / "site/practice/timed-mock.html").as_uri(), wait_until="load")
    page.check('input[name="source"][value="bank"]')
    page.select_option("select[name=pick]", "bank:payment-fraud")
    page.get_by_role("button", name="Start the 45-minute clock").click()
    advance(page, 12)
    wait_for_step(page, 10, 40)
    page.get_by_role("button", name="End now").click()
    grade(page, "form[data-rubric]", [2, 1])
    page.locator("form[data-rubric] button[type=submit]").click()
    page.goto((project / "site/practice/study-plan.html").as_uri(), wait_until="load")
    page.select_option("form[data-rubric] select[name=prompt]", "bank:payment-fraud")
    assert history(page, "form[data-rubric]") == [["2026-03-02", "3 of 4", "first attempt", "12"]]
    clean(session)
