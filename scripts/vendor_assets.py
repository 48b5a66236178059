"""Refresh the browser libraries that the site serves itself.

The handbook never loads a script, stylesheet or font from a third-party host.
Mermaid, KaTeX, @panzoom/panzoom (pan and pinch zoom in the full-screen diagram view) and the Inter font
(every diagram label) are copied from their npm packages into
``docs/assets/vendor/`` and recorded, with a SHA-256 checksum per file, in
``docs/assets/vendor/manifest.json``. The font is cut down with fontTools to the
character ranges in ``FONT_SUBSETS`` (111 KB to about
a third), so pages with diagrams download less.

Usage::

    python scripts/vendor_assets.py            # fetch the pinned versions again
    python scripts/vendor_assets.py --verify   # only compare files with the manifest

``--verify`` is what the test suite runs; a refresh needs ``npm`` and the npm
registry, nothing else.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR_DIR = ROOT / "docs" / "assets" / "vendor"
MANIFEST = VENDOR_DIR / "manifest.json"

#: npm package -> (pinned version, files or folders to copy out of ``package/``)
PACKAGES: dict[str, tuple[str, list[str]]] = {
    "mermaid": ("11.17.2", ["dist/mermaid.min.js", "LICENSE"]),
    "katex": (
        "0.16.47",
        ["dist/katex.min.js", "dist/katex.min.css", "dist/fonts", "LICENSE"],
    ),
    "@panzoom/panzoom": ("4.6.2", ["dist/panzoom.min.js", "MIT-License.txt"]),
    "inter-ui": ("4.1.1", ["web/Inter-Regular.woff2", "LICENSE.txt"]),
}

#: Unicode ranges kept in each vendored font: Latin with its extensions, Greek,
#: punctuation, super- and subscripts, the euro sign, letter-like symbols,
#: arrows, mathematical operators, technical and geometric shapes, check marks.
#: A diagram label outside them fails the check (handbook.diagram_font).
FONT_SUBSETS: dict[str, str] = {
    "inter-ui/Inter-Regular.woff2": (
        "U+0020-007E,U+00A0-017F,U+0370-03FF,U+2000-206F,U+2070-209F,U+20AC,"
        "U+2100-214F,U+2190-21FF,U+2200-22FF,U+2300-23FF,U+25A0-25FF,U+2713,U+2717"
    ),
}


def folder_of(name: str) -> str:
    """The folder under ``docs/assets/vendor/`` of an npm package (its name without the scope)."""
    return name.rsplit("/", 1)[-1]


def sha256(path: Path) -> str:
    """Return the hex SHA-256 digest of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def checksums(folder: Path) -> dict[str, str]:
    """Map every file under ``folder`` (relative POSIX path) to its SHA-256."""
    return {
        p.relative_to(folder).as_posix(): sha256(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def fetch(name: str, version: str, files: list[str], dest: Path) -> None:
    """Download ``name@version`` with ``npm pack`` and copy ``files`` into ``dest``."""
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            ["npm", "pack", f"{name}@{version}", "--pack-destination", tmp, "--silent"],
            check=True, capture_output=True, text=True,
        ).stdout.strip().splitlines()[-1]
        with tarfile.open(Path(tmp) / out) as tar:
            tar.extractall(tmp, filter="data")
        package = Path(tmp) / "package"
        if dest.exists():
            shutil.rmtree(dest)
        for item in files:
            source = package / item
            target = dest / Path(item).name
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, target)
            else:
                shutil.copy2(source, target)


def subset_font(path: Path, unicodes: str) -> None:
    """Keep only the characters in ``unicodes`` (``U+0020-007E,...``) of the WOFF2 font at ``path``."""
    from fontTools import subset

    subset.main([str(path), f"--unicodes={unicodes}", "--flavor=woff2", "--layout-features=*",
                 f"--output-file={path}"])


def refresh() -> dict:
    """Fetch every pinned package, subset the fonts, and return the new manifest."""
    manifest = {}
    for name, (version, files) in PACKAGES.items():
        fetch(name, version, files, VENDOR_DIR / folder_of(name))
        for font, unicodes in FONT_SUBSETS.items():
            if font.startswith(folder_of(name) + "/"):
                subset_font(VENDOR_DIR / font, unicodes)
        manifest[name] = {"version": version, "files": checksums(VENDOR_DIR / folder_of(name))}
    MANIFEST.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def verify(vendor_dir: Path = VENDOR_DIR) -> list[str]:
    """Compare the vendored files with the manifest; return one line per mismatch."""
    manifest = json.loads((vendor_dir / "manifest.json").read_text())
    problems = []
    for name, entry in manifest.items():
        pinned = PACKAGES.get(name, (None,))[0]
        if pinned != entry["version"]:
            problems.append(f"{name}: manifest records {entry['version']}, script pins {pinned} (run scripts/vendor_assets.py)")
        actual = checksums(vendor_dir / folder_of(name))
        for path in sorted(set(entry["files"]) | set(actual)):
            if entry["files"].get(path) != actual.get(path):
                problems.append(f"{name}/{path}: checksum differs from manifest.json (run scripts/vendor_assets.py)")
    return problems


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verify", action="store_true", help="only check files against the manifest")
    args = parser.parse_args(argv)
    if args.verify:
        problems = verify()
        print("\n".join(problems) or "vendored assets match manifest.json")
        return 1 if problems else 0
    for name, entry in refresh().items():
        print(f"{name} {entry['version']}: {len(entry['files'])} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
