"""The live preview (`mkdocs serve`, macros/glue/plugin.py), run as `make serve` runs it, on a copy of
the project with a draft second edition: which pages it builds (the print page whole), an edit
reaching the served page, and PREVIEW_FULL=true building every page as the deployed site does.
"""
from __future__ import annotations

import queue
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import build_env, copy_project
from tests.synthetic_editions import add_edition

# Slow by design: three `mkdocs serve` runs (`make test-slow`, a CI job of its own).
pytestmark = pytest.mark.slow

FIRST, SECOND = "2024-02", "2025-02"
PARTS = ["context", "summary", "strategy-1", "strategy-2", "strategy-3", "strategy-4", "strategy-5"]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("preview") / "project"
    base.mkdir()
    project = copy_project(base)
    add_edition(project, SECOND, 2023, publish=False)
    return project


class Server:
    def __init__(self, url: str, lines: queue.Queue):
        self.url, self.lines = url, lines

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as r:
                return r.status, r.read().decode("utf-8")
        except urllib.error.HTTPError as err:
            return err.code, ""

    def wait_for(self, text: str, timeout: float = 120) -> None:
        end = time.monotonic() + timeout
        while True:
            line = self.lines.get(timeout=max(0.1, end - time.monotonic()))
            assert "Traceback" not in line and "ERROR" not in line, line
            if text in line:
                return


@contextmanager
def serve(project: Path, **env):
    """`mkdocs serve` as `make serve` starts it (drafts shown), on a free port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=build_env({"SHOW_DRAFTS": "true", **env}))
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()
    server = Server(f"http://127.0.0.1:{port}/", lines)
    try:
        server.wait_for("Serving on")
        yield server
    finally:
        proc.terminate()
        proc.wait(10)


def test_the_preview_builds_todays_pages_and_the_draft_and_the_whole_print_page(project):
    with serve(project) as s:
        for path in ["", "strategy-1/", "kpis/", "data/", "en/strategy-1/", f"editions/{SECOND}/strategy-1/",
                     f"en/editions/{SECOND}/"]:
            assert s.get(path)[0] == 200, path
        # The published edition's own copies repeat today's pages: left out of the preview.
        for path in [f"editions/{FIRST}/strategy-1/", f"en/editions/{FIRST}/"]:
            assert s.get(path)[0] == 404, path
        # The print page is the deployed one: every part with its text.
        for prefix in ("", "en/"):
            status, html = s.get(prefix + "print/")
            assert status == 200
            for part in PARTS:
                assert f'id="{part}"' in html, part
            assert 'id="kpi-1-1-1-1"' in html
        assert 'id="kpi-1-1-1-1"' in s.get(f"editions/{SECOND}/print/")[1]   # the draft's too


def test_an_edit_to_the_draft_reaches_the_served_page(project):
    page = project / "docs" / "editions" / SECOND / "strategy-1.md"
    source = page.read_text(encoding="utf-8")
    with serve(project) as s:
        assert "確かめるための一文" not in s.get(f"editions/{SECOND}/strategy-1/")[1]
        try:
            page.write_text(source + "\n確かめるための一文です。\n", encoding="utf-8")
            s.wait_for("Reloading browsers")
            assert "確かめるための一文です。" in s.get(f"editions/{SECOND}/strategy-1/")[1]
        finally:
            page.write_text(source, encoding="utf-8")


def test_preview_full_builds_every_page(project):
    with serve(project, PREVIEW_FULL="true") as s:
        assert s.get(f"editions/{FIRST}/strategy-1/")[0] == 200
        assert s.get(f"en/editions/{FIRST}/")[0] == 200
        assert 'id="kpi-1-1-1-1"' in s.get(f"editions/{FIRST}/print/")[1]
