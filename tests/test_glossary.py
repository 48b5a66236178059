"""Glossary: one source for term links, tooltips and the glossary page."""

from pathlib import Path

from helpers import ROOT, front, page, site

from handbook.glossary import (
    Glossary, Term, abbreviations_markdown, check_term_links, glossary_markdown, load_glossary, render_term_links,
)

ANN = Term("approximate nearest neighbour", 'Search that trades a little "recall" for speed | memory.', "ANN", None, 1)
SKEW = Term("training-serving skew", "Features differ between training and serving.", None, "framework/index.md", 5)
GLOSSARY = Glossary("data/glossary.yml", (ANN, SKEW))


def messages(problems):
    return [str(p) for p in problems]


def test_duplicates_missing_fields_and_bad_links_are_reported(tmp_path: Path):
    (tmp_path / "data").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "data/glossary.yml").write_text(
        "- term: feature store\n  definition: A store.\n"
        "- term: Feature Store\n  definition: Again.\n"
        "- term: click-through rate\n  abbreviation: CTR\n  definition: Clicks over impressions.\n  see: missing.md\n"
        "- term: ctr\n  definition: Twice by abbreviation.\n"
        "- term: orphan\n"
        "- term: x\n  definition: y\n  colour: red\n")
    assert messages(load_glossary(tmp_path).problems) == [
        "data/glossary.yml:3: 'Feature Store' is defined twice, first at line 1 (keep one definition)",
        "data/glossary.yml:5: glossary entry 'click-through rate' points to missing page 'missing.md' (give a path under docs/)",
        "data/glossary.yml:9: 'ctr' is defined twice, first at line 5 (keep one definition)",
        "data/glossary.yml:11: glossary entry needs 'term' and 'definition' (write both)",
        "data/glossary.yml:12: glossary entry 'x' has unknown field 'colour' (allowed: term, abbreviation, definition, see)",
    ]


def test_unknown_term_link_gets_a_suggestion():
    p = page(front("a") + "Use [[ANN]] and [[skew|training-serving skew]] and [[training serving skew]] and [[zebra]].\n")
    assert messages(check_term_links(site(p), GLOSSARY)) == [
        "docs/section/page.md:7: unknown glossary term 'training serving skew' (did you mean 'training-serving skew'?)",
        "docs/section/page.md:7: unknown glossary term 'zebra' (define it in data/glossary.yml)",
    ]


def test_term_links_render_with_the_definition_as_tooltip():
    out = render_term_links("An [[ann]] index, [[skew|training-serving skew]], `[[ann]]`.", "framework/evaluation.md", GLOSSARY)
    assert out == (
        "An [ann](../reference/glossary.md#approximate-nearest-neighbour){ title=\"Approximate nearest neighbour: "
        "Search that trades a little 'recall' for speed \u2223 memory.\" } index, "
        "[skew](../reference/glossary.md#training-serving-skew){ title=\"Features differ between training and serving.\" }, `[[ann]]`.")


def test_abbreviations_and_glossary_page_come_from_the_same_entries():
    assert abbreviations_markdown(GLOSSARY) == (
        "*[ANN]: Approximate nearest neighbour: Search that trades a little 'recall' for speed \u2223 memory.")
    assert abbreviations_markdown(GLOSSARY, "An ANN-like index, no abbreviation here") == ""
    assert abbreviations_markdown(GLOSSARY, "An ANN index.").startswith("*[ANN]: ")
    body = glossary_markdown(GLOSSARY, "reference/glossary.md")
    assert body.startswith("2 terms.")
    assert "## A { #letter-a }" in body and "## T { #letter-t }" in body
    assert "**approximate nearest neighbour** (ANN): Search" in body and "{ #approximate-nearest-neighbour }" in body
    assert "[More](../framework/index.md)." in body


def test_real_glossary_is_consistent():
    glossary = load_glossary(ROOT)
    assert glossary.problems == ()
    body = glossary_markdown(glossary, "reference/glossary.md")
    for term in glossary.terms:
        assert f"{{ #{term.anchor} }}" in body
    assert abbreviations_markdown(glossary).count("*[") == sum(1 for t in glossary.terms if t.abbreviation)


def test_terms_starting_with_a_digit_get_a_named_group_heading():
    digit = Term("2-tower model", "Two encoders, one per side.", None, None, 9)
    body = glossary_markdown(Glossary("data/glossary.yml", (digit, ANN)), "reference/glossary.md")
    assert body.split("\n\n")[1:4:2] == ["## Numbers and symbols { #letter-symbols }", "## A { #letter-a }"]
