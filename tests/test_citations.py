"""Bibliography validation, citation checks and rendering."""

from pathlib import Path

from helpers import front, page, site

from handbook.citations import (
    Bibliography, check_citations, load_bibliography, references_markdown, render_citations, short_label,
)

ENTRY = {"authors": ["Paul Covington", "Jay Adams", "Emre Sargin"], "title": "Deep Neural Networks for YouTube Recommendations",
         "year": 2016, "venue": "RecSys", "doi": "10.1145/2959100.2959190"}


def bib(**entries):
    return Bibliography("data/bibliography.yml", entries, {k: i + 1 for i, k in enumerate(entries)})


def messages(problems):
    return [str(p) for p in problems]


def test_bibliography_entries_are_validated(tmp_path: Path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data/bibliography.yml").write_text(
        "good2016deep:\n  authors: [A B]\n  title: T\n  year: 2016\n  venue: V\n  url: https://x\n"
        "bad2020thing:\n  authors: Someone\n  title: T\n  year: twenty\n  pages: 3\n"
        "Bad-Key:\n  authors: [A]\n  title: T\n  year: 2001\n  venue: V\n  arxiv: '1234.5678'\n")
    assert messages(load_bibliography(tmp_path).problems) == [
        "data/bibliography.yml:7: entry 'bad2020thing' is missing required field 'venue' (add it, verified against the source)",
        "data/bibliography.yml:7: entry 'bad2020thing' has no url, doi or arxiv (add one so readers can find the source)",
        "data/bibliography.yml:7: entry 'bad2020thing' has unknown field 'pages' (allowed: authors, title, year, venue, url, doi, arxiv, note)",
        "data/bibliography.yml:7: entry 'bad2020thing' has year 'twenty' (write a four-digit year)",
        "data/bibliography.yml:7: entry 'bad2020thing' authors must be a list of names (write authors: [First Author, Second Author])",
        "data/bibliography.yml:12: citation key 'Bad-Key' is malformed (use <family name><year><title word>, lower case, e.g. covington2016deep)",
    ]


def test_unknown_key_gets_a_suggestion_and_uncited_entries_are_reported():
    p = page(front("a") + "As shown [@covington2016dep; @yi2019sampling].\n`[@ignored]`\n")
    problems = check_citations(site(p), bib(covington2016deep=ENTRY, unused2020entry=ENTRY))
    assert messages(problems) == [
        "docs/section/page.md:7: unknown citation key 'covington2016dep' (did you mean 'covington2016deep'?)",
        "docs/section/page.md:7: unknown citation key 'yi2019sampling' (add it to data/bibliography.yml)",
        "data/bibliography.yml:1: entry 'covington2016deep' is never cited (cite it with [@covington2016deep] or delete it)",
        "data/bibliography.yml:2: entry 'unused2020entry' is never cited (cite it with [@unused2020entry] or delete it)",
    ]


def test_labels_by_author_count():
    assert short_label(ENTRY) == "Covington et al. 2016"
    assert short_label({**ENTRY, "authors": ["Yifan Hu", "Yehuda Koren"]}) == "Hu and Koren 2016"
    assert short_label({**ENTRY, "authors": ["Steffen Rendle"]}) == "Rendle 2016"
    assert short_label({**ENTRY, "authors": ["{COCO Consortium}"]}) == "COCO Consortium 2016"


def test_citations_render_as_links_to_the_references_page():
    out = render_citations("See [@a2016x; @b2017y] and `[@a2016x]` and [@zz2000q].",
                           "case-studies/v.md", {"a2016x": ENTRY, "b2017y": {**ENTRY, "year": 2017}})
    assert out == ("See ([Covington et al. 2016](../reference/references.md#a2016x); "
                   "[Covington et al. 2017](../reference/references.md#b2017y)) and `[@a2016x]` and [@zz2000q].")


def test_references_page_lists_where_each_entry_is_cited():
    citing = page(front("v", "case-study") + "Text [@a2016x].\n", "docs/case-studies/v.md")
    body = references_markdown(site(citing), bib(a2016x=ENTRY), "reference/references.md")
    assert "**Covington et al. 2016**. Paul Covington, Jay Adams and Emre Sargin. *Deep Neural Networks for YouTube Recommendations*. RecSys, 2016. [doi:10.1145/2959100.2959190](https://doi.org/10.1145/2959100.2959190)\n{ #a2016x }" in body
    assert "Cited in: [V](../case-studies/v.md)." in body
