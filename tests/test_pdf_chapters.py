"""One PDF per framework step and case study, printed from one rendering of the print page, linked from home."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import ROOT, build, figure, front, page, scratch_site, site

from build_chapter_pdfs import build_chapter_pdfs
from build_pdf import PdfBuildError, build_pdf
from handbook.chapters import chapter_downloads_markdown, chapter_file, chapters, print_page_id
from handbook.pages import load_site

RELEASE = "https://github.com/ml-system-design-handbook/handbook/releases/latest/download/"
DIAGRAM = "framework/model-development-families"
#: Text only each scratch chapter holds, and the chapter it links to.
OWN_TEXT = {"clarify-requirements": ("Ask who the users are", "evaluation"),
            "evaluation": ("Compare offline metrics", "clarify-requirements")}


def step_page(step_id: str, number: int) -> str:
    """A framework step with its own sentence, the four figures a step needs and a link to the other step."""
    text, other = OWN_TEXT[step_id]
    return (front(step_id, "framework-step", f"step: {number}\n") + f"\n{text} before anything else.\n"
            + "".join(figure(f"diagrams/{DIAGRAM}.mmd") for _ in range(4))
            + f"\n## Next {{ #next }}\n\nThen read [the other step]({other}.md).\n")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """A built site with a home page and two framework steps: ``(project, site folder)``."""
    project = tmp_path_factory.mktemp("chapters")
    files = {
        "docs/index.md": front("home", extra="generate: chapter-downloads\n") + "\nThe handbook.\n",
        "docs/framework/clarify-requirements.md": step_page("clarify-requirements", 1),
        "docs/framework/evaluation.md": step_page("evaluation", 5),
        f"diagrams/{DIAGRAM}.mmd": (ROOT / f"diagrams/{DIAGRAM}.mmd").read_text(),
        f"diagrams/{DIAGRAM}.svg": (ROOT / f"diagrams/{DIAGRAM}.svg").read_text(),
    }
    scratch_site(project, files, ["index.md", "framework/clarify-requirements.md", "framework/evaluation.md"])
    result = build(project)
    assert result.returncode == 0, result.stderr[-2000:]
    return project, project / "site"


@pytest.fixture(scope="module")
def printed(scratch, browser, tmp_path_factory):
    """The whole book and both chapters as PDF (one fitting round): ``(book stats, {file: stats}, folder)``."""
    project, site_dir = scratch
    folder = tmp_path_factory.mktemp("chapter-pdfs")
    book = build_pdf(site_dir, folder / "book.pdf", browser=browser, fit_rounds=0)
    return book, build_chapter_pdfs(site_dir, folder, project, browser=browser, fit_rounds=1), folder


def pdf_text(pdf: Path) -> str:
    """The PDF's text, from poppler's pdftotext."""
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.browser
def test_each_chapter_pdf_holds_its_chapter_alone_behind_a_cover(printed):
    from pypdf import PdfReader

    book, results, folder = printed
    assert sorted(results) == ["ml-system-design-handbook-framework-step-clarify-requirements.pdf",
                               "ml-system-design-handbook-framework-step-evaluation.pdf"]
    for step_id, (own, other) in OWN_TEXT.items():
        name = f"ml-system-design-handbook-framework-step-{step_id}.pdf"
        reader = PdfReader(str(folder / name))
        text = pdf_text(folder / name)
        title = step_id.replace("-", " ").title()
        assert own in text and OWN_TEXT[other][0] not in text and "Table of Contents" not in text
        cover = reader.pages[0].extract_text()
        assert title in cover and "of the ML System Design Handbook" in cover and "CC BY 4.0" in cover and "Edition" in cover
        bookmarks = [item.title for item in reader.outline if not isinstance(item, list)]
        assert title in bookmarks and "List of figures" in bookmarks, bookmarks
        # Its own four figures, numbered from 1 (each chapter lists its figures alone).
        assert sorted(name.lstrip("/") for name in reader.named_destinations if "figure-" in name) == \
            ["figure-1", "figure-2", "figure-3", "figure-4"]
        links = [annotation.get_object()["/A"]["/URI"] for p in reader.pages for annotation in p.get("/Annots") or []
                 if "/A" in annotation.get_object()]
        assert f"https://ml-system-design-handbook.github.io/handbook/framework/{other}/" in links, links
        assert results[name]["pages"] < book["pages"]


@pytest.mark.browser
def test_home_page_links_exactly_the_chapter_files_that_are_printed(scratch, printed):
    _, site_dir = scratch
    _, results, _ = printed
    linked = re.findall(re.escape(RELEASE) + r"([\w.-]+\.pdf)", (site_dir / "index.html").read_text())
    assert sorted(linked) == sorted(results)


@pytest.mark.browser
def test_a_chapter_missing_from_the_print_page_fails_naming_its_file(scratch, browser, tmp_path: Path):
    """Fixture: a step page added after the site was built (or excluded from the book) is not on the print page."""
    project, site_dir = scratch
    shutil.copytree(project / "docs", tmp_path / "docs")
    shutil.copy(project / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs/framework/data-preparation.md").write_text(front("data-preparation", "framework-step", "step: 3\n"))
    with pytest.raises(PdfBuildError, match=r"^docs/framework/data-preparation.md:1: not on the print page \(rebuild"):
        build_chapter_pdfs(site_dir, tmp_path / "out", tmp_path, browser=browser, fit_rounds=0)


def test_an_unknown_chapter_or_a_site_without_chapters_fails_before_printing(scratch, tmp_path: Path):
    project, site_dir = scratch
    with pytest.raises(PdfBuildError, match=r"^no chapter with id 'news-feed' \(chapters: clarify-requirements, evaluation\)$"):
        build_chapter_pdfs(site_dir, tmp_path, project, wanted=["news-feed"])
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text(front("home"))
    with pytest.raises(PdfBuildError, match=r"docs: no page of kind framework-step or case-study, so no chapter to print$"):
        build_chapter_pdfs(site_dir, tmp_path / "out", tmp_path)
    assert not (tmp_path / "out").exists()


def test_the_home_page_links_every_framework_step_and_case_study_of_the_handbook():
    handbook = load_site(ROOT)
    assert handbook.by_id["home"].meta.get("generate") == "chapter-downloads"
    markdown = chapter_downloads_markdown(handbook, RELEASE)
    expected = handbook.of_kind("framework-step") + handbook.case_studies()
    assert len(expected) >= 7 and sorted(chapters(handbook), key=lambda p: p.path) == sorted(expected, key=lambda p: p.path)
    assert [p.path for p in expected if f"]({RELEASE}{chapter_file(p)})" not in markdown] == []


def test_chapters_are_read_in_order_and_named_by_kind_and_id():
    pages = site(
        page(front("news-feed", "case-study"), "docs/case-studies/news-feed.md"),
        page(front("smart-compose", "case-study", "track: generative\n"), "docs/case-studies/smart-compose.md"),
        page(front("evaluation", "framework-step", "step: 5\n"), "docs/framework/evaluation.md"),
        page(front("clarify-requirements", "framework-step", "step: 1\n"), "docs/framework/clarify-requirements.md"),
        page(front("framework"), "docs/framework/index.md"),
    )
    assert [p.id for p in chapters(pages)] == ["clarify-requirements", "evaluation", "news-feed", "smart-compose"]
    assert chapter_file(pages.by_id["news-feed"]) == "ml-system-design-handbook-case-study-news-feed.pdf"
    assert [print_page_id(p) for p in pages.pages] == ["case-studies-news-feed", "case-studies-smart-compose",
                                                       "framework-evaluation", "framework-clarify-requirements", "framework"]
    markdown = chapter_downloads_markdown(pages, RELEASE)
    assert "**Framework steps**: [1. Clarify Requirements](" in markdown and "**Case studies, Generative AI**: [Smart" in markdown
    assert chapter_downloads_markdown(site(), RELEASE).endswith("No chapter has been published yet.\n")
