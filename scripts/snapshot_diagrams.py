"""Render every Mermaid diagram to an SVG snapshot (``make diagrams``), or check the snapshots.

Readers' browsers then show diagrams without downloading or running Mermaid
(about 1 MB and most of a second of main-thread work on a phone). The site is
built with every diagram left as source, served on 127.0.0.1 and opened in
Chromium; Mermaid renders each ``diagrams/**/*.mmd`` with Material's own
configuration, and the SVG is written beside its source as ``<name>.svg``, headed
by the SHA-256 of the source it shows (see ``hooks/handbook/snapshots.py``).
Snapshots whose source is gone are deleted. After rendering, and with
``--check``, every current snapshot is measured (``hooks/handbook/legibility.py``):
labels must read at 12 px or more at page width and print at 7 pt or more.

Usage::

    python scripts/snapshot_diagrams.py            # render missing and stale snapshots
    python scripts/snapshot_diagrams.py FILE.mmd   # render only these (several may run at once)
    python scripts/snapshot_diagrams.py --all      # render every snapshot again
    python scripts/snapshot_diagrams.py --check    # list missing, stale, orphan and illegible snapshots (no browser)
    python scripts/snapshot_diagrams.py --report   # label sizes of every diagram, smallest first
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_session import CHROMIUM, CHROMIUM_FLAGS, open_session  # noqa: E402
from check_handbook import ROOT, read_config  # noqa: E402
from local_server import serve  # noqa: E402
from page_rendering import wait_for_rendering  # noqa: E402

from handbook.legibility import check_legibility, measure  # noqa: E402
from handbook.problems import Problem  # noqa: E402
from handbook.snapshots import (  # noqa: E402
    LIVE_DIAGRAMS_VARIABLE, check_snapshots, current_snapshot, is_current, snapshot_of, snapshot_text, source_digest,
    source_files,
)

#: After the page has rendered a diagram, ``window.mermaid`` is the real library configured by
#: Material. A fixed seed for the sketch-style shapes makes the same source give the same file.
FIX_SEED = """
() => {
  const config = window.mermaid.mermaidAPI.getSiteConfig();
  window.mermaid.initialize({ ...config, handDrawnSeed: 1 });
  const now = window.mermaid.mermaidAPI.getSiteConfig();
  return now.handDrawnSeed === 1 && now.themeCSS === config.themeCSS && Boolean(config.themeCSS);
}
"""

#: Renders one source with the page's Mermaid (the site's shim, configured by Material)
#: and returns the SVG serialised as XML, or the error Mermaid gave.
RENDER = """
async ([id, text]) => {
  try {
    const { svg } = await window.mermaid.render(id, text);
    const holder = document.createElement('template');
    holder.innerHTML = svg;
    return { svg: new XMLSerializer().serializeToString(holder.content.firstElementChild) };
  } catch (error) {
    document.getElementById('d' + id)?.remove();
    return { error: String(error && error.message || error).split('\\n').slice(0, 3).join(' ') };
  }
}
"""


def build_with_live_diagrams(root: Path, site_dir: Path) -> None:
    """Build ``root``'s site into ``site_dir`` with every diagram left as Mermaid source."""
    environment = dict(os.environ, **{LIVE_DIAGRAMS_VARIABLE: "1", "NO_MKDOCS_2_WARNING": "1"})
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site_dir)],
                            cwd=root, env=environment, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"the site did not build, so no diagram could be rendered:\n{result.stderr}")


def page_with_fewest_diagrams(site_dir: Path) -> tuple[str, int]:
    """The built page (URL path, diagram count) with the fewest diagrams, at least one."""
    counts = []
    for html in site_dir.rglob("index.html"):
        count = len(re.findall(r'<pre\s+class="mermaid">', html.read_text(encoding="utf-8")))
        if count and "print_page" not in html.parts:
            counts.append((count, html.parent.relative_to(site_dir).as_posix()))
    if not counts:
        raise RuntimeError("no built page shows a diagram, so Mermaid was never configured")
    count, path = min(counts)
    return ("" if path == "." else path + "/"), count


def render_snapshots(root: Path, sources: list[Path], browser) -> list[Problem]:
    """Write the snapshot of each of ``sources``; return the diagrams Mermaid could not draw."""
    problems = []
    prefix = urlparse(read_config(root).get("site_url") or "/").path or "/"
    with tempfile.TemporaryDirectory(prefix="handbook-diagrams-") as scratch:
        site_dir = Path(scratch) / "site"
        build_with_live_diagrams(root, site_dir)
        path, count = page_with_fewest_diagrams(site_dir)
        with serve(site_dir, prefix) as base:
            session = open_session(browser, color_scheme="light")
            page = session.page
            try:
                page.goto(base + path, wait_until="load")
                wait_for_rendering(page, count, 0)  # Material has configured Mermaid once one has rendered
                if not page.evaluate(FIX_SEED):
                    raise RuntimeError("Mermaid kept neither a fixed seed nor Material's theme; snapshots would differ run to run")
                for source_file in sources:
                    text = source_file.read_text(encoding="utf-8")
                    result = page.evaluate(RENDER, ["snapshot-" + source_digest(text)[:12], text])
                    relative = source_file.relative_to(root).as_posix()
                    if "error" in result:
                        problems.append(Problem(relative, 1, f"Mermaid cannot draw this diagram: {result['error']} (fix the source)"))
                    else:
                        snapshot_of(source_file).write_text(snapshot_text(text, result["svg"]), encoding="utf-8")
            finally:
                page.context.close()
    return problems


def remove_orphans(root: Path) -> list[Path]:
    """Delete snapshots whose ``.mmd`` source is gone; return them."""
    folder = root / "diagrams"
    orphans = [svg for svg in folder.rglob("*.svg") if not svg.with_suffix(".mmd").is_file()] if folder.is_dir() else []
    for svg in orphans:
        svg.unlink()
    return orphans


def report(root: Path) -> str:
    """A table of every current snapshot's size and label sizes, smallest label first."""
    rows = []
    for source_file in source_files(root):
        svg = current_snapshot(source_file)
        found = measure(svg) if svg else None
        if found:
            rows.append((found.site_px, found.print_pt, found.width, found.height, source_file.relative_to(root).as_posix()))
    lines = ["site px  print pt   width  height  diagram"]
    lines += [f"{a:7.1f}  {b:8.1f}  {w:6.0f}  {h:6.0f}  {name}" for a, b, w, h, name in sorted(rows)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="render only these .mmd files")
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root")
    parser.add_argument("--all", action="store_true", help="render every diagram, not only missing and stale ones")
    parser.add_argument("--check", action="store_true", help="only list missing, stale, orphan and illegible snapshots")
    parser.add_argument("--report", action="store_true", help="print every diagram's label sizes")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.report:
        print(report(root))
        return 0
    if args.check:
        problems = check_snapshots(root) + check_legibility(root)
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    if args.files:
        sources = [f.resolve() for f in args.files]
    else:
        for orphan in remove_orphans(root):
            print(f"removed {orphan.relative_to(root).as_posix()} (its source is gone)")
        sources = [s for s in source_files(root) if args.all or not is_current(s)]
    if not sources:
        print("every diagram's snapshot is current")
        return 0
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            problems = render_snapshots(root, sources, browser)
        finally:
            browser.close()
    rendered = {s.relative_to(root).as_posix() for s in sources}
    problems += [p for p in check_legibility(root) if p.path in rendered]
    for problem in problems:
        print(problem)
    print(f"rendered {len(sources)} diagram(s); {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
