"""Check every external link of the handbook: the bibliography, the pages and ``mkdocs.yml``.

Collects each http(s) URL with every place (``path:line``) it is written, checks
each distinct URL once, concurrently, and prints a Markdown report grouped by
kind: dead, redirected permanently, blocked (sites that refuse automated
checks) and could not be checked (timeouts, server errors). Exit status 1 when
a link is dead, 2 when no URL answered at all (the network is down: nothing is
reported as dead then).

It needs the network, so it is not part of ``make test``. The weekly workflow
(``.github/workflows/external-links.yml``) runs it with ``--issue``, which opens,
updates or closes the one "Dead external links" issue with the ``gh`` CLI.

Usage::

    python scripts/external_links.py                       # report on stdout
    python scripts/external_links.py --report build/external-links.md
    python scripts/external_links.py --issue               # also sync the issue (gh, GH_TOKEN)
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import threading
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import NameResolutionError

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_handbook import ROOT, read_config  # noqa: E402
from handbook.citations import load_bibliography, locator_urls  # noqa: E402
from handbook.markdown import prose_lines  # noqa: E402
from handbook.pages import load_site  # noqa: E402

# --------------------------------------------------------------------------- collecting

URL_START = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
#: Punctuation that ends a sentence rather than a URL (as GitHub's autolinks decide).
TRAILING_PUNCTUATION = ".,;:!?*_~"
YAML_COMMENT = re.compile(r"(?:^|\s)#.*$")


@dataclass(frozen=True, order=True)
class Place:
    """Where a URL is written: a file relative to the repository root, and a 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


def urls_in_line(line: str) -> list[str]:
    """Every http(s) URL in one line of Markdown or YAML.

    A URL ends at white space, a quote, ``<``, ``>``, a backtick, or a ``)`` or
    ``]`` it did not open (so ``[text](url)`` and Wikipedia's ``Bias_(statistics)``
    both come out whole); punctuation that ends a sentence is not part of it.
    """
    found, position = [], 0
    while match := URL_START.search(line, position):
        url = _balanced_prefix(match.group(0)).rstrip(TRAILING_PUNCTUATION)
        if urlsplit(url).netloc:
            found.append(url)
        position = match.start() + max(len(url), 1)
    return found


def _balanced_prefix(candidate: str) -> str:
    """``candidate`` up to the first ``)`` or ``]`` that closes nothing opened inside it."""
    depth = {"(": 0, "[": 0}
    for index, char in enumerate(candidate):
        if char in depth:
            depth[char] += 1
        elif char in ")]":
            opener = "(" if char == ")" else "["
            if not depth[opener]:
                return candidate[:index]
            depth[opener] -= 1
    return candidate


def page_urls(root: Path, docs_dir: Path) -> list[tuple[str, Place]]:
    """URLs in every Markdown page: inline and reference links, autolinks, bare URLs; code is skipped."""
    return [
        (url, Place(page.path, number))
        for page in load_site(root, docs_dir).pages
        for number, line in prose_lines(page.text)
        for url in urls_in_line(line)
    ]


def config_urls(root: Path, name: str = "mkdocs.yml") -> list[tuple[str, Place]]:
    """URLs in the values of ``mkdocs.yml`` (``repo_url``, ``site_url``...); comments are skipped."""
    lines = (root / name).read_text(encoding="utf-8").split("\n")
    return [(url, Place(name, number)) for number, line in enumerate(lines, start=1) for url in urls_in_line(YAML_COMMENT.sub("", line))]


def bibliography_urls(root: Path) -> list[tuple[str, Place]]:
    """Each entry's ``url``, ``doi`` and ``arxiv`` as a URL, at the line of that field."""
    bibliography = load_bibliography(root)
    lines = (root / bibliography.path).read_text(encoding="utf-8").split("\n")
    found = []
    for key, entry in bibliography.entries.items():
        if not isinstance(entry, dict):
            continue
        start = bibliography.lines.get(key, 1)
        for field, url in locator_urls(entry):
            line = next((n for n in range(start, len(lines) + 1) if re.match(rf"\s+{field}\s*:", lines[n - 1])), start)
            found.append((url, Place(bibliography.path, line)))
    return found


def collect_urls(root: Path) -> dict[str, list[Place]]:
    """Every external URL of the repository at ``root``, with the sorted places it is written."""
    docs_dir = root / read_config(root).get("docs_dir", "docs")
    places: dict[str, set[Place]] = defaultdict(set)
    for url, place in bibliography_urls(root) + page_urls(root, docs_dir) + config_urls(root):
        places[url].add(place)
    return {url: sorted(found) for url, found in sorted(places.items())}


# --------------------------------------------------------------------------- checking

TIMEOUT = 20.0
WORKERS = 16
#: At most this many requests to one host at a time (doi.org and arxiv.org hold a third of the URLs).
PER_HOST = 4
HEADERS = {
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
    " (ML System Design Handbook link check)",
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "en",
}
#: Statuses after which a HEAD request is repeated as GET: servers that refuse or do not implement HEAD.
GET_INSTEAD = (403, 405, 501)
DEAD_STATUSES = (404, 410)
#: Sites that refuse robots answer these: listed apart, never counted as dead.
BLOCKED_STATUSES = (401, 403, 429, 999)
PERMANENT_REDIRECTS = (301, 308)


@dataclass(frozen=True)
class Outcome:
    """What checking one URL found.

    Attributes:
        kind: ``dead``, ``moved`` (redirected permanently), ``blocked``, ``unchecked`` or ``ok``.
        detail: What happened, to follow the URL in the report (``returned 404``).
        status: The final HTTP status, or ``None`` when the server never answered.
        target: Where a permanent redirect leads (``moved`` only).
    """

    kind: str
    detail: str
    status: int | None = None
    target: str = ""


def check_url(url: str, timeout: float = TIMEOUT) -> Outcome:
    """Check one URL: HEAD (GET when HEAD is refused), one retry after a timeout, a 5xx or a dropped connection."""
    outcome = _check_once(url, timeout)
    transient = outcome.kind == "unchecked" and (outcome.status is None or outcome.status >= 500)
    return _check_once(url, timeout) if transient else outcome


def _check_once(url: str, timeout: float) -> Outcome:
    with requests.Session() as session:
        session.headers.update(HEADERS)
        try:
            response = session.head(url, timeout=timeout, allow_redirects=True)
            if response.status_code in GET_INSTEAD:
                response = session.get(url, timeout=timeout, allow_redirects=True, stream=True)
                response.close()
        except requests.Timeout:
            return Outcome("unchecked", f"timed out after {timeout:g} s")
        except requests.exceptions.SSLError:
            return Outcome("dead", "failed: TLS error (bad certificate or handshake)")
        except requests.ConnectionError as error:
            reason = connection_failure(error)
            return Outcome("dead", f"failed: {reason}") if reason else Outcome("unchecked", "failed: connection dropped")
        except requests.RequestException as error:  # TooManyRedirects, InvalidURL...
            return Outcome("dead", "failed: " + re.sub(r"(?<!^)(?=[A-Z])", " ", error.__class__.__name__).lower())
    return classify(url, response)


def connection_failure(error: BaseException) -> str | None:
    """``host not found (DNS)`` or ``connection refused`` if either caused ``error``, else ``None``."""
    stack, seen = [error], []
    while stack:
        cause = stack.pop()
        if cause is None or any(cause is known for known in seen):
            continue
        seen.append(cause)
        if isinstance(cause, NameResolutionError):
            return "host not found (DNS)"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        stack += [cause.__cause__, cause.__context__, getattr(cause, "reason", None)]
        stack += [arg for arg in cause.args if isinstance(arg, BaseException)]
    return None


def classify(url: str, response: requests.Response) -> Outcome:
    """The outcome of a finished request for ``url`` (``response`` after any redirects)."""
    status = response.status_code
    if status in DEAD_STATUSES:
        return Outcome("dead", f"returned {status}", status)
    if status in BLOCKED_STATUSES:
        return Outcome("blocked", f"returned {status}", status)
    if not 200 <= status < 400:
        return Outcome("unchecked", f"returned {status}", status)
    target = permanent_target(url, response)
    if target:
        return Outcome("moved", "redirects permanently", status, target)
    return Outcome("ok", f"returned {status}", status)


def permanent_target(url: str, response: requests.Response) -> str | None:
    """Where the permanent (301/308) redirects at the start of the chain lead, if to another host or path."""
    target = url
    hops = [*response.history, response]
    for hop, following in zip(hops, hops[1:]):
        if hop.status_code not in PERMANENT_REDIRECTS:
            break
        target = following.url
    old, new = urlsplit(url), urlsplit(target)
    return target if (old.hostname, old.path or "/") != (new.hostname, new.path or "/") else None


def check_all(urls: list[str], timeout: float = TIMEOUT, workers: int = WORKERS) -> dict[str, Outcome]:
    """Check every URL on a thread pool, at most :data:`PER_HOST` at a time per host."""
    slots = {urlsplit(url).hostname: threading.Semaphore(PER_HOST) for url in urls}

    def check(url: str) -> Outcome:
        with slots[urlsplit(url).hostname]:
            return check_url(url, timeout)

    order = _interleaved(urls)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = dict(zip(order, pool.map(check, order)))
    return {url: results[url] for url in urls}


def _interleaved(urls: list[str]) -> list[str]:
    """``urls`` reordered host by host (a, b, c, a, b, a...) so the workers do not all wait on one host."""
    seen: dict[str | None, int] = defaultdict(int)
    ranked = []
    for url in urls:
        host = urlsplit(url).hostname
        ranked.append((seen[host], url))
        seen[host] += 1
    return [url for _, url in sorted(ranked)]


# --------------------------------------------------------------------------- reporting

#: The kinds a report lists, in order: ``(kind, heading, advice)``; moved links get "update to <target>".
REPORTED_KINDS = (
    ("dead", "Dead", "replace it, or use an archived copy at web.archive.org"),
    ("moved", "Redirected permanently", None),
    ("blocked", "Blocked", "the site refuses automated checks: open it in a browser; not counted as dead"),
    ("unchecked", "Could not be checked", "usually temporary: open it in a browser if it is listed again next week"),
)


def report_lines(kind: str, places: dict[str, list[Place]], outcomes: dict[str, Outcome]) -> list[str]:
    """``path:line: URL <detail> (<advice>)`` for every place of every URL of ``kind``, sorted by place."""
    advice = {name: text for name, _, text in REPORTED_KINDS}[kind]
    lines = []
    for url, outcome in outcomes.items():
        if outcome.kind == kind:
            how = advice or f"update to {outcome.target}"
            lines += [(place, f"{place}: {url} {outcome.detail} ({how})") for place in places[url]]
    return [line for _, line in sorted(lines)]


def render_report(places: dict[str, list[Place]], outcomes: dict[str, Outcome]) -> str:
    """The Markdown report: counts, then one section per kind that has links."""
    counts = Counter(outcome.kind for outcome in outcomes.values())
    places_checked = sum(len(places[url]) for url in outcomes)
    summary = ", ".join(f"{counts[kind]} {heading.lower()}" for kind, heading, _ in REPORTED_KINDS)
    out = [
        "# External links",
        "",
        f"Checked {len(outcomes)} distinct URLs written in {places_checked} places (data/bibliography.yml, docs/, mkdocs.yml): "
        f"{summary}, {counts['ok']} ok.",
    ]
    for kind, heading, _ in REPORTED_KINDS:
        lines = report_lines(kind, places, outcomes)
        if lines:
            out += ["", f"## {heading} ({counts[kind]})", "", *(f"- {line}" for line in lines)]
    out += ["", "Run it yourself: `make linkcheck-external` (needs the network)."]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- the GitHub issue

ISSUE_TITLE = "Dead external links"
ISSUE_LABEL = "external-links"
CLOSE_COMMENT = "The weekly external-link check found no dead link: closing."
#: GitHub refuses issue bodies over 65,536 characters.
ISSUE_BODY_LIMIT = 60_000


def issue_body(report: str, limit: int = ISSUE_BODY_LIMIT) -> str:
    """``report``, cut at a line boundary when too long for an issue (dead links come first, so they stay)."""
    if len(report) <= limit:
        return report
    kept = report[:limit].rsplit("\n", 1)[0]
    return kept + "\n\n(Report cut to fit in an issue: the whole report is the run's `external-links-report` artifact.)\n"


@dataclass(frozen=True)
class IssueAction:
    """What to do with the "Dead external links" issue.

    Attributes:
        action: ``create``, ``update``, ``close`` or ``nothing``.
        number: The open issue's number (``update`` and ``close``).
        text: The new body (``create``, ``update``) or the closing comment (``close``).
    """

    action: str
    number: int | None = None
    text: str = ""


def decide_issue(open_issue: dict | None, report: str, dead: int) -> IssueAction:
    """Decide, without touching GitHub, what the check's result means for the issue.

    ``open_issue`` is the open issue (``number`` and ``body``) or ``None``; ``dead``
    counts the dead URLs of ``report``.
    """
    if not dead:
        return IssueAction("close", open_issue["number"], CLOSE_COMMENT) if open_issue else IssueAction("nothing")
    if open_issue is None:
        return IssueAction("create", text=report)
    if open_issue["body"].strip() == report.strip():
        return IssueAction("nothing", open_issue["number"])
    return IssueAction("update", open_issue["number"], report)


def gh(*args: str, stdin: str | None = None) -> str:
    """Run the ``gh`` CLI (authenticated by ``GH_TOKEN``); returns its output, raises on failure."""
    return subprocess.run(["gh", *args], input=stdin, capture_output=True, text=True, check=True).stdout


def find_open_issue(run=gh) -> dict | None:
    """The open issue titled :data:`ISSUE_TITLE` with label :data:`ISSUE_LABEL`, if there is one."""
    found = json.loads(run("issue", "list", "--state", "open", "--label", ISSUE_LABEL, "--json", "number,title,body", "--limit", "50"))
    return next((issue for issue in found if issue["title"] == ISSUE_TITLE), None)


def apply_issue_action(action: IssueAction, run=gh) -> None:
    """Carry out ``action`` with ``run`` (:func:`gh`; the tests pass a recorder)."""
    if action.action == "create":
        run("label", "create", ISSUE_LABEL, "--force", "--color", "B60205", "--description", "Found by the weekly external-link check")
        run("issue", "create", "--title", ISSUE_TITLE, "--label", ISSUE_LABEL, "--body-file", "-", stdin=action.text)
    elif action.action == "update":
        run("issue", "edit", str(action.number), "--body-file", "-", stdin=action.text)
    elif action.action == "close":
        run("issue", "comment", str(action.number), "--body-file", "-", stdin=action.text)
        run("issue", "close", str(action.number))


# --------------------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="repository checkout to read")
    parser.add_argument("--report", type=Path, help="also write the Markdown report to this file")
    parser.add_argument("--issue", action="store_true", help='open, update or close the "Dead external links" issue with gh')
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per request (default %(default)s)")
    args = parser.parse_args(argv)
    places = collect_urls(args.root)
    outcomes = check_all(list(places), args.timeout)
    if outcomes and all(outcome.status is None for outcome in outcomes.values()):
        print(f"none of the {len(outcomes)} external URLs answered: is the network down? (nothing reported)", file=sys.stderr)
        return 2
    report = render_report(places, outcomes)
    print(report)
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(report, encoding="utf-8")
    dead = sum(outcome.kind == "dead" for outcome in outcomes.values())
    if args.issue:
        action = decide_issue(find_open_issue(gh), issue_body(report), dead)
        apply_issue_action(action, gh)
        print(f"issue: {action.action}" + (f" #{action.number}" if action.number else ""), file=sys.stderr)
    return 1 if dead else 0


if __name__ == "__main__":
    sys.exit(main())
