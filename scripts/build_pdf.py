"""Build the handbook as PDF from the site's own print page, with Debian Chromium.

The built site (``site/`` by default) is served on 127.0.0.1; Chromium opens the
print page (every page in navigation order, with a cover and a table of
contents), waits until every Mermaid diagram and formula has rendered, opens
every collapsible block and prints an A4 PDF with bookmarks, page numbers and
clickable links. Every request off 127.0.0.1 is blocked and fails the build, and
a diagram or formula that does not render fails it too, naming the page.

Usage::

    python scripts/build_pdf.py                  # site/ -> ml-system-design-handbook.pdf
    python scripts/build_pdf.py --only cheat-sheets --output ml-system-design-handbook-cheat-sheets.pdf
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_session import CHROMIUM, CHROMIUM_FLAGS, open_session  # noqa: E402
from check_handbook import ROOT, read_config  # noqa: E402
from local_server import serve  # noqa: E402
from page_rendering import wait_for_rendering  # noqa: E402

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

#: Keep only the page sections whose id starts with a prefix (and the chapters holding them),
#: and their table-of-contents entries.
KEEP_ONLY = """
(prefix) => {
  for (const s of document.querySelectorAll('section.print-page[id]'))
    if (!s.id.startsWith(prefix) && !s.querySelector(`section[id^="${prefix}"]`)) s.remove();
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
}
"""


class PdfBuildError(RuntimeError):
    """The PDF could not be built faithfully; the message says which page and why."""


def build_pdf(site_dir: Path, output: Path, only: str | None = None, browser=None) -> dict:
    """Print ``site_dir``'s print page to ``output``; return page count, size and seconds.

    ``browser`` is a running Playwright Chromium to reuse; without one, Debian's
    Chromium is started (and stopped) here.
    """
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as driver:
            own = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            try:
                return build_pdf(site_dir, output, only, own)
            finally:
                own.close()
    started = time.perf_counter()
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
            if only:
                page.evaluate(KEEP_ONLY, only)
            page.evaluate(PREPARE_FOR_PRINT)
            page.emulate_media(media="print")
            page.pdf(
                path=str(output), format="A4", print_background=True, outline=True, tagged=True,
                display_header_footer=True, header_template="<span></span>", footer_template=FOOTER,
                margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"},
            )
        finally:
            page.context.close()
    from pypdf import PdfReader

    return {"pages": len(PdfReader(str(output)).pages), "bytes": output.stat().st_size,
            "seconds": time.perf_counter() - started}


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site folder")
    parser.add_argument("--output", type=Path, default=ROOT / "ml-system-design-handbook.pdf")
    parser.add_argument("--only", help="keep only the pages whose print-page id starts with this, e.g. cheat-sheets")
    args = parser.parse_args(argv)
    try:
        result = build_pdf(args.site, args.output, args.only)
    except PdfBuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{args.output.name}: {result['pages']} pages, {result['bytes'] / 1e6:.1f} MB, {result['seconds']:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
