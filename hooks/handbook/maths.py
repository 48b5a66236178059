"""Formulas typeset at build time, so readers' browsers need not run KaTeX.

``pymdownx.arithmatex`` (generic mode) leaves ``<span class="arithmatex">\\(...\\)</span>``
and ``<div class="arithmatex">\\[...\\]</div>`` in the page HTML. [`typeset_formulas`][handbook.maths.typeset_formulas]
replaces their content by the HTML and MathML that the site's own copy of KaTeX
produces, run in an embedded V8 engine (the ``mini-racer`` package), so the page
needs only KaTeX's stylesheet and fonts. A formula KaTeX rejects is reported
with its page and line, and left as source.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from .problems import Problem

FORMULA = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])</(?P=tag)>', re.DOTALL)

#: One call per page, for all its formulas; errors come back as data, not as a V8 exception.
TYPESET = """
function typesetFormulas(formulasJson) {
  return JSON.stringify(JSON.parse(formulasJson).map(function (formula) {
    try {
      return { html: katex.renderToString(formula[0], { displayMode: formula[1], throwOnError: true }) };
    } catch (error) {
      return { error: String(error && error.message || error) };
    }
  }));
}
"""


@dataclass(frozen=True)
class FormulaError:
    """A formula KaTeX could not typeset.

    Attributes:
        tex: The LaTeX source, as written in the page.
        message: KaTeX's error message.
    """

    tex: str
    message: str


class Typesetter:
    """KaTeX, loaded once into an embedded V8 context and reused for every page.

    Results are kept by formula, so the print page, which repeats every page, and
    ``make serve`` rebuilds typeset only what is new.
    """

    def __init__(self, katex_script: Path):
        from py_mini_racer import MiniRacer

        self._context = MiniRacer()
        self._context.eval(katex_script.read_text(encoding="utf-8"))
        self._context.eval(TYPESET)
        self._done: dict[tuple[str, bool], dict] = {}

    def typeset(self, formulas: list[tuple[str, bool]]) -> list[dict]:
        """For each ``(tex, display)``: ``{"html": ...}`` if KaTeX accepts it, else ``{"error": message}``."""
        new = list(dict.fromkeys(f for f in formulas if f not in self._done))
        if new:
            self._done.update(zip(new, json.loads(self._context.call("typesetFormulas", json.dumps(new)))))
        return [self._done[f] for f in formulas]


def typeset_formulas(html: str, typesetter: Typesetter) -> tuple[str, list[FormulaError]]:
    """Typeset every arithmatex formula of a page; return the new HTML and the formulas that failed."""
    matches = list(FORMULA.finditer(html))
    formulas = [(unescape(m.group("display") if m.group("display") is not None else m.group("inline")),
                 m.group("display") is not None) for m in matches]
    parts, errors, last = [], [], 0
    for match, (tex, _), result in zip(matches, formulas, typesetter.typeset(formulas)):
        parts.append(html[last:match.start()])
        if "error" in result:
            errors.append(FormulaError(tex, result["error"]))
            parts.append(match.group(0))
        else:
            parts.append(f'<{match.group("tag")} class="arithmatex">{result["html"]}</{match.group("tag")}>')
        last = match.end()
    parts.append(html[last:])
    return "".join(parts), errors


def formula_problem(path: str, markdown: str, error: FormulaError) -> Problem:
    """A failed formula as a problem at the first line of ``markdown`` that holds its source."""
    first_line = error.tex.strip().split("\n")[0].strip()
    line = next((n for n, text in enumerate(markdown.split("\n"), start=1) if first_line and first_line in text), 1)
    message = error.message.replace("KaTeX parse error: ", "").replace("\u0332", "")  # KaTeX underlines with U+0332
    return Problem(path, line, f"formula does not typeset: {message} (fix the LaTeX; KaTeX supports only the functions on its 'Supported Functions' page)")
