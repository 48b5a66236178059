"""Links and anchors of the built site: linkchecker over local HTTP, and the one-pass anchor check."""

from pathlib import Path

from helpers import build, front, scratch_site

from linkcheck import anchor_problems, run_linkchecker


def test_real_site_has_no_broken_links_or_anchors(real_site):
    result, site_dir = real_site
    assert result.returncode == 0
    check = run_linkchecker(site_dir)
    assert check.returncode == 0, check.stdout[-4000:]
    assert "0 warnings found. 0 errors found." in check.stdout
    assert anchor_problems(site_dir) == []


def test_broken_raw_html_link_and_anchors_are_caught(tmp_path: Path):
    # MkDocs validates Markdown links and their anchors only; raw HTML links are checked here.
    home = front("home") + (
        '\n<a href="missing-page/">gone</a> and <a href="#no-such-anchor">nowhere</a>\n\n'
        '<a href="other/#sec%C3%A9">encoded, exists</a> <a href="other/#gone">moved away</a> '
        '<a href="https://example.org/#x">elsewhere</a>\n')
    other = front("other") + "\n## Section { #secé }\n\nText.\n"
    project = scratch_site(tmp_path, {"docs/index.md": home, "docs/other.md": other}, ["index.md", "other.md"])
    assert build(project).returncode == 0
    check = run_linkchecker(project / "site")
    assert check.returncode == 1
    assert "missing-page/" in check.stdout and "Error: 404" in check.stdout
    problems = anchor_problems(project / "site")
    assert [p.split(":", 2)[2] for p in problems] == [
        " link '#no-such-anchor' points to no id 'no-such-anchor' in index.html (fix the link, or give the heading that id)",
        " link 'other/#gone' points to no id 'gone' in other/index.html (fix the link, or give the heading that id)",
    ]
    assert all(p.startswith("index.html:") and int(p.split(":")[1]) > 1 for p in problems)
