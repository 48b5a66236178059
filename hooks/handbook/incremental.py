"""``make serve`` rebuilds only the page you edited; everything when a file outside ``docs/`` changed.

``make serve`` runs ``mkdocs serve --dirty`` with ``HANDBOOK_INCREMENTAL`` set. MkDocs then renders only the
Markdown files changed since the last build (a full build takes about 10 s; one page about 3 s), and Material's
search keeps the other pages' index entries. Two things MkDocs does not do, ``start_build`` does:

- A change outside ``docs/`` (``mkdocs.yml``, or anything under the ``watch:`` folders: diagrams, data, hooks,
  overrides) can change every page, so the build first empties the site folder and every page is rendered again.
- Under ``--strict`` MkDocs' own warning that a dirty build is being performed would fail every rebuild; it is
  dropped (``DIRTY_BUILD_FILTER``), and only while serving incrementally.

What stays stale until the next change outside ``docs/`` (or a restart): what other pages gather from the page
you edit (glossary links and tooltips, cross-links, the refresher pages, the review page's question list).
``make build``, ``make test`` and the deploy always build everything.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.utils import clean_directory

#: Set by ``make serve`` together with ``mkdocs serve --dirty``.
INCREMENTAL_VARIABLE = "HANDBOOK_INCREMENTAL"
#: Hidden file in the site folder whose modification time is the start of the last build (clean_directory
#: keeps hidden files).
STAMP = ".handbook-last-build"
DIRTY_BUILD_WARNING = "A 'dirty' build is being performed"


class DirtyBuildFilter(logging.Filter):
    """Drops MkDocs' warning that a dirty build is being performed (it would fail a strict rebuild)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_BUILD_WARNING)


#: One filter for the whole process: hooks are imported again on every rebuild, and ``addFilter`` adds
#: the same object only once.
DIRTY_BUILD_FILTER = DirtyBuildFilter()


def is_incremental() -> bool:
    """Whether this process serves the site incrementally (``make serve``)."""
    return bool(os.environ.get(INCREMENTAL_VARIABLE))


def allow_dirty_builds() -> None:
    """Stop MkDocs' dirty-build warning from failing strict rebuilds."""
    logging.getLogger("mkdocs.commands.build").addFilter(DIRTY_BUILD_FILTER)


def changed_since(paths: list[Path], moment: float) -> list[Path]:
    """Files among ``paths`` (files, or folders searched recursively) modified after ``moment`` (POSIX time)."""
    changed = []
    for path in paths:
        files = [path] if path.is_file() else [item for item in path.rglob("*") if item.is_file()]
        changed += [item for item in files if item.stat().st_mtime > moment]
    return changed


def start_build(site_dir: Path, outside_docs: list[Path]) -> bool:
    """Before an incremental build: empty ``site_dir`` if a file of ``outside_docs`` changed since the last one.

    Records this build's start in the stamp file. Returns whether every page will be rendered (the first
    build, or a change outside ``docs/``).
    """
    stamp = site_dir / STAMP
    everything = not stamp.is_file() or bool(changed_since(outside_docs, stamp.stat().st_mtime))
    site_dir.mkdir(parents=True, exist_ok=True)
    if everything:
        clean_directory(str(site_dir))
    stamp.touch()
    return everything
