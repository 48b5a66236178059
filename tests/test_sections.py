"""Required sections of case studies and cheat sheets."""

from helpers import front, page

from handbook.sections import CASE_STUDY_SECTIONS, check_sections

HEAD = front("v", "case-study")  # front matter is 6 lines; the body starts on line 7


def study(anchors):
    body = "".join(f"## Title {{ #{a} }}\n\ntext\n\n" for a in anchors)
    return page(HEAD + body, "docs/case-studies/v.md")


def messages(problems):
    return [str(p) for p in problems]


ALL = [anchor for anchor, _ in CASE_STUDY_SECTIONS]


def test_complete_case_study_passes():
    assert check_sections(study(ALL)) == []


def test_missing_section_names_the_heading_to_add():
    anchors = [a for a in ALL if a != "evaluation"]
    assert messages(check_sections(study(anchors))) == [
        "docs/case-studies/v.md:23: missing section '## 5. Evaluation { #evaluation }' (add it after #model-development)"]


def test_sections_out_of_order_and_unexpected_sections():
    anchors = ALL.copy()
    anchors[2], anchors[3] = anchors[3], anchors[2]
    assert messages(check_sections(study(anchors))) == [
        "docs/case-studies/v.md:19: section '#data-preparation' is out of order (required order: "
        + ", ".join(ALL) + ")"]
    extra = page(HEAD + "## Summary\n\n" + "".join(f"## T {{ #{a} }}\n" for a in ALL), "docs/case-studies/v.md")
    assert messages(check_sections(extra)) == [
        "docs/case-studies/v.md:7: unexpected section '## Summary' in a case study (make it a ### inside one of the required sections, or give it one of the required anchors)"]


def test_cheat_sheet_needs_a_table_and_sources():
    good = page(front("s", "cheat-sheet") + "| a | b |\n| --- | --- |\n| 1 | 2 |\n\n## Sources { #sources }\n")
    assert check_sections(good) == []
    bad = page(front("s", "cheat-sheet") + "Just prose.\n\n```\n| --- | --- |\n```\n")
    assert messages(check_sections(bad)) == [
        "docs/section/page.md:7: cheat sheet has no decision table (add a Markdown table: option | choose it when | cost | how it fails)",
        "docs/section/page.md:7: cheat sheet has no sources section (add '## Sources { #sources }' with its citations)",
    ]
