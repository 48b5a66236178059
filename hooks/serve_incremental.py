"""MkDocs hook: ``make serve`` rebuilds only the page you edited, and everything after a change outside docs/.

See [`handbook.incremental`][handbook.incremental]: active only when ``HANDBOOK_INCREMENTAL`` is set (``make
serve`` sets it and runs ``mkdocs serve --dirty``); other builds are untouched.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from handbook.incremental import allow_dirty_builds, is_incremental, start_build

if is_incremental():
    allow_dirty_builds()


@event_priority(100)
def on_pre_build(config):
    """Empty the site folder when ``mkdocs.yml`` or a ``watch:`` folder changed since the last build."""
    if is_incremental():
        start_build(Path(config.site_dir), [Path(config.config_file_path), *map(Path, config.watch)])
