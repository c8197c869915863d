"""Fixtures for the browser tests: a local HTTP server for the built site (bench/site_server.py,
shared with the benchmark), the list of its pages, one visit to every page per viewport with every
per-page check recorded (tests/browser/sweep.py), one headless Chromium for the whole session, and
fresh contexts at the two test viewports.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from bench.site_server import serve

from .support import CHROMIUM, CHROMIUM_ARGS, VIEWPORTS, new_context

# --------------------------------------------------------------------------------------------
# HTTP server
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def server(site: Path):
    """Base URL ("http://127.0.0.1:PORT/") of the built site, served from a background thread."""
    with serve(site) as base:
        yield base


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


@pytest.fixture(scope="session")
def page_sweep(site: Path, browser):
    """sweep.PageSweep: page_sweep.visits(viewport, pages) visits each page once per viewport, with
    every per-page check (sweep.py). Asks for `browser` only so that a missing Chromium fails as it
    does elsewhere."""
    from .sweep import CONCURRENT, PageSweep
    with contextlib.ExitStack() as servers:
        sweep = PageSweep(site, [servers.enter_context(serve(site)) for _ in range(CONCURRENT)])
        yield sweep
        sweep.close()


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
