"""A local static server for the built site, mounted where the real host mounts it.

Used by ``scripts/linkcheck.py``, the browser tests and ``scripts/quality_benchmark.py``;
it listens on 127.0.0.1 only. Like a static host (GitHub Pages, Netlify), it
answers unknown paths with the site's ``404.html`` and status 404, serves the
site's ``robots.txt`` at the host root, and compresses text with gzip when the
client accepts it.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import shutil
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path


#: Content types worth compressing, as static hosts do.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as a real host serves them.

    The sitemap's origin is rewritten to this server's: Material's instant
    navigation only intercepts links listed in ``sitemap.xml``, matching them on
    host and port, and the sitemap names the production origin (``site_url``).
    """

    production_origin = ""
    prefix = "/"
    extra_files: dict = {}

    def send_head(self):
        url_path = self.path.split("?")[0].split("#")[0]
        if url_path == "/robots.txt" and self.prefix != "/":
            url_path = self.prefix + "robots.txt"
        path = self.extra_files.get(url_path) or Path(self.translate_path(url_path))
        if path.is_dir() and url_path.endswith("/"):
            path = path / "index.html"
        elif path.is_dir():
            return super().send_head()  # redirect to the trailing slash
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.translate_path(self.prefix + "404.html"))
            if not path.is_file():
                return super().send_head()
        body = path.read_bytes()
        if url_path.endswith("sitemap.xml") and self.production_origin:
            body = body.replace(self.production_origin.encode(), f"http://{self.headers.get('Host')}".encode())
        content_type = self.guess_type(str(path))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if content_type.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
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
def serve(directory: Path, prefix: str = "/", production_origin: str = "", extra_files: dict | None = None):
    """Serve ``directory`` under the URL path ``prefix`` on a free port of 127.0.0.1.

    ``prefix`` is the path of ``site_url`` (``/handbook/``): Material fetches the
    search index and the sitemap from there, as it will on the real host.
    ``extra_files`` maps more URL paths to local files (the tests serve axe-core
    from its npm package this way, from the site's own origin).
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
        type("Handler", (_SiteHandler,), {"production_origin": production_origin, "prefix": prefix, "extra_files": dict(extra_files or {})}), directory=str(mount)
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
