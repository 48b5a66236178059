"""MkDocs hook: the head of every page, its title and the line under it.

The front-matter ``title`` becomes the page's level-1 heading. Writers never
type a ``#`` heading (the check forbids it); adding it here keeps one source
for the title while the theme, the print page and the PDF bookmarks all see a
real ``<h1>`` at the top of the content. Under it goes the date the page last
changed in git and a link that reports a problem with the page
([`handbook.page_meta`][handbook.page_meta]).
"""

from __future__ import annotations

from pathlib import Path

from handbook.page_meta import last_changed, meta_html, report_url

_dates: dict[str, str] = {}


def on_pre_build(config):
    """Read every page's last-changed date from git, once per build."""
    _dates.clear()
    _dates.update(last_changed(Path(config.config_file_path).parent))


def on_page_markdown(markdown, page, config, files):
    """Prepend ``# Title`` and the date-and-report line to the page's Markdown.

    The front-matter title wins over the shorter label the page may have in ``nav``.
    """
    title = page.meta.get("title") or page.title
    report = report_url(config.repo_url, title, (config.site_url or "") + page.url) if config.repo_url else None
    meta = meta_html(_dates.get(page.file.src_uri), report)
    return f"# {title}\n\n{meta}\n\n{markdown}" if meta else f"# {title}\n\n{markdown}"
