"""The one shape every content check reports in."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """A content problem at a place in a file.

    Attributes:
        path: File path relative to the repository root, POSIX style
            (``docs/case-studies/visual-search.md``).
        line: 1-based line number in that file.
        message: What is wrong, then how to fix it in parentheses.
    """

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"
