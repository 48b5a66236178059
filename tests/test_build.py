"""Strict builds: the real site passes; a site with one of each defect fails with every message."""

from pathlib import Path

from helpers import ROOT, build, explained_on_errors_page, front, scratch_site, warnings

BROKEN = ROOT / "tests/fixtures/broken-site"

EXPECTED = [
    # MkDocs' own validation: page links and anchors.
    "Doc file 'index.md' contains a link 'nowhere.md', but the target is not found among documentation files.",
    "Doc file 'index.md' contains a link 'framework/evaluation.md#no-such-anchor', but the doc 'framework/evaluation.md' does not contain an anchor '#no-such-anchor'.",
]
EXPECTED_CONTENT = [
    "docs/index.md:10: unknown citation key 'covington2016dep' (did you mean 'covington2016deep'?)",
    "data/bibliography.yml:1: entry 'covington2016deep' is never cited (cite it with [@covington2016deep] or delete it)",
    "data/bibliography.yml:7: entry 'rendle2010factorization' is missing required field 'venue' (add it, verified against the source)",
    "docs/index.md:10: unknown glossary term 'feature stor' (did you mean 'feature store'?)",
    "data/glossary.yml:3: 'Feature Store' is defined twice, first at line 1 (keep one definition)",
    "docs/case-studies/demo.md:4: front matter field 'title' must be a string, not list (write title: a string)",
    "docs/case-studies/demo.md:12: facts field 'label_source' has unknown value 'natrual' (did you mean 'natural'?)",
    "docs/framework/evaluation.md:4: step 9 does not exist (use 1-7)",
    "docs/case-studies/demo.md:2: duplicate page id 'demo', already used by docs/case-studies/copy.md (choose a unique id)",
    "docs/case-studies/demo.md:24: section '#data-preparation' is out of order (required order: clarify-requirements, frame-the-problem, data-preparation, model-development, evaluation, deployment-and-serving, monitoring-and-infrastructure, follow-up-questions, other-talking-points, references)",
    "docs/case-studies/demo.md:25: missing section '## 5. Evaluation { #evaluation }' (add it after #model-development)",
    "docs/case-studies/demo.md:18: uses unknown cheat-sheet topic 'feature-store' (did you mean 'feature-stores'?)",
    "docs/index.md:17: diagram file 'diagrams/demo/missing.mmd' does not exist (check the path, relative to the repository root)",
    "diagrams/demo/orphan.mmd:1: diagram is not included by any page (include it in a page or delete it)",
    "diagrams/demo/no-names.mmd:1: diagram has no accessible title (add a line 'accTitle: ...' after 'flowchart LR')",
    "diagrams/demo/no-names.mmd:1: diagram has no accessible description (add a line 'accDescr: ...' after 'flowchart LR')",
    "docs/case-studies/demo.md:1: case study has no visual refresher page (add docs/practice/refresher/demo.md with 'generate: refresher' and list it in mkdocs.yml's nav; see the conventions, Figures per step)",
    "docs/case-studies/demo.md:3: case study has 0 figure(s) (draw at least 14; see the conventions, Figures per step)",
    "docs/case-studies/demo.md:21: step section '## 1. Clarify requirements' has no figure (draw what this step decides; see the conventions, Figures per step)",
    "docs/cheat-sheets/feature-stores.md:3: cheat sheet has 0 figure(s) (draw at least 2; see the conventions, Figures per step)",
    "docs/cheat-sheets/feature-stores.md:12: raw <store-name> is not an HTML element and vanishes from the text (write it as code: `<store-name>`)",
    'docs/cheat-sheets/feature-stores.md:17: question id "feature-stores:why-keep-an-online-store" repeats the question at '
    "docs/cheat-sheets/feature-stores.md:14 (reword one of them: the self-check marks and flashcards need one id per question)",
    "diagrams/demo/timeline.mmd:1: diagram type 'timeline' draws in colours the site cannot theme (use one of flowchart, graph, sequenceDiagram, stateDiagram, stateDiagram-v2, xychart-beta, quadrantChart)",
    "docs/index.md:12: image has no alt text (describe it: ![what the image shows](...))",
    "docs/case-studies/copy.md:1: page is not in the navigation (add 'case-studies/copy.md' under nav: in mkdocs.yml)",
    "docs/index.md:14: placeholder 'TODO' left in published content (write the content, then delete the marker)",
    "docs/index.md:24: page embeds 'script' (put behaviour in docs/assets/javascripts/ and list it in extra_javascript; link other sites instead of embedding them)",
    "docs/index.md:28: page loads an image from another site 'https://example.org/logo.png' (the security policy blocks it: save the image under docs/assets/images/ and link it relatively)",
    "docs/index.md:30: page loads an image from another site 'https://example.org/chart.png' (the security policy blocks it: save the image under docs/assets/images/ and link it relatively)",
    "diagrams/demo/architecture.mmd:4: architecture group 'offline' is titled 'Training jobs' (start its title with 'Offline:' so readers see which half it is)",
    "diagrams/demo/architecture.mmd:6: stadium shape is drawn as a 40 KB path (draw a model as [[...]], a double-barred box)",
    "diagrams/demo/architecture.mmd:9: label uses '☃' (U+2603), which the diagram font lacks (write it another way, or add its range to FONT_SUBSETS in scripts/vendor_assets.py and run make vendor)",
    "docs/index.md:16: diagram has no caption (add a '/// caption' block of one sentence right after the closing fence)",
    "docs/index.md:20: diagram has no caption (add a '/// caption' block of one sentence right after the closing fence)",
    "docs/index.md:32: diagram caption is 270 characters (keep it to one sentence of at most 200)",
    "data/corrections.yml:1: corrections entry names section '#no-such-section', which framework/evaluation.md does not have (use the { #id } of one of its headings)",
    "data/corrections.yml:6: corrections date 2999-01-01 is in the future (write the day the change landed)",
    "data/corrections.yml:6: corrections kind 'fixed' is unknown (use one of: correction, update, kept)",
    "data/corrections.yml:11: corrections entry names missing page 'framework/missing.md' (give a path under docs/)",
    "docs/index.md:26: formula does not typeset: Unexpected end of input in a macro argument, expected '}' at end of input: \\frac{a}{b (fix the LaTeX; KaTeX supports only the functions on its 'Supported Functions' page)",
]


def test_real_site_builds_strict(real_site):
    result, _ = real_site
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr


def test_every_diagram_is_served_as_its_current_snapshot(real_site):
    """No page leaves a diagram for the browser to render: each is its source's snapshot, once per include."""
    from bs4 import BeautifulSoup

    from handbook.snapshots import source_digest

    _, site_dir = real_site
    expected = {"snapshot-" + source_digest(p.read_text())[:12] for p in (ROOT / "diagrams").rglob("*.mmd")}
    served, left_as_source = set(), []
    for html in site_dir.rglob("index.html"):
        soup = BeautifulSoup(html.read_text(), "html.parser")
        left_as_source += [html.parent.name] * len(soup.select("pre.mermaid"))
        served |= {t.find("svg")["id"] for t in soup.select('div.mermaid[data-search-exclude] > template[shadowrootmode="open"]')}
    assert left_as_source == []
    assert served == expected


def test_every_page_is_headed_by_its_title_and_the_date_and_report_line(real_site):
    from bs4 import BeautifulSoup

    from handbook.pages import load_site

    _, site_dir = real_site
    for page in load_site(ROOT).pages:
        html = site_dir / page.doc_path.replace("index.md", "").replace(".md", "/") / "index.html"
        soup = BeautifulSoup(html.read_text(), "html.parser")
        h1 = soup.select_one("article h1")
        assert h1 is not None and h1.get_text().replace("¶", "").strip() == page.title, page.path
        # Under it: the day the page last changed (the suite runs in a git checkout) and the report link.
        meta = h1.find_next_sibling()
        assert meta is not None and "page-meta" in meta.get("class", []), page.path
        assert meta.select_one("time[datetime]") is not None, page.path
        assert meta.select_one("a.report-problem")["href"].startswith("https://github.com/ml-system-design-handbook/handbook/issues/new?template=content-error.yml&"), page.path


def test_broken_site_fails_with_every_message_in_one_run(tmp_path: Path):
    files = {str(p.relative_to(BROKEN)): p.read_text() for p in BROKEN.rglob("*") if p.is_file() and p.name != "README.md"}
    project = scratch_site(tmp_path, files, ["index.md", "framework/evaluation.md", "case-studies/demo.md", "cheat-sheets/feature-stores.md"])
    result = build(project)
    assert result.returncode == 1
    logged = warnings(result.stderr)
    missing = [m for m in EXPECTED_CONTENT if m not in logged]
    assert not missing, "\n".join(["missing:", *missing, "logged:", *logged])
    for message in EXPECTED:
        assert message in result.stderr, result.stderr


def test_every_message_is_explained_on_the_errors_page():
    """Each message of the broken site matches a "message starts with" row of errors.md."""
    for message in EXPECTED_CONTENT:
        assert explained_on_errors_page(message), f"{message!r} is not explained in errors.md"


def test_make_serve_leaves_the_print_page_out(tmp_path: Path):
    """The print page repeats the whole handbook; `make serve` skips it (HANDBOOK_PRINT_PAGE=false) to rebuild faster."""
    project = scratch_site(tmp_path, {"docs/index.md": front("home") + "Hello.\n"}, ["index.md"])
    built = build(project)
    assert built.returncode == 0, built.stderr[-2000:]
    assert (project / "site" / "print_page" / "index.html").is_file()
    served = build(project, project / "served", env={"HANDBOOK_PRINT_PAGE": "false"})
    assert served.returncode == 0, served.stderr[-2000:]
    assert (project / "served" / "index.html").is_file() and not (project / "served" / "print_page").exists()
    (serve_line,) = [line for line in (ROOT / "Makefile").read_text().splitlines() if "mkdocs serve" in line]
    assert "HANDBOOK_PRINT_PAGE=false " in serve_line
