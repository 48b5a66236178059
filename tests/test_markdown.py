"""Line-aware Markdown reading: front matter, fences, prose lines, headings."""

from handbook.markdown import fences, headings, key_line, prose_lines, read_front_matter, replace_marker, replace_outside_code
import re


def test_front_matter_is_parsed_with_its_closing_line():
    front = read_front_matter("---\nid: a\ntitle: A\n---\nbody\n")
    assert front.data == {"id": "a", "title": "A"}
    assert front.end_line == 4
    assert front.error is None


def test_missing_unclosed_and_invalid_front_matter_are_reported():
    assert read_front_matter("body\n").error == "page has no front matter (start the file with a --- block)"
    assert read_front_matter("---\nid: a\n").error == "front matter is not closed (add a --- line after it)"
    assert read_front_matter("---\nid: [a\n---\n").error == "front matter is not valid YAML (ParserError)"
    assert read_front_matter("---\n- a\n---\n").error == "front matter is not a mapping (write key: value lines)"


def test_key_line_finds_nested_keys():
    assert key_line("---\nid: a\nfacts:\n  task: [x]\n---\n", "task") == 4
    assert key_line("---\nid: a\n---\n", "missing", default=7) == 7


def test_prose_lines_skip_fences_and_blank_inline_code():
    text = "a `TODO` b\n```python\nTODO\n```\n````md\n```\ninner\n```\n````\nend\n"
    lines = list(prose_lines(text))
    assert lines == [(1, "a ` ` b".replace("` `", "      ")), (10, "end"), (11, "")]


def test_fences_report_info_and_numbered_body():
    (fence,) = fences("x\n```mermaid\n--8<-- \"d.mmd\"\n```\n")
    assert (fence.line, fence.info, fence.body) == (2, "mermaid", ((3, '--8<-- "d.mmd"'),))


def test_headings_read_explicit_anchors():
    found = headings("# T\n## One { #one }\n### Two {: #two .x }\n## Plain\n```\n## not\n```\n")
    assert [(h.line, h.level, h.text, h.anchor) for h in found] == [
        (1, 1, "T", None), (2, 2, "One", "one"), (3, 3, "Two", "two"), (4, 2, "Plain", None)]


def test_replace_outside_code_leaves_code_alone():
    text = "x [@a] `[@a]`\n```\n[@a]\n```\n"
    out = replace_outside_code(text, re.compile(r"\[@a\]"), lambda m: "LINK")
    assert out == "x LINK `[@a]`\n```\n[@a]\n```\n"


def test_a_marker_is_replaced_only_where_it_stands_alone_outside_code():
    marker = "<div data-rubric></div>"
    text = "\n".join([
        "Intro.",
        marker,
        "The hook fills `<div data-rubric></div>` with the form.",   # named in a sentence, in code
        "```html",
        marker,                                                    # shown in a code block
        "```",
        "  " + marker + " ",
    ])
    assert replace_marker(text, marker, "<form>\n</form>").splitlines() == [
        "Intro.", "<form>", "</form>", "The hook fills `<div data-rubric></div>` with the form.",
        "```html", marker, "```", "<form>", "</form>",
    ]
