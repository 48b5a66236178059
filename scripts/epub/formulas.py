"""Formulas as MathML an e-reader can lay out: valid tokens, and line breaks where TeX allows them.

The build typesets every formula with KaTeX, which writes MathML beside its HTML
rendering; the book keeps the MathML. Two repairs make it fit a book:

- KaTeX writes ``\\bmod`` as ``<mo><mrow><mi>m</mi>...</mrow></mo>``; MathML token
  elements hold text only (EPUBCheck rejects the rest), so such a token keeps its
  text (``<mo>mod</mo>``).
- MathML does not break lines, so a formula wider than a 6-inch screen would
  run off it. TeX breaks an inline formula after a relation or a binary
  operator at its top level; the book does the same, for display formulas too,
  by writing the formula as one ``<math>`` per stretch between those break
  points (a reader breaks a line between two of them, never inside one). The
  pieces of a display formula keep its display style and sit centred in its
  block (``div.arithmatex``).
"""

from __future__ import annotations

from lxml import etree

MATHML = "http://www.w3.org/1998/Math/MathML"
#: MathML token elements, which hold text only.
TOKENS = ("mi", "mn", "mo", "ms", "mtext")
#: Operators after which TeX may break an inline formula: relations and binary operators.
BREAK_AFTER = set("=≈≠<>≤≥≪≫∼≃≡∝→⇒⇔∈∉⊂⊆+−×⋅·÷±∓∪∩")
#: Opening fences: an operator right after one (``(−1``) is a sign, not a break point.
OPENING = set("([{⌊⌈⟨")


def text_only_tokens(root: etree._Element) -> None:
    """Replace the element children of each token element by their text."""
    for token in root.iter(*(f"{{{MATHML}}}{name}" for name in TOKENS)):
        if len(token):
            text = "".join(token.itertext())
            for child in list(token):
                token.remove(child)
            token.text = text


def break_points(row: etree._Element) -> list[int]:
    """Indexes of the children of ``row`` after which a line may break (never after the last)."""
    def operator(element: etree._Element | None) -> str | None:
        return (element.text or "").strip() if element is not None and element.tag == f"{{{MATHML}}}mo" else None

    children = list(row)
    points = []
    for index, child in enumerate(children[:-1]):
        if index == 0 or operator(child) not in BREAK_AFTER:
            continue  # a leading operator is a sign
        previous = operator(children[index - 1])
        if previous in BREAK_AFTER or previous in OPENING:
            continue  # a sign after an operator or a fence: "= −1", "(−1"
        points.append(index)
    return points


def formula(mathml: str) -> list[etree._Element]:
    """A formula's MathML (from KaTeX) as the ``<math>`` elements the book writes, in order."""
    root = etree.fromstring(mathml.encode("utf-8"))
    text_only_tokens(root)
    row = root.find(f"{{{MATHML}}}semantics/{{{MATHML}}}mrow")
    points = break_points(row) if row is not None else []
    if not points:
        return [root]
    style = {"displaystyle": "true"} if root.get("display") == "block" else {}
    children, pieces, start = list(row), [], 0
    for end in [*points, len(row) - 1]:
        piece = etree.Element(f"{{{MATHML}}}math", style, nsmap={None: MATHML})
        etree.SubElement(piece, f"{{{MATHML}}}mrow").extend(children[start:end + 1])
        pieces.append(piece)
        start = end + 1
    return pieces
