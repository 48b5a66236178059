"""Run every content check without building the site.

Fast enough for a pre-commit hook: it reads the pages, the glossary, the
bibliography, the diagrams and the ``nav`` of ``mkdocs.yml``, and prints one
``path:line: what is wrong (how to fix)`` line per problem.

Usage::

    python scripts/check_handbook.py          # exit 1 if anything is wrong
    python scripts/check_handbook.py --root path/to/checkout
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from handbook.checks import load_handbook, run_checks  # noqa: E402


class _IgnoreTags(yaml.SafeLoader):
    """YAML loader that reads ``!!python/name:`` and ``!relative`` tags as plain values."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)
_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(root: Path) -> dict:
    """Read ``mkdocs.yml`` without importing the objects its tags name."""
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags) or {}


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="repository checkout to check")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    config = read_config(args.root)
    docs_dir = args.root / config.get("docs_dir", "docs")
    problems = run_checks(load_handbook(args.root, docs_dir), config.get("nav"))
    for problem in problems:
        print(problem)
    elapsed = time.perf_counter() - started
    print(f"{len(problems)} problem(s) in {elapsed:.2f} s", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
