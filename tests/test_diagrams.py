"""Diagram includes, accessible names, the architecture convention and orphans."""

from pathlib import Path

from helpers import front, page, site

from handbook.diagrams import check_diagram_source, check_diagrams, includes_in

GOOD = "flowchart LR\n    accTitle: T\n    accDescr: D\n    a --> b\n"
ARCH = """flowchart TB
    accTitle: System
    accDescr: Offline and online halves.
    subgraph offline["Offline: training"]
        logs[("Logs")] --> train["Train"]
        subgraph inner["Nested is fine"]
            reg["Registry"]
        end
    end
    subgraph online["Online: request path"]
        api["API"] -->|"calls"| model["Model"]
    end
    train --> reg
    reg -.-> model
"""


def messages(problems):
    return [str(p) for p in problems]


def test_good_sources_pass():
    assert check_diagram_source("diagrams/a/flow.mmd", GOOD) == []
    assert check_diagram_source("diagrams/a/architecture.mmd", ARCH) == []


def test_missing_type_and_accessible_names():
    assert messages(check_diagram_source("diagrams/a/x.mmd", "%% c\nflowhcart LR\n  a --> b\n")) == [
        "diagrams/a/x.mmd:2: diagram does not start with a Mermaid diagram type, found 'flowhcart' (start with e.g. 'flowchart LR')",
        "diagrams/a/x.mmd:2: diagram has no accessible title (add a line 'accTitle: ...' after 'flowhcart LR')",
        "diagrams/a/x.mmd:2: diagram has no accessible description (add a line 'accDescr: ...' after 'flowhcart LR')",
    ]


def test_only_types_the_site_themes():
    for kind in ("sequenceDiagram", "stateDiagram-v2", "xychart-beta", "quadrantChart"):
        assert check_diagram_source("diagrams/a/x.mmd", GOOD.replace("flowchart LR", kind)) == []
    assert messages(check_diagram_source("diagrams/a/x.mmd", GOOD.replace("flowchart LR", "timeline"))) == [
        "diagrams/a/x.mmd:1: diagram type 'timeline' draws in colours the site cannot theme (use one of flowchart, graph, "
        "sequenceDiagram, stateDiagram, stateDiagram-v2, xychart-beta, quadrantChart)",
    ]


def test_architecture_nodes_must_sit_in_offline_or_online():
    text = ARCH.replace('    train --> reg\n', '    train --> reg\n    cache[("Cache")] --> api\n    ghost --> api\n')
    text = text.replace('subgraph online["Online: request path"]', 'subgraph serving["Online"]')
    assert messages(check_diagram_source("diagrams/a/system-architecture.mmd", text)) == [
        "diagrams/a/system-architecture.mmd:10: architecture diagram has top-level group 'serving' (nest it inside 'offline' or 'online')",
        "diagrams/a/system-architecture.mmd:1: architecture diagram has no 'online' group (add: subgraph online[\"...\"] ... end)",
        "diagrams/a/system-architecture.mmd:14: node 'cache' is outside the offline and online groups (define it inside one of them)",
        "diagrams/a/system-architecture.mmd:15: node 'ghost' is outside the offline and online groups (define it inside one of them)",
    ]
    assert messages(check_diagram_source("diagrams/a/architecture.mmd", "sequenceDiagram\n accTitle: a\n accDescr: b\n")) == [
        "diagrams/a/architecture.mmd:1: architecture diagram must be a flowchart (start with 'flowchart TB')"]


def test_architecture_groups_are_titled_by_their_half_and_may_be_linked_to_each_other():
    text = ARCH.replace('"Offline: training"', '"Training jobs"') + '    offline -. "model" .-> online\n'
    assert messages(check_diagram_source("diagrams/a/architecture.mmd", text)) == [
        "diagrams/a/architecture.mmd:4: architecture group 'offline' is titled 'Training jobs' (start its title with 'Offline:' so readers see which half it is)",
    ]
    assert messages(check_diagram_source("diagrams/a/architecture.mmd", ARCH + "    offline -.-> online\n")) == []


def test_inline_diagrams_missing_files_and_orphans(tmp_path: Path):
    (tmp_path / "diagrams/a").mkdir(parents=True)
    (tmp_path / "diagrams/a/used.mmd").write_text(GOOD)
    (tmp_path / "diagrams/a/orphan.mmd").write_text(GOOD.replace("a --> b", "a --> b[TODO]"))
    text = (front("p") + '```mermaid\n--8<-- "diagrams/a/used.mmd"\n```\n\n```mermaid\n--8<-- "diagrams/a/gone.mmd"\n```\n\n'
            "```mermaid\nflowchart LR\n  a --> b\n```\n")
    p = page(text)
    assert [(i.line, i.target) for i in includes_in(p)[0]] == [(8, "diagrams/a/used.mmd"), (12, "diagrams/a/gone.mmd")]
    assert messages(check_diagrams(site(p, root=tmp_path))) == [
        'docs/section/page.md:15: mermaid fence holds inline source (move the diagram to diagrams/<area>/<name>.mmd and include it with --8<-- "path")',
        *[f"docs/section/page.md:{line}: diagram has no caption (add a '/// caption' block of one sentence right after the closing fence)"
          for line in (7, 11, 15)],
        "docs/section/page.md:12: diagram file 'diagrams/a/gone.mmd' does not exist (check the path, relative to the repository root)",
        "diagrams/a/orphan.mmd:4: placeholder 'TODO' left in published content (write the content, then delete the marker)",
        "diagrams/a/orphan.mmd:1: diagram is not included by any page (include it in a page or delete it)",
    ]


def test_mermaid_sources_are_escaped_once_in_html():
    from mermaid2 import fence_mermaid_custom

    from handbook.diagrams import escape_mermaid_sources

    source = 'flowchart LR\n a["one<br/>two"] -->|"p99 < 5 ms & up"| b'
    html = "<p>a<br/>b</p>" + fence_mermaid_custom(source, "mermaid", "mermaid", {}, None)
    out = escape_mermaid_sources(html)
    assert out == ('<p>a<br/>b</p><pre  class="mermaid"><code>flowchart LR\n a["one&lt;br/&gt;two"] '
                   '--&gt;|"p99 &lt; 5 ms &amp; up"| b\n</code></pre>')
    assert escape_mermaid_sources(out) == out


def test_every_diagram_needs_a_caption_of_one_sentence():
    from handbook.diagrams import caption_problems

    include = '```mermaid\n--8<-- "diagrams/a/x.mmd"\n```\n'
    text = (front("p") + include + "/// caption\nThree stages cut 10 M candidates to 50.\n///\n\n"  # line 7: fine
            + include + "\n/// caption\nA blank line in between does not count.\n///\n\n"  # line 14
            + include + "/// caption\n\n///\n\n"  # line 22: empty
            + include + "/// caption\n" + "word " * 41 + "\n///\n\n"  # line 29: 204 characters
            + "  " + include.replace("\n", "\n  ") + "/// caption\n  Indented, as in an answer block.\n  ///\n")  # line 36
    assert messages(caption_problems(page(text))) == [
        "docs/section/page.md:14: diagram has no caption (add a '/// caption' block of one sentence right after the closing fence)",
        "docs/section/page.md:22: diagram caption is empty (write one sentence between '/// caption' and '///')",
        "docs/section/page.md:29: diagram caption is 204 characters (keep it to one sentence of at most 200)",
    ]
