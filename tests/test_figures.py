"""Figures per step, per-kind minimums, and the visual refresher generated from a case study."""

from helpers import figure, front, page, site

from handbook.figures import MIN_FIGURES, coverage_problems, figures_in, refresher_index_markdown, refresher_markdown, refresher_problems
from handbook.pages import FRAMEWORK_STEPS


def messages(problems):
    return [str(p) for p in problems]


def study_text(drawn_steps: set[int], extra_figures: int = 0) -> str:
    """A case study with one figure in each step of ``drawn_steps`` and ``extra_figures`` before step 1."""
    text = front("demo-study", "case-study") + "\nIntro.\n" + figure("diagrams/d/overview.mmd", "The whole system.") * extra_figures
    for number, step_id, title in FRAMEWORK_STEPS:
        text += f"\n## {number}. {title} {{ #{step_id} }}\n\nProse.\n"
        if number in drawn_steps:
            text += f"\n### Part of step {number} {{ #part-{number} }}\n" + figure(f"diagrams/d/step-{number}.mmd", f"Step {number}, drawn.")
    return text


def test_a_step_section_without_a_figure_is_named_at_its_heading():
    study = page(study_text({1, 2, 3, 4, 6, 7}, extra_figures=8), "docs/case-studies/demo.md")
    heading = study.text.split("\n").index("## 5. Evaluation { #evaluation }") + 1
    assert messages(coverage_problems(study)) == [
        f"docs/case-studies/demo.md:{heading}: step section '## 5. Evaluation' has no figure "
        "(draw what this step decides; see the conventions, Figures per step)",
    ]
    assert coverage_problems(page(study_text(set(range(1, 8)), extra_figures=7), "docs/case-studies/demo.md")) == []


def test_each_kind_has_its_minimum_number_of_figures():
    assert MIN_FIGURES == {"case-study": 14, "framework-step": 4, "cheat-sheet": 2}
    study = page(study_text(set(range(1, 8)), extra_figures=6), "docs/case-studies/demo.md")
    assert messages(coverage_problems(study)) == [
        "docs/case-studies/demo.md:3: case study has 13 figure(s) (draw at least 14; see the conventions, Figures per step)",
    ]
    sheet = page(front("sheet", "cheat-sheet") + figure("diagrams/d/one.mmd"), "docs/cheat-sheets/sheet.md")
    assert messages(coverage_problems(sheet)) == [
        "docs/cheat-sheets/sheet.md:3: cheat sheet has 1 figure(s) (draw at least 2; see the conventions, Figures per step)",
    ]
    assert coverage_problems(page(front("plain") + "\nNo figures needed.\n")) == []


def test_figures_are_read_in_order_with_caption_section_and_nearest_anchor():
    found = figures_in(page(study_text({1, 3}, extra_figures=1)))
    assert [(f.target, f.caption, f.section, f.anchor, f.place) for f in found] == [
        ("diagrams/d/overview.mmd", "The whole system.", None, None, ""),
        ("diagrams/d/step-1.mmd", "Step 1, drawn.", "clarify-requirements", "part-1", "Part of step 1"),
        ("diagrams/d/step-3.mmd", "Step 3, drawn.", "data-preparation", "part-3", "Part of step 3"),
    ]


def test_every_case_study_has_a_refresher_page_and_every_refresher_a_case_study():
    study = page(study_text(set()), "docs/case-studies/demo.md")
    stray = page(front("refresher-gone", extra="generate: refresher\n"), "docs/practice/refresher/gone.md")
    assert messages(refresher_problems(site(study, stray))) == [
        "docs/case-studies/demo.md:1: case study has no visual refresher page (add docs/practice/refresher/demo.md with "
        "'generate: refresher' and list it in mkdocs.yml's nav; see the conventions, Figures per step)",
        "docs/practice/refresher/gone.md:1: refresher page names no case study (its file name must be that of a page "
        "in docs/case-studies/, or remove 'generate: refresher')",
    ]
    matched = page(front("refresher-demo", extra="generate: refresher\n"), "docs/practice/refresher/demo.md")
    assert refresher_problems(site(study, matched)) == []


def test_refresher_shows_each_figure_with_its_caption_under_its_section_and_links_back():
    study = page(study_text({1, 3}, extra_figures=1), "docs/case-studies/demo.md")
    body = refresher_markdown(study, "practice/refresher/demo.md")
    assert body.startswith('<div class="practice-toggle" data-practice-toggle></div>\n\nThe 3 figures of [Demo Study](../../case-studies/demo.md)')
    assert body.count("```mermaid") == 3 and body.count("/// caption") == 3
    sections = [line for line in body.split("\n") if line.startswith("## ")]
    assert sections == ["## The system at a glance", "## 1. Clarify requirements", "## 3. Data preparation"]
    assert ('--8<-- "diagrams/d/step-3.mmd"\n```\n/// caption\nStep 3, drawn. '
            "[In the case study: Part of step 3](../../case-studies/demo.md#part-3){ .refresher-source }\n///") in body
    assert "The whole system. [In the case study: Demo Study](../../case-studies/demo.md){ .refresher-source }\n" in body
    index = refresher_index_markdown(site(study), "practice/refresher/index.md")
    assert index == "- [Demo Study](demo.md): 3 figures\n"
