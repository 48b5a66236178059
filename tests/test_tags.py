"""Tags: a fixed vocabulary in the front matter, the rest derived from the facts and the track."""

from helpers import ROOT, front, page

from handbook.schema import check_front_matter
from handbook.tags import page_tags


def test_case_study_tags_add_what_its_facts_say_and_its_track():
    meta = {"kind": "case-study", "tags": ["marketplace"], "facts": {
        "task": ["multi-label-classification", "ranking", "object-detection"], "modalities": ["image", "text"],
        "serving": "hybrid"}}
    assert page_tags(meta) == ["marketplace", "classification", "ranking", "object detection", "image", "text",
                               "hybrid serving", "Classic ML"]
    assert page_tags({"kind": "cheat-sheet", "track": "generative", "tags": ["serving"]}) == ["serving", "Generative AI"]
    assert page_tags({"kind": "page", "tags": ["serving"]}) == []


def test_tags_come_from_the_vocabulary_of_the_page_kind():
    sheet = page(front("llm-serving", "cheat-sheet", "tags: [serving, retail]\n"))
    assert [str(p) for p in check_front_matter(sheet)] == [
        "docs/section/page.md:6: front matter field 'tags' has unknown value 'retail' (use one of: data, modelling, "
        "training, evaluation, serving, operations, responsible AI)"]
    assert [str(p) for p in check_front_matter(page(front("x", "cheat-sheet")))] == [
        "docs/section/page.md:1: front matter is missing required field 'tags' (add tags: a list)"]


def test_the_tags_page_lists_every_case_study_and_cheat_sheet(real_site):
    from bs4 import BeautifulSoup

    from handbook.pages import load_site

    _, site_dir = real_site
    listing = BeautifulSoup((site_dir / "reference/tags/index.html").read_text(), "html.parser")
    linked = {a["href"].split("#")[0].removeprefix("../../") for a in listing.select("article a[href]")}
    site = load_site(ROOT)
    expected = {p.doc_path.removesuffix(".md") + "/" for kind in ("case-study", "cheat-sheet") for p in site.of_kind(kind)}
    assert expected <= linked
    assert {"Classic ML", "Generative AI"} <= {h.get_text().replace("¶", "").strip() for h in listing.select("article h2")}
