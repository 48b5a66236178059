"""MkDocs hook: run every content check at the start of each build.

Problems are logged as warnings in the ``path:line: what is wrong (how to fix)``
form, so one ``mkdocs build --strict`` lists all of them and then fails. The
checks themselves live in [`handbook.checks`][handbook.checks].
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from handbook.checks import load_handbook, run_checks
from handbook.diagrams import neutralise_missing_includes

log = get_plugin_logger("check_content")


def on_files(files, config):
    """Check the whole handbook once the file list is known (rebuilt on every build)."""
    handbook = load_handbook(Path(config.config_file_path).parent, Path(config.docs_dir))
    for problem in run_checks(handbook, config.nav):
        log.warning(str(problem))
    return files


def on_page_markdown(markdown, page, config, files):
    """Keep a missing diagram file from aborting the build before every problem is listed."""
    return neutralise_missing_includes(markdown, Path(config.config_file_path).parent)
