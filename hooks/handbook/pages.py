"""Loading the handbook's pages and the site-wide index built from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .markdown import FrontMatter, read_front_matter

#: The seven framework steps, in order: ``(step number, page id, section heading)``.
FRAMEWORK_STEPS: tuple[tuple[int, str, str], ...] = (
    (1, "clarify-requirements", "Clarify requirements"),
    (2, "frame-the-problem", "Frame the problem as an ML task"),
    (3, "data-preparation", "Data preparation"),
    (4, "model-development", "Model development"),
    (5, "evaluation", "Evaluation"),
    (6, "deployment-and-serving", "Deployment and serving"),
    (7, "monitoring-and-infrastructure", "Monitoring and infrastructure"),
)


@dataclass
class Page:
    """One Markdown page of the site.

    Attributes:
        path: Path from the repository root (``docs/framework/index.md``): what problems name.
        doc_path: Path from ``docs/`` (``framework/index.md``): what links are relative to.
        text: The whole source, front matter included.
        front: The parsed front matter.
    """

    path: str
    doc_path: str
    text: str
    front: FrontMatter

    @property
    def meta(self) -> dict:
        """The front matter mapping."""
        return self.front.data

    @property
    def id(self) -> str | None:
        """The page's stable ``id``, if it declares one."""
        value = self.meta.get("id")
        return value if isinstance(value, str) else None

    @property
    def kind(self) -> str | None:
        """The page ``kind`` (``case-study``, ``cheat-sheet``...)."""
        return self.meta.get("kind")

    @property
    def title(self) -> str:
        """The page title, or its file name when it has none."""
        return str(self.meta.get("title") or Path(self.doc_path).stem)

    @property
    def body_start(self) -> int:
        """Line number of the first line after the front matter."""
        return self.front.end_line + 1


@dataclass
class Site:
    """Everything the checks and renderers need to know about the handbook.

    Attributes:
        root: Repository root.
        docs_dir: The ``docs/`` folder.
        pages: Every Markdown page under ``docs/``, sorted by path.
        by_id: Pages by ``id`` (the first page wins when ids collide).
    """

    root: Path
    docs_dir: Path
    pages: list[Page]
    by_id: dict[str, Page] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[Page]:
        """Pages of one ``kind``, in path order."""
        return [page for page in self.pages if page.kind == kind]

    def case_studies(self) -> list[Page]:
        """Case-study pages, in path order."""
        return self.of_kind("case-study")


def load_page(root: Path, docs_dir: Path, file: Path) -> Page:
    """Read one page and parse its front matter."""
    text = file.read_text(encoding="utf-8")
    return Page(
        path=file.relative_to(root).as_posix(),
        doc_path=file.relative_to(docs_dir).as_posix(),
        text=text,
        front=read_front_matter(text),
    )


def load_site(root: Path, docs_dir: Path | None = None) -> Site:
    """Read every ``*.md`` page under ``docs_dir`` (default ``root/docs``)."""
    root = root.resolve()
    docs_dir = (docs_dir or root / "docs").resolve()
    pages = [load_page(root, docs_dir, file) for file in sorted(docs_dir.rglob("*.md"))]
    by_id: dict[str, Page] = {}
    for page in pages:
        if page.id and page.id not in by_id:
            by_id[page.id] = page
    return Site(root=root, docs_dir=docs_dir, pages=pages, by_id=by_id)


def print_page_file(site_dir: Path) -> Path | None:
    """The whole-book page print-site wrote into ``site_dir`` (directory or flat URLs), if any."""
    for candidate in (site_dir / "print_page" / "index.html", site_dir / "print_page.html"):
        if candidate.is_file():
            return candidate
    return None
