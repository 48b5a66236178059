"""The line under each page's title: when the page last changed, and a link to report a problem.

Dates come from git history, read with one ``git log`` for the whole ``docs/``
folder per build (a plugin that asks git once per page costs a second on this
site). Without git or history (a tarball, a shallow clone of one commit), a
page simply shows no date, and the build goes on.
"""

from __future__ import annotations

import datetime
import html
import subprocess
from pathlib import Path
from urllib.parse import urlencode

#: The issue form in ``.github/ISSUE_TEMPLATE/`` that a report opens.
ISSUE_TEMPLATE = "content-error.yml"


def last_changed(root: Path, folder: str = "docs") -> dict[str, str]:
    """ISO date of the last commit that touched each file under ``folder``, keyed by path from ``folder``.

    Returns an empty mapping when ``root`` is not a git checkout or git is missing.
    """
    try:
        result = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", folder],
            cwd=root, capture_output=True, text=True, check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[str, str] = {}
    for commit in result.stdout.split("\0")[1:]:
        date, *paths = commit.strip().split("\n")
        for path in paths:
            if path.startswith(folder + "/"):
                dates.setdefault(path.removeprefix(folder + "/"), date)
    return dates


def report_url(repo_url: str, title: str, page_url: str) -> str:
    """A link that opens a new issue on ``repo_url`` with the content-error form, naming the page.

    The reader's section is added in the browser (``report-problem.js``) when
    the link is followed; without scripts the page alone is named.
    """
    query = urlencode({"template": ISSUE_TEMPLATE, "title": f"[{title}] ", "page": page_url})
    return f"{repo_url.rstrip('/')}/issues/new?{query}"


def meta_html(date: str | None, report: str | None) -> str:
    """The HTML line under a title: ``Last updated 5 December 2026 · Report a problem`` (either part may be absent).

    The report link and its separator sit in one ``.page-report`` span, which print leaves out.
    """
    parts = []
    if date:
        day = datetime.date.fromisoformat(date)
        parts.append(f'<span>Last updated <time datetime="{date}">{day.day} {day:%B %Y}</time></span>')
    if report:
        separator = '<span aria-hidden="true"> · </span>' if parts else ""
        link = f'<a class="report-problem" href="{html.escape(report)}" target="_blank" rel="noopener">Report a problem</a>'
        parts.append(f'<span class="page-report">{separator}{link}</span>')
    return f'<p class="page-meta" data-search-exclude>{"".join(parts)}</p>' if parts else ""
