"""Shared test helpers: pages from text, and throw-away copies of the site."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from handbook.markdown import read_front_matter
from handbook.pages import Page, Site

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).with_name("mkdocs")


def page(text: str, path: str = "docs/section/page.md") -> Page:
    """A Page from literal text (dedented, leading newline dropped)."""
    text = textwrap.dedent(text).lstrip("\n")
    return Page(path=path, doc_path=path.removeprefix("docs/"), text=text, front=read_front_matter(text))


def site(*pages: Page, root: Path = ROOT) -> Site:
    """A Site holding ``pages``."""
    by_id = {}
    for p in pages:
        if p.id and p.id not in by_id:
            by_id[p.id] = p
    return Site(root=root, docs_dir=root / "docs", pages=list(pages), by_id=by_id)


def front(id: str, kind: str = "page", extra: str = "") -> str:
    """Front matter text for a page."""
    return f"---\nid: {id}\nkind: {kind}\ntitle: {id.replace('-', ' ').title()}\ndescription: About {id}.\n{extra}---\n"


def figure(path: str, caption: str = "What the test figure shows.") -> str:
    """A diagram include with its caption block, as pages write it."""
    return f'\n```mermaid\n--8<-- "{path}"\n```\n/// caption\n{caption}\n///\n'


def scratch_site(tmp: Path, files: dict[str, str], nav: list[str]) -> Path:
    """Copy the site's machinery into ``tmp`` with only ``files`` as content.

    ``files`` maps repository paths (``docs/x.md``, ``data/glossary.yml``,
    ``diagrams/a/b.mmd``) to their text; ``nav`` lists the doc paths in order.
    The real ``mkdocs.yml``, hooks, theme overrides and vendored assets are used.
    """
    for folder in ("hooks", "overrides", "scripts", "docs/assets"):
        shutil.copytree(ROOT / folder, tmp / folder, ignore=shutil.ignore_patterns("__pycache__"))
    config = (ROOT / "mkdocs.yml").read_text()
    config = config[: config.index("\nnav:")] + "\nnav:\n" + "".join(f"  - {p}\n" for p in nav)
    (tmp / "mkdocs.yml").write_text(config)
    (tmp / "diagrams").mkdir()
    defaults = {"data/bibliography.yml": "{}\n", "data/glossary.yml": "[]\n"}
    for path, text in {**defaults, **files}.items():
        target = tmp / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip("\n"))
    return tmp


def build(project: Path, site_dir: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` in ``project`` (with ``env`` added to the environment); returns the finished process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    args = [str(MKDOCS), "build", "--strict", "--site-dir", str(site_dir or project / "site")]
    return subprocess.run(args, cwd=project, capture_output=True, text=True, env=env, check=False)


def build_offline(project: Path) -> Path:
    """Build ``project`` as the offline copy (``mkdocs-offline.yml``: no directory URLs, opened from ``file://``).

    ``mkdocs-offline.yml`` inherits ``mkdocs.yml``; ``build`` builds ``mkdocs.yml``, so the scratch site's own
    file takes another name and the offline file takes its place. Returns the site folder.
    """
    (project / "mkdocs.yml").rename(project / "mkdocs-online.yml")
    offline = (ROOT / "mkdocs-offline.yml").read_text().replace("INHERIT: mkdocs.yml", "INHERIT: mkdocs-online.yml")
    (project / "mkdocs.yml").write_text(offline)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_OFFLINE": "true"}
    result = subprocess.run([str(MKDOCS), "build", "--strict", "--site-dir", str(project / "site")], cwd=project,
                            capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


def warnings(output: str) -> list[str]:
    """The ``path:line: message`` warnings a build logged, without logger prefixes."""
    return [m.group(1) for m in re.finditer(r"WARNING\s+-\s+(?:[\w_]+:\s+)?(\S+:\d+: .*)", output)]


#: A ``<pre>`` or ``<div>`` whose classes include ``mermaid`` (a diagram as source or as its snapshot).
DIAGRAM_ELEMENT = re.compile(r'<(?:pre|div)\s[^>]*?\bclass="(?:[^"]*\s)?mermaid(?:\s[^"]*)?"', re.IGNORECASE)
#: Any element whose classes include ``arithmatex`` (a formula).
FORMULA_ELEMENT = re.compile(r'<[a-zA-Z][\w-]*\s[^>]*?\bclass="(?:[^"]*\s)?arithmatex(?:\s[^"]*)?"')


def diagrams_and_formulas(html: Path) -> tuple[int, int]:
    """How many diagrams (source or snapshot) and formulas a built page holds.

    Counted with two expressions, as the CSS selectors ``pre.mermaid, div.mermaid`` and ``.arithmatex`` would
    (the same counts on every page of the handbook): parsing the 85 pages with BeautifulSoup took 14 s, and
    many tests ask.
    """
    text = html.read_text(encoding="utf-8")
    return len(DIAGRAM_ELEMENT.findall(text)), len(FORMULA_ELEMENT.findall(text))


def pages_of(site_dir: Path) -> list[tuple[str, int, int]]:
    """``(URL path, diagrams, formulas)`` for every page of a built site."""
    found = []
    for html in sorted(site_dir.rglob("index.html")):
        path = html.parent.relative_to(site_dir).as_posix()
        found.append(("" if path == "." else path + "/", *diagrams_and_formulas(html)))
    return found


def distinct_pages(site_dir: Path) -> list[tuple[str, int, int]]:
    """``pages_of``, with the first visual refresher page standing for all of them.

    Each refresher page is the same generated template around its case study's snapshots, which
    the case study's own page already shows; checking every one would double the browser tests'
    time on diagrams for nothing new.
    """
    kept, refreshers = [], 0
    for entry in pages_of(site_dir):
        if entry[0].startswith("practice/refresher/") and entry[0] != "practice/refresher/":
            refreshers += 1
            if refreshers > 1:
                continue
        kept.append(entry)
    return kept


def heaviest_per_part(pages: list[tuple[str, int, int]], part_of=lambda path: path.split("/")[0]) -> list[tuple[str, int, int]]:
    """In each part of the site, the page with the most diagrams and the one with the most formulas.

    For checks of what pages share (navigation, colours, loading from disk), these stand for their part:
    every page's own content is already loaded and checked one by one by the served-site tests. A part
    with neither diagrams nor formulas (the reference pages) is represented by its first page.
    """
    chosen = set()
    for part in {part_of(path) for path, _, _ in pages}:
        members = sorted(entry for entry in pages if part_of(entry[0]) == part)
        for weight in (1, 2):
            top = max(members, key=lambda entry: entry[weight])
            if top[weight]:
                chosen.add(top)
        if not any(entry[1] or entry[2] for entry in members):
            chosen.add(members[0])
    return sorted(chosen)


def explained_on_errors_page(message: str) -> bool:
    """Whether ``path:line: message`` matches a "message starts with" row of errors.md (``...`` is a wildcard)."""
    rows = re.findall(r"^\| (`.+?) \|", (ROOT / "docs/contributing/errors.md").read_text(), re.MULTILINE)
    patterns = [re.escape(code).replace(r"\.\.\.", ".*?") for row in rows for code in re.findall(r"`([^`]+)`", row)]
    return any(re.match(pattern, message.split(": ", 1)[1]) for pattern in patterns)
