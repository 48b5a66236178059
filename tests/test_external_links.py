"""The weekly external-link check, offline: URL extraction, classification against a local server, report, issue."""

from __future__ import annotations

import http.server
import json
import socket
import textwrap
import threading
import time
from pathlib import Path

import pytest
import requests
from urllib3.exceptions import MaxRetryError, NameResolutionError, ProtocolError

import external_links
from external_links import IssueAction, Outcome, Place, check_url, collect_urls, connection_failure, decide_issue, render_report

PAGE = '''\
---
id: links
title: Links
---

An [inline link](https://example.org/inline "Title") and an image ![alt](https://example.org/image.png).
See [Bias](https://en.wikipedia.org/wiki/Bias_(statistics)), then a [reference link][ref].
An autolink <https://example.org/auto>, a bare one https://example.org/bare. And `https://example.org/inline-code`.
[Two](https://example.org/a)[links](https://example.org/b), [https://example.org/text](https://example.org/target).

```bash
curl https://example.org/in-a-fence
```

~~~
https://example.org/tilde-fence
~~~

[ref]: https://example.org/reference "Reference title"
Not links: http:// and ftp://example.org/file. The source: https://example.org/alpha
'''

BIBLIOGRAPHY = '''\
# Verified: https://example.org/comment-in-bibliography
alpha2020first:
  authors: [Ann Author]
  title: First
  year: 2020
  venue: Venue
  doi: 10.1000/xyz
  url: https://example.org/alpha
beta2021second:
  authors: [Bo Writer]
  title: Second
  year: 2021
  venue: Venue
  arxiv: "2101.00001"
'''

CONFIG = '''\
site_name: Fixture
site_url: https://example.org/site/
# Material's docs: https://example.org/comment-in-config
repo_url: https://example.org/repo  # the repository
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          format: !!python/name:mermaid2.fence_mermaid_custom
'''


def repository(tmp_path: Path, files: dict[str, str]) -> Path:
    """A checkout with just ``files`` (repository path -> text)."""
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(textwrap.dedent(text))
    return tmp_path


def test_urls_are_collected_with_every_place_and_code_is_skipped(tmp_path: Path):
    root = repository(tmp_path, {"docs/page.md": PAGE, "data/bibliography.yml": BIBLIOGRAPHY, "mkdocs.yml": CONFIG})
    found = {url: [str(place) for place in places] for url, places in collect_urls(root).items()}
    assert found == {
        "https://example.org/inline": ["docs/page.md:6"],
        "https://example.org/image.png": ["docs/page.md:6"],
        "https://en.wikipedia.org/wiki/Bias_(statistics)": ["docs/page.md:7"],
        "https://example.org/auto": ["docs/page.md:8"],
        "https://example.org/bare": ["docs/page.md:8"],
        "https://example.org/a": ["docs/page.md:9"],
        "https://example.org/b": ["docs/page.md:9"],
        "https://example.org/text": ["docs/page.md:9"],
        "https://example.org/target": ["docs/page.md:9"],
        "https://example.org/reference": ["docs/page.md:19"],
        "https://example.org/alpha": ["data/bibliography.yml:8", "docs/page.md:20"],
        "https://doi.org/10.1000/xyz": ["data/bibliography.yml:7"],
        "https://arxiv.org/abs/2101.00001": ["data/bibliography.yml:14"],
        "https://example.org/site/": ["mkdocs.yml:2"],
        "https://example.org/repo": ["mkdocs.yml:4"],
    }
    # The bad inputs: URLs in fences, inline code and comments, and half URLs, are not links to check.
    assert not [url for url in found if "fence" in url or "inline-code" in url or "comment" in url or "ftp" in url]


# --------------------------------------------------------------------------- a local server

class _Routes(http.server.BaseHTTPRequestHandler):
    """Answers each path the way a real site might; records every request."""

    requests: list[tuple[str, str]] = []
    ROUTES = {
        "/ok": (200, None), "/missing": (404, None), "/gone": (410, None), "/forbidden": (403, None),
        "/old": (301, "/ok"), "/old-to-missing": (301, "/missing"), "/temporary": (302, "/ok"),
        "/slash": (301, "/slash/"), "/slash/": (200, None),
        "/error": (500, None), "/teapot": (418, None),
    }

    def _answer(self):
        self.requests.append((self.command, self.path))
        if self.path == "/no-head":
            status, location = (405 if self.command == "HEAD" else 200), None
        elif self.path == "/slow":
            time.sleep(1)
            status, location = 200, None
        else:
            status, location = self.ROUTES.get(self.path, (404, None))
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = _answer

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    """A local HTTP server on a free port: ``(base URL, recorded requests)``."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Routes)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", _Routes.requests
    httpd.shutdown()
    httpd.server_close()


def refused_port() -> int:
    """A port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize(("path", "kind", "detail"), [
    ("/ok", "ok", "returned 200"),
    ("/temporary", "ok", "returned 200"),  # a temporary redirect needs no update
    ("/slash", "moved", "redirects permanently"),  # another path, even by one slash
    ("/old", "moved", "redirects permanently"),
    ("/no-head", "ok", "returned 200"),
    ("/missing", "dead", "returned 404"),
    ("/gone", "dead", "returned 410"),
    ("/old-to-missing", "dead", "returned 404"),
    ("/forbidden", "blocked", "returned 403"),
    ("/teapot", "unchecked", "returned 418"),
])
def test_statuses_are_classified(server, path, kind, detail):
    base, _ = server
    outcome = check_url(base + path, timeout=5)
    assert (outcome.kind, outcome.detail) == (kind, detail)
    assert outcome.target == ({"/old": base + "/ok", "/slash": base + "/slash/"}.get(path) or "")


def test_head_refused_is_retried_as_get_and_errors_once_more(server):
    base, requests = server
    requests.clear()
    assert check_url(base + "/no-head", timeout=5).kind == "ok"
    assert check_url(base + "/forbidden", timeout=5).kind == "blocked"
    assert check_url(base + "/error", timeout=5) == Outcome("unchecked", "returned 500", 500)
    assert check_url(base + "/teapot", timeout=5).kind == "unchecked"
    assert requests == [("HEAD", "/no-head"), ("GET", "/no-head"), ("HEAD", "/forbidden"), ("GET", "/forbidden"),
                        ("HEAD", "/error"), ("HEAD", "/error"), ("HEAD", "/teapot")]


def test_timeouts_are_retried_once_and_not_dead(server):
    base, requests = server
    requests.clear()
    assert check_url(base + "/slow", timeout=0.3) == Outcome("unchecked", "timed out after 0.3 s")
    assert requests == [("HEAD", "/slow"), ("HEAD", "/slow")]


def test_refused_connections_and_tls_errors_are_dead(server):
    base, _ = server
    assert check_url(f"http://127.0.0.1:{refused_port()}/", timeout=5) == Outcome("dead", "failed: connection refused")
    tls = check_url(base.replace("http://", "https://") + "/ok", timeout=5)  # TLS spoken to a plain HTTP server
    assert tls == Outcome("dead", "failed: TLS error (bad certificate or handshake)")


def test_dns_failures_are_recognised_in_the_error_chain():
    # No DNS lookup here (tests stay offline): the error as requests raises it for an unknown host.
    unknown_host = NameResolutionError("gone.example", None, socket.gaierror(-2, "Name or service not known"))
    assert connection_failure(requests.ConnectionError(MaxRetryError(None, "/", unknown_host))) == "host not found (DNS)"
    assert connection_failure(requests.ConnectionError(MaxRetryError(None, "/", ProtocolError("reset")))) is None


# --------------------------------------------------------------------------- the report

PLACES = {
    "https://a.example/x": [Place("data/bibliography.yml", 10), Place("docs/a.md", 3)],
    "https://b.example/": [Place("mkdocs.yml", 2)],
    "https://c.example/": [Place("docs/c.md", 1)],
    "https://d.example/": [Place("docs/d.md", 4)],
    "https://e.example/": [Place("docs/e.md", 5)],
}
OUTCOMES = {
    "https://a.example/x": Outcome("dead", "returned 404", 404),
    "https://b.example/": Outcome("moved", "redirects permanently", 200, "https://b.example/new/"),
    "https://c.example/": Outcome("blocked", "returned 403", 403),
    "https://d.example/": Outcome("unchecked", "timed out after 20 s"),
    "https://e.example/": Outcome("ok", "returned 200", 200),
}


def test_report_lists_each_place_by_kind_with_counts():
    report = render_report(PLACES, OUTCOMES)
    assert "Checked 5 distinct URLs written in 6 places" in report
    assert "1 dead, 1 redirected permanently, 1 blocked, 1 could not be checked, 1 ok." in report
    dead = report[report.index("## Dead (1)"):report.index("## Redirected")]
    assert dead.strip().split("\n")[2:] == [
        "- data/bibliography.yml:10: https://a.example/x returned 404 (replace it, or use an archived copy at web.archive.org)",
        "- docs/a.md:3: https://a.example/x returned 404 (replace it, or use an archived copy at web.archive.org)",
    ]
    assert "- mkdocs.yml:2: https://b.example/ redirects permanently (update to https://b.example/new/)\n" in report
    assert "- docs/c.md:1: https://c.example/ returned 403 (the site refuses automated checks" in report
    assert "- docs/d.md:4: https://d.example/ timed out after 20 s (usually temporary" in report
    assert "e.example" not in report


def test_report_without_problems_has_no_sections():
    report = render_report({"https://e.example/": [Place("docs/e.md", 5)]}, {"https://e.example/": OUTCOMES["https://e.example/"]})
    assert "0 dead, 0 redirected permanently, 0 blocked, 0 could not be checked, 1 ok." in report
    assert "## " not in report


# --------------------------------------------------------------------------- the issue

@pytest.mark.parametrize(("open_issue", "dead", "expected"), [
    (None, 2, IssueAction("create", None, "REPORT")),
    ({"number": 7, "body": "older report"}, 2, IssueAction("update", 7, "REPORT")),
    ({"number": 7, "body": "REPORT\n"}, 2, IssueAction("nothing", 7)),
    ({"number": 7, "body": "older report"}, 0, IssueAction("close", 7, external_links.CLOSE_COMMENT)),
    (None, 0, IssueAction("nothing")),
])
def test_issue_decision(open_issue, dead, expected):
    assert decide_issue(open_issue, "REPORT", dead) == expected


def test_issue_body_is_cut_at_a_line_to_fit_github():
    report = "# External links\n\n" + "".join(f"- docs/a.md:{n}: https://a.example/{n} returned 404\n" for n in range(100))
    assert external_links.issue_body(report) == report
    cut = external_links.issue_body(report, limit=200)
    assert len(cut) < 200 + 120 and "- docs/a.md:0: https://a.example/0 returned 404\n" in cut
    assert cut.endswith("the whole report is the run's `external-links-report` artifact.)\n")
    assert "https://a.example/99" not in cut


class RecordingGh:
    """Stands in for :func:`external_links.gh`: records calls, answers ``issue list`` with ``issues``."""

    def __init__(self, issues: list[dict]):
        self.issues, self.calls = issues, []

    def __call__(self, *args, stdin=None):
        self.calls.append((args[:2], stdin))
        return json.dumps(self.issues) if args[:2] == ("issue", "list") else ""


def test_issue_actions_run_the_right_gh_commands():
    gh = RecordingGh([{"number": 3, "title": "Something else", "body": ""}, {"number": 9, "title": "Dead external links", "body": "old"}])
    assert external_links.find_open_issue(gh)["number"] == 9
    assert external_links.find_open_issue(RecordingGh([{"number": 3, "title": "Something else", "body": ""}])) is None
    for action, expected in [
        (IssueAction("create", text="R"), [(("label", "create"), None), (("issue", "create"), "R")]),
        (IssueAction("update", 9, "R"), [(("issue", "edit"), "R")]),
        (IssueAction("close", 9, "C"), [(("issue", "comment"), "C"), (("issue", "close"), None)]),
        (IssueAction("nothing", 9), []),
    ]:
        gh = RecordingGh([])
        external_links.apply_issue_action(action, gh)
        assert gh.calls == expected


def test_command_reports_dead_links_and_updates_the_issue(server, tmp_path: Path, monkeypatch, capsys):
    base, _ = server
    page = f"---\nid: p\n---\n\n[dead]({base}/missing) and [fine]({base}/ok).\n"
    root = repository(tmp_path, {"docs/p.md": page, "data/bibliography.yml": "{}\n", "mkdocs.yml": f"site_name: F\nrepo_url: {base}/old\n"})
    gh = RecordingGh([{"number": 4, "title": "Dead external links", "body": "last week"}])
    monkeypatch.setattr(external_links, "gh", gh)
    assert external_links.main(["--root", str(root), "--report", str(tmp_path / "out/report.md"), "--issue", "--timeout", "5"]) == 1
    report = (tmp_path / "out/report.md").read_text()
    assert f"- docs/p.md:5: {base}/missing returned 404 (replace it" in report
    assert f"- mkdocs.yml:2: {base}/old redirects permanently (update to {base}/ok)" in report
    assert gh.calls[-1] == (("issue", "edit"), report)
    assert report in capsys.readouterr().out
    # The good fixture: nothing dead, so the command succeeds and closes the issue.
    (root / "docs/p.md").write_text(page.replace("/missing", "/ok"))
    assert external_links.main(["--root", str(root), "--issue", "--timeout", "5"]) == 0
    assert [call for call, _ in gh.calls[-2:]] == [("issue", "comment"), ("issue", "close")]


def test_command_reports_nothing_when_no_url_answers(tmp_path: Path, monkeypatch, capsys):
    root = repository(tmp_path, {"docs/p.md": f"[x](http://127.0.0.1:{refused_port()}/)\n", "data/bibliography.yml": "{}\n", "mkdocs.yml": "site_name: F\n"})
    gh = RecordingGh([])
    monkeypatch.setattr(external_links, "gh", gh)
    assert external_links.main(["--root", str(root), "--issue", "--report", str(tmp_path / "report.md")]) == 2
    assert "none of the 1 external URLs answered: is the network down?" in capsys.readouterr().err
    assert gh.calls == [] and not (tmp_path / "report.md").exists()
