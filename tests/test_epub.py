"""The EPUB (``make epub``): built from the print page, checked by ``epub.check`` and, on a small book, EPUBCheck."""

from __future__ import annotations

import re
import shutil
import uuid
import zipfile
from pathlib import Path

import lxml.html
import pytest
from helpers import ROOT, build, figure, front, scratch_site
from lxml import etree

from build_epub import book_info
from epub.check import NAMESPACES, epub_problems, epubcheck_problems
from epub.diagrams import DiagramError, light_palette, standalone_svg
from epub.formulas import formula
from epub.links import LinkTargets
from epub.package import EpubBuildError, build_epub, chapter_item
from epub.print_page import Chapter
from handbook.diagram_font import DIAGRAM_FONT
from handbook.pages import load_site

DIAGRAM = "ad-click-prediction/auction"
LONG_INLINE = r"\mathbf{w}^\top \mathbf{x} = " + " + ".join(f"{n}.25 x_{n}" for n in range(12))
LONG_DISPLAY = "V = " + " + ".join(rf"{n}.5\, p_{{{n}}}" for n in range(14))
LONG_CELL = " + ".join(f"0.{n}5" for n in range(10)) + " = 2.75"
LONG_WORD = "a_very_long_identifier_without_spaces_" * 4
LONG_URL = "https://example.org/" + "a-very-long-path-segment-" * 5
#: A small book: a diagram, inline and display formulas, a wide table, a collapsible answer, a long code
#: line, links to an anchor, to a paragraph id that is no XML name and to a page the book leaves out.
SMALL_BOOK = {
    "docs/index.md": front("home") + """
See [the metrics](other.md#metrics), [the nine lives](other.md#9-lives) and [the guide](contributing/index.md).
""",
    "docs/other.md": front("other") + f"""
## Metrics {{ #metrics }}

Inline ${LONG_INLINE}$ runs past a 6-inch screen.

$$
{LONG_DISPLAY}
$$

| candidate | value |
| --- | --- |
| A | ${LONG_CELL}$ |

Nine lives.
{{ #9-lives }}

??? question "Why fold the answer?"
    So a reader can try first.

```text
{LONG_WORD}
```

See <{LONG_URL}>.
{figure(f"diagrams/{DIAGRAM}.mmd")}""",
    "docs/contributing/index.md": front("contributing") + "\nHow to help.\n",
    f"diagrams/{DIAGRAM}.mmd": (ROOT / "diagrams" / f"{DIAGRAM}.mmd").read_text(),
    f"diagrams/{DIAGRAM}.svg": (ROOT / "diagrams" / f"{DIAGRAM}.svg").read_text(),
}


@pytest.fixture(scope="module")
def real_epub(real_site, tmp_path_factory) -> Path:
    """The whole handbook as EPUB, from the session's build of the real site."""
    result, site_dir = real_site
    assert result.returncode == 0
    output = tmp_path_factory.mktemp("epub") / "handbook.epub"
    build_epub(site_dir, output, book_info(), ROOT)
    return output


@pytest.fixture(scope="module")
def small_epub(tmp_path_factory) -> Path:
    """The small book of ``SMALL_BOOK`` as EPUB."""
    nav = ["index.md", "other.md", "contributing/index.md"]
    project = scratch_site(tmp_path_factory.mktemp("small-book"), SMALL_BOOK, nav)
    result = build(project)
    assert result.returncode == 0, result.stderr[-2000:]
    output = project / "small.epub"
    build_epub(project / "site", output, book_info(), ROOT)
    return output


def xml(epub: Path, name: str) -> etree._Element:
    """One file of the book, parsed."""
    with zipfile.ZipFile(epub) as archive:
        return etree.fromstring(archive.read(name))


def chapters(epub: Path) -> dict[str, etree._Element]:
    """Every chapter file of the book (``OEBPS/*.xhtml`` but the navigation), parsed."""
    with zipfile.ZipFile(epub) as archive:
        return {name: etree.fromstring(archive.read(name)) for name in archive.namelist()
                if name.endswith(".xhtml") and name != "OEBPS/nav.xhtml"}


def squash(text: str) -> str:
    """Text without whitespace."""
    return re.sub(r"\s+", "", text)


# The real handbook ---------------------------------------------------------------------------------------------


def test_the_handbook_epub_has_no_problems(real_epub):
    assert epub_problems(real_epub) == []


def test_navigation_lists_every_framework_step_and_case_study_with_its_sections(real_epub):
    nav = xml(real_epub, "OEBPS/nav.xhtml")
    entries = {link.get("href"): squash("".join(link.itertext())) for link in nav.iterfind(".//x:a", NAMESPACES)}
    site = load_site(ROOT)
    for page in site.of_kind("framework-step") + site.case_studies():
        key = page.doc_path.removesuffix(".md").replace("/", "-")
        assert squash(page.title) in entries.get(f"{key}.xhtml", ""), page.doc_path
        sections = [href for href in entries if href.startswith(f"{key}.xhtml#")]
        assert len(sections) >= 5, (page.doc_path, sections)
    # Left out, as in the PDF: the contributor guide, the visual refreshers (and their empty parts), the tags page.
    assert not [text for text in entries.values() if "Contributing" in text or "Visualrefresher" in text]
    assert not [href for href in entries if href.startswith(("contributing", "practice-refresher", "reference-tags"))]


def test_case_study_steps_are_numbered_once_as_in_the_pdf(real_epub):
    study = xml(real_epub, "OEBPS/case-studies-news-feed.xhtml")
    headings = [squash("".join(h.itertext())) for h in study.iterfind(".//x:h2", NAMESPACES)]
    assert any(re.fullmatch(r"3\.2\.\d+\.1Clarifyrequirements", h) for h in headings), headings[:3]
    assert not [h for h in headings if re.search(r"\d\.[A-Za-z]", h)]


def test_formulas_are_mathml_only(real_epub):
    formulas = [element for root in chapters(real_epub).values()
                for element in root.iterfind(".//x:*[@class='arithmatex']", NAMESPACES)]
    assert len(formulas) > 2000
    math = f"{{{NAMESPACES['m']}}}math"
    assert [f for f in formulas if not len(f) or any(child.tag != math for child in f)] == []
    documents = chapters(real_epub).values()
    assert [root for root in documents if root.xpath("//*[contains(@class, 'katex')]")] == []
    assert [root for root in documents if root.xpath("//m:mi[@mathvariant='bold']", namespaces=NAMESPACES)]  # bold vectors


def test_every_diagram_is_an_image_with_its_title_and_description(real_epub, real_site):
    _, site_dir = real_site
    expected = (site_dir / "print_page" / "index.html").read_text().count("data-diagram-zoom")
    drawings = [svg for root in chapters(real_epub).values()
                for svg in root.xpath("//svg:svg[not(ancestor::svg:svg)]", namespaces=NAMESPACES)]
    assert len(drawings) == expected > 300
    for svg in drawings:
        title, desc = svg.find("svg:title", NAMESPACES), svg.find("svg:desc", NAMESPACES)
        assert svg.get("role") == "img" and title.text.strip() and desc.text.strip(), svg.get("id")
        style = "".join(svg.find("svg:style", NAMESPACES).itertext())
        assert "var(" not in style and '"Handbook Inter"' in style, svg.get("id")
    with zipfile.ZipFile(real_epub) as archive:
        assert archive.read("OEBPS/fonts/Inter-Regular.woff2") == (ROOT / DIAGRAM_FONT).read_bytes()
        assert b'font-family: "Handbook Inter"' in archive.read("OEBPS/style/book.css")


def test_links_to_pages_left_out_of_the_book_go_to_the_site(real_epub, site_url):
    home = xml(real_epub, "OEBPS/index.xhtml")
    assert site_url + "contributing/" in home.xpath("//x:a/@href", namespaces=NAMESPACES)


# A small book: metadata, links, and what an e-reader is given ---------------------------------------------------


def test_small_book_metadata(small_epub, site_url):
    package = xml(small_epub, "OEBPS/content.opf")
    dc = {"dc": "http://purl.org/dc/elements/1.1/", **NAMESPACES}
    value = lambda name: package.findtext(f".//dc:{name}", namespaces=dc)
    assert value("identifier") == f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, site_url)}"
    assert (value("title"), value("language"), value("creator")) == (
        "ML System Design Handbook", "en", "ML System Design Handbook contributors")
    assert "CC BY 4.0" in value("rights")
    modified = package.findtext(".//opf:meta[@property='dcterms:modified']", namespaces=dc)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", modified)


def test_small_book_links_and_content(small_epub, site_url):
    assert epub_problems(small_epub) == []
    home, other = xml(small_epub, "OEBPS/index.xhtml"), xml(small_epub, "OEBPS/other.xhtml")
    assert home.xpath("//x:a/@href", namespaces=NAMESPACES)[:3] == [
        "other.xhtml#other-metrics", "other.xhtml#id-9-lives", site_url + "contributing/"]
    text = etree.tostring(other, encoding="unicode")
    assert "<details" not in text and "Why fold the answer?" in text and "headerlink" not in text
    assert other.find(".//x:div[@class='details question']", NAMESPACES) is not None
    assert other.find(".//x:h2/x:span[@class='heading-number']", NAMESPACES).text == "2.1"


@pytest.mark.browser
def test_small_book_reads_at_600_px_without_clipped_text(small_epub, browser, tmp_path: Path):
    """Chromium at 600 px: nothing sticks out of the page (a table or a display formula may scroll in its box),
    and the diagram is drawn in the embedded font; without the book's stylesheet, text does stick out."""
    with zipfile.ZipFile(small_epub) as archive:
        archive.extractall(tmp_path)
    page = browser.new_page(viewport={"width": 600, "height": 800})
    sticking_out = """() => {
      const width = document.documentElement.clientWidth, out = (e) => e.getBoundingClientRect().right > width + 1;
      const scrolls = (e) => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
        if (getComputedStyle(a).overflowX !== 'visible' && !out(a)) return true; return false; };
      return [...document.body.querySelectorAll('*')].filter(e => out(e) && !e.closest('svg *') && !scrolls(e)
        && !(e.parentElement && out(e.parentElement))).map(e => e.tagName + ': ' + e.textContent.slice(0, 40));
    }"""
    chapter = tmp_path / "OEBPS" / "other.xhtml"
    page.goto(chapter.as_uri(), wait_until="load")
    assert page.evaluate(sticking_out) == []
    assert page.evaluate("document.fonts.ready.then(fonts => [...fonts].filter(f => f.status === 'loaded')"
                         ".map(f => f.family.replaceAll('\"', '')))") == ["Handbook Inter"]
    assert page.locator("svg[role=img]").bounding_box()["height"] > 100
    chapter.write_text(chapter.read_text().replace('href="style/book.css"', 'href="missing.css"'))
    page.goto(chapter.as_uri(), wait_until="load")
    assert [line for line in page.evaluate(sticking_out) if line.lower().startswith("code: a_very_long")]
    page.close()


# The checker, on hand-broken copies of the small book -------------------------------------------------------------


def altered(epub: Path, target: Path, member: str, change=lambda text: text, mimetype=zipfile.ZIP_STORED,
            mimetype_last: bool = False) -> Path:
    """A copy of ``epub`` with ``change`` applied to the text of ``member`` (None drops it) and ``mimetype``
    stored as asked, first or last."""
    with zipfile.ZipFile(epub) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        entries = sorted(old.infolist(), key=lambda info: mimetype_last and info.filename == "mimetype")
        for info in entries:
            data = old.read(info)
            if info.filename == member:
                text = change(data.decode("utf-8", errors="replace"))
                if text is None:
                    continue
                data = text.encode("utf-8")
            new.writestr(info.filename, data, compress_type=mimetype if info.filename == "mimetype" else zipfile.ZIP_DEFLATED)
    return target


def line_of(text: str, marker: str) -> int:
    """The line ``marker`` starts on."""
    return text[:text.index(marker)].count("\n") + 1


def insert_into_body(markup: str):
    """A change that puts ``markup`` first in the body."""
    return lambda text: text.replace("<body>", "<body>" + markup, 1)


@pytest.mark.parametrize("member, change, marker, message", [
    ("OEBPS/index.xhtml", lambda t: t.replace("other.xhtml#other-metrics", "other.xhtml#nope"), "#nope",
     'link to other.xhtml#nope has no target (no element has id "nope" in OEBPS/other.xhtml)'),
    ("OEBPS/index.xhtml", lambda t: t.replace("other.xhtml#other-metrics", "gone.xhtml"), "gone.xhtml",
     "link to gone.xhtml has no target (OEBPS/gone.xhtml is not in the book)"),
    ("OEBPS/index.xhtml", insert_into_body('<img src="style/book.css"/>'), "<img",
     "image style/book.css has no text alternative (give it a non-empty alt)"),
    ("OEBPS/index.xhtml", insert_into_body("<script>alert(1)</script>"), "<script",
     "<script> element (a book has no scripts, forms or buttons: remove it)"),
    ("OEBPS/index.xhtml", insert_into_body('<img src="https://example.org/chart.png" alt="A chart"/>'), "<img",
     "loads https://example.org/chart.png from the web (put the file in the book)"),
    ("OEBPS/style/book.css", lambda t: t.replace("body {", '@import url("https://example.org/x.css");\nbody {'), "@import",
     "loads https://example.org/x.css from the web (put the file in the book)"),
])
def test_checker_reports_a_broken_file_with_its_line(small_epub, tmp_path: Path, member, change, marker, message):
    broken = altered(small_epub, tmp_path / "broken.epub", member, change)
    with zipfile.ZipFile(broken) as archive:
        text = archive.read(member).decode()
    assert epub_problems(broken) == [f"{member}:{line_of(text, marker)}: {message}"]


#: ``{opf:marker}`` (``{css:marker}``) in an expected message: the line of ``marker`` in the altered package
#: document (stylesheet).
@pytest.mark.parametrize("member, change, expected", [
    ("mimetype", lambda t: "application/zip", ["mimetype: does not say application/epub+zip (write exactly that, with no newline)"]),
    ("OEBPS/fonts/Inter-Regular.woff2", lambda t: None, [
        "OEBPS/content.opf:{opf:fonts/Inter}: manifest item OEBPS/fonts/Inter-Regular.woff2 is not in the zip (add the file or drop the item)",
        "OEBPS/style/book.css:{css:url(}: loads ../fonts/Inter-Regular.woff2, which is not in the book (add it)"]),
    ("OEBPS/content.opf", lambda t: t.replace('<itemref idref="nav"/>', '<itemref idref="style"/>'),
     ["OEBPS/content.opf:{opf:idref=\"style\"}: spine item 'style' is not an XHTML document of the manifest (list only XHTML items in the spine)"]),
    ("OEBPS/content.opf", lambda t: t.replace(' properties="nav"', ""),
     ['OEBPS/content.opf: no navigation document (give one XHTML item properties="nav")']),
    ("OEBPS/index.xhtml", lambda t: t.replace("</body>", "</bod>"), [r"OEBPS/index\.xhtml:\d+: does not parse as XML \(.+\)"]),
    ("META-INF/container.xml", lambda t: None, ["META-INF/container.xml: missing from the zip (add it)"]),
])
def test_checker_reports_a_broken_package(small_epub, tmp_path: Path, member, change, expected):
    broken = altered(small_epub, tmp_path / "broken.epub", member, change)
    problems = epub_problems(broken)
    if member == "OEBPS/index.xhtml":  # lxml words the syntax error
        assert len(problems) == 1 and re.fullmatch(expected[0], problems[0]), problems
        return
    with zipfile.ZipFile(broken) as archive:
        texts = {"opf": archive.read("OEBPS/content.opf").decode(), "css": archive.read("OEBPS/style/book.css").decode()}
    lines = lambda message: re.sub(r"\{(opf|css):(.+?)\}", lambda m: str(line_of(texts[m.group(1)], m.group(2))), message)
    assert problems == [lines(message) for message in expected]


def test_checker_reports_a_mimetype_that_is_not_first(small_epub, tmp_path: Path):
    assert epub_problems(altered(small_epub, tmp_path / "last.epub", "", mimetype_last=True)) == [
        "mimetype: not the first file of the zip (write it first, uncompressed)"]


def test_checker_reports_a_diagram_without_text_alternative(small_epub, tmp_path: Path):
    untitled = lambda text: re.sub(r"<title id=\"chart-title[^\"]*\">.*?</title>", "", text, count=1, flags=re.DOTALL)
    broken = altered(small_epub, tmp_path / "broken.epub", "OEBPS/other.xhtml", untitled)
    with zipfile.ZipFile(broken) as archive:
        text = archive.read("OEBPS/other.xhtml").decode()
    svg_id = re.search(r'<svg [^>]*?id="([^"]+)"', text).group(1)
    assert epub_problems(broken) == [f"OEBPS/other.xhtml:{line_of(text, '<svg ')}: drawing {svg_id} has no text "
                                     "alternative (give it a <title> or an aria-label)"]


def test_checker_reports_a_compressed_mimetype_and_undeclared_mathml(small_epub, tmp_path: Path):
    compressed = altered(small_epub, tmp_path / "compressed.epub", "mimetype", mimetype=zipfile.ZIP_DEFLATED)
    assert epub_problems(compressed) == ["mimetype: stored compressed (store it uncompressed, as the first file of the zip)"]
    undeclared = altered(small_epub, tmp_path / "undeclared.epub", "OEBPS/content.opf",
                         lambda t: re.sub(r'(href="other.xhtml"[^>]*?) properties="[^"]*"', r"\1", t))
    assert epub_problems(undeclared) == [
        'OEBPS/other.xhtml: holds MathML but its manifest item lacks properties="mathml" (declare it)',
        'OEBPS/other.xhtml: holds SVG but its manifest item lacks properties="svg" (declare it)']


def test_epubcheck_finds_nothing_in_the_small_book_but_the_broken_link(small_epub, tmp_path: Path):
    """The official validator (Java) on the small book, with one link broken: that link is all it reports.

    One run proves both that the book is valid and that the validator is heard (each run starts a JVM:
    5-10 s; the whole handbook takes it about 30 s, so ``make epub`` relies on ``epub.check`` instead).
    """
    if not shutil.which("java"):
        pytest.fail("java is missing: run `make browser-deps` (apt-get install default-jre-headless)")
    broken = altered(small_epub, tmp_path / "broken.epub", "OEBPS/index.xhtml",
                     lambda t: t.replace("other.xhtml#other-metrics", "other.xhtml#nope"))
    problems = epubcheck_problems(broken)
    assert len(problems) == 1 and problems[0].startswith("OEBPS/index.xhtml:") and "RSC-012" in problems[0], problems


# The conversion's parts ------------------------------------------------------------------------------------------------


def test_light_palette_reads_root_then_body_and_skips_dark_and_media_rules():
    css = """:root{--fg:#000000de;--edge:var(--fg)} [data-md-color-scheme=slate]{--fg:#fff} @media print{:root{--fg:red}}
             :root>*{--node:var(--accent, #526cfe)} [data-md-color-primary=indigo]{--edge:#4051b5}"""
    palette = light_palette([css], {"data-md-color-primary": "indigo"})
    assert palette == {"--fg": "rgba(0,0,0,0.871)", "--edge": "#4051b5", "--node": "#526cfe"}
    svg = '<svg xmlns="http://www.w3.org/2000/svg" id="d"><title>T</title><style>#d{{fill:{}}}</style></svg>'
    assert "fill:#4051b5" in etree.tostring(standalone_svg(svg.format("var(--edge)"), palette), encoding="unicode")
    with pytest.raises(DiagramError, match="colours the light palette does not define: --unknown"):
        standalone_svg(svg.format("var(--unknown)"), palette)
    with pytest.raises(DiagramError, match="has no title"):
        standalone_svg(svg.format("red").replace("<title>T</title>", ""), palette)


MATH = ('<math xmlns="http://www.w3.org/1998/Math/MathML"{}><semantics><mrow>{}</mrow>'
        '<annotation encoding="application/x-tex">x</annotation></semantics></math>')


def test_formulas_break_after_relations_and_operators_but_not_after_signs():
    signs = "<mi>a</mi><mo>=</mo><mo>−</mo><mn>1</mn><mo>+</mo><mo>(</mo><mo>−</mo><mi>b</mi><mo>)</mo>"
    pieces = formula(MATH.format("", signs))
    assert ["".join(p.itertext()) for p in pieces] == ["a=", "−1+", "(−b)"]
    display = formula(MATH.format(' display="block"', "<mi>a</mi><mo>=</mo><mi>b</mi>"))
    assert [p.get("displaystyle") for p in display] == ["true", "true"]
    assert len(formula(MATH.format("", "<mi>a</mi>"))) == 1
    bmod = formula(MATH.format("", '<mi>a</mi><mo><mrow><mi>m</mi><mi>o</mi><mi>d</mi></mrow></mo><mi>b</mi>'))
    assert [(mo.text, len(mo)) for piece in bmod for mo in piece.iter("{*}mo")] == [("mod", 0)]


def test_a_diagram_left_as_mermaid_source_fails_the_build_naming_its_chapter():
    section = lxml.html.fromstring('<section id="demo"><h1>Demo</h1><pre class="mermaid">flowchart LR\n a --&gt; b</pre></section>')
    with pytest.raises(EpubBuildError, match=r"demo.xhtml: a diagram has no current snapshot \(run make diagrams\): 'flow"):
        chapter_item(Chapter("demo", "1", section), [], {})


def test_link_targets_point_at_chapters_ids_and_the_site():
    section = lxml.html.fromstring('<section id="ref"><h2 id="ref-intro">I</h2><p id="smith2020">S</p>'
                                   '<p id="9-lives">N</p></section>')
    targets = LinkTargets([Chapter("ref", "6.1", section)], {"ref": "ref/", "contributing": "contributing/"},
                          "https://example.org/handbook/")
    assert targets.href("#ref-intro", "home") == "ref.xhtml#ref-intro"
    assert targets.href("#ref-smith2020", "home") == "ref.xhtml#smith2020"
    assert targets.href("#ref-9-lives", "ref") == "#id-9-lives"
    assert targets.href("#ref-missing", "home") is None
    assert targets.href("#contributing-set-up", "home") == "https://example.org/handbook/contributing/#set-up"
    assert targets.href("../downloads/cards.csv", "home") == "https://example.org/handbook/downloads/cards.csv"
    assert targets.href("https://doi.org/10.1/a<b>c", "home") == "https://doi.org/10.1/a%3Cb%3Ec"
