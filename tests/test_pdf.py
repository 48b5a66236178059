"""The PDF: built from the print page in Debian Chromium, checked with pypdf."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from helpers import ROOT, build, figure, front, scratch_site

from build_pdf import PdfBuildError, build_pdf
from handbook.chapters import print_page_id
from handbook.pages import load_site

pytestmark = pytest.mark.browser

LABEL = re.compile(r'\["([^"]{6,})"\]')


def outline_titles(reader) -> list[str]:
    """Every bookmark title, depth first, without whitespace (a wrapped heading loses its spaces)."""
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(squash(item.title))

    walk(reader.outline)
    return titles


def squash(text: str) -> str:
    """Text without whitespace, for matching labels that wrap across lines."""
    return re.sub(r"\s+", "", text)


#: What the suite prints of the book: the framework part and one case study. The whole book (1,400 pages) took
#: about 200 of the suite's 600 seconds to print. Every diagram and formula of the book is still rendered and
#: checked (``build_pdf`` renders the whole print page and fails on any that did not render, before keeping these
#: pages), the print page's contents are checked below, and the deploy workflow prints the whole book on every push.
PRINTED = ("framework", "case-studies-news-feed")


def printed_pages():
    """The handbook's pages that the suite's PDF holds."""
    return [page for page in load_site(ROOT).pages if print_page_id(page).startswith(PRINTED)]


@pytest.fixture(scope="session")
def handbook_pdf(real_site, browser, tmp_path_factory):
    """The framework and one case study of the handbook as PDF: ``(stats, pypdf reader, extracted text)``.

    Printed once, without fitting figures (each fitting round is another print);
    fitting is tested on a small site below and measured by ``make pdf``.
    """
    from pypdf import PdfReader

    result, site_dir = real_site
    assert result.returncode == 0
    output = tmp_path_factory.mktemp("pdf") / "handbook.pdf"
    stats = build_pdf(site_dir, output, only=PRINTED, browser=browser, fit_rounds=0)
    # poppler's pdftotext (a declared dependency) reads 1,300 pages in 3 s; pypdf took a minute.
    text = subprocess.run(["pdftotext", str(output), "-"], capture_output=True, text=True, check=True).stdout
    return stats, PdfReader(str(output)), text


def test_the_print_page_holds_every_step_and_case_study_and_leaves_the_online_only_pages_out(real_site):
    """The book is the print page: every framework step and case study has its section; the contributor guide,
    the visual refreshers, the tags page and the review page (a tool that needs scripts) stay online."""
    _, site_dir = real_site
    ids = set(re.findall(r'<section class="print-page[^"]*" id="([^"]+)"', (site_dir / "print_page/index.html").read_text()))
    site = load_site(ROOT)
    expected = {print_page_id(page) for page in site.of_kind("framework-step")} | {print_page_id(p) for p in site.case_studies()}
    assert len(expected) >= 20 and expected - ids == set()
    assert not [i for i in ids if i.startswith(("contributing", "practice-refresher", "reference-tags", "practice-review"))]


def test_bookmarks_cover_every_printed_page(handbook_pdf):
    _, reader, _ = handbook_pdf
    titles = set(outline_titles(reader))
    expected = {squash(page.title) for page in printed_pages()}
    assert len(expected) >= 10
    assert expected - titles == set()


def test_diagrams_are_drawn_as_text_not_left_as_source(handbook_pdf):
    from handbook.figures import figures_in

    _, _, text = handbook_pdf
    flat = squash(text)
    missing, diagrams = [], sorted({ROOT / figure.target for page in printed_pages() for figure in figures_in(page)})
    assert len(diagrams) >= 40
    for diagram in diagrams:
        labels = [label.replace("<br/>", " ") for label in LABEL.findall(diagram.read_text())]
        if labels and not any(squash(label) in flat for label in labels):
            missing.append(f"{diagram.relative_to(ROOT)}: none of {labels[:3]}")
    assert missing == []
    for source_keyword in ("-->", "accTitle", "accDescr"):
        assert source_keyword not in text
    assert not re.search(r'subgraph \w+\["', text), "a subgraph's source line was printed"  # prose may say "subgraph"


def test_page_count_and_size_are_sane(handbook_pdf):
    stats, reader, text = handbook_pdf
    assert 100 < stats["pages"] < 1000
    # About 20 KB a page with a figure every few pages: a font or image embedded once per page instead of
    # once would multiply it.
    assert stats["bytes"] < 15_000_000
    assert "Table of Contents" in text and "CC BY 4.0" in reader.pages[0].extract_text()
    # Each chapter says when it last changed; the report link is for the screen.
    assert text.count("Last updated") >= len(printed_pages()) and "Report a problem" not in text


def test_cheat_sheet_pdf_holds_only_the_cheat_sheets(browser, tmp_path: Path):
    """``only="cheat-sheets"`` keeps the cheat sheets' chapters and drops the rest (a small site: the real
    book's print takes minutes and is checked above)."""
    from pypdf import PdfReader

    files = {
        "docs/index.md": front("home") + "\nThe handbook.\n",
        "docs/cheat-sheets/index.md": front("cheat-sheets") + "\nThe sheets.\n",
        "docs/cheat-sheets/feature-stores.md": front("feature-stores") + "\nOnline and offline stores.\n",
        "docs/cheat-sheets/cold-start.md": front("cold-start") + "\nNew items and users.\n",
        "docs/case-studies/news-feed.md": front("news-feed") + "\nA feed.\n",
    }
    project = scratch_site(tmp_path, files, ["index.md", "cheat-sheets/index.md", "cheat-sheets/feature-stores.md",
                                             "cheat-sheets/cold-start.md", "case-studies/news-feed.md"])
    assert build(project).returncode == 0
    output = tmp_path / "cheat-sheets.pdf"
    stats = build_pdf(project / "site", output, only="cheat-sheets", browser=browser, fit_rounds=0)
    titles = set(outline_titles(PdfReader(str(output))))
    assert {"FeatureStores", "ColdStart"} <= titles, titles
    assert not titles & {"NewsFeed", "Home"}, titles
    assert stats["pages"] < 10


def test_malformed_diagram_fails_the_pdf_build_naming_the_page(browser, tmp_path: Path):
    files = {
        "docs/index.md": front("home") + "\nText.\n",
        "docs/broken.md": front("broken-page") + figure("diagrams/demo/broken.mmd"),
        "diagrams/demo/broken.mmd": "flowchart LR\n    accTitle: Broken\n    accDescr: Syntax error.\n    a --> (\n",
    }
    project = scratch_site(tmp_path, files, ["index.md", "broken.md"])
    assert build(project).returncode == 0
    with pytest.raises(PdfBuildError, match=r"did not render in: Broken Page \(broken\)"):
        build_pdf(project / "site", tmp_path / "broken.pdf", browser=browser)


def test_step_headings_are_numbered_once(handbook_pdf):
    """print-site numbers headings itself; the case studies' own "1." is dropped on the print page."""
    _, _, text = handbook_pdf
    assert re.search(r"\b\d+\.\d+\.\d+\s+Clarify requirements", text)
    assert not re.search(r"\b\d+\.\d+\.\d+\s+\d\.\s+Clarify requirements", text)


def test_diagram_labels_print_in_the_served_font(handbook_pdf):
    """Labels are set in the vendored Inter on any machine, so they fit the boxes they were measured for."""
    _, reader, _ = handbook_pdf
    pages_with_inter = 0
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        if any("Inter" in str(font.get_object().get("/BaseFont", "")) for font in fonts.values()):
            pages_with_inter += 1
    assert pages_with_inter >= 50


FIGURE_PAGE = """<!doctype html><html><head><style>
@font-face {{ font-family: "Handbook Inter"; src: url("{font}"); }}
body {{ margin: 0; font: 12pt sans-serif; }}
.figure {{ break-inside: avoid; height: {height}mm; font-family: "Handbook Inter"; border: 1px solid; }}
p {{ margin: 0; line-height: 5mm; }}
</style></head><body><p>{lines}</p>
<div class="figure">Label in the diagram font</div><p>After.</p></body></html>"""


#: The PDF's A4 page and margins (scripts/build_pdf.py), for fixtures printed straight from HTML.
PRINT_PAGE = dict(format="A4", margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"})


def printed(browser, html: Path) -> Path:
    """``html`` printed beside it as a PDF (the book's page and margins), once its fonts have loaded."""
    page = browser.new_page()
    page.goto(html.as_uri(), wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.pdf(path=str(html.with_suffix(".pdf")), **PRINT_PAGE)
    page.close()
    return html.with_suffix(".pdf")


@pytest.mark.parametrize("height_mm, font, figure", [(200, '"Handbook Inter"', True), (150, '"Handbook Inter"', True),
                                                     (200, "sans-serif", False)])
def test_pdf_layout_finds_a_block_that_left_a_page_blank_before_it(browser, tmp_path: Path, height_mm, font, figure):
    """Fixture: 100 mm of text, then a block kept whole: too tall (200 mm) for the 163 mm left, page 1 is mostly
    blank; 150 mm fits. A block in the diagram font is a figure, and both ``figure_gaps`` and ``blank_feet`` see
    the blank; any other block (a table, say) only ``blank_feet``."""
    from pypdf import PdfReader

    from pdf_layout import blank_feet, figure_gaps

    html = tmp_path / "block.html"
    html.write_text(FIGURE_PAGE.format(font=(ROOT / "docs/assets/vendor/inter-ui/Inter-Regular.woff2").as_uri(),
                                       height=height_mm, lines="Body text before the block.<br>" * 20)
                    .replace('font-family: "Handbook Inter"', f"font-family: {font}"))
    pdf = printed(browser, html)
    gaps, feet = figure_gaps(pdf), blank_feet(pdf, PdfReader(str(pdf)))
    if height_mm == 150:
        assert gaps == [] and feet == []
        return
    assert [foot.page for foot in feet] == [2] and 0.5 < feet[0].blank < 0.75, feet
    assert gaps == (feet if figure else []), gaps


#: The paragraph that leads to the figure in the fitting fixture.
LEAD_IN = "Where the figure comes in"


def figure_site(tmp_path: Path, diagram: str, before: int, after: int, copies: int = 1) -> Path:
    """A built one-page site: ``before`` paragraphs, a lead-in ending in a colon, a real diagram (``copies``
    times, each after its own lead-in), ``after`` paragraphs."""
    source = ROOT / "diagrams" / f"{diagram}.mmd"
    paragraphs = lambda n, where: "".join(f"Paragraph {i + 1} {where} the figure, long enough to wrap onto a second line of the printed page.\n\n" for i in range(n))
    block = figure(f"diagrams/{diagram}.mmd") + "\n"
    files = {
        "docs/index.md": front("home") + "\n" + paragraphs(before, "before") + f"{LEAD_IN}:\n\n"
        + "\nThe next figure:\n\n".join([block] * copies) + paragraphs(after, "after"),
        f"diagrams/{diagram}.mmd": source.read_text(),
        f"diagrams/{diagram}.svg": source.with_suffix(".svg").read_text(),
    }
    project = scratch_site(tmp_path, files, ["index.md"])
    assert build(project).returncode == 0
    return project / "site"


@pytest.mark.parametrize("diagram, way, copies, before, after", [
    ("cheat-sheets/class-imbalance-decision", "floated", 1, 12, 30),
    ("cheat-sheets/offline-metrics-boxes-and-text", "shrunk", 1, 8, 30),
    ("cheat-sheets/class-imbalance-decision", "floated", 2, 12, 30),  # a run of figures floats as a group, in order
    ("cheat-sheets/class-imbalance-decision", "raised", 1, 12, 0),  # nothing after it to float past
])
def test_a_figure_that_would_leave_most_of_a_page_blank_is_fitted_and_listed_with_its_page(browser, tmp_path: Path, diagram, way, copies, before, after):
    """Fixture: text fills part of a page, then a tall captioned figure: printed plainly, the rest of the page
    stays blank; fitted, the figure is shrunk (room enough at 7 pt, caption included), floated past the text
    after it, or, when it ends the page's content, raised to the top of the page before. Its caption is
    numbered, and a lead-in the figure no longer follows points to it by that number."""
    from pypdf import PdfReader

    from fit_figures import figure_placements
    from pdf_layout import figure_gaps, text_rows

    site_dir = figure_site(tmp_path, diagram, before=before, after=after, copies=copies)
    plain = build_pdf(site_dir, tmp_path / "plain.pdf", browser=browser, fit_rounds=0)
    assert plain["gaps_over_limit"] == 1, figure_gaps(tmp_path / "plain.pdf")
    fitted = build_pdf(site_dir, tmp_path / "fitted.pdf", browser=browser)
    assert fitted["gaps_over_limit"] == 0 and fitted[way] == 1, fitted
    reader = PdfReader(str(tmp_path / "fitted.pdf"))
    placements = figure_placements(reader)
    figure_page = placements["figure-1"].page
    assert any(inter for _, inter in text_rows(tmp_path / "fitted.pdf")[figure_page])
    assert [placements[f"figure-{n + 1}"].page for n in range(copies)] == list(range(figure_page, figure_page + copies))
    listing = unicodedata.normalize("NFKC", reader.pages[-1].extract_text())  # "fi" is printed as a ligature
    assert "List of figures" in listing and re.search(rf"^1 .+ {figure_page + 1}$", listing, re.MULTILINE), listing
    text = squash(unicodedata.normalize("NFKC", "".join(page.extract_text() for page in reader.pages)))
    lines = unicodedata.normalize("NFKC", "\n".join(page.extract_text() for page in reader.pages)).splitlines()
    assert all(f"Figure {n + 1}. What the test figure shows." in lines for n in range(copies)), lines
    assert squash(LEAD_IN + (":" if way == "shrunk" else ": see figure 1.")) in text, text


def refitted(browser, content: str, script: str, arg) -> tuple[object, list[str]]:
    """Put ``content`` (a print-page section) in a page, number its figures, run the fitting ``script`` with
    ``arg``: what it returned, and the section's children's text in their new order."""
    from build_pdf import LIST_FIGURES

    page = browser.new_page()
    try:
        page.set_content(content)
        page.evaluate(LIST_FIGURES, "figure-")
        returned = page.evaluate(script, arg)
        return returned, page.evaluate("() => [...document.querySelector('section').children].map(e => e.textContent)")
    finally:
        page.close()


def test_a_float_never_parts_a_lead_in_from_what_it_introduces_and_its_own_lead_in_points_to_it(browser):
    """Fixture: a figure floated by 150 px would land after "Four rules here:", between it and its list; it
    lands one paragraph earlier. Its own lead-in, left behind, names it by number; a lead-in still right above
    its figure keeps its colon."""
    from build_pdf import FLOAT_FIGURES, LIST_FIGURES, POINT_LEAD_INS

    block = lambda height: f'<p style="height: {height}px; margin: 0">'
    page = browser.new_page()
    try:
        page.set_content(
            '<section class="print-page"><p>How it flows:</p>'
            '<figure><div class="mermaid" data-diagram-zoom style="height: 400px"></div><figcaption>One.</figcaption></figure>'
            f'{block(100)}Text.</p>{block(100)}Four rules here:</p><ul><li>Rule.</li></ul>'
            '<p>Then:</p><figure><div class="mermaid" data-diagram-zoom></div><figcaption>Two.</figcaption></figure></section>')
        assert page.evaluate(LIST_FIGURES, "figure-") == 2
        assert page.evaluate(FLOAT_FIGURES, {"figure-1": 150}) == ["figure-1"]
        assert page.evaluate(POINT_LEAD_INS) == 1
        order = page.evaluate("() => [...document.querySelector('section').children].map(e => e.textContent)")
    finally:
        page.close()
    assert order[:5] == ["How it flows: see figure 1.", "Text.", "Figure 1. One.", "Four rules here:", "Rule."], order
    assert order[5:7] == ["Then:", "Figure 2. Two."], order


def test_a_run_of_figures_floats_as_one_group_only_when_each_follows_its_own_lead_in(browser):
    """Fixture: a figure, a paragraph of text, then another figure's lead-in and figure. The text is not a
    lead-in, so the first figure floats past it alone instead of carrying it, the lead-in and the second
    figure to after the paragraph that ends the section."""
    from build_pdf import FLOAT_FIGURES

    moved, order = refitted(browser,
        '<section class="print-page"><p>First:</p>'
        '<figure><div class="mermaid" data-diagram-zoom style="height: 400px"></div><figcaption>One.</figcaption></figure>'
        '<p style="height: 100px; margin: 0">Why.</p><p>Then:</p>'
        '<figure><div class="mermaid" data-diagram-zoom></div><figcaption>Two.</figcaption></figure>'
        '<p style="height: 100px; margin: 0">After.</p></section>', FLOAT_FIGURES, {"figure-1": 50})
    assert moved == ["figure-1"]
    assert order == ["First:", "Why.", "Figure 1. One.", "Then:", "Figure 2. Two.", "After."], order


def test_a_raise_never_puts_a_figure_above_a_pages_opening_paragraph(browser):
    """Fixture: a page's tags, title, date line, opening paragraph, a second paragraph, then a figure raised by
    more than all of them: it goes above the second paragraph only. Right under the title, a figure too tall for
    the sheet took the title with it and left the tags alone on a page."""
    from build_pdf import RAISE_FIGURES

    raised, order = refitted(browser,
        '<section class="print-page"><nav class="md-tags">tag</nav><h1>Title</h1><p class="page-meta">Date</p>'
        '<p>Opening.</p><p>Second.</p>'
        '<figure><div class="mermaid" data-diagram-zoom style="height: 400px"></div><figcaption>One.</figcaption></figure>'
        '</section>', RAISE_FIGURES, {"figure-1": 5000})
    assert raised == ["figure-1"]
    assert order == ["tag", "Title", "Date", "Opening.", "Figure 1. One.", "Second."], order


def test_a_pages_tags_stay_on_the_sheet_with_its_title(browser, tmp_path: Path):
    """Fixture, printed with the handbook's stylesheet: tags, a title and a block kept whole too tall to share the
    page with them. The title stays with the tags (the block moves on), not the tags alone on the first page."""
    from pypdf import PdfReader

    html = tmp_path / "tags.html"
    html.write_text(
        f'<!doctype html><html><head><link rel="stylesheet" href="{(ROOT / "docs/assets/stylesheets/handbook.css").as_uri()}">'
        '</head><body><article class="md-typeset"><nav class="md-tags">the-tag</nav><h1>The title</h1>'
        '<figure style="height: 255mm; border: 1px solid">Block</figure></article></body></html>')
    first = PdfReader(str(printed(browser, html))).pages[0].extract_text()
    assert "the-tag" in first and "The title" in first, first


def test_only_tall_blocks_that_no_figure_follows_may_break_and_a_marked_table_breaks_between_rows(browser, tmp_path: Path):
    """Fixture: a page with a tall table before its figure, a tall table and a tall box after it, and a short
    table: only the two tall blocks after the figure are marked. Printed with the handbook's stylesheet after
    100 mm of text, the marked table starts on the first page and repeats its header on the next; unmarked, it
    moves on whole and leaves the first page half blank."""
    from pypdf import PdfReader

    from build_pdf import LET_TALL_BLOCKS_BREAK

    rows = lambda n: "<table><thead><tr><th>head</th></tr></thead><tbody>" + "".join(
        f"<tr><td>row {i}</td></tr>" for i in range(n)) + "</tbody></table>"
    page = browser.new_page()
    try:
        page.set_content(
            f'<section class="print-page"><div class="md-typeset">{rows(20)}<div class="mermaid"></div>{rows(20)}'
            f'<div class="admonition" style="height: 400px">Box</div>{rows(2)}</div></section>')
        assert page.evaluate(LET_TALL_BLOCKS_BREAK, 250) == 2
        marked = page.evaluate("() => [...document.querySelectorAll('[data-print-breaks]')].map(e => e.tagName + e.rows?.length)")
    finally:
        page.close()
    assert marked == ["TABLE21", "DIVundefined"], marked

    for mark in ("", " data-print-breaks"):
        html = tmp_path / "table.html"
        html.write_text(
            f'<!doctype html><html><head><link rel="stylesheet" href="{(ROOT / "docs/assets/stylesheets/handbook.css").as_uri()}">'
            '<style>body { margin: 0; font: 12pt sans-serif; } td, th { height: 9mm; padding: 0; }</style>'
            '</head><body><article class="md-typeset">' + '<p style="margin: 0; height: 100mm">Text.</p>'
            + rows(40).replace("<table>", f"<table{mark}>") + '</article></body></html>')
        first, second = (p.extract_text() for p in PdfReader(str(printed(browser, html))).pages[:2])
        assert ("row 0" in first) == bool(mark), first
        if mark:
            assert second.startswith("head"), second
