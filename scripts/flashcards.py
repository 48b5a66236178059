"""Write the handbook's flashcards as an Anki deck and a CSV file.

Cards come from every ``??? question`` block (question and model answer) and
every glossary term; see [`handbook.flashcards`][handbook.flashcards].

Usage::

    python scripts/flashcards.py                 # -> ml-system-design-handbook-flashcards.apkg and .csv
    python scripts/flashcards.py --output-dir site/downloads
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from handbook.flashcards import BASENAME, write_decks  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    counts = write_decks(ROOT, args.output_dir)
    print(f"{BASENAME}: {counts['questions']} question cards, {counts['terms']} glossary cards -> {args.output_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
