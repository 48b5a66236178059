"""Title headings, image alt text, embedded code and leftover placeholders."""

from helpers import front, page

from handbook.hygiene import (check_embedded_code, check_images, check_inline_styles, check_placeholders, check_raw_tags, check_title_heading,
                              find_placeholders)


def messages(problems):
    return [str(p) for p in problems]


def test_body_h1_is_reported():
    assert messages(check_title_heading(page(front("a") + "\n# Title\n\n## Fine\n"))) == [
        "docs/section/page.md:8: page body has a level-1 heading '# Title' (delete it; the title comes from front matter)"]


def test_image_without_alt_text():
    text = front("a") + "![](a.png)\n![A chart](b.png)\n`![](code.png)`\n"
    assert messages(check_images(page(text))) == [
        "docs/section/page.md:7: image has no alt text (describe it: ![what the image shows](...))"]


def test_placeholders_in_prose_and_front_matter_but_not_code():
    text = front("a", extra="note: TBD\n") + "Fine.\nA FIXME here.\n`TODO` in code\n```\nTODO\n```\n"
    assert messages(check_placeholders(page(text))) == [
        "docs/section/page.md:6: placeholder 'TBD' left in published content (write the content, then delete the marker)",
        "docs/section/page.md:9: placeholder 'FIXME' left in published content (write the content, then delete the marker)",
    ]


def test_placeholders_in_any_text_file():
    assert messages(find_placeholders("diagrams/a.mmd", "flowchart LR\n  a[XXX]\n")) == [
        "diagrams/a.mmd:2: placeholder 'XXX' left in published content (write the content, then delete the marker)"]
    assert find_placeholders("x", "TODOS and todo are words") == []


def test_scripts_frames_and_handlers_in_prose_are_reported_but_not_in_code():
    text = front("a") + (
        "<script src=\"x.js\"></script>\n"
        "<iframe src=\"https://video.example/embed\"></iframe>\n"
        "<span onclick=\"go()\">Go</span>\n"
        "[Run](javascript:go())\n"
        "Online learning and `<script>` in code are fine.\n"
        "```html\n<script>shown()</script>\n```\n")
    assert messages(check_embedded_code(page(text))) == [
        f"docs/section/page.md:{line}: page embeds '{what}' (put behaviour in docs/assets/javascripts/ and list it in"
        " extra_javascript; link other sites instead of embedding them)"
        for line, what in ((7, "script"), (8, "iframe"), (9, "onclick"), (10, "javascript"))
    ]


def test_inline_styles_are_reported_outside_code():
    text = ("---\ntitle: T\n---\n\nIntro.\n\n"
            '<p class="note" style="color: #c8c8c8">Pale.</p>\n'
            "<span STYLE='width: 3rem'>x</span>\n"
            '<p class="note">A class is fine, and so is the word style="x" in `<p style="x">` code.</p>\n'
            '```html\n<p style="color: red">shown</p>\n```\n')
    assert messages(check_inline_styles(page(text))) == [
        f"docs/section/page.md:{line}: raw HTML has a style attribute (give the element a class and style it in"
        " docs/assets/stylesheets/handbook.css, where light and dark colours are tested)"
        for line in (7, 8)
    ]


def test_raw_tags_that_the_browser_would_swallow_are_reported_and_code_is_exempt():
    """Bad fixture: a title tag hides the rest of the page, a made-up tag vanishes from its sentence."""
    text = (front("demo") + '\nA "Reveal diagram: <title>" button.\n\nNamed "Diagram: <accTitle>".\n\n'
            "Kept: `<title>` in code, <span>a span</span>, <https://example.org>, $y_{<t}$ and p99 <200 ms.\n\n"
            "```html\n<title>In a code block.</title>\n```\n")
    assert messages(check_raw_tags(page(text))) == [
        "docs/section/page.md:8: raw <title> tag hides the rest of the page (write it as code: `<title>`)",
        "docs/section/page.md:10: raw <accTitle> is not an HTML element and vanishes from the text (write it as code: `<accTitle>`)",
    ]
