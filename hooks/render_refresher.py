"""MkDocs hook: the visual refresher pages, generated from the case studies' figures.

See [`handbook.figures`][handbook.figures]: a page with ``generate: refresher`` shows the figures of the
case study with its file name; the page with ``generate: refresher-index`` lists every refresher page.
"""

from __future__ import annotations

from pathlib import Path

from handbook.figures import refresher_index_markdown, refresher_markdown, study_of
from handbook.pages import load_site

_state: dict = {}


def on_files(files, config):
    """Forget the last build's pages (``make serve`` rebuilds read them again, once)."""
    _state.clear()
    return files


def on_page_markdown(markdown, page, config, files):
    """Append the figures to a refresher page, or the list of refresher pages to their index."""
    kind = page.meta.get("generate")
    if kind not in ("refresher", "refresher-index"):
        return markdown
    if "site" not in _state:
        _state["site"] = load_site(Path(config.config_file_path).parent, Path(config.docs_dir))
    site = _state["site"]
    source = next((p for p in site.pages if p.doc_path == page.file.src_uri), None)
    if source is None:
        return markdown
    if kind == "refresher-index":
        return markdown + "\n\n" + refresher_index_markdown(site, source.doc_path)
    study = study_of(site, source)
    return markdown if study is None else markdown + "\n\n" + refresher_markdown(study, source.doc_path)
