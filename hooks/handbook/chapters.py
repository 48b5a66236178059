"""The chapters published one by one as PDF: every framework step and every case study.

``scripts/build_chapter_pdfs.py`` prints each chapter from the whole-book print
page into ``ml-system-design-handbook-<kind>-<id>.pdf``
(``ml-system-design-handbook-case-study-news-feed.pdf``,
``ml-system-design-handbook-framework-step-evaluation.pdf``): the page's kind and
its stable ``id``, so a file's name never changes while its page exists. The page
with ``generate: chapter-downloads`` (the home page) links every chapter's file in
the latest release, so a new case study is linked as soon as it is published.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from .crosslinks import studies_by_track
from .pages import Page, Site
from .schema import TRACK_TITLES

#: Page kinds printed one chapter per page.
CHAPTER_KINDS = ("framework-step", "case-study")
#: What every file name of the handbook's downloads starts with.
FILE_STEM = "ml-system-design-handbook"


def chapters(site: Site) -> list[Page]:
    """The chapter pages in reading order: the framework steps by ``step``, then the case studies by track."""
    steps = sorted(site.of_kind("framework-step"), key=lambda page: (step_number(page), page.path))
    return steps + [study for _, group in studies_by_track(site.case_studies()) for study in group]


def step_number(page: Page) -> int:
    """A framework step's ``step`` (0 when it has none: the schema check reports that)."""
    step = page.meta.get("step")
    return step if isinstance(step, int) else 0


def chapter_file(page: Page) -> str:
    """The chapter's PDF file name: ``ml-system-design-handbook-<kind>-<id>.pdf``."""
    return f"{FILE_STEM}-{page.kind}-{page.id}.pdf"


def page_address(page: Page) -> str:
    """The page's address below ``site_url`` with directory URLs (``case-studies/news-feed/``; ``""`` for home)."""
    parts = PurePosixPath(page.doc_path).with_suffix("").parts
    if parts and parts[-1] == "index":
        parts = parts[:-1]
    return "".join(f"{part}/" for part in parts)


def print_page_id(page: Page) -> str:
    """The id print-site gives the page's section on the print page (``case-studies-news-feed``)."""
    return page_address(page).rstrip("/").lower().replace("/", "-") or "index"


def chapter_downloads_markdown(site: Site, release_url: str) -> str:
    """The "One chapter as PDF" section: a collapsed block linking every chapter's PDF at ``release_url``."""

    def link(page: Page, label: str) -> str:
        return f"[{label}]({release_url}{chapter_file(page)})"

    steps = [link(page, f"{step_number(page)}. {page.title}") for page in chapters(site) if page.kind == "framework-step"]
    groups = [("Framework steps", steps)] + [
        (f"Case studies, {TRACK_TITLES[track]}", [link(study, study.title) for study in studies])
        for track, studies in studies_by_track(site.case_studies())]
    lines = ["## One chapter as PDF { #chapter-pdfs }", "", '??? note "Download one chapter as PDF"', "",
             "    Each framework step and case study on its own, with its figures, edition and licence.", ""]
    lines += [f"    **{title}**: " + " · ".join(links) + "\n" for title, links in groups if links]
    if not any(links for _, links in groups):
        lines.append("    No chapter has been published yet.\n")
    return "\n".join(lines)
