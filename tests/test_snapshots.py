"""Pre-rendered diagram snapshots: freshness, inlining at build time, and ``make diagrams``."""

from pathlib import Path

import pytest
from helpers import ROOT, build, explained_on_errors_page, figure, front, scratch_site

from handbook.snapshots import (
    LINKED_SHADOW_STYLE, REVEAL, SHADOW_STYLE, check_snapshots, compact, inline_snapshots, shared_style, snapshot_text,
    source_digest, style_files,
)

SOURCE = "flowchart LR\n    accTitle: Flow\n    accDescr: A to B.\n    a[\"one<br/>two\"] --> b[\"p99 < 200 ms\"]\n"
SVG = '<svg id="snapshot-x" xmlns="http://www.w3.org/2000/svg"><style>#snapshot-x{font-family:"Handbook Inter"}</style><title>Flow</title></svg>'


def write(root: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)


def test_digest_ignores_surrounding_blank_space_only():
    assert source_digest("\n" + SOURCE + "\n\n") == source_digest(SOURCE)
    assert source_digest(SOURCE.replace("A to", "A  to")) != source_digest(SOURCE)


def test_compact_drops_only_markup_no_reader_uses():
    edge = '<path d="M0,0L9,9" id="e1" class="flowchart-link" style="" data-edge="true" data-points="W3sieCI6MH1d"/>'
    label = '<g class="label" style="fill:red"><rect style=""/></g>'
    assert compact(edge + label) == '<path d="M0,0L9,9" id="e1" class="flowchart-link" data-edge="true"/>' + (
        '<g class="label" style="fill:red"><rect/></g>')


def test_current_snapshots_pass_and_missing_stale_orphan_ones_are_named(tmp_path: Path):
    write(tmp_path, {
        "diagrams/a/current.mmd": SOURCE, "diagrams/a/current.svg": snapshot_text(SOURCE, SVG),
        "diagrams/a/missing.mmd": SOURCE,
        "diagrams/a/stale.mmd": SOURCE + "    b --> c\n", "diagrams/a/stale.svg": snapshot_text(SOURCE, SVG),
        "diagrams/a/unheaded.mmd": SOURCE, "diagrams/a/unheaded.svg": SVG,
        "diagrams/b/orphan.svg": snapshot_text(SOURCE, SVG),
        "diagrams/c/old-font.mmd": SOURCE, "diagrams/c/old-font.svg": snapshot_text(SOURCE, SVG.replace("Handbook Inter", "trebuchet ms")),
    })
    problems = [str(p) for p in check_snapshots(tmp_path)]
    assert all(explained_on_errors_page(p) for p in problems)
    assert problems == [
        "diagrams/a/missing.mmd:1: diagram has no snapshot diagrams/a/missing.svg (run make diagrams and commit the .svg)",
        "diagrams/a/stale.svg:1: snapshot is older than its .mmd source (run make diagrams and commit the .svg)",
        "diagrams/a/unheaded.svg:1: snapshot is older than its .mmd source (run make diagrams and commit the .svg)",
        "diagrams/c/old-font.svg:1: snapshot was drawn without the diagram font (run make diagrams and commit the .svg)",
        "diagrams/b/orphan.svg:1: snapshot has no .mmd source beside it (delete it, or restore the source)",
    ]


def test_every_diagram_of_the_handbook_has_a_current_snapshot():
    assert [str(p) for p in check_snapshots(ROOT)] == []


def test_only_blocks_with_a_current_snapshot_are_replaced():
    block = '<pre class="mermaid"><code>{}</code></pre>'
    html = block.format("flowchart LR\n    accTitle: Flow\n    accDescr: A to B.\n    a[\"one&lt;br/&gt;two\"] --&gt; b[\"p99 &lt; 200 ms\"]") + block.format("flowchart LR\n  x --&gt; y")
    out = inline_snapshots(html, {source_digest(SOURCE): SVG})
    host = ('<div class="mermaid" data-search-exclude data-diagram-zoom tabindex="0" role="group" '
            'aria-label="Diagram: Flow. Press Enter to open it full screen.">')
    assert out == (host + '<template shadowrootmode="open">' + SHADOW_STYLE + SVG + "</template></div>"
                   + block.format("flowchart LR\n  x --&gt; y"))


def test_pages_link_mermaids_style_from_one_file_per_kind_of_diagram():
    svg = ('<svg id="snapshot-ab12" xmlns="http://www.w3.org/2000/svg"><title>Flow</title><style>#snapshot-ab12{font-size:16px}'
           '#snapshot-ab12 .node&gt;rect{fill:#eee}</style><g id="snapshot-ab12-a"/></svg>')
    stripped, name, css = shared_style(svg)
    assert stripped == '<svg id="snapshot-ab12" xmlns="http://www.w3.org/2000/svg"><title>Flow</title><g id="snapshot-ab12-a"/></svg>'
    assert css == "svg{font-size:16px}svg .node>rect{fill:#eee}" + REVEAL
    assert name.startswith("assets/diagrams/") and name.endswith(".css")
    other = svg.replace("ab12", "cd34")
    assert style_files({"one": svg, "two": other}) == {name: css}
    html = inline_snapshots('<pre class="mermaid"><code>' + SOURCE.replace("<", "&lt;").replace(">", "&gt;") + "</code></pre>",
                            {source_digest(SOURCE): svg}, lambda path: "../" + path)
    assert f'<template shadowrootmode="open">{LINKED_SHADOW_STYLE}<link rel="stylesheet" href="../{name}">{stripped}</template>' in html
    assert shared_style(SVG.replace("<style>", "<x>").replace("</style>", "</x>")) is None


def test_build_inlines_current_snapshots_and_leaves_the_rest_as_intact_source(tmp_path: Path):
    stale = SOURCE.replace("Flow", "Stale flow")
    include = figure("diagrams/demo/{}.mmd")
    project = scratch_site(tmp_path, {
        "docs/index.md": front("home") + include.format("current") + include.format("stale") + include.format("missing"),
        "diagrams/demo/current.mmd": SOURCE, "diagrams/demo/current.svg": snapshot_text(SOURCE, SVG),
        "diagrams/demo/stale.mmd": stale, "diagrams/demo/stale.svg": snapshot_text(SOURCE, SVG),
        "diagrams/demo/missing.mmd": SOURCE.replace("Flow", "New flow"),
    }, ["index.md"])
    result = build(project)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "2 diagram(s) have no current snapshot and render in the browser (run make diagrams)" in result.stderr
    from bs4 import BeautifulSoup

    html = (project / "site" / "index.html").read_text()
    soup = BeautifulSoup(html, "html.parser")
    assert [t.find("svg")["id"] for t in soup.select("div.mermaid > template")] == ["snapshot-x"]
    (style,) = style_files({"current": SVG})
    assert soup.select_one("div.mermaid > template").find("link")["href"] == style and (project / "site" / style).is_file()
    # mermaid2's per-page step (a second copy of the Mermaid shim and an unread configuration) is dropped.
    assert "mermaidConfig" not in html and html.count("javascripts/diagram-loader.js") == 1
    assert [pre.get_text().strip() for pre in soup.select("pre.mermaid")] == [stale.strip(), SOURCE.replace("Flow", "New flow").strip()]


@pytest.mark.browser
def test_make_diagrams_writes_current_snapshots_and_names_a_diagram_mermaid_cannot_draw(browser, tmp_path: Path):
    from snapshot_diagrams import render_snapshots

    project = scratch_site(tmp_path, {
        "docs/index.md": front("home") + figure("diagrams/demo/flow.mmd") + figure("diagrams/demo/broken.mmd"),
        "diagrams/demo/flow.mmd": SOURCE,
        "diagrams/demo/broken.mmd": "flowchart LR\n    accTitle: Broken\n    accDescr: Syntax error.\n    a --> (\n",
    }, ["index.md"])
    sources = sorted((project / "diagrams" / "demo").glob("*.mmd"))
    problems = [str(p) for p in render_snapshots(project, sources, browser)]
    assert len(problems) == 1 and problems[0].startswith("diagrams/demo/broken.mmd:1: Mermaid cannot draw this diagram: Parse error on line 4")
    assert problems[0].endswith("(fix the source)") and explained_on_errors_page(problems[0])
    assert [str(p) for p in check_snapshots(project)] == [
        "diagrams/demo/broken.mmd:1: diagram has no snapshot diagrams/demo/broken.svg (run make diagrams and commit the .svg)"]
    svg = (project / "diagrams" / "demo" / "flow.svg").read_text()
    assert 'aria-roledescription="flowchart-v2"' in svg and "<title" in svg and ">Flow</title>" in svg
    assert "one" in svg and "two" in svg and "p99 &lt; 200 ms" in svg
    assert "var(--md-mermaid-node-bg-color)" in svg  # Material's colours stay variables, so dark mode applies
