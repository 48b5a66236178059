"""Session fixtures: the real site built once, served on 127.0.0.1, and a browser."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from helpers import ROOT, build

from browser_session import CHROMIUM, CHROMIUM_FLAGS
from check_handbook import read_config


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """``mkdocs build --strict`` of the repository: ``(finished process, site folder)``."""
    site_dir = tmp_path_factory.mktemp("real-site") / "site"
    return build(ROOT, site_dir), site_dir


@pytest.fixture(scope="session")
def site_url() -> str:
    """``site_url`` of ``mkdocs.yml``: the production address of the site."""
    return read_config(ROOT)["site_url"]


@pytest.fixture(scope="session")
def site_prefix(site_url) -> str:
    """URL path the site lives under (``/handbook/``)."""
    return urlparse(site_url).path or "/"


@pytest.fixture(scope="session")
def browser():
    """Debian Chromium, headless, launched once for the session."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps` (apt-get install chromium)")
    with sync_playwright() as driver:
        instance = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()
