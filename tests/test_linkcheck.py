"""linkchecker over the built site, served on 127.0.0.1, with anchor checking on."""

from pathlib import Path

from helpers import build, front, scratch_site

from linkcheck import run_linkchecker


def test_real_site_has_no_broken_links_or_anchors(real_site):
    result, site_dir = real_site
    assert result.returncode == 0
    check = run_linkchecker(site_dir)
    assert check.returncode == 0, check.stdout[-4000:]
    assert "0 warnings found. 0 errors found." in check.stdout


def test_broken_raw_html_link_and_anchor_are_caught(tmp_path: Path):
    # MkDocs validates Markdown links only; raw HTML links are linkchecker's job.
    page = front("home") + '\n<a href="missing-page/">gone</a> and <a href="#no-such-anchor">nowhere</a>\n'
    project = scratch_site(tmp_path, {"docs/index.md": page}, ["index.md"])
    assert build(project).returncode == 0
    check = run_linkchecker(project / "site")
    assert check.returncode == 1
    assert "missing-page/" in check.stdout and "Error: 404" in check.stdout
    assert "Anchor `no-such-anchor'" in check.stdout, check.stdout[-3000:]
