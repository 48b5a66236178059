"""robots.txt, the sitemap and the absence of tracking, on the real build and on broken copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_audit import audit, robots_problems, sitemap_problems, tracking_problems

URL = "https://example.org/handbook/"


@pytest.fixture
def good_site(tmp_path: Path) -> Path:
    """A minimal build: two pages, 404, print page, robots.txt and sitemap as the real build writes them."""
    site = tmp_path / "site"
    for page in ("index.html", "guide/index.html", "print_page/index.html", "404.html"):
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        robots = '<meta name="robots" content="noindex">' if page.startswith("print_page") else ""
        (site / page).write_text(f"<!doctype html>\n<html><head><meta charset=\"utf-8\">{robots}</head><body>Hi</body></html>\n")
    (site / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {URL}sitemap.xml\n")
    (site / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"  <url>\n    <loc>{URL}</loc>\n  </url>\n  <url>\n    <loc>{URL}guide/</loc>\n  </url>\n</urlset>\n")
    return site


def test_the_real_build_passes(real_site, site_url):
    result, site_dir = real_site
    assert result.returncode == 0, result.stderr[-2000:]
    assert audit(site_dir, site_url) == []
    assert (site_dir / "robots.txt").read_text().splitlines()[-1] == f"Sitemap: {site_url}sitemap.xml"


def test_the_minimal_build_passes(good_site):
    assert audit(good_site, URL) == []


def test_robots_that_hide_the_site_or_forget_the_sitemap_fail(good_site):
    (good_site / "robots.txt").write_text("User-agent: *\nDisallow: /\n")
    assert robots_problems(good_site, URL) == [
        "robots.txt:2: 'Disallow: /' hides the whole handbook from search engines (remove it)",
        f"robots.txt:2: no 'Sitemap: {URL}sitemap.xml' line (robots.txt must name the sitemap at site_url)",
    ]
    (good_site / "robots.txt").unlink()
    assert robots_problems(good_site, URL) == [
        "robots.txt:1: missing (list robots.txt in theme.static_templates and keep overrides/robots.txt)"]


def test_sitemap_with_foreign_stale_duplicate_and_missing_entries_fails(good_site):
    (good_site / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"<url><loc>http://127.0.0.1:8000/handbook/</loc></url>\n"
        f"<url><loc>{URL}gone/</loc></url>\n"
        f"<url><loc>{URL}print_page/</loc></url>\n"
        f"<url><loc>{URL}print_page/</loc></url>\n"
        "</urlset>\n")
    assert sitemap_problems(good_site, URL) == [
        f"sitemap.xml:3: http://127.0.0.1:8000/handbook/ is not under site_url {URL} (set site_url to the production address)",
        f"sitemap.xml:4: {URL}gone/ has no page in the build (a stale or mistyped entry)",
        f"sitemap.xml:5: {URL}print_page/ is not a page for crawlers (leave it out)",
        f"sitemap.xml:6: {URL}print_page/ is listed twice",
        f"sitemap.xml:6: {URL}print_page/ is not a page for crawlers (leave it out)",
        "sitemap.xml:1: guide/index.html is built but not listed (every page in nav is listed; add it to nav)",
        "sitemap.xml:1: index.html is built but not listed (every page in nav is listed; add it to nav)",
    ]


def test_print_page_without_noindex_fails(good_site):
    (good_site / "print_page/index.html").write_text("<!doctype html>\n<html><head></head></html>\n")
    assert sitemap_problems(good_site, URL) == [
        "print_page/index.html:1: the whole-book page has no noindex robots meta "
        "(overrides/main.html adds it; search engines would index every page twice)"]


def test_analytics_and_remote_assets_fail(good_site):
    (good_site / "guide/index.html").write_text(
        "<!doctype html>\n<html><head>\n<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-1\"></script>\n"
        "<link rel=\"stylesheet\" href=\"https://fonts.googleapis.com/css?family=Roboto\">\n</head></html>\n")
    (good_site / "assets").mkdir()
    (good_site / "assets/extra.css").write_text("body {\n  background: url(https://cdn.example.com/bg.png);\n}\n")
    assert tracking_problems(good_site) == [
        "assets/extra.css:2: asset loaded from another host (serve it from docs/assets/vendor/)",
        "guide/index.html:3: tracking code 'googletagmanager.com' (the handbook has no analytics; remove it)",
        "guide/index.html:3: asset loaded from another host (serve it from docs/assets/vendor/)",
        "guide/index.html:4: asset loaded from another host (serve it from docs/assets/vendor/)",
    ]
