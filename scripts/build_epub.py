"""Build the handbook as an EPUB 3 book from the built site's print page, then check it.

The book holds what the PDF holds, in the same order: one XHTML chapter per
page, a navigation document (parts, chapters, their sections), every diagram as
an SVG drawing named by its title and described by its description, every
formula as MathML, and links pointed at the right chapter (or at the hosted
site for pages the book leaves out). No browser is needed. The finished file is
checked with ``epub.check.epub_problems``; any problem fails the build.

Usage::

    python scripts/build_epub.py --site site --output ml-system-design-handbook.epub
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_handbook import ROOT, read_config  # noqa: E402
from epub.check import epub_problems  # noqa: E402
from epub.package import BookInfo, EpubBuildError, build_epub  # noqa: E402


def book_info(root: Path = ROOT) -> BookInfo:
    """Title, description and address of the book, from ``mkdocs.yml``."""
    config = read_config(root)
    return BookInfo(title=config["site_name"], description=" ".join(config.get("site_description", "").split()),
                    site_url=config["site_url"])


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site folder")
    parser.add_argument("--output", type=Path, default=ROOT / "ml-system-design-handbook.epub")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        result = build_epub(args.site, args.output, book_info(), ROOT)
    except EpubBuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    problems = epub_problems(args.output)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{args.output.name}: {result['chapters']} chapters, {result['diagrams']} diagrams, "
          f"{result['formulas']} formulas, {result['bytes'] / 1e6:.1f} MB, {time.perf_counter() - started:.1f} s; "
          f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
