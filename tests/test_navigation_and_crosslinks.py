"""Navigation coverage and the generated cross-links."""

from helpers import front, page, site

from handbook.crosslinks import applied_in_markdown, at_a_glance_markdown, matrix_markdown, used_in_markdown
from handbook.navigation import check_navigation, nav_paths

FACTS = ("facts:\n  task: [retrieval, ranking]\n  serving: online\n  latency_budget_ms: 200\n"
         "  scale:\n    peak_qps: 20 k\nuses: [ann-indexes]\n")
STUDY = page(front("visual-search", "case-study", FACTS), "docs/case-studies/visual-search.md")
STEP = page(front("evaluation", "framework-step", "step: 5\n"), "docs/framework/evaluation.md")
SHEET = page(front("ann-indexes", "cheat-sheet"), "docs/cheat-sheets/ann-indexes.md")
OTHER_SHEET = page(front("cold-start", "cheat-sheet"), "docs/cheat-sheets/cold-start.md")
MATRIX = page(front("case-studies"), "docs/case-studies/index.md")
SITE = site(STUDY, STEP, SHEET, OTHER_SHEET, MATRIX)


def test_pages_missing_from_nav():
    nav = [{"Home": "case-studies/index.md"}, {"Framework": ["framework/evaluation.md", {"Classic ML": [{"x": "cheat-sheets/ann-indexes.md"}]}]}]
    assert nav_paths(nav) == {"case-studies/index.md", "framework/evaluation.md", "cheat-sheets/ann-indexes.md"}
    assert [str(p) for p in check_navigation(SITE, nav)] == [
        "docs/case-studies/visual-search.md:1: page is not in the navigation (add 'case-studies/visual-search.md' under nav: in mkdocs.yml)",
        "docs/cheat-sheets/cold-start.md:1: page is not in the navigation (add 'cheat-sheets/cold-start.md' under nav: in mkdocs.yml)",
    ]


def test_step_pages_link_the_matching_section_of_each_case_study():
    assert applied_in_markdown(SITE, STEP) == (
        "## Applied in the case studies { #applied-in }\n\n"
        "- [Visual Search](../case-studies/visual-search.md#evaluation): About visual-search.\n")
    assert "No case study has been published yet." in applied_in_markdown(site(STEP), STEP)


def test_cheat_sheets_list_only_the_case_studies_that_use_them():
    assert "- [Visual Search](../case-studies/visual-search.md)" in used_in_markdown(SITE, SHEET)
    assert "No case study uses this topic yet." in used_in_markdown(SITE, OTHER_SHEET)


def test_case_study_box_and_matrix_come_from_front_matter():
    box = at_a_glance_markdown(SITE, STUDY)
    assert box.startswith('<div class="practice-toggle" data-practice-toggle></div>\n\n???+ abstract "At a glance"')
    assert "    ML task\n    :   retrieval, ranking\n" in box
    assert "    Latency budget\n    :   200 ms p99\n" in box
    assert "| Fact |" not in box, "a table would be moved by Material after load (late paint)"
    assert "Cheat sheets used: [Ann Indexes](../cheat-sheets/ann-indexes.md)." in box
    assert "[5. Evaluation](../framework/evaluation.md)" in box
    matrix = matrix_markdown(SITE, MATRIX)
    assert "| [Visual Search](visual-search.md) | retrieval, ranking | n/a |" in matrix
    assert "| online | 200 ms p99 | peak qps: 20 k |" in matrix


GEN_FACTS = ("track: generative\nfacts:\n  task: [generation]\n  serving: online\n  latency_budget_ms: 4000\n"
             "  llm:\n    model: 70 B, FP8\n    tokens_per_request: 6,000 in, 400 out\n    ttft_ms: 1200\n"
             "    cost_per_request: USD 0.004\n")
GEN_STUDY = page(front("rag", "case-study", GEN_FACTS), "docs/case-studies/rag.md")
LLM_PAGE = page(front("llm-systems"), "docs/framework/llm-systems.md")
TWO_TRACKS = site(STUDY, GEN_STUDY, STEP, MATRIX, LLM_PAGE)


def test_tracked_pages_sit_under_their_track_in_the_nav():
    good = [{"Case studies": ["case-studies/index.md", {"Classic ML": [{"V": "case-studies/visual-search.md"}]},
                              {"Generative AI": [{"R": "case-studies/rag.md"}]}]},
            {"Framework": ["framework/evaluation.md", "framework/llm-systems.md"]}]
    assert check_navigation(TWO_TRACKS, good) == []
    swapped = [{"Case studies": ["case-studies/index.md", {"Generative AI": ["case-studies/visual-search.md", "case-studies/rag.md"]}]},
               {"Framework": ["framework/evaluation.md", "framework/llm-systems.md"]}]
    assert [str(p) for p in check_navigation(TWO_TRACKS, swapped)] == [
        "docs/case-studies/visual-search.md:1: case-study of the classic track is listed outside the 'Classic ML' section "
        "of the navigation (move 'case-studies/visual-search.md' under 'Classic ML:' in mkdocs.yml)"]


def test_two_tracks_give_two_matrices_and_grouped_step_links():
    matrix = matrix_markdown(TWO_TRACKS, MATRIX)
    classic, generative = matrix.split("### Generative AI { #matrix-generative }")
    assert classic.startswith("### Classic ML { #matrix-classic }") and "visual-search.md" in classic and "rag.md" not in classic
    assert "| Task | Model | Tokens per request | First token | Whole answer | Cost per request |" in generative
    assert "| [Rag](rag.md) | generation | 70 B, FP8 | 6,000 in, 400 out | 1,200 ms p95 | 4,000 ms p99 | USD 0.004 |" in generative
    box = at_a_glance_markdown(TWO_TRACKS, GEN_STUDY)
    assert "    Time to first token\n    :   1,200 ms p95\n" in box and "    Serving cost per request\n    :   USD 0.004\n" in box
    applied = applied_in_markdown(TWO_TRACKS, STEP)
    assert applied.startswith("## Applied in the case studies { #applied-in }\n\nFor a generative system, see "
                              "[Llm Systems: what changes at this step](llm-systems.md#evaluation).\n\n**Classic ML**\n\n- [Visual Search]")
    assert "**Generative AI**\n\n- [Rag](../case-studies/rag.md#evaluation)" in applied
