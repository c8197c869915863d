"""The built site as a phone gets it: served over HTTP with gzip, as GitHub Pages serves it, and the
bytes Chromium transfers to show a page.

Shared by the benchmark (bench/run.py, bench/lighthouse.py) and the browser tests (their server
fixture, and the scroll-through of tests/browser/sweep.py, which counts a page's bytes as
transferred() does), so the figures the benchmark reports are measured as the tests enforce them.

The server is a small subclass of the standard library's http.server rather than a library (e.g. a
pytest plugin or an ASGI static server): it adds no dependency, and it does exactly what is needed —
gzip Content-Encoding for text types, a 404 status with the site's 404.html, and a quiet log.
"""
from __future__ import annotations

import contextlib
import gzip
import io
import threading
from collections.abc import Iterator
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml",
              "image/svg+xml", "application/manifest+json")


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files from the built site; text types gzip-encoded when the client accepts it."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".js": "application/javascript", ".mjs": "application/javascript",
                      ".json": "application/json", ".svg": "image/svg+xml",
                      ".webmanifest": "application/manifest+json", ".xml": "application/xml"}

    def log_message(self, format, *args):  # noqa: A002 - keep the output clean
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the 301 to "dir/"
            path = path / "index.html"
        if not path.is_file():
            return self._send_file(Path(self.directory) / "404.html", HTTPStatus.NOT_FOUND)
        return self._send_file(path, HTTPStatus.OK)

    def _send_file(self, path: Path, status: HTTPStatus):
        ctype = self.guess_type(str(path))
        body = path.read_bytes() if path.is_file() else b"not found"
        headers = {"Content-Type": ctype + ("; charset=utf-8" if ctype.startswith("text/") else "")}
        if ctype.startswith(TEXT_TYPES):
            headers["Vary"] = "Accept-Encoding"
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body, compresslevel=5, mtime=0)
                headers["Content-Encoding"] = "gzip"
        headers["Content-Length"] = str(len(body))
        headers["Cache-Control"] = "no-cache"
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        return io.BytesIO(body)


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a browser closing a connection early is not an error


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve the built site from a background thread; yields its base URL ("http://127.0.0.1:PORT/")."""
    httpd = QuietServer(("127.0.0.1", 0), partial(SiteHandler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


SCROLL_THROUGH = """async () => {
    // The next frame; or a quarter second, if the browser is too busy to paint (a frame never
    // painted must not stall the scroll until the test's time limit).
    const frame = () => new Promise(r => {
        let done = false;
        const go = () => { if (!done) { done = true; setTimeout(r, 16); } };
        requestAnimationFrame(go);
        setTimeout(go, 250);
    });
    window.scrollTo(0, 0);
    for (let i = 0; i < 500; i++) {
        const bottom = document.documentElement.scrollHeight - window.innerHeight;
        if (window.scrollY >= bottom - 1) break;
        window.scrollTo(0, Math.min(bottom, window.scrollY + window.innerHeight));
        await frame(); await frame();  // let the IntersectionObserver see each position
    }
}"""


def scroll_through(page) -> None:
    """Scroll to the bottom a viewport at a time, as a reader would, so lazy charts start drawing."""
    page.evaluate(SCROLL_THROUGH)


def transferred(page, base: str, path: str, scroll: bool) -> tuple[int, int, list[str]]:
    """Bytes (headers + encoded bodies of finished requests) for a first visit to base + path: as
    loaded, and after reading to the end with every chart drawn; and the five largest URLs."""
    sizes: dict[str, int] = {}

    def done(req):
        s = req.sizes()
        sizes[req.url] = sizes.get(req.url, 0) + s["responseBodySize"] + s["responseHeadersSize"]

    page.on("requestfinished", done)
    page.goto(base + path, wait_until="networkidle")   # every request finished, none for half a second
    first = sum(sizes.values())
    if scroll:
        scroll_through(page)
        page.wait_for_load_state("networkidle")
        # A function, not an expression: Playwright evaluates an expression with eval(), which the
        # pages' Content-Security-Policy refuses.
        page.wait_for_function("() => [...document.querySelectorAll('[data-plotly-figure]')]"
                               ".every(e => e.dataset.rendered === '1')", timeout=20000)
    return first, sum(sizes.values()), sorted(sizes, key=sizes.get, reverse=True)[:5]
