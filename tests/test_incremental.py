"""`make serve` rebuilds incrementally: only the edited page, and everything after a change outside docs/."""

from __future__ import annotations

import logging
import os
import subprocess
import time
from pathlib import Path

from helpers import MKDOCS, ROOT, front, scratch_site

from handbook.incremental import (
    DIRTY_BUILD_FILTER, DIRTY_BUILD_WARNING, INCREMENTAL_VARIABLE, STAMP, changed_since, start_build,
)


def test_changed_since_finds_files_and_files_in_folders_modified_after_a_moment(tmp_path: Path):
    (tmp_path / "data").mkdir()
    old, new, config = tmp_path / "data" / "old.yml", tmp_path / "data" / "new.yml", tmp_path / "mkdocs.yml"
    for path in (old, new, config):
        path.write_text("x")
    os.utime(old, (1_000, 1_000))
    os.utime(config, (1_000, 1_000))
    assert changed_since([config, tmp_path / "data"], 2_000) == [new]
    assert changed_since([config, tmp_path / "data"], time.time() + 60) == []


def test_start_build_empties_the_site_only_first_and_after_a_change_outside_docs(tmp_path: Path):
    site, data = tmp_path / "site", tmp_path / "data.yml"
    data.write_text("x")
    os.utime(data, (1_000, 1_000))
    assert start_build(site, [data]) is True and (site / STAMP).is_file()
    (site / "page.html").write_text("built")
    assert start_build(site, [data]) is False and (site / "page.html").is_file()
    data.write_text("edited")
    os.utime(data, (time.time() + 60, time.time() + 60))
    assert start_build(site, [data]) is True and not (site / "page.html").exists() and (site / STAMP).is_file()


def test_only_mkdocs_dirty_build_warning_is_dropped():
    def record(message: str) -> logging.LogRecord:
        return logging.LogRecord("mkdocs.commands.build", logging.WARNING, __file__, 1, message, None, None)

    assert DIRTY_BUILD_FILTER.filter(record(DIRTY_BUILD_WARNING + ", this will likely lead to ...")) is False
    assert DIRTY_BUILD_FILTER.filter(record("Doc file 'a.md' contains a link 'b.md', but the target is not found")) is True


def test_strict_dirty_rebuilds_render_the_edited_page_and_everything_after_a_data_change(tmp_path: Path):
    project = scratch_site(tmp_path, {
        "docs/index.md": front("home") + "Home, first version.\n",
        "docs/other.md": front("other") + "Other page.\n",
    }, ["index.md", "other.md"])
    site = project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", INCREMENTAL_VARIABLE: "1", "HANDBOOK_PRINT_PAGE": "false"}

    def rebuild() -> dict[str, float]:
        result = subprocess.run([str(MKDOCS), "build", "--strict", "--dirty", "--site-dir", str(site)],
                                cwd=project, capture_output=True, text=True, env=env, check=False)
        assert result.returncode == 0, result.stderr[-3000:]
        return {name: (site / name / "index.html" if name else site / "index.html").stat().st_mtime_ns
                for name in ("", "other")}

    first = rebuild()
    time.sleep(0.05)
    (project / "docs" / "index.md").write_text(front("home") + "Home, second version.\n")
    second = rebuild()
    assert "second version" in (site / "index.html").read_text()
    assert second[""] > first[""] and second["other"] == first["other"], "only the edited page is rendered again"
    time.sleep(0.05)
    (project / "data" / "glossary.yml").write_text("[]\n# edited\n")
    third = rebuild()
    assert third[""] > second[""] and third["other"] > second["other"], "a change outside docs/ renders every page"


def test_make_serve_is_incremental_and_documented():
    assert "HANDBOOK_INCREMENTAL=1 $(BIN)/mkdocs serve --dirty --strict" in (ROOT / "Makefile").read_text()
    assert "only the page you edited" in (ROOT / "docs" / "contributing" / "index.md").read_text()
