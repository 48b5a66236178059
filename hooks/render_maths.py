"""MkDocs hook: typeset every formula at build time with the site's own KaTeX.

See [`typeset_formulas`][handbook.maths.typeset_formulas]. Formulas are typeset
in each finished page and in the print page once print-site has written it
(print-site re-parses page HTML and is much slower on typeset formulas), so the
PDF gets them too. A formula KaTeX rejects is a content problem, logged as
``path:line: formula does not typeset: ...`` (a strict build then fails).
"""

from __future__ import annotations

import functools
from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger

from handbook.maths import Typesetter, formula_problem, typeset_formulas
from handbook.pages import print_page_file

log = get_plugin_logger("render_maths")


@functools.cache
def typesetter_for(katex_script: Path) -> Typesetter:
    """KaTeX loaded into V8 once per process (``make serve`` keeps it across rebuilds)."""
    return Typesetter(katex_script)


def typesetter(config) -> Typesetter:
    """The typesetter for the site's own copy of KaTeX."""
    return typesetter_for(Path(config.docs_dir) / "assets" / "vendor" / "katex" / "katex.min.js")


@event_priority(-50)
def on_post_page(output, page, config):
    """Replace each formula's LaTeX by KaTeX's HTML and MathML; report the ones KaTeX rejects."""
    output, errors = typeset_formulas(output, typesetter(config))
    if errors:
        markdown = Path(page.file.abs_src_path).read_text(encoding="utf-8")
        for error in errors:
            log.warning(str(formula_problem("docs/" + page.file.src_uri, markdown, error)))
    return output


@event_priority(-50)
def on_post_build(config):
    """Typeset the print page too; its failures were already reported page by page."""
    page = print_page_file(Path(config.site_dir))
    if page is not None:
        page.write_text(typeset_formulas(page.read_text(encoding="utf-8"), typesetter(config))[0], encoding="utf-8")
