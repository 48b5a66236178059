"""The figures of a page: where they sit, how many a page needs, and the visual refresher.

A figure is a diagram include with its caption (see [`handbook.diagrams`][handbook.diagrams]).
Readers refresh a design from its figures, so:

- every step section of a case study (``## 1. Clarify requirements`` ... ``## 7. Monitoring and
  infrastructure``) holds at least one figure, and each page kind has a minimum number of them
  (``MIN_FIGURES``);
- every case study has a **visual refresher** page, ``docs/practice/refresher/<name>.md`` with
  ``generate: refresher`` in its front matter, which the build fills with the case study's figures
  in reading order, each with its caption and a link back to its section. The page
  ``docs/practice/refresher/index.md`` (``generate: refresher-index``) lists them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from .diagrams import INCLUDE, caption_after
from .links import relative_link
from .markdown import fences, headings, key_line
from .pages import FRAMEWORK_STEPS, Page, Site
from .problems import Problem

#: Fewest figures a page of each kind may have: a case study draws every step and the whole system.
MIN_FIGURES = {"case-study": 14, "framework-step": 4, "cheat-sheet": 2}
#: Where a case study's refresher page lives, from ``docs/``.
REFRESHER_DIR = "practice/refresher"


@dataclass(frozen=True)
class Figure:
    """One included diagram of a page.

    Attributes:
        line: Line of the opening ``mermaid`` fence.
        target: The included file (``diagrams/x/y.mmd``).
        caption: The caption's text, or ``""`` when it has none.
        section: Anchor of the ``##`` section it sits in (``None`` before the first one).
        section_title: That section's heading text (``""`` before the first one).
        anchor: Anchor of the nearest heading above it that has one (its place to link to).
        place: Text of that heading.
    """

    line: int
    target: str
    caption: str
    section: str | None
    section_title: str
    anchor: str | None
    place: str


def figures_in(page: Page) -> list[Figure]:
    """Every diagram include of ``page``, in reading order, with its caption and section."""
    lines = page.text.split("\n")
    marks = headings(page.text, page.body_start)
    found = []
    for fence in fences(page.text):
        body = [(n, t) for n, t in fence.body if t.strip()]
        if fence.info.split(" ")[0] != "mermaid" or len(body) != 1 or not INCLUDE.match(body[0][1]):
            continue
        above = [h for h in marks if h.line < fence.line]
        section = next((h for h in reversed(above) if h.level == 2), None)
        place = next((h for h in reversed(above) if h.anchor), None)
        closing = (fence.body[-1][0] if fence.body else fence.line) + 1
        found.append(Figure(
            line=fence.line,
            target=INCLUDE.match(body[0][1])["path"],
            caption=caption_after(lines, closing) or "",
            section=section.anchor if section else None,
            section_title=section.text if section else "",
            anchor=place.anchor if place else None,
            place=place.text if place else "",
        ))
    return found


def coverage_problems(page: Page) -> list[Problem]:
    """Step sections of a case study without a figure, and pages with fewer figures than their kind needs."""
    figures = figures_in(page)
    problems = []
    if page.kind == "case-study":
        drawn = {figure.section for figure in figures}
        for heading in headings(page.text, page.body_start):
            if heading.level == 2 and heading.anchor in {step_id for _, step_id, _ in FRAMEWORK_STEPS} and heading.anchor not in drawn:
                problems.append(Problem(page.path, heading.line, f"step section '## {heading.text}' has no figure "
                                                                 "(draw what this step decides; see the conventions, Figures per step)"))
    least = MIN_FIGURES.get(page.kind or "")
    if least and len(figures) < least:
        problems.append(Problem(page.path, key_line(page.text, "kind"), f"{page.kind.replace('-', ' ')} has {len(figures)} "
                                f"figure(s) (draw at least {least}; see the conventions, Figures per step)"))
    return problems


def refresher_path(study: Page) -> str:
    """Where the refresher page of a case study lives, from ``docs/``."""
    return f"{REFRESHER_DIR}/{PurePosixPath(study.doc_path).name}"


def refresher_problems(site: Site) -> list[Problem]:
    """Case studies without a refresher page, and refresher pages for no case study."""
    refreshers = {p.doc_path: p for p in site.pages if p.meta.get("generate") == "refresher"}
    studies = {refresher_path(study): study for study in site.case_studies()}
    problems = [
        Problem(study.path, 1, f"case study has no visual refresher page (add docs/{path} with "
                               "'generate: refresher' and list it in mkdocs.yml's nav; see the conventions, Figures per step)")
        for path, study in studies.items() if path not in refreshers
    ]
    problems += [
        Problem(page.path, 1, f"refresher page names no case study (its file name must be that of a page in "
                              f"docs/case-studies/, or remove 'generate: refresher')")
        for path, page in refreshers.items() if path not in studies
    ]
    return problems


def study_of(site: Site, refresher: Page) -> Page | None:
    """The case study a refresher page shows, by file name."""
    return next((s for s in site.case_studies() if refresher_path(s) == refresher.doc_path), None)


def refresher_markdown(study: Page, doc_path: str) -> str:
    """The generated body of a refresher page at ``doc_path``: the study's figures in reading order.

    Figures are grouped under the study's ``##`` sections; each keeps its caption, which ends with a link to
    the place it comes from. The practice-mode switch hides every figure behind its caption, to draw first.
    """
    figures = figures_in(study)
    link = relative_link(doc_path, study.doc_path)
    out = [
        '<div class="practice-toggle" data-practice-toggle></div>', "",
        f"The {len(figures)} figures of [{study.title}]({link}), in reading order, each with its caption and a link "
        "to its place in the case study. To practise, switch practice mode on: each figure hides behind its caption; "
        "draw it on paper, then reveal it and compare.", "",
    ]
    section = object()
    for figure in figures:
        if figure.section != section:
            section = figure.section
            out += [f"## {figure.section_title or 'The system at a glance'}", ""]
        source = relative_link(doc_path, study.doc_path, figure.anchor)
        out += [
            "```mermaid", f'--8<-- "{figure.target}"', "```",
            "/// caption",  # the link rides in the caption, so the PDF's fitting moves it with its figure
            f"{figure.caption} [In the case study: {figure.place or study.title}]({source}){{ .refresher-source }}",
            "///", "",
        ]
    return "\n".join(out) + "\n"


def refresher_index_markdown(site: Site, doc_path: str) -> str:
    """The generated body of the refresher index: one line per case study, with its number of figures."""
    lines = []
    for study in site.case_studies():
        count = len(figures_in(study))
        lines.append(f"- [{study.title}]({relative_link(doc_path, refresher_path(study))}): {count} figures")
    return "\n".join(lines) + "\n" if lines else "No case study has been published yet.\n"
