"""Measure what the handbook's hooks and checks cost. Prints a table; not a test.

- full build with every hook vs the same build with ``hooks:`` emptied
  (both non-strict, since some pages need the hooks to pass strict), the median
  of ``--runs`` builds each, and the ratio. The difference includes rendering
  what the hooks add (tooltips, generated references and glossary pages);
- the hooks' own work measured in-process (loading, every check, every
  page's rendering functions);
- ``scripts/check_handbook.py`` (every content check, no build);
- with ``--pdf``, the time, page count and size of both PDFs, and how much blank space
  figures that did not fit left at the foot of the page before them, and how many page feet any block
  left over a third blank (``scripts/pdf_layout.py``).

Usage::

    python scripts/benchmark.py            # 3 runs each
    python scripts/benchmark.py --runs 5
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "scripts"))


def timed(args: list[str], cwd: Path = ROOT) -> float:
    """Run a command to completion and return its wall time in seconds."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    subprocess.run(args, cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def hook_work_seconds() -> float:
    """Time the hooks' own work in-process: load, check, and render every page once."""
    sys.path.insert(0, str(ROOT / "hooks"))
    from handbook.checks import load_handbook, run_checks
    from handbook.citations import render_citations
    from handbook.crosslinks import applied_in_markdown
    from handbook.glossary import abbreviations_markdown, render_term_links

    started = time.perf_counter()
    handbook = load_handbook(ROOT)
    run_checks(handbook, None)
    for page in handbook.site.pages:
        body = page.text.split("\n", page.front.end_line)[-1]
        body = render_citations(body, page.doc_path, handbook.bibliography.entries)
        body = render_term_links(body, page.doc_path, handbook.glossary)
        abbreviations_markdown(handbook.glossary, body)
        if page.kind == "framework-step":
            applied_in_markdown(handbook.site, page)
    return time.perf_counter() - started


def pdf_rows() -> list[tuple[str, str]]:
    """Build the site once, then each PDF; report time, pages and size."""
    from build_pdf import build_pdf
    from pdf_layout import figure_gaps

    rows = []
    with tempfile.TemporaryDirectory() as out:
        site = Path(out) / "site"
        rows.append(("site build for the PDF", f"{timed([str(BIN / 'mkdocs'), 'build', '--quiet', '--site-dir', str(site)]):.1f} s"))
        for name, only in (("whole handbook PDF", None), ("cheat-sheets PDF", "cheat-sheets")):
            result = build_pdf(site, Path(out) / f"{name}.pdf", only)
            rows.append((name, f"{result['seconds']:.1f} s, {result['pages']} pages, {result['bytes'] / 1e6:.1f} MB"))
            blanks = sorted(gap.blank for gap in figure_gaps(Path(out) / f"{name}.pdf"))
            over = sum(blank > 1 / 3 for blank in blanks)
            rows.append((f"{name}: figures moved to a new page", f"{len(blanks)}, {over} after more than a third of a page "
                         f"left blank, worst {max(blanks, default=0):.0%}"))
            rows.append((f"{name}: page feet over a third blank, whatever follows", str(result["feet_over_limit"])))
    return rows


def without_hooks(config_text: str) -> str:
    """``mkdocs.yml`` with an empty ``hooks:`` list."""
    return re.sub(r"^hooks:\n(?:(?:  .*|\s*)\n)*", "hooks: []\n", config_text, count=1, flags=re.MULTILINE)


def main(argv: list[str] | None = None) -> int:
    """Run the measurements and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pdf", action="store_true", help="also time both PDF builds and report their size")
    args = parser.parse_args(argv)
    bare = ROOT / ".benchmark-mkdocs.yml"
    bare.write_text(without_hooks((ROOT / "mkdocs.yml").read_text()))
    try:
        with tempfile.TemporaryDirectory() as out:
            build = [str(BIN / "mkdocs"), "build", "--quiet", "--site-dir", out]
            with_hooks = [timed(build) for _ in range(args.runs)]
            no_hooks = [timed(build + ["--config-file", str(bare)]) for _ in range(args.runs)]
    finally:
        bare.unlink()
    checks = [timed([sys.executable, str(ROOT / "scripts/check_handbook.py")]) for _ in range(args.runs)]
    own = statistics.median(hook_work_seconds() for _ in range(args.runs))
    pages = len(list((ROOT / "docs").rglob("*.md")))
    hooked, plain = statistics.median(with_hooks), statistics.median(no_hooks)
    rows = [
        ("pages", f"{pages}"),
        ("build with hooks (median)", f"{hooked:.2f} s"),
        ("build without hooks (median)", f"{plain:.2f} s"),
        ("hook overhead, whole build", f"{(hooked / plain - 1) * 100:+.1f} %"),
        ("hooks' own work (in-process)", f"{own:.2f} s = {own / plain * 100:.1f} % of a bare build"),
        ("check_handbook.py, no build (median)", f"{statistics.median(checks):.2f} s"),
    ]
    if args.pdf:
        rows += pdf_rows()
    width = max(len(name) for name, _ in rows)
    print(f"{'measure':<{width}} | value\n{'-' * width}-|------")
    for name, value in rows:
        print(f"{name:<{width}} | {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
