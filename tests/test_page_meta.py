"""The line under each title: last-changed date from git and the report-a-problem link."""

import os
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from helpers import ROOT

from handbook.page_meta import last_changed, meta_html, report_url


def commit(repo: Path, files: dict[str, str], day: str) -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text)
    stamp = f"{day}T12:00:00+00:00"
    env = dict(os.environ, GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@x",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@x")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-qm", day], cwd=repo, check=True, env=env)


def test_each_page_gets_the_date_of_the_last_commit_that_touched_it(tmp_path: Path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    commit(tmp_path, {"docs/a.md": "1", "docs/x/b.md": "1", "README.md": "1"}, "2026-01-02")
    commit(tmp_path, {"docs/a.md": "2", "README.md": "2"}, "2026-03-04")
    assert last_changed(tmp_path) == {"a.md": "2026-03-04", "x/b.md": "2026-01-02"}


def test_without_git_history_pages_have_no_date_and_the_build_goes_on(tmp_path: Path):
    assert last_changed(tmp_path) == {}


def test_report_link_names_the_page_and_the_line_shows_both():
    url = report_url("https://github.com/o/r/", "Evaluation", "https://site/framework/evaluation/")
    parsed = urlparse(url)
    assert parsed.netloc == "github.com" and parsed.path == "/o/r/issues/new"
    assert parse_qs(parsed.query) == {"template": ["content-error.yml"], "title": ["[Evaluation] "],
                                      "page": ["https://site/framework/evaluation/"]}
    line = meta_html("2026-12-05", url)
    assert line.startswith('<p class="page-meta" data-search-exclude><span>Last updated <time datetime="2026-12-05">5 December 2026</time>')
    assert '<span class="page-report"><span aria-hidden="true"> · </span><a class="report-problem" href="https://github.com/o/r/issues/new?template=content-error.yml&amp;' in line
    assert "Last updated" not in meta_html(None, url) and "aria-hidden" not in meta_html(None, url)
    assert meta_html(None, None) == ""


def test_the_issue_form_has_the_fields_the_link_fills():
    import yaml

    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/content-error.yml").read_text())
    fields = {item["id"]: item for item in form["body"]}
    assert {"page", "section", "problem", "source"} <= set(fields)
    assert fields["source"]["validations"]["required"] is True
