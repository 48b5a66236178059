"""Formulas typeset at build time with the site's KaTeX in embedded V8."""

import pytest
from helpers import ROOT, explained_on_errors_page

from handbook.maths import FormulaError, Typesetter, formula_problem, typeset_formulas


@pytest.fixture(scope="module")
def typesetter():
    return Typesetter(ROOT / "docs/assets/vendor/katex/katex.min.js")


def test_inline_and_display_formulas_become_katex_markup_inside_their_wrappers(typesetter):
    html = ('<p>Rate <span class="arithmatex">\\(p &lt; 0.5\\)</span>.</p>\n'
            '<div class="arithmatex">\\[\\frac{a}{b}\\]</div>')
    out, errors = typeset_formulas(html, typesetter)
    assert errors == []
    assert out.startswith('<p>Rate <span class="arithmatex"><span class="katex"><span class="katex-mathml"><math')
    assert '<annotation encoding="application/x-tex">p &lt; 0.5</annotation>' in out  # unescaped before KaTeX
    assert '<div class="arithmatex"><span class="katex-display">' in out and '<mfrac>' in out
    assert "\\(" not in out and "\\[" not in out


def test_a_formula_katex_rejects_is_left_as_source_and_reported(typesetter):
    html = '<span class="arithmatex">\\(\\frac{a}{b\\)</span> and <span class="arithmatex">\\(\\nocommand x\\)</span>'
    out, errors = typeset_formulas(html, typesetter)
    assert out == html
    assert errors[0] == FormulaError(
        "\\frac{a}{b", "KaTeX parse error: Unexpected end of input in a macro argument, expected '}' at end of input: \\frac{a}{b")
    assert str(formula_problem("docs/x.md", "a $\\nocommand x$", errors[1])) == (
        "docs/x.md:1: formula does not typeset: Undefined control sequence: \\nocommand at position 1: \\nocommand x "
        "(fix the LaTeX; KaTeX supports only the functions on its 'Supported Functions' page)")


def test_problem_points_at_the_line_that_holds_the_formula():
    markdown = "---\nid: x\n---\n\nText.\n\n$$\n\\frac{a}{b\n$$\n"
    problem = formula_problem("docs/x.md", markdown, FormulaError("\n\\frac{a}{b\n", "KaTeX parse error: Expected '}'"))
    assert str(problem) == ("docs/x.md:8: formula does not typeset: Expected '}' "
                            "(fix the LaTeX; KaTeX supports only the functions on its 'Supported Functions' page)")
    assert explained_on_errors_page(str(problem))
    assert formula_problem("docs/x.md", markdown, FormulaError("y", "m")).line == 1
