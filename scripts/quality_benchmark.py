"""Measure the site as readers get it: speed, accessibility, best practices, SEO. Not a test.

1. Builds the site (``mkdocs build --strict``, the median of ``--builds`` runs).
2. Serves it on 127.0.0.1 the way a static host does (gzip, 404 page, under
   site_url's path) and runs Lighthouse (npm package, driving Debian Chromium,
   mobile emulation with Lighthouse's default simulated slow 4G and 4x CPU
   slowdown) ``--runs`` times on one page of each kind: the home page and the
   largest framework step, case study and cheat sheet (largest HTML: the worst
   case of the kind). It reports the median of each number: bytes transferred,
   the four category scores, largest contentful paint and total blocking time.
   Below the target score it also says where the blocking time goes: the main
   thread's style-and-layout and script time, and the page's elements, with how
   many are KaTeX's typeset maths and how many the diagrams' shadow roots hold
   (counted in the built HTML).
3. Profiles one more build (``build_profile.py``): seconds in Markdown, in the
   page templates and in each plugin and hook.
4. Starts ``make serve`` in a throw-away copy of the repository, edits a page
   and times how long the served page takes to show the edit (the median of
   ``--edits`` edits), after timing the first start.

Prints a Markdown table and writes it, with the raw numbers as JSON, to
``build/quality/``. Needs ``make node-deps`` (Lighthouse) and Chromium.

Usage::

    python scripts/quality_benchmark.py              # 3 Lighthouse runs per page
    python scripts/quality_benchmark.py --runs 1 --edits 1
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from browser_session import CHROMIUM  # noqa: E402
from check_handbook import ROOT, read_config  # noqa: E402
from local_server import serve  # noqa: E402
from page_elements import element_counts  # noqa: E402

from handbook.pages import load_site  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules/.bin/lighthouse"
OUTPUT = ROOT / "build/quality"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
#: (label, page kind, track): the home page, then the largest built page of each kind (and of the generative-AI
#: case studies); "other page" covers every page without a kind of its own (the question bank, the glossary,
#: the estimation sheet with its calculators, the references).
KINDS = (("home", None, None), ("framework step", "framework-step", None), ("case study", "case-study", None),
         ("generative-AI case study", "case-study", "generative"), ("cheat sheet", "cheat-sheet", None),
         ("other page", "page", None))
EDITED_PAGE = "docs/cheat-sheets/feature-stores.md"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
#: The targets of issue 20: Lighthouse performance on every measured page, the build, the edit loop.
TARGET_PERFORMANCE = 95
TARGET_BUILD_S = 5.0
TARGET_EDIT_S = 3.0
#: Lighthouse's main-thread groups reported as causes.
MAIN_THREAD = {"styleLayout": "style_layout_ms", "scriptEvaluation": "script_ms"}
#: Build parts under this many seconds are summed into one line.
SMALL_PART_S = 0.25


def build_seconds(site_dir: Path, runs: int) -> list[float]:
    """Wall time of ``runs`` strict builds of the whole handbook into ``site_dir``."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                       cwd=ROOT, env=ENV, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def build_parts(site_dir: Path) -> dict[str, float]:
    """Seconds per part of one more strict build (``build_profile.py``, in its own process)."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts/build_profile.py"), "--site-dir", str(site_dir)],
                            cwd=ROOT, env=ENV, check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def pages_to_measure(site_dir: Path) -> list[tuple[str, str]]:
    """``(kind label, URL path)``: the home page and the largest built page of each other kind."""
    site = load_site(ROOT)
    chosen = [("home", "")]
    for label, kind, track in KINDS[1:]:
        paths = [page_url(page.doc_path) for page in site.of_kind(kind)
                 if track in (None, page.meta.get("track")) and page.doc_path != "index.md"]
        built = [path for path in paths if (site_dir / path / "index.html").is_file()]
        chosen.append((label, max(built, key=lambda p: (site_dir / p / "index.html").stat().st_size)))
    return chosen


def page_url(doc_path: str) -> str:
    """A page's URL path under the site (directory URLs): ``practice/index.md`` -> ``practice/``."""
    stem = doc_path.removesuffix(".md")
    return stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"


def lighthouse(url: str) -> dict:
    """One Lighthouse run (mobile, simulated throttling) on ``url``; the numbers this report uses."""
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
         f"--only-categories={','.join(CATEGORIES)}",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        env={**ENV, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, check=True,
    )
    report = json.loads(result.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse failed on {url}: {report['runtimeError']['message']}")
    audits = report["audits"]
    return {
        **{name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES},
        "bytes": audits["total-byte-weight"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "elements": audits["dom-size"]["numericValue"],
        **{key: sum(item["duration"] for item in audits["mainthread-work-breakdown"]["details"]["items"]
                    if item["group"] == group) for group, key in MAIN_THREAD.items()},
        "failed_audits": sorted(
            ref["id"] for name in CATEGORIES[1:] for ref in report["categories"][name]["auditRefs"]
            if ref["weight"] and (audits[ref["id"]]["score"] is not None) and audits[ref["id"]]["score"] < 1),
    }


def median_run(runs: list[dict]) -> dict:
    """The median of every number over the runs; failed audits from every run."""
    keys = [key for key in runs[0] if key != "failed_audits"]
    summary = {key: statistics.median(run[key] for run in runs) for key in keys}
    summary["failed_audits"] = sorted({audit for run in runs for audit in run["failed_audits"]})
    return summary


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, text: str | None, timeout: float = 180.0) -> float:
    """Poll ``url`` until it answers (and contains ``text``); return the seconds it took."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text is None or text in response.read().decode("utf-8", errors="replace"):
                    return time.perf_counter() - started
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f} s")


def serve_times(edits: int) -> dict:
    """Start ``make serve`` in a copy of the repository; time the first start and each edit."""
    with tempfile.TemporaryDirectory(prefix="handbook-serve-") as temp:
        copy = Path(temp) / "handbook"
        subprocess.run(["git", "checkout-index", "-a", f"--prefix={copy}/"], cwd=ROOT, check=True)
        (copy / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
        port = free_port()
        prefix = urlparse(read_config(ROOT)["site_url"]).path
        page_url = f"http://127.0.0.1:{port}{prefix}{EDITED_PAGE.removeprefix('docs/').removesuffix('.md')}/"
        server = subprocess.Popen(
            ["make", "-o", ".venv/.installed-lock", "serve", f"ADDR=127.0.0.1:{port}"],
            cwd=copy, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            first = wait_for(page_url, None)
            edit_times = []
            for number in range(edits):
                marker = f"Serve benchmark edit {number} {time.time_ns()}."
                page = copy / EDITED_PAGE
                time.sleep(1.0)  # let the watcher settle after the previous rebuild
                edited_at = time.perf_counter()
                page.write_text(page.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
                wait_for(page_url, marker)
                edit_times.append(time.perf_counter() - edited_at)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    return {"first_start_s": first, "edit_s": edit_times}


def causes(pages: list[dict]) -> list[str]:
    """Where the blocking time goes on each page below the target score (Markdown lines, or none)."""
    below = [row for row in pages if row["performance"] < TARGET_PERFORMANCE]
    if not below:
        return []
    lines = [
        "",
        f"Pages below {TARGET_PERFORMANCE}: where the blocking time goes (main thread, throttled; elements in the "
        "built page, with those of KaTeX's typeset maths and of the diagrams' shadow roots).",
        "",
        "| page | gap | TBT | style & layout | script | elements | maths | diagrams |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in below:
        counts = row["element_counts"]
        lines.append(
            f"| `{row['path'] or '/'}` | {TARGET_PERFORMANCE - row['performance']:.0f} | {row['tbt_ms']:,.0f} ms | "
            f"{row['style_layout_ms']:,.0f} ms | {row['script_ms']:,.0f} ms | {row['elements']:,.0f} | "
            f"{counts['maths']:,} ({counts['maths'] / counts['total']:.0%}) | "
            f"{counts['diagrams']:,} ({counts['diagrams'] / counts['total']:.0%}) |")
    return lines


def build_lines(parts: dict[str, float]) -> list[str]:
    """The build profile as rows of the measures table, largest first; parts under ``SMALL_PART_S`` in one row."""
    named = {label: seconds for label, seconds in parts.items() if label != "total"}
    large = sorted(((s, label) for label, s in named.items() if s >= SMALL_PART_S), reverse=True)
    small = [label for label, s in named.items() if s < SMALL_PART_S]
    lines = [f"| build: {label} | {seconds:.2f} s |  |" for seconds, label in large]
    if small:
        lines.append(f"| build: {len(small)} other plugins and hooks | {sum(named[label] for label in small):.2f} s |  |")
    return lines + [f"| build profiled (one run, timers included) | {parts['total']:.2f} s |  |"]


def table(pages: list[dict], builds: list[float], serving: dict, runs: int, parts: dict[str, float]) -> str:
    """The report as Markdown."""
    lines = [
        f"Lighthouse {lighthouse_version()}, mobile emulation (simulated slow 4G, 4x CPU slowdown), "
        f"median of {runs} run(s); served locally with gzip.",
        "",
        "| page kind | page | transferred | performance | accessibility | best practices | SEO | LCP | TBT | CLS |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in pages:
        lines.append(
            f"| {row['kind']} | `{row['path'] or '/'}` | {row['bytes'] / 1024:,.0f} KiB | {row['performance']:.0f} | "
            f"{row['accessibility']:.0f} | {row['best-practices']:.0f} | {row['seo']:.0f} | "
            f"{row['lcp_ms'] / 1000:.1f} s | {row['tbt_ms']:.0f} ms | {row['cls']:.3f} |")
    failed = sorted({audit for row in pages for audit in row["failed_audits"]})
    lines += causes(pages) + [
        "",
        "| measure | value | target |",
        "| --- | --- | --- |",
        f"| full strict build (median of {len(builds)}) | {statistics.median(builds):.2f} s | {TARGET_BUILD_S:.0f} s |",
        *build_lines(parts),
        f"| `make serve`: first page served after start | {serving['first_start_s']:.1f} s |  |",
        f"| `make serve`: edited page shows the edit (median of {len(serving['edit_s'])}) | "
        f"{statistics.median(serving['edit_s']):.1f} s | {TARGET_EDIT_S:.0f} s |",
        "",
        "Accessibility, best-practices and SEO audits below 100 in any run: " + (", ".join(failed) or "none") + ".",
    ]
    return "\n".join(lines) + "\n"


def lighthouse_version() -> str:
    return json.loads((ROOT / "node_modules/lighthouse/package.json").read_text())["version"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median reported)")
    parser.add_argument("--builds", type=int, default=3, help="timed builds (median reported)")
    parser.add_argument("--edits", type=int, default=3, help="timed edits under make serve (median reported)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} is missing: run `make node-deps`", file=sys.stderr)
        return 1
    OUTPUT.mkdir(parents=True, exist_ok=True)
    site_dir = OUTPUT / "site"
    builds = build_seconds(site_dir, args.builds)
    parts = build_parts(OUTPUT / "profiled-site")
    config = read_config(ROOT)
    site_url = urlparse(config["site_url"])
    rows = []
    with serve(site_dir, site_url.path or "/", f"{site_url.scheme}://{site_url.netloc}") as base:
        for kind, path in pages_to_measure(site_dir):
            runs = [lighthouse(base + path) for _ in range(args.runs)]
            html = (site_dir / path / "index.html").read_text(encoding="utf-8")
            rows.append({"kind": kind, "path": path, **median_run(runs), "runs": runs,
                         "element_counts": element_counts(html)})
            print(f"measured {kind}: {base + path}", file=sys.stderr)
    serving = serve_times(args.edits)
    report = table(rows, builds, serving, args.runs, parts)
    (OUTPUT / "report.md").write_text(report, encoding="utf-8")
    (OUTPUT / "report.json").write_text(
        json.dumps({"pages": rows, "build_s": builds, "build_parts_s": parts, "serve": serving}, indent=2), encoding="utf-8")
    print(report)
    print(f"written: {OUTPUT / 'report.md'} and report.json", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
