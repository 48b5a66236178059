"""Title headings, image alt text and leftover placeholders."""

from helpers import front, page

from handbook.hygiene import check_images, check_placeholders, check_title_heading, find_placeholders


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
