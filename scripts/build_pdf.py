"""Build the handbook as PDF from the site's own print page, with Debian Chromium.

The built site (``site/`` by default) is served on 127.0.0.1; Chromium opens the
print page (every page in navigation order, with a cover and a table of
contents), waits until every Mermaid diagram and formula has rendered, opens
every collapsible block, appends a list of figures and prints an A4 PDF with
bookmarks, page numbers and clickable links. Every request off 127.0.0.1 is
blocked and fails the build, and a diagram or formula that does not render fails
it too, naming the page.

The book is printed more than once: a figure that left more than a third of the
page before it blank is shrunk into that room when its labels stay legible
([`fit_figures`][fit_figures]), and the last print fills in the page numbers of
the list of figures from where each figure landed in the one before.

Usage::

    python scripts/build_pdf.py                  # site/ -> ml-system-design-handbook.pdf
    python scripts/build_pdf.py --only cheat-sheets --output ml-system-design-handbook-cheat-sheets.pdf
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_session import CHROMIUM, CHROMIUM_FLAGS, open_session  # noqa: E402
from check_handbook import ROOT, read_config  # noqa: E402
from fit_figures import BLANK_LIMIT, FIGURE_ID_PREFIX, figure_placements, fits_for  # noqa: E402
from local_server import serve  # noqa: E402
from page_rendering import wait_for_rendering  # noqa: E402
from pdf_layout import TEXT_HEIGHT, blank_feet, gaps_in  # noqa: E402

#: The whole book is one page with ~1,000 formulas to typeset, plus any diagram without a
#: current snapshot to render: 5-17 s on a quiet 2-core machine, over 30 s beside another
#: browser test. This budget covers loading and rendering; running out of it fails the build
#: naming the pages.
RENDER_TIMEOUT_MS = 240_000
FOOTER = (
    '<div style="width:100%;font-size:8px;color:#555;padding:0 12mm;display:flex;justify-content:space-between;">'
    '<span>ML System Design Handbook</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'
)

#: Page sections (print-site's ``section.print-page``) whose diagrams or formulas did not render.
UNRENDERED_SECTIONS = """
() => [...document.querySelectorAll('section.print-page[id]')]
  .filter(s => s.querySelector('pre.mermaid, .katex-error') ||
               [...s.querySelectorAll('.arithmatex')].some(m => !m.querySelector('.katex')))
  .map(s => (s.querySelector('h1')?.textContent || s.id).replace('¶', '').trim() + ' (' + s.id + ')')
"""

#: Keep only the page sections whose id starts with one of the prefixes (and the chapters holding them),
#: and their table-of-contents entries.
KEEP_ONLY = """
(prefixes) => {
  const kept = prefixes.map(prefix => `section[id^="${prefix}"]`).join(', ');
  for (const s of document.querySelectorAll('section.print-page[id]'))
    if (!prefixes.some(prefix => s.id.startsWith(prefix)) && !s.querySelector(kept)) s.remove();
  for (const a of document.querySelectorAll('#print-page-toc a[href*="#"]')) {
    const id = decodeURIComponent(a.hash.slice(1));
    if (id && !document.getElementById(id)) a.closest('li')?.remove();
  }
}
"""

PREPARE_FOR_PRINT = """
() => {
  document.querySelectorAll('details').forEach(d => d.setAttribute('open', ''));
  document.body.setAttribute('data-md-color-scheme', 'default');
  // A navigation section whose pages are all excluded from the book (the contributor guide, the visual
  // refreshers) would print as an empty chapter heading: drop it and its table-of-contents entry.
  document.querySelectorAll('section.md-section').forEach(section => {
    if (section.querySelector('section.print-page:not(.md-section)')) return;
    document.querySelectorAll(`a[href="#${section.id}"]`).forEach(link => (link.closest('li') ?? link).remove());
    section.remove();
  });
}
"""


#: Give every diagram an id and append a list of figures that links to each (its links make
#: Chromium write a named destination per figure, which is how a print finds where they landed).
#: Each caption starts with "Figure N.", and the paragraph that leads to a figure (one ending in a
#: colon right before it) is marked with the figure's id, so a float can point to it.
LIST_FIGURES = """
(prefix) => {
  const figures = [...document.querySelectorAll('section.print-page div.mermaid[data-diagram-zoom]')];
  if (!figures.length) return 0;
  const list = document.createElement('section');
  list.className = 'print-page handbook-figure-list';
  list.id = 'list-of-figures';
  list.innerHTML = '<h1 id="list-of-figures-title">List of figures</h1><ol></ol>';
  figures.forEach((figure, index) => {
    figure.id = prefix + (index + 1);
    const box = figure.closest('figure') ?? figure;
    const caption = box.querySelector(':scope > figcaption');
    if (caption) {  // the number opens the caption's first line: inside its paragraph, when it has one
      const line = caption.querySelector(':scope > p') ?? caption;
      const number = line.querySelector('.handbook-figure-number') ?? line.insertAdjacentElement(
        'afterbegin', Object.assign(document.createElement('span'), {className: 'handbook-figure-number'}));
      number.textContent = `Figure ${index + 1}. `;
    }
    const lead = box.previousElementSibling;
    if (lead?.tagName === 'P' && /:\\s*$/.test(lead.textContent)) lead.dataset.leadsTo = figure.id;
    const title = (figure.getAttribute('aria-label') || '').replace(/^Diagram: /, '').replace(/\\. Press Enter.*$/, '');
    const chapter = figure.closest('section.print-page[id]')?.querySelector('h1')?.textContent.replace('¶', '').trim() || '';
    const item = document.createElement('li');
    item.innerHTML = '<span class="handbook-figure-list__number"></span><a></a>' +
      '<span class="handbook-figure-list__chapter"></span><span class="handbook-figure-list__page"></span>';
    item.querySelector('.handbook-figure-list__number').textContent = index + 1;
    item.querySelector('a').href = '#' + figure.id;
    item.querySelector('a').textContent = title;
    item.querySelector('.handbook-figure-list__chapter').textContent = chapter;
    list.querySelector('ol').append(item);
  });
  const last = [...document.querySelectorAll('section.print-page')].pop();
  last.after(list);
  return figures.length;
}
"""

#: One figure's SVG markup (inside its shadow root) and the CSS px that print with it besides the
#: drawing: its caption, and the gap between the two.
MEASURE_FIGURE = """
(id) => {
  const diagram = document.getElementById(id);
  const svg = diagram.shadowRoot.querySelector('svg');
  const box = diagram.closest('figure') ?? diagram;
  return [svg.outerHTML, box.getBoundingClientRect().height - svg.getBoundingClientRect().height];
}
"""

#: Cap figures' printed heights: ``{id: millimetres}``.
CAP_FIGURES = """
(caps) => { for (const [id, mm] of Object.entries(caps))
  document.getElementById(id).style.setProperty('--print-max-height', mm + 'mm'); }
"""

#: Write each figure's page number into the list of figures: ``{id: page}``.
NUMBER_FIGURE_LIST = """
(pages) => { for (const a of document.querySelectorAll('.handbook-figure-list a'))
  a.parentElement.querySelector('.handbook-figure-list__page').textContent = pages[a.hash.slice(1)] ?? ''; }
"""

#: Float figures: move each after enough of the blocks that follow it in its chapter to fill
#: ``{id: CSS px}``, as books float figures to the top of the next page. Figures that follow
#: it with only their own lead-in between (the case studies' trio of overview, offline and
#: online views) move with it as a group, in order. The text that fills the gap may
#: include a section heading (never a chapter's, never another figure), but the group never
#: lands right after a heading or a paragraph ending in a colon, so each stays with what it
#: introduces. Returns the ids that moved.
FLOAT_FIGURES = """
(fills) => {
  const isFigure = (element) => element?.matches('.mermaid, figure:has(> .mermaid)');
  const isHeading = (element) => /^H[2-6]$/.test(element?.tagName);
  const isLeadIn = (element) => element?.tagName === 'P' && /:\\s*$/.test(element.textContent);
  const leadsOn = (element) => isHeading(element) || isLeadIn(element);
  const moved = [];
  for (const [id, fill] of Object.entries(fills)) {
    const diagram = document.getElementById(id);
    const group = [diagram.closest('figure') ?? diagram];  // a captioned diagram moves with its caption
    for (let next = group.at(-1).nextElementSibling, between = []; next; next = next.nextElementSibling) {
      if (isFigure(next)) { group.push(...between, next); between = []; }
      else if (isLeadIn(next) && !between.length) between.push(next);
      else break;
    }
    let filled = 0, last = null;
    for (let next = group.at(-1).nextElementSibling; next; next = next.nextElementSibling) {
      if (next.matches('h1, section') || isFigure(next)) break;
      last = next;
      filled += next.getBoundingClientRect().height;
      if (filled >= fill && !isHeading(next)) break;
    }
    while (leadsOn(last)) last = last.previousElementSibling;
    if (last && !group.includes(last)) { last.after(...group); moved.push(id); }
  }
  return moved;
}
"""

#: Raise each figure ``{id: CSS px}`` to the top of the page before it: before the blocks that sat wholly on
#: that page (``px`` of them), below any heading just above them, and never above a page's opening paragraph
#: (a figure right under a page's title could take the title to the next sheet and leave its tags behind).
#: For a figure that ends its chapter, so that nothing after it can fill the page, as books float a figure
#: to the top of the page that refers to it.
RAISE_FIGURES = """
(aboves) => {
  const stop = 'section, h1, h2, h3, h4, h5, h6, .mermaid, figure:has(> .mermaid)';  // never above these
  const opens = (element) => {  // only the page's title, tags and date line come before it
    for (let e = element.previousElementSibling; e; e = e.previousElementSibling) if (!e.matches('h1, .md-tags, .page-meta')) return false;
    return true;
  };
  const raised = [];
  for (const [id, above] of Object.entries(aboves)) {
    const diagram = document.getElementById(id);
    const box = diagram.closest('figure') ?? diagram;
    let first = box, taken = 0;
    for (let previous = box.previousElementSibling; previous; previous = previous.previousElementSibling) {
      const height = previous.getBoundingClientRect().height;
      if (previous.matches(stop) || opens(previous) || taken + height > above) break;
      taken += height;
      first = previous;
    }
    if (first !== box) { first.before(box); raised.push(id); }
  }
  return raised;
}
"""

#: Point each lead-in paragraph whose figure no longer follows it (floated or raised) to the figure by
#: number: "How a threshold is fitted:" becomes "How a threshold is fitted: see figure 12." Returns how many.
POINT_LEAD_INS = """
() => {
  let pointed = 0;
  for (const lead of document.querySelectorAll('p[data-leads-to]')) {
    const figure = document.getElementById(lead.dataset.leadsTo);
    if (!figure || lead.nextElementSibling === (figure.closest('figure') ?? figure)) continue;
    const walker = document.createTreeWalker(lead, NodeFilter.SHOW_TEXT);
    let last = null;
    while (walker.nextNode()) if (walker.currentNode.data.trim()) last = walker.currentNode;
    if (!last || !/:\\s*$/.test(last.data)) continue;
    last.data = last.data.replace(/\\s*$/, ` see figure ${figure.id.split('-').pop()}.`);
    pointed += 1;
  }
  return pointed;
}
"""

#: Let each block taller than ``limit`` CSS px (a long table, code listing, admonition or opened answer) that
#: no figure follows in its page break across pages. Kept whole (``break-inside: avoid`` in handbook.css), a
#: tall block that does not fit what is left of a page moves on and leaves the rest of that page blank; shorter
#: blocks stay whole, which costs at most their own height. A block with figures after it stays whole too: its
#: breaking would move them, and fitting figures into pages does not settle when tall blocks before them break.
#: A table breaks between rows and repeats its header row. Returns how many blocks may break.
LET_TALL_BLOCKS_BREAK = """
(limit) => {
  let marked = 0;
  for (const block of document.querySelectorAll('section.print-page :is(table:not([class]), pre, .admonition, details)')) {
    const lastFigure = [...block.closest('section.print-page').querySelectorAll('.mermaid')].pop();
    const followed = lastFigure && block.compareDocumentPosition(lastFigure) & Node.DOCUMENT_POSITION_FOLLOWING;
    if (!followed && block.getBoundingClientRect().height > limit) { block.dataset.printBreaks = ''; marked += 1; }
  }
  return marked;
}
"""
#: Blocks taller than this share of the text block may break across pages.
BREAKABLE_SHARE = 1 / 4

#: Measuring prints before the last one; each round only shrinks or floats figures further. Moving a
#: figure shifts the pages after it into new gaps: the whole book needed eight (202, 82, 40, 15, 12, 6, 2, 0 gaps).
FIT_ROUNDS = 8
#: Width of the PDF's text block in CSS px, the width figures and paragraphs are measured at.
PRINT_TEXT_PX = round(182 / 25.4 * 96)

PDF_OPTIONS = dict(
    format="A4", print_background=True, outline=True, tagged=True,
    display_header_footer=True, header_template="<span></span>", footer_template=FOOTER,
    margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"},
)


def svg_and_caption_pt(figure: list) -> tuple[str, float]:
    """``[svg markup, CSS px besides the drawing]`` from the page, as ``(svg, points)``."""
    return figure[0], figure[1] * 0.75


def print_fitted(page, output: Path, rounds: int = FIT_ROUNDS) -> dict:
    """Print ``page`` to ``output``, shrinking or floating figures out of blank page feet first.

    Returns how many prints it took and how many figures were shrunk and floated.
    """
    from pypdf import PdfReader

    page.set_viewport_size({"width": PRINT_TEXT_PX, "height": 1100})
    breakable = page.evaluate(LET_TALL_BLOCKS_BREAK, round(BREAKABLE_SHARE * TEXT_HEIGHT / 0.75))
    if rounds == 0:
        page.pdf(path=str(output), **PDF_OPTIONS)
        return {"prints": 1, "shrunk": 0, "floated": 0, "raised": 0, "breakable": breakable}
    caps: dict[str, float] = {}
    floated: set[str] = set()
    raised: set[str] = set()
    for measured in range(1, rounds + 2):
        page.pdf(path=str(output), **PDF_OPTIONS)  # a measuring print; the last print overwrites it
        reader = PdfReader(str(output))
        placements = figure_placements(reader)
        if measured > rounds:
            break
        gaps = gaps_in(output, reader, {p.page for p in placements.values()})
        fits = fits_for(gaps, placements, lambda figure: svg_and_caption_pt(page.evaluate(MEASURE_FIGURE, figure)))
        shrink = {f.figure: cap for f in fits if (cap := f.cap(caps.get(f.figure))) is not None}
        fills = {f.figure: round(f.fill_pt / 0.75) for f in fits if f.figure not in shrink}
        if not shrink and not fills:
            break
        caps.update(shrink)
        page.evaluate(CAP_FIGURES, {figure: round(pt / 72 * 25.4, 1) for figure, pt in shrink.items()})
        if fills:
            moved = set(page.evaluate(FLOAT_FIGURES, fills))
            floated |= moved
            stuck = {f.figure: round(f.above_px) for f in fits if f.figure in fills and f.figure not in moved | raised}
            raised |= set(page.evaluate(RAISE_FIGURES, stuck)) if stuck else set()
            page.evaluate(POINT_LEAD_INS)
    page.evaluate(NUMBER_FIGURE_LIST, {name: p.page + 1 for name, p in placements.items()})
    page.pdf(path=str(output), **PDF_OPTIONS)
    return {"prints": measured + 1, "shrunk": len(caps), "floated": len(floated), "raised": len(raised),
            "breakable": breakable}


class PdfBuildError(RuntimeError):
    """The PDF could not be built faithfully; the message says which page and why."""


@contextmanager
def chromium(browser=None):
    """``browser`` (a running Playwright Chromium) if given; else Debian's Chromium, started here and stopped on exit."""
    if browser is not None:
        yield browser
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        own = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield own
        finally:
            own.close()


@contextmanager
def rendered_print_page(site_dir: Path, browser):
    """``site_dir``'s print page, served on 127.0.0.1 and open in ``browser``, every diagram and formula rendered.

    Raises [`PdfBuildError`][build_pdf.PdfBuildError] naming the pages whose diagrams or formulas
    did not render, or the other hosts the page requested.
    """
    site_url = read_config(ROOT).get("site_url") or "/"
    prefix = urlparse(site_url).path or "/"
    print_page = site_dir / "print_page" / "index.html"
    if not print_page.is_file():
        raise PdfBuildError(f"{print_page} is missing: build the site first (make build)")
    html = print_page.read_text(encoding="utf-8")
    diagrams = len(re.findall(r'<pre\s+class="mermaid">', html))
    maths = len(re.findall(r'class="arithmatex"', html))
    with serve(site_dir, prefix) as base:
        session = open_session(browser, color_scheme="light")
        page = session.page
        try:
            # "load" would also wait for every diagram to render (Mermaid's work holds the
            # event back), so navigation waits for the DOM only and rendering has its own wait.
            page.goto(base + "print_page/", wait_until="domcontentloaded", timeout=RENDER_TIMEOUT_MS)
            state = wait_for_rendering(page, diagrams, maths, RENDER_TIMEOUT_MS)
            page.wait_for_load_state("load", timeout=RENDER_TIMEOUT_MS)
            failed = page.evaluate(UNRENDERED_SECTIONS)
            if failed or state["rendered"] < diagrams or state["leftovers"]:
                names = "; ".join(failed) or "unknown page"
                raise PdfBuildError(f"diagrams or formulas did not render in: {names} "
                                    f"({state['rendered']} of {diagrams} diagrams, {state['mathsDone']} of {maths} formulas)")
            if session.blocked:
                raise PdfBuildError("the print page requested other hosts: " + ", ".join(session.blocked[:5]))
            yield page
        finally:
            page.context.close()


def pdf_stats(output: Path, started: float, fitting: dict) -> dict:
    """Page count, size, seconds since ``started``, the fitting counts and the figure gaps left in ``output``."""
    from pypdf import PdfReader

    reader = PdfReader(str(output))
    gaps = gaps_in(output, reader, {placement.page for placement in figure_placements(reader).values()})  # figures lead only these
    feet = blank_feet(output, reader)
    return {"pages": len(reader.pages), "bytes": output.stat().st_size, "seconds": time.perf_counter() - started,
            **fitting, "gaps_over_limit": sum(gap.blank > BLANK_LIMIT for gap in gaps),
            "worst_gap": max((gap.blank for gap in gaps), default=0.0),
            "feet_over_limit": sum(foot.blank > BLANK_LIMIT for foot in feet)}


def build_pdf(site_dir: Path, output: Path, only: str | tuple[str, ...] | None = None, browser=None,
              fit_rounds: int = FIT_ROUNDS) -> dict:
    """Print ``site_dir``'s print page to ``output``; return page count, size, seconds and fitting counts.

    ``only`` keeps the pages whose print-page id starts with it (or with one of several prefixes).
    ``browser`` is a running Playwright Chromium to reuse; without one, Debian's
    Chromium is started (and stopped) here. ``fit_rounds`` caps the measuring
    prints; 0 prints once, without fitting figures or numbering the list of figures.
    """
    started = time.perf_counter()
    with chromium(browser) as running, rendered_print_page(site_dir, running) as page:
        if only:
            page.evaluate(KEEP_ONLY, [only] if isinstance(only, str) else list(only))
        page.evaluate(PREPARE_FOR_PRINT)
        page.evaluate(LIST_FIGURES, FIGURE_ID_PREFIX)
        page.emulate_media(media="print")
        fitting = print_fitted(page, output, fit_rounds)
    return pdf_stats(output, started, fitting)


def summary(name: str, result: dict) -> str:
    """One line on a printed PDF: pages, size, time and what fitting its figures did and left."""
    return (f"{name}: {result['pages']} pages, {result['bytes'] / 1e6:.1f} MB, {result['seconds']:.1f} s, "
            f"{result['prints']} prints, {result['shrunk']} figures shrunk, {result['floated']} floated and "
            f"{result['raised']} raised to the top of their page to fit; "
            f"{result['gaps_over_limit']} figures still leave more than {BLANK_LIMIT:.0%} of the page before blank "
            f"(worst {result['worst_gap']:.0%}); {result['feet_over_limit']} page feet blank over {BLANK_LIMIT:.0%} "
            f"whatever follows ({result['breakable']} tall blocks let break)")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site folder")
    parser.add_argument("--output", type=Path, default=ROOT / "ml-system-design-handbook.pdf")
    parser.add_argument("--only", help="keep only the pages whose print-page id starts with this, e.g. cheat-sheets")
    parser.add_argument("--rounds", type=int, default=FIT_ROUNDS, help=f"measuring prints to fit figures (default {FIT_ROUNDS}; 0: print once)")
    args = parser.parse_args(argv)
    try:
        result = build_pdf(args.site, args.output, args.only, fit_rounds=args.rounds)
    except PdfBuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(summary(args.output.name, result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
