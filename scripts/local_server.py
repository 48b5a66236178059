"""A local static server for the built site, mounted where the real host mounts it.

Used by ``scripts/linkcheck.py`` and the browser tests; it listens on
127.0.0.1 only.
"""

from __future__ import annotations

import functools
import http.server
import io
import shutil
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, with the sitemap's origin rewritten to this server's.

    Material's instant navigation only intercepts links listed in
    ``sitemap.xml``, matching them on host and port; the sitemap names the
    production origin (``site_url``), which the real host serves it under.
    """

    production_origin = ""

    def send_head(self):
        if not self.path.split("?")[0].endswith("sitemap.xml") or not self.production_origin:
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            return super().send_head()
        local = f"http://{self.headers.get('Host')}"
        body = path.read_bytes().replace(self.production_origin.encode(), local.encode())
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self):
        # linkchecker limits itself to 10 requests per second per host unless
        # the server answers with this header.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def log_message(self, *args):  # keep test output readable
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    """A threaded server that ignores clients hanging up mid-response."""

    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path, prefix: str = "/", production_origin: str = ""):
    """Serve ``directory`` under the URL path ``prefix`` on a free port of 127.0.0.1.

    ``prefix`` is the path of ``site_url`` (``/handbook/``): Material fetches the
    search index and the sitemap from there, as it will on the real host.
    Yields the base URL of the site.
    """
    mount = Path(tempfile.mkdtemp(prefix="handbook-serve-"))
    target = mount / prefix.strip("/") if prefix.strip("/") else mount
    target.parent.mkdir(parents=True, exist_ok=True)
    if target == mount:
        mount.rmdir()
        mount.symlink_to(directory.resolve(), target_is_directory=True)
    else:
        target.symlink_to(directory.resolve(), target_is_directory=True)
    handler = functools.partial(
        type("Handler", (_SiteHandler,), {"production_origin": production_origin}), directory=str(mount)
    )
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(mount, ignore_errors=True) if not mount.is_symlink() else mount.unlink()
