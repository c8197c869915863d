"""Fixtures for the browser tests: a local HTTP server for the built site, the list of its pages,
one headless Chromium for the whole session, and fresh contexts at the two test viewports.

The server is a small subclass of the standard library's http.server rather than a library
(e.g. a pytest plugin or an ASGI static server): it adds no dependency to the project, and it
lets us control exactly what the tests need to see — gzip Content-Encoding for text types (as a
real static host serves them), a 404 status with the site's 404.html, and a quiet log.
"""
from __future__ import annotations

import gzip
import io
import os
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .support import CHROMIUM, CHROMIUM_ARGS, VIEWPORTS, new_context

TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml",
              "image/svg+xml", "application/manifest+json")


# --------------------------------------------------------------------------------------------
# HTTP server
# --------------------------------------------------------------------------------------------

class SiteHandler(SimpleHTTPRequestHandler):
    """Static files from the built site; text types gzip-encoded when the client accepts it."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".js": "application/javascript", ".mjs": "application/javascript",
                      ".json": "application/json", ".svg": "image/svg+xml",
                      ".webmanifest": "application/manifest+json", ".xml": "application/xml"}

    def log_message(self, format, *args):  # noqa: A002 - keep pytest output clean
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
        pass  # a browser closing a connection early is not a test failure


@pytest.fixture(scope="session")
def server(site: Path):
    """Base URL ("http://127.0.0.1:PORT/") of the built site, served from a background thread."""
    httpd = QuietServer(("127.0.0.1", 0), partial(SiteHandler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


# --------------------------------------------------------------------------------------------
# The built pages
# --------------------------------------------------------------------------------------------

def discover_pages(site: Path) -> list[str]:
    """Site-relative URLs ("", "kpis/", "en/kpis/") of every built HTML page except 404.html."""
    urls = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel == "404.html":
            continue
        urls.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return urls


@pytest.fixture(scope="session")
def pages(site: Path) -> list[str]:
    urls = discover_pages(site)
    assert urls, f"no HTML pages found in {site}"
    return urls


# --------------------------------------------------------------------------------------------
# Chromium
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    # A missing browser is a failure, not a skip: a green run must mean the pages were tested.
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is not installed: run `make setup-browser` (Debian package chromium)")
    from playwright import sync_api
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request) -> str:
    """"desktop" (1280×800) or "mobile" (390×844)."""
    return request.param


@pytest.fixture
def context(browser, viewport):
    """A fresh browser context at the `viewport` size."""
    ctx = new_context(browser, viewport)
    yield ctx
    ctx.close()


@pytest.fixture
def desktop(browser):
    """A fresh browser context at the desktop size."""
    ctx = new_context(browser, "desktop")
    yield ctx
    ctx.close()


@pytest.fixture
def mobile(browser):
    """A fresh browser context at the phone size."""
    ctx = new_context(browser, "mobile")
    yield ctx
    ctx.close()
