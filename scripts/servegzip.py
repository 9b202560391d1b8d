"""A small static file server for loopback measurements that gzips text, like a real host.

GitHub Pages and most web servers compress HTML, CSS, JS, JSON and SVG; measuring page
weight without compression would overstate text and understate images.
"""

from __future__ import annotations

import functools
import gzip
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlparse

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt", ".map", ".md")


class GzipHandler(SimpleHTTPRequestHandler):
    """Serve files; gzip compressible ones when the client accepts gzip."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        from io import BytesIO

        return BytesIO(body)


def served_size(directory: Path, url: str) -> int:
    """Bytes of the body this server sends for ``url`` to a browser that accepts gzip (counted
    from the files: a browser does not report what a web worker's own script cost)."""
    path = Path(directory) / unquote(urlparse(url).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    data = path.read_bytes()
    return len(gzip.compress(data, compresslevel=6)) if path.suffix in COMPRESSIBLE else len(data)


def serve(directory: Path) -> tuple[str, ThreadingHTTPServer]:
    """Serve ``directory`` on an ephemeral loopback port; return (base URL, server)."""
    handler = functools.partial(GzipHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server
