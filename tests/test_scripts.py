"""The contributor scripts: content check without a build, scaffolder, vendored assets."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT

import check_handbook
import new_page
import vendor_assets
from handbook.checks import load_handbook, run_checks


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of the content and configuration of the repository."""
    for folder in ("docs", "data", "diagrams"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def test_real_handbook_has_no_content_problems():
    result = subprocess.run([sys.executable, str(ROOT / "scripts/check_handbook.py")], capture_output=True, text=True)
    assert result.stdout == ""
    assert result.returncode == 0, result.stdout
    assert result.stderr.startswith("0 problem(s) in ")


def test_check_script_prints_problems_and_fails(checkout: Path, capsys):
    page = checkout / "docs/reference/glossary.md"
    page.write_text(page.read_text() + "\nSee [[no such term]].\n")
    assert check_handbook.main(["--root", str(checkout)]) == 1
    out = capsys.readouterr().out
    assert "docs/reference/glossary.md:" in out
    assert ": unknown glossary term 'no such term' (define it in data/glossary.yml)" in out


def test_check_script_reports_a_question_asked_twice_on_a_page(checkout: Path, capsys):
    """The self-check needs one id per question: the command line reports a repeat, not only the build."""
    page = checkout / "docs/cheat-sheets/adapting-llms.md"
    question = '??? question "You have 5,000 human preference pairs. PPO or DPO?"\n    Asked again.\n'
    page.write_text(page.read_text().replace("\n## Sources", "\n" + question + "\n## Sources", 1))
    assert check_handbook.main(["--root", str(checkout)]) == 1
    assert "repeats the question at docs/cheat-sheets/adapting-llms.md:160" in capsys.readouterr().out


def test_scaffolded_case_study_fails_only_on_placeholders(checkout: Path):
    created = new_page.create("case-study", "fraud-detection", "Payment fraud detection", root=checkout)
    assert [p.relative_to(checkout).as_posix() for p in created] == [
        "docs/case-studies/fraud-detection.md", "diagrams/fraud-detection/architecture.mmd",
        "docs/practice/refresher/fraud-detection.md"]
    nav = (checkout / "mkdocs.yml").read_text()
    assert "          - Payment fraud detection: case-studies/fraud-detection.md\n      - Generative AI:" in nav
    assert "              - Payment fraud detection: practice/refresher/fraud-detection.md\n          - Generative AI:" in nav
    config = check_handbook.read_config(checkout)
    problems = run_checks(load_handbook(checkout), config["nav"])
    assert problems, "the template must fail until its placeholders are filled"
    assert {p.path for p in problems} == {"docs/case-studies/fraud-detection.md", "diagrams/fraud-detection/architecture.mmd"}
    others = [str(p) for p in problems if "placeholder 'TODO'" not in p.message]
    # What is left besides placeholders is the figures to draw: one per step, and the count.
    assert len(others) == 8 and sum("has no figure" in m for m in others) == 7, others
    assert any("case study has 1 figure(s) (draw at least 14" in m for m in others), others


def test_scaffolded_generative_case_study_joins_its_track(checkout: Path):
    new_page.create("case-study", "code-review", "Code review assistant", root=checkout, track="generative")
    text = (checkout / "docs/case-studies/code-review.md").read_text()
    assert "kind: case-study\ntrack: generative\n" in text and "\n  llm:\n    model: TODO" in text
    nav = (checkout / "mkdocs.yml").read_text()
    assert "          - Code review assistant: case-studies/code-review.md\n  - Cheat sheets:" in nav
    assert "              - Code review assistant: practice/refresher/code-review.md\n  - Reference:" in nav
    config = check_handbook.read_config(checkout)
    problems = [str(p) for p in run_checks(load_handbook(checkout), config["nav"]) if "placeholder 'TODO'" not in p.message]
    assert not [m for m in problems if "front matter" in m or "facts" in m or "navigation" in m], problems


def test_scaffolded_cheat_sheet_joins_its_nav_section(checkout: Path):
    new_page.create("cheat-sheet", "search-autocomplete", "Search autocomplete", root=checkout)
    assert "          - Search autocomplete: cheat-sheets/search-autocomplete.md\n      - Generative AI:" in (checkout / "mkdocs.yml").read_text()
    config = check_handbook.read_config(checkout)
    problems = run_checks(load_handbook(checkout), config["nav"])
    others = [str(p) for p in problems if "placeholder 'TODO'" not in p.message]
    assert others == ["docs/cheat-sheets/search-autocomplete.md:3: cheat sheet has 1 figure(s) (draw at least 2; "
                      "see the conventions, Figures per step)"]
    with pytest.raises(FileExistsError, match="already exists"):
        new_page.create("cheat-sheet", "search-autocomplete", "Again", root=checkout)
    with pytest.raises(ValueError, match="not kebab-case"):
        new_page.create("cheat-sheet", "Feature_Stores", "Bad", root=checkout)


def test_vendored_assets_match_their_manifest(tmp_path: Path):
    assert vendor_assets.verify() == []
    copy = tmp_path / "vendor"
    shutil.copytree(vendor_assets.VENDOR_DIR, copy)
    (copy / "mermaid/mermaid.min.js").write_text("tampered")
    (copy / "katex/extra.js").write_text("unexpected")
    assert vendor_assets.verify(copy) == [
        "katex/extra.js: checksum differs from manifest.json (run scripts/vendor_assets.py)",
        "mermaid/mermaid.min.js: checksum differs from manifest.json (run scripts/vendor_assets.py)",
    ]


def test_nav_sections_are_created_when_missing():
    config = "site_name: x\nnav:\n  - Home: index.md\n  - Reference:\n      - reference/index.md\n"
    assert new_page.add_to_nav(config, ("Case studies", "Classic ML"), "Fraud: case-studies/fraud.md") == (
        "site_name: x\nnav:\n  - Home: index.md\n  - Case studies:\n      - case-studies/index.md\n"
        "      - Classic ML:\n          - Fraud: case-studies/fraud.md\n  - Reference:\n      - reference/index.md\n")


def test_quality_benchmark_measures_the_largest_page_of_each_kind_and_takes_medians(real_site):
    import quality_benchmark
    from handbook.pages import load_site

    _, site_dir = real_site
    chosen = dict(quality_benchmark.pages_to_measure(site_dir))
    assert chosen["home"] == ""
    site = load_site(ROOT)
    for label, kind in (("framework step", "framework-step"), ("case study", "case-study"), ("cheat sheet", "cheat-sheet")):
        sizes = {page.doc_path.removesuffix(".md") + "/": (site_dir / page.doc_path.removesuffix(".md") / "index.html").stat().st_size
                 for page in site.of_kind(kind)}
        assert len(sizes) >= 5 and sizes[chosen[label]] == max(sizes.values()), label
    runs = [{"performance": p, "tbt_ms": t, "failed_audits": f} for p, t, f in ((90, 300, ["a"]), (70, 900, []), (95, 100, ["b"]))]
    assert quality_benchmark.median_run(runs) == {"performance": 90, "tbt_ms": 300, "failed_audits": ["a", "b"]}


def test_page_elements_counts_formulas_and_shadow_root_diagrams_apart():
    from page_elements import element_counts

    html = ('<p>x <span class="katex"><span class="katex-mathml"><math><mi>x</mi></math></span>'
            '<span class="katex-html"><span class="base"><span class="mord">x</span></span><svg><path d="M0"/></svg></span></span>'
            ' and <span class="katex-display">display wrapper</span></p>'
            '<div class="mermaid"><template shadowrootmode="open"><style></style><svg><g><text>a<br>b</text></g></svg>'
            '</template></div><p>after</p>')
    # maths: katex, katex-mathml, math, mi, katex-html, base, mord, svg, path; diagrams: style, svg, g, text, br.
    # total: the two p, the display wrapper and the mermaid host, plus the 9 and the 5.
    assert element_counts(html) == {"total": 4 + 9 + 5, "maths": 9, "diagrams": 5}


def test_quality_report_says_where_the_time_goes_below_the_target():
    import quality_benchmark

    page = {"path": "case-studies/x/", "performance": 80, "tbt_ms": 900, "style_layout_ms": 2400, "script_ms": 500,
            "elements": 11000, "element_counts": {"total": 10000, "maths": 5000, "diagrams": 3000}}
    assert quality_benchmark.causes([{**page, "performance": 96}]) == []
    assert quality_benchmark.causes([page])[-1] == (
        "| `case-studies/x/` | 15 | 900 ms | 2,400 ms | 500 ms | 11,000 | 5,000 (50%) | 3,000 (30%) |")
    parts = {"Markdown to HTML": 4.5, "plugin search": 0.8, "plugin hooks/a": 0.1, "plugin hooks/b": 0.05, "total": 6.0}
    assert quality_benchmark.build_lines(parts) == [
        "| build: Markdown to HTML | 4.50 s |  |", "| build: plugin search | 0.80 s |  |",
        "| build: 2 other plugins and hooks | 0.15 s |  |", "| build profiled (one run, timers included) | 6.00 s |  |"]
