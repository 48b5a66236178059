"""Audit a built site for what crawlers and privacy need: robots.txt, the sitemap, no tracking.

Runs on the files of ``mkdocs build`` (no server, no browser); the tests run it
on the real build and on broken fixtures. Each problem is one line,
``path:line: what is wrong (how to fix)``, with paths relative to the site.

Usage::

    python scripts/site_audit.py site      # exits 1 and lists the problems, if any
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from xml.etree import ElementTree

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_handbook import ROOT, read_config  # noqa: E402

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
#: Built pages that are not for crawlers: the 404 page and print-site's whole-book page.
NOT_IN_SITEMAP = {"404.html", "print_page/index.html"}
NOINDEX = '<meta name="robots" content="noindex">'
#: Traces of analytics, tag managers or trackers in a page or script.
TRACKERS = re.compile(
    r"google-analytics\.com|googletagmanager\.com|gtag\(|plausible\.io|matomo|"
    r"segment\.(?:io|com)|hotjar|clarity\.ms|connect\.facebook\.net",
    re.IGNORECASE,
)
#: An asset (script, stylesheet, image, font, frame) loaded from an absolute http(s) URL.
REMOTE_ASSET = re.compile(
    r"""<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=["']?(?:https?:)?//|"""
    r"""<link\b(?=[^>]*\brel=["']?(?:stylesheet|preload|modulepreload|icon|preconnect|dns-prefetch))[^>]*\bhref=["']?(?:https?:)?//|"""
    r"""url\(\s*["']?(?:https?:)?//""",
    re.IGNORECASE,
)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def robots_problems(site_dir: Path, site_url: str) -> list[str]:
    """``robots.txt`` must exist, allow crawling and name the sitemap at ``site_url``."""
    path = site_dir / "robots.txt"
    if not path.is_file():
        return ["robots.txt:1: missing (list robots.txt in theme.static_templates and keep overrides/robots.txt)"]
    lines = path.read_text(encoding="utf-8").splitlines()
    problems = []
    if not any(line.lower().startswith("user-agent:") for line in lines):
        problems.append("robots.txt:1: no User-agent line (crawlers ignore rules without one)")
    for number, line in enumerate(lines, 1):
        if re.fullmatch(r"disallow:\s*/\s*", line.strip(), re.IGNORECASE):
            problems.append(f"robots.txt:{number}: 'Disallow: /' hides the whole handbook from search engines (remove it)")
    expected = f"Sitemap: {site_url}sitemap.xml"
    if expected not in (line.strip() for line in lines):
        problems.append(f"robots.txt:{len(lines) or 1}: no '{expected}' line (robots.txt must name the sitemap at site_url)")
    return problems


def _built_pages(site_dir: Path) -> set[str]:
    pages = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html")}
    return pages - NOT_IN_SITEMAP


def sitemap_problems(site_dir: Path, site_url: str) -> list[str]:
    """Every built page once in ``sitemap.xml``, every entry under ``site_url`` and existing."""
    path = site_dir / "sitemap.xml"
    if not path.is_file():
        return ["sitemap.xml:1: missing (MkDocs writes it when site_url is set)"]
    text = path.read_text(encoding="utf-8")
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        return [f"sitemap.xml:{error.position[0]}: not well-formed XML ({error})"]
    problems, listed, offset = [], [], 0
    for loc in root.iter(f"{SITEMAP_NS}loc"):
        url = (loc.text or "").strip()
        offset = max(text.find(url, offset), 0)
        line = _line(text, offset)
        offset += len(url)
        if not url.startswith(site_url):
            problems.append(f"sitemap.xml:{line}: {url} is not under site_url {site_url} (set site_url to the production address)")
            continue
        page = url[len(site_url):] + ("index.html" if url.endswith("/") else "")
        if page in listed:
            problems.append(f"sitemap.xml:{line}: {url} is listed twice")
        listed.append(page)
        if not (site_dir / page).is_file():
            problems.append(f"sitemap.xml:{line}: {url} has no page in the build (a stale or mistyped entry)")
        elif page in NOT_IN_SITEMAP:
            problems.append(f"sitemap.xml:{line}: {url} is not a page for crawlers (leave it out)")
    for page in sorted(_built_pages(site_dir) - set(listed)):
        problems.append(f"sitemap.xml:1: {page} is built but not listed (every page in nav is listed; add it to nav)")
    print_page = site_dir / "print_page/index.html"
    if print_page.is_file() and NOINDEX not in print_page.read_text(encoding="utf-8"):
        problems.append("print_page/index.html:1: the whole-book page has no noindex robots meta "
                        "(overrides/main.html adds it; search engines would index every page twice)")
    return problems


def tracking_problems(site_dir: Path) -> list[str]:
    """No analytics or tracker code, and no asset loaded from another host, in any page, script or stylesheet."""
    problems = []
    for path in sorted(site_dir.rglob("*")):
        if path.suffix not in {".html", ".js", ".css"} or "vendor" in path.relative_to(site_dir).parts:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        relative = path.relative_to(site_dir).as_posix()
        for match in TRACKERS.finditer(text):
            problems.append(f"{relative}:{_line(text, match.start())}: tracking code '{match.group(0)}' (the handbook has no analytics; remove it)")
        if path.suffix != ".js":
            for match in REMOTE_ASSET.finditer(text):
                problems.append(f"{relative}:{_line(text, match.start())}: asset loaded from another host (serve it from docs/assets/vendor/)")
    return problems


def audit(site_dir: Path, site_url: str) -> list[str]:
    """Every problem :func:`robots_problems`, :func:`sitemap_problems` and :func:`tracking_problems` find."""
    return robots_problems(site_dir, site_url) + sitemap_problems(site_dir, site_url) + tracking_problems(site_dir)


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    site_dir = Path(args[0] if args else ROOT / "site")
    problems = audit(site_dir, read_config(ROOT)["site_url"])
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) in {site_dir}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
