"""Every content check in one call, for the build hook and the command line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .citations import Bibliography, check_citations, load_bibliography
from .corrections import Corrections, check_corrections, load_corrections
from .diagrams import check_diagrams
from .figures import coverage_problems, refresher_problems
from .glossary import Glossary, check_term_links, load_glossary
from .hygiene import (check_embedded_code, check_images, check_inline_styles, check_placeholders, check_raw_tags,
                      check_remote_images, check_title_heading)
from .navigation import check_navigation
from .pages import Site, load_site
from .problems import Problem
from .schema import check_front_matter, check_ids, check_references_to_pages
from .sections import check_sections
from .self_check import id_clashes, page_questions


@dataclass
class Handbook:
    """The site's pages with the data files that feed them.

    Attributes:
        site: Pages and their index.
        bibliography: ``data/bibliography.yml``.
        glossary: ``data/glossary.yml``.
        corrections: ``data/corrections.yml``.
    """

    site: Site
    bibliography: Bibliography
    glossary: Glossary
    corrections: Corrections


def load_handbook(root: Path, docs_dir: Path | None = None) -> Handbook:
    """Read pages, bibliography, glossary and corrections log from a repository checkout."""
    site = load_site(root, docs_dir)
    return Handbook(site, load_bibliography(root), load_glossary(root, docs_dir=site.docs_dir), load_corrections(root))


def run_checks(handbook: Handbook, nav: list | None = None) -> list[Problem]:
    """Run every check; ``nav`` is ``mkdocs.yml``'s page tree (skipped when ``None``)."""
    site = handbook.site
    problems: list[Problem] = [*handbook.bibliography.problems, *handbook.glossary.problems, *handbook.corrections.problems]
    for page in site.pages:
        problems += check_front_matter(page)
        if page.front.error:
            continue
        problems += check_sections(page)
        problems += check_title_heading(page)
        problems += check_images(page)
        problems += check_embedded_code(page)
        problems += check_inline_styles(page)
        problems += check_raw_tags(page)
        problems += check_remote_images(page)
        problems += check_placeholders(page)
        problems += coverage_problems(page)
    problems += check_ids(site)
    problems += check_references_to_pages(site)
    problems += check_citations(site, handbook.bibliography)
    problems += check_term_links(site, handbook.glossary)
    problems += check_diagrams(site)
    problems += refresher_problems(site)
    problems += check_corrections(site, handbook.corrections)
    problems += id_clashes(page_questions(site))
    if nav is not None:
        problems += check_navigation(site, nav)
    return sorted(set(problems))
