"""Check every link and anchor of a built site with linkchecker, over local HTTP.

The site is served on 127.0.0.1 under the path of ``site_url`` (anchor checks
over ``file://`` misfire on ``dir/#anchor`` links). External links are not
fetched: the check never leaves the machine.

Usage::

    python scripts/linkcheck.py site
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_handbook import ROOT, read_config  # noqa: E402
from local_server import serve  # noqa: E402

CONFIG = ROOT / "linkcheckerrc"


def run_linkchecker(site_dir: Path) -> subprocess.CompletedProcess:
    """Serve ``site_dir`` and run linkchecker over it; return the finished process."""
    site_url = read_config(ROOT).get("site_url") or "/"
    prefix = urlparse(site_url).path or "/"
    linkchecker = Path(sys.executable).with_name("linkchecker")
    with serve(site_dir, prefix) as base:
        return subprocess.run(
            [str(linkchecker), "--config", str(CONFIG), "--no-status", base],
            capture_output=True, text=True, check=False,
        )


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; exit status is linkchecker's (0: no error, no warning)."""
    argv = sys.argv[1:] if argv is None else argv
    result = run_linkchecker(Path(argv[0] if argv else "site"))
    print(result.stdout, end="")
    print(result.stderr, end="", file=sys.stderr)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
