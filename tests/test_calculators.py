"""The estimation cheat sheet's calculators in a real browser.

Their defaults reproduce the worked numbers printed beside them (so the page and its calculators agree),
other inputs give what the formulas give (computed here in Python), bad input is explained rather than shown
as NaN, and they work after instant navigation, by keyboard, on a phone and from ``file://``.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from statistics import NormalDist

import pytest
from bs4 import BeautifulSoup
from helpers import ROOT, build_offline, front, scratch_site
from test_browser import served  # noqa: F401  (the real site on 127.0.0.1, a session fixture)

from browser_session import open_session

pytestmark = pytest.mark.browser

SOURCE = "docs/cheat-sheets/estimation.md"
PAGE = "cheat-sheets/estimation/"
FORM = 'form[data-calculator="{}"]'
NO_RESULT = "—"
#: Whether the script has started ``count`` calculators (a function: the page's policy forbids eval).
READY = "(count) => document.querySelectorAll('form[data-calculator-ready]').length === count"

#: For each calculator, outputs and the number its worked example prints, as the page writes it.
WORKED = {
    "qps": {"average": "11,600", "peak": "34,700", "plan": "35,000"},
    "index-memory": {"vectorMemory": "102.4 GB", "linkMemory": "51.2 GB", "replica": "153.6 GB", "fleet": "1.8 TB",
                     "pq": "4.8 GB"},
    "latency-budget": {"total": "165 ms", "slack": "35 ms"},
    "ab-sample-size": {"variance": "0.0475", "constant": "15.7", "perArm": "2.98 M", "ruleOfThumb": "3,040,000"},
    "kv-cache": {"perToken": "327,680 B", "perSequence": "2.68 GB", "weights": "140 GB", "free": "148 GB", "fits": "55"},
    "llm-cost": {"gpus": "14", "perHour": "42", "perThousand": "0.117", "perMillionOutput": "0.47",
                 "perMillionTokens": "0.052"},
}

NUMBER = re.compile(r"([−-]?)(\d[\d,]*(?:\.\d+)?|\.\d+)\s*(PB|TB|GB|MB|KB|B|M|k)?(?!\w)")
SCALE = {None: 1, "B": 1, "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12, "PB": 1e15, "k": 1e3, "M": 1e6}


def quantity(text: str) -> tuple[float, float]:
    """The first number in ``text``, its unit applied, and half a unit of its last digit (what rounding hides)."""
    sign, digits, unit = NUMBER.search(text).groups()
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    value = float(digits.replace(",", "")) * SCALE[unit]
    return -value if sign else value, 0.5 * 10 ** -decimals * SCALE[unit]


def significant_figures(number: str) -> int:
    """Significant figures of a number as written: ``0.0475`` 3, ``35,000`` 2, ``102.4`` 4."""
    plain = number.replace(",", "")
    digits = plain.replace(".", "").lstrip("0")
    return len(digits if "." in plain else digits.rstrip("0"))


def output_line(calculator: str, output: str) -> int:
    """Line of ``SOURCE`` where ``calculator`` pre-fills ``output``."""
    lines = (ROOT / SOURCE).read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if f'data-calculator="{calculator}"' in line)
    return next(i for i, line in enumerate(lines[start:], start) if f'<output name="{output}"' in line) + 1


def worked_problems(calculator: str, section: str, static: dict, live: dict) -> list[str]:
    """How a calculator disagrees with its worked example: ``section`` is the example's text, ``static`` the
    outputs as the page ships them, ``live`` as the script computes them from the default inputs."""
    problems = []
    for name, worked in WORKED[calculator].items():
        where = f"{SOURCE}:{output_line(calculator, name)}"
        number = NUMBER.search(worked).group(2)
        if number not in section:
            problems.append(f"{where}: the worked example above calculator '{calculator}' no longer prints {number} "
                            "(change WORKED in tests/test_calculators.py and the calculator's defaults with it)")
        value, _ = quantity(live[name])
        figures = significant_figures(number)
        if not math.isclose(float(f"{value:.{figures}g}"), quantity(worked)[0], rel_tol=1e-9):
            problems.append(f"{where}: calculator '{calculator}' shows {live[name]} for '{name}', the worked example "
                            f"says {worked} (set the inputs' value= to the worked example's)")
    problems += [f"{SOURCE}:{output_line(calculator, name)}: calculator '{calculator}' ships '{text}' in '{name}' but "
                 f"computes '{live[name]}' (pre-fill the computed value)" for name, text in static.items() if live[name] != text]
    return problems


def static_outputs(site_dir: Path) -> dict[str, dict[str, str]]:
    """Each calculator's outputs as the built page ships them, before any script runs."""
    soup = BeautifulSoup((site_dir / PAGE / "index.html").read_text(), "html.parser")
    return {form["data-calculator"]: {o["name"]: o.get_text() for o in form.select("output") if o["name"] != "message"}
            for form in soup.select("form[data-calculator]")}


def live_outputs(page, calculator: str) -> dict[str, str]:
    return page.locator(FORM.format(calculator)).evaluate(
        "(form) => Object.fromEntries([...form.querySelectorAll('output')].map((o) => [o.name, o.value]))")


def open_estimation(session, base: str):
    session.page.goto(base + PAGE, wait_until="load")
    session.page.wait_for_function(READY, arg=len(WORKED))
    return session.page


def test_defaults_reproduce_the_worked_examples(browser, served):
    base, site_dir = served
    session = open_session(browser)
    page = open_estimation(session, base)
    shipped = static_outputs(site_dir)
    assert set(shipped) == set(WORKED)
    problems = []
    for calculator in WORKED:
        form = page.locator(FORM.format(calculator))
        # The worked example: everything between the calculator and the heading above it.
        section = form.evaluate("(form) => { let text = ''; for (let n = form.previousElementSibling;"
                                " n && n.tagName !== 'H3'; n = n.previousElementSibling) text = n.textContent + ' ' + text;"
                                " return text; }")
        live = live_outputs(page, calculator)
        assert live.pop("message") == ""
        problems += worked_problems(calculator, section, shipped[calculator], live)
    assert problems == []
    assert session.errors == [] and session.violations == [] and session.blocked == []


def test_a_calculator_that_drifts_from_its_worked_example_is_reported():
    section = "… 2.68 GB … 327,680 … 140 … 148 GB … 55 …"
    live = {"perToken": "327,680 B", "perSequence": "2.684 GB", "weights": "140 GB", "free": "148 GB", "fits": "54 sequences"}
    static = {**live, "fits": "55 sequences"}
    line = output_line("kv-cache", "fits")
    assert worked_problems("kv-cache", section.replace("148 GB", "150 GB"), static, live) == [
        f"{SOURCE}:{output_line('kv-cache', 'free')}: the worked example above calculator 'kv-cache' no longer prints 148 "
        "(change WORKED in tests/test_calculators.py and the calculator's defaults with it)",
        f"{SOURCE}:{line}: calculator 'kv-cache' shows 54 sequences for 'fits', the worked example says 55 "
        "(set the inputs' value= to the worked example's)",
        f"{SOURCE}:{line}: calculator 'kv-cache' ships '55 sequences' in 'fits' but computes '54 sequences' "
        "(pre-fill the computed value)",
    ]
    assert worked_problems("kv-cache", section, static, static) == []


def ceil_figures(value: float, digits: int) -> float:
    scale = 10 ** (math.floor(math.log10(value)) - digits + 1)
    return math.ceil(value / scale - 1e-9) * scale


def z(p: float) -> float:
    return NormalDist().inv_cdf(p)


AB_MULTIPLIER = 2 * (z(1 - 0.01 / 2) + z(0.9)) ** 2
AB_PER_ARM = math.ceil(AB_MULTIPLIER * 0.1 * 0.9 / 0.005 ** 2)
KV_SEQUENCE = 2250 * 2 * 32 * 8 * 128 * 2
COST_GPUS = 4 * math.ceil(100 * 250 / (323 * 4 * 0.7))

#: Inputs other than the defaults, and what the formulas give for them, computed here from the formulas.
KNOWN = {
    "qps": ({"users": 8, "actions": 30, "peakFactor": 4},
            {"perDay": 8e6 * 30, "average": 8e6 * 30 / 86_400, "peak": 8e6 * 30 / 86_400 * 4,
             "plan": ceil_figures(8e6 * 30 / 86_400 * 4, 2)}),
    "index-memory": ({"vectors": 500, "dimensions": 256, "bytesPerValue": 2, "links": 16, "pqBytes": 32, "replicas": 3},
                     {"perVector": 256 * 2, "vectorMemory": 5e8 * 256 * 2, "linkMemory": 5e8 * 2 * 16 * 4,
                      "replica": 5e8 * (256 * 2 + 2 * 16 * 4), "fleet": 3 * 5e8 * (256 * 2 + 2 * 16 * 4),
                      "pq": 5e8 * (32 + 8), "compression": 256 * 2 / (32 + 8)}),
    "ab-sample-size": ({"baseline": 10, "effect": 5, "alpha": 1, "power": 90},
                       {"variance": 0.1 * 0.9, "delta": 0.1 * 0.05, "constant": AB_MULTIPLIER, "perArm": AB_PER_ARM,
                        "total": 2 * AB_PER_ARM, "ruleOfThumb": 16 * 0.1 * 0.9 / 0.005 ** 2}),
    "kv-cache": ({"parameters": 8, "layers": 32, "kvHeads": 8, "headDim": 128, "bytesPerValue": 2, "tokens": 2250,
                  "sequences": 200, "gpus": 1, "gpuMemory": 80, "usable": 100},
                 {"perToken": 2 * 32 * 8 * 128 * 2, "perSequence": KV_SEQUENCE, "cache": 200 * KV_SEQUENCE,
                  "weights": 8e9 * 2, "free": 80e9 - 8e9 * 2, "fits": (80e9 - 8e9 * 2) // KV_SEQUENCE}),
    "llm-cost": ({"price": 3, "load": 100, "inputTokens": 2000, "outputTokens": 250, "tokensPerGpu": 323,
                  "gpusPerReplica": 4, "utilization": 70},
                 {"gpus": COST_GPUS, "perHour": 3 * COST_GPUS, "perRequest": 3 * COST_GPUS / 360_000,
                  "perThousand": 3 * COST_GPUS / 360, "perMillionOutput": 3 * COST_GPUS / 90,
                  "perMillionTokens": 3 * COST_GPUS / 810}),
}


def test_other_inputs_give_the_formulas_values(browser, served):
    base, _ = served
    session = open_session(browser)
    page = open_estimation(session, base)
    wrong = []
    for calculator, (inputs, expectations) in KNOWN.items():
        form = page.locator(FORM.format(calculator))
        for name, value in inputs.items():
            form.locator(f'input[name="{name}"]').fill(str(value))
        shown = live_outputs(page, calculator)
        for name, expected in expectations.items():
            value, rounding = quantity(shown[name])
            if abs(value - expected) > rounding + 1e-9 * abs(expected):
                wrong.append(f"{calculator}.{name}: shows {shown[name]}, the formula gives {expected}")
    # The latency budget adds its stages, however many, and says when they overrun.
    form = page.locator(FORM.format("latency-budget"))
    form.locator('input[name="budget"]').fill("150")
    form.locator('input[name="stage"]').nth(4).fill("80.5")
    shown = live_outputs(page, "latency-budget")
    assert (shown["total"], shown["slack"]) == ("185.5 ms", "over by 35.5 ms, 23.7 % of the budget")
    assert wrong == []
    assert session.errors == []


#: An input, a bad value, and what the reader is told.
BAD_INPUT = [
    ("qps", "users", "", "“Daily active users” is empty: enter a number."),
    ("index-memory", "links", "-1", "“HNSW links per node, M (0 for no graph)” must be 0 or more."),
    ("llm-cost", "tokensPerGpu", "0", "“Output tokens per second per GPU, T” must be greater than 0."),
    ("ab-sample-size", "baseline", "100", "“Baseline conversion rate, p” must be above 0 and below 100 %."),
    ("kv-cache", "usable", "120", "“Usable share of memory” must be above 0 and at most 100 %."),
    ("latency-budget", "stage", "-5", "“Network and gateway” must be 0 or more."),
    ("ab-sample-size", "effect", "2000", "The treated rate p × (1 + effect) reaches 100 %: lower the baseline rate or the effect."),
]


def test_bad_input_is_explained_not_computed(browser, served):
    """Empty, negative, zero where it divides, out of range: the results show a dash and the message says why;
    putting the value back restores the results."""
    base, _ = served
    session = open_session(browser)
    page = open_estimation(session, base)
    for calculator, name, value, message in BAD_INPUT:
        form = page.locator(FORM.format(calculator))
        before = live_outputs(page, calculator)
        field = form.locator(f'input[name="{name}"]').first
        default = field.input_value()
        field.fill(value)
        shown = live_outputs(page, calculator)
        assert (calculator, shown.pop("message")) == (calculator, message)
        assert set(shown.values()) == {NO_RESULT}
        assert not re.search(r"NaN|Infinity|undefined", form.inner_text())
        assert field.get_attribute("aria-invalid") == ("true" if message.startswith("“") else "false")
        field.fill(default)
        assert live_outputs(page, calculator) == before
    assert session.errors == []


def test_instant_navigation_keyboard_and_phone(browser, served):
    """Reached by instant navigation, the calculators start; the latency budget's stages are added and typed in
    with the keyboard alone; on a 390-px phone nothing is wider than its calculator."""
    base, _ = served
    session = open_session(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = session.page
    page.goto(base + "reference/", wait_until="networkidle")
    page.evaluate("window.__noReload = true")
    page.evaluate("(href) => { const a = document.createElement('a'); a.href = href; document.body.appendChild(a); a.click(); }",
                  base + PAGE)
    page.wait_for_url(base + PAGE)
    page.wait_for_function(READY, arg=len(WORKED))
    assert page.evaluate("window.__noReload === true"), "reached by a full reload, not instant navigation"
    form = page.locator(FORM.format("latency-budget"))
    form.locator('[data-action="add-stage"]').focus()
    page.keyboard.press("Enter")
    assert form.locator('input[name="stage"]').count() == 7
    assert page.evaluate("document.activeElement.name") == "stage"
    page.keyboard.type("12")
    assert live_outputs(page, "latency-budget")["total"] == "177 ms"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("30")
    assert live_outputs(page, "latency-budget")["total"] == "187 ms"
    overflow = ("[...document.querySelectorAll('form.calculator')].filter((form) => [form, ...form.querySelectorAll('*')]"
                ".some((e) => e.getBoundingClientRect().right > Math.min(form.getBoundingClientRect().right,"
                " document.documentElement.clientWidth) + 0.5)).map((form) => form.dataset.calculator)")
    assert page.evaluate(overflow) == []
    page.add_style_tag(content=".md-typeset .calculator input { min-width: 30rem; }")  # the bad fixture: too wide
    assert page.evaluate(overflow) == list(WORKED)
    assert session.errors == [] and session.blocked == [] and session.violations == []


def test_works_from_disk_in_the_offline_build(browser, tmp_path):
    """The offline copy (mkdocs-offline.yml: no instant navigation, opened from file://) on a one-page site
    holding the real page's QPS calculator."""
    markup = re.search(r'<form class="calculator" data-calculator="qps">.*?</form>\n', (ROOT / SOURCE).read_text(), re.S)
    project = scratch_site(tmp_path, {"docs/index.md": front("home") + "\n" + markup.group(0)}, ["index.md"])
    build_offline(project)
    session = open_session(browser)
    page = session.page
    page.goto((project / "site" / "index.html").as_uri(), wait_until="load")
    page.wait_for_function(READY, arg=1)
    page.locator('input[name="users"]').fill("100")
    assert live_outputs(page, "qps")["perDay"] == "2,000,000,000"
    assert session.errors == [] and session.blocked == []
