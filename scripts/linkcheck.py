"""Check every link and anchor of a built site: linkchecker for links, a one-pass reader for anchors.

linkchecker fetches every link of the site, served on 127.0.0.1 under the path
of ``site_url``, and reports pages and files that do not answer. External links
are not fetched: the check never leaves the machine.

Anchors (``page/#section``) are checked by :func:`anchor_problems`, which reads
every built page once and looks each fragment up among the target page's ids.
linkchecker's own anchor plugin fetches and parses the whole target page again
for every distinct ``page#fragment``: over 2,400 fetches of pages up to 600 KB,
eight minutes on two cores, against about a second here.

Usage::

    python scripts/linkcheck.py site
"""

from __future__ import annotations

import html
import posixpath
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_handbook import ROOT, read_config  # noqa: E402
from local_server import serve  # noqa: E402

CONFIG = ROOT / "linkcheckerrc"
#: Built pages whose links are not checked: print-site's whole-book page repeats every page's links
#: with rewritten ids (the PDF tests cover it).
UNCHECKED_PAGES = ("print_page/",)
ANCHOR_LINK = re.compile(r"""<a\b[^>]*?\bhref=["']([^"'#]*)#([^"']+)["']""", re.IGNORECASE)
ID = re.compile(r"""\b(?:id|name)=["']([^"']+)["']""")


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def anchor_problems(site_dir: Path) -> list[str]:
    """Every ``<a href="page#fragment">`` whose target page, inside the site, has no such id.

    One line per problem, ``page:line: what is wrong (how to fix)``, paths relative to the site.
    Links to other hosts, absolute paths and missing pages are left to linkchecker.
    """
    ids: dict[Path, set[str]] = {}

    def ids_of(page: Path) -> set[str]:
        if page not in ids:
            ids[page] = {html.unescape(found) for found in ID.findall(page.read_text(encoding="utf-8"))}
        return ids[page]

    problems = []
    for page in sorted(site_dir.rglob("*.html")):
        relative = page.relative_to(site_dir).as_posix()
        if relative.startswith(UNCHECKED_PAGES):
            continue
        text = page.read_text(encoding="utf-8")
        for match in ANCHOR_LINK.finditer(text):
            href, fragment = html.unescape(match.group(1)), unquote(html.unescape(match.group(2)))
            if re.match(r"^(?:[a-z][a-z0-9+.-]*:|/)", href, re.IGNORECASE):
                continue
            target = page if not href else site_dir / posixpath.normpath(posixpath.join(posixpath.dirname(relative), href))
            if target.is_dir() or href.endswith("/"):
                target = target / "index.html"
            if target.suffix != ".html" or not target.is_file():
                continue
            if fragment not in ids_of(target):
                shown = target.relative_to(site_dir).as_posix()
                problems.append(f"{relative}:{_line(text, match.start())}: link '{href}#{fragment}' points to no id "
                                f"'{fragment}' in {shown} (fix the link, or give the heading that id)")
    return problems


def run_linkchecker(site_dir: Path) -> subprocess.CompletedProcess:
    """Serve ``site_dir`` and run linkchecker over it; return the finished process."""
    site_url = read_config(ROOT).get("site_url") or "/"
    prefix = urlparse(site_url).path or "/"
    linkchecker = Path(sys.executable).with_name("linkchecker")
    with serve(site_dir, prefix) as base:
        return subprocess.run(
            [str(linkchecker), "--config", str(CONFIG), "--no-status", base],
            capture_output=True, text=True, check=False,
        )


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; exits 1 on a broken link or anchor (linkchecker's status otherwise)."""
    argv = sys.argv[1:] if argv is None else argv
    site_dir = Path(argv[0] if argv else "site")
    result = run_linkchecker(site_dir)
    print(result.stdout, end="")
    print(result.stderr, end="", file=sys.stderr)
    anchors = anchor_problems(site_dir)
    for problem in anchors:
        print(problem)
    print(f"{len(anchors)} broken anchor(s)")
    return result.returncode or (1 if anchors else 0)


if __name__ == "__main__":
    sys.exit(main())
