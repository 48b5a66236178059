"""Diagram legibility (label size at page width and in print), the diagram font, and the print page."""

from pathlib import Path

from helpers import ROOT, explained_on_errors_page

from handbook.diagram_font import DIAGRAM_FONT, font_characters, missing_characters
from handbook.legibility import check_legibility, legibility_problems, measure
from handbook.print_page import drop_heading_numbers
from handbook.snapshots import snapshot_text


def svg(width: float, height: float, font: int = 16, text_font: str = "") -> str:
    return (f'<svg id="snapshot-x" width="100%" style="max-width: {width}px;" viewBox="0 0 {width} {height}">'
            f'<style>#snapshot-x{{font-family:"Handbook Inter";font-size:{font}px;fill:#333;}}</style>'
            f'<text{text_font}>label</text></svg>')


def test_measure_scales_labels_to_the_column_and_the_printed_page():
    narrow = measure(svg(600, 400))
    assert (narrow.site_px, narrow.print_pt) == (16, 12)  # drawn at natural size
    wide = measure(svg(1376, 300))
    assert round(wide.site_px, 2) == 8.0  # 16 px x 688 / 1376
    assert round(wide.print_pt, 2) == round(16 * (182 / 25.4 * 96) / 1376 * 0.75, 2)
    tall = measure(svg(500, 3326))
    assert tall.site_px == 16 and round(tall.print_pt, 2) == round(16 * (220 / 25.4 * 96) / 3326 * 0.75, 2)
    assert measure(svg(600, 400, text_font=' font-size="10"')).site_px == 10  # the smallest text counts
    assert measure("<svg></svg>") is None


def test_too_wide_too_tall_and_unmeasurable_snapshots_are_reported():
    assert legibility_problems("d.mmd", svg(917, 300)) == []
    assert [str(p) for p in legibility_problems("d.mmd", svg(2000, 300))] == [
        "d.mmd:1: labels render at 5.5 px at page width (split it into views or lay it out top-down)",
        "d.mmd:1: labels print at 4.1 pt in the PDF (split it into views, or shorten it: a figure prints at most 220 mm tall)",
    ]
    assert [str(p) for p in legibility_problems("d.mmd", svg(600, 2400))] == [
        "d.mmd:1: labels print at 4.2 pt in the PDF (split it into views, or shorten it: a figure prints at most 220 mm tall)",
    ]
    problems = legibility_problems("d.mmd", "<svg/>")
    assert [str(p) for p in problems] == ["d.mmd:1: snapshot has no viewBox or font size to measure (run make diagrams)"]
    for problem in legibility_problems("d.mmd", svg(2000, 300)) + problems:
        assert explained_on_errors_page(str(problem)), problem


def test_check_reads_current_snapshots_only(tmp_path: Path):
    source = "flowchart LR\n    accTitle: A\n    accDescr: B.\n    a --> b\n"
    (tmp_path / "diagrams/x").mkdir(parents=True)
    (tmp_path / "diagrams/x/wide.mmd").write_text(source)
    (tmp_path / "diagrams/x/wide.svg").write_text(snapshot_text(source, svg(1400, 200)))
    (tmp_path / "diagrams/x/stale.mmd").write_text(source + "    b --> c\n")
    (tmp_path / "diagrams/x/stale.svg").write_text(snapshot_text(source, svg(3000, 200)))
    assert [p.path for p in check_legibility(tmp_path)] == ["diagrams/x/wide.mmd", "diagrams/x/wide.mmd"]


def test_every_diagram_of_the_handbook_reads_at_page_width_and_in_print():
    assert [str(p) for p in check_legibility(ROOT)] == []


def test_characters_outside_the_diagram_font_are_named_with_their_line():
    characters = font_characters(ROOT / DIAGRAM_FONT)
    assert {ord(c) for c in "→≈≤≥×−ΔλμéšÅ‖⁹"} <= characters
    text = "flowchart LR\n    accTitle: A ☃ in the title is not drawn\n    a[\"p ≤ 0.5 → ok\"] --> b[\"snow ☃ and ✈\"]\n"
    assert [str(p) for p in missing_characters("d.mmd", text, characters)] == [
        "d.mmd:3: label uses '☃' (U+2603), '✈' (U+2708), which the diagram font lacks (write it another way, "
        "or add its range to FONT_SUBSETS in scripts/vendor_assets.py and run make vendor)"]


def test_print_page_drops_the_heading_numbers_print_site_adds_itself():
    html = '<h2 id="s-clarify">1. Clarify requirements</h2><h3 id="x">10. Ten</h3><h2 id="y">2024 results</h2><p>1. Not a heading</p>'
    assert drop_heading_numbers(html) == ('<h2 id="s-clarify">Clarify requirements</h2><h3 id="x">Ten</h3>'
                                          '<h2 id="y">2024 results</h2><p>1. Not a heading</p>')
