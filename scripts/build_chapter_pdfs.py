"""Print every framework step and case study as its own PDF, from one rendering of the print page.

Rendering the whole-book print page (every diagram and formula) is most of the
cost of a PDF, so it is rendered once ([`rendered_print_page`][build_pdf.rendered_print_page])
and each chapter is printed from it in turn: the chapter alone is put after the
cover, the cover takes the chapter's title (the book's name, edition and licence
stay), links to pages outside the chapter point to the site instead, and the
chapter is printed with its figures fitted and a list of figures, as the book
is ([`print_fitted`][build_pdf.print_fitted]). Then the book is put back for the
next chapter. A chapter keeps the book's heading numbers (3.2.9, 3.2.9.1...), so
a printed chapter and the book cite each other's sections alike; it has no table
of contents (the book's lists pages, not sections): its bookmarks list its sections.

Which pages are chapters and how their files are named:
[`handbook.chapters`][handbook.chapters].

Usage::

    python scripts/build_chapter_pdfs.py --site site --output-dir build/chapters
    python scripts/build_chapter_pdfs.py --chapter news-feed --rounds 0     # one chapter, quickly
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_pdf import (  # noqa: E402
    FIT_ROUNDS, LIST_FIGURES, PREPARE_FOR_PRINT, PdfBuildError, chromium, pdf_stats, print_fitted, rendered_print_page,
    summary,
)
from check_handbook import ROOT, read_config  # noqa: E402
from fit_figures import FIGURE_ID_PREFIX  # noqa: E402

from handbook.chapters import CHAPTER_KINDS, chapter_file, chapters, page_address, print_page_id  # noqa: E402
from handbook.pages import Page, load_site  # noqa: E402

#: Print-page section ids that are not on the page (a chapter excluded from the book).
ABSENT_SECTIONS = "(ids) => ids.filter(id => !document.getElementById(id))"

#: Put one chapter alone after the cover, the cover titled with it, its links out of the chapter
#: pointing to the site (``{section id: address}`` of every page); remembers how to put the book back.
MOUNT_CHAPTER = """
({id, title, description, addresses, siteUrl}) => {
  const book = document.getElementById('print-site-page');
  const chapter = document.getElementById(id);
  const cover = document.getElementById('print-site-cover-page');
  window.handbookBook = {children: [...book.childNodes], chapter, parent: chapter.parentNode,
                         next: chapter.nextSibling, cover: cover.innerHTML};
  const bookName = cover.querySelector('h1').textContent.trim();
  book.replaceChildren(cover, chapter);
  cover.querySelector('h1').textContent = title;
  const subtitle = cover.querySelector('.handbook-cover__subtitle');
  subtitle.textContent = description;
  const from = document.createElement('p');
  from.className = 'handbook-cover__subtitle';
  from.textContent = `Chapter ${chapter.getAttribute('heading-number')} of the ${bookName}`;
  subtitle.before(from);
  const pages = Object.keys(addresses).sort((a, b) => b.length - a.length);  // longest id first
  for (const link of chapter.querySelectorAll('a[href*="#"]')) {
    if (link.origin + link.pathname !== location.origin + location.pathname) continue;  // not into the book
    const target = decodeURIComponent(link.hash.slice(1));
    const page = pages.find(key => target === key || target.startsWith(key + '-'));
    if (!target || document.getElementById(target) || page === undefined) continue;
    const anchor = target.slice(page.length + 1);
    link.dataset.bookHref = link.getAttribute('href');
    link.setAttribute('href', siteUrl + addresses[page] + (anchor ? '#' + anchor : ''));
  }
}
"""

#: Put the book back as it was before ``MOUNT_CHAPTER``.
UNMOUNT_CHAPTER = """
() => {
  const {children, chapter, parent, next, cover} = window.handbookBook;
  for (const link of chapter.querySelectorAll('a[data-book-href]')) {
    link.setAttribute('href', link.dataset.bookHref);
    delete link.dataset.bookHref;
  }
  document.getElementById('print-site-page').replaceChildren(...children);
  if (chapter.parentNode !== parent) parent.insertBefore(chapter, next);
  document.getElementById('print-site-cover-page').innerHTML = cover;
}
"""


def select(pages: list[Page], wanted: list[str], docs_dir: Path) -> list[Page]:
    """The chapters whose ``id`` is in ``wanted`` (all of them when it is empty), in reading order."""
    if not pages:
        raise PdfBuildError(f"{docs_dir}: no page of kind {' or '.join(CHAPTER_KINDS)}, so no chapter to print")
    ids = [page.id for page in pages]
    unknown = [name for name in wanted if name not in ids]
    if unknown:
        raise PdfBuildError(f"no chapter with id {', '.join(map(repr, unknown))} (chapters: {', '.join(ids)})")
    return [page for page in pages if not wanted or page.id in wanted]


def build_chapter_pdfs(site_dir: Path, output_dir: Path, project: Path = ROOT, wanted: list[str] | None = None,
                       browser=None, fit_rounds: int = FIT_ROUNDS) -> dict[str, dict]:
    """Print each chapter of ``project`` (or those whose id is in ``wanted``) from ``site_dir`` into ``output_dir``.

    Returns each file's name with its page count, size, seconds and fitting counts
    (see [`build_pdf`][build_pdf.build_pdf], whose ``browser`` and ``fit_rounds`` these are).
    """
    site = load_site(project)
    pages = select(chapters(site), wanted or [], site.docs_dir)
    site_url = read_config(project).get("site_url") or "/"
    addresses = {print_page_id(page): page_address(page) for page in site.pages}
    output_dir.mkdir(parents=True, exist_ok=True)
    results = {}
    with chromium(browser) as running, rendered_print_page(site_dir, running) as page:
        absent = page.evaluate(ABSENT_SECTIONS, [print_page_id(chapter) for chapter in pages])
        if absent:
            raise PdfBuildError("; ".join(f"{chapter.path}:1: not on the print page (rebuild the site, and keep the page "
                                          "out of print-site's exclude: in mkdocs.yml)"
                                          for chapter in pages if print_page_id(chapter) in absent))
        page.evaluate(PREPARE_FOR_PRINT)
        page.emulate_media(media="print")
        for chapter in pages:
            started = time.perf_counter()
            output = output_dir / chapter_file(chapter)
            page.evaluate(MOUNT_CHAPTER, {"id": print_page_id(chapter), "title": chapter.title, "siteUrl": site_url,
                                          "description": chapter.meta.get("description", ""), "addresses": addresses})
            try:
                page.evaluate(LIST_FIGURES, FIGURE_ID_PREFIX)
                fitting = print_fitted(page, output, fit_rounds)
            finally:
                page.evaluate(UNMOUNT_CHAPTER)
            results[output.name] = pdf_stats(output, started, fitting)
    return results


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site folder")
    parser.add_argument("--output-dir", type=Path, default=ROOT / "build" / "chapters")
    parser.add_argument("--chapter", action="append", default=[], help="print only the page with this id (repeatable)")
    parser.add_argument("--rounds", type=int, default=FIT_ROUNDS, help=f"measuring prints to fit figures (default {FIT_ROUNDS}; 0: print once)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        results = build_chapter_pdfs(args.site, args.output_dir, wanted=args.chapter, fit_rounds=args.rounds)
    except PdfBuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for name, result in results.items():
        print(summary(name, result))
    print(f"{len(results)} chapter PDFs in {args.output_dir}: {sum(r['bytes'] for r in results.values()) / 1e6:.1f} MB, "
          f"{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
