"""`make build` swaps the new site in only when the whole strict build succeeded.

Runs the Makefile's own build target in a project copy. The copy uses the work tree's Python
(PY=...) and never runs the setup recipes: make is told (-o) to treat the install stamps as done,
and a dry run first proves that nothing but the build itself would be executed.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_env, copy_make_project

# Slow by design: a full `make build` in a copy (`make test-slow`, a CI job of its own).
pytestmark = pytest.mark.slow

PY = ROOT / ".venv" / "bin" / "python"
MAKE_ARGS = ["build", f"PY={PY}", "-o", ".venv/.installed", "-o", "node_modules/.installed"]


def _make(project: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-C", str(project), *extra, *MAKE_ARGS], capture_output=True, text=True,
                          env=build_env(), timeout=300)


@pytest.fixture
def project(tmp_path) -> Path:
    copy = tmp_path / "project"
    copy.mkdir()
    copy_make_project(copy)
    site = copy / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>the good site</p>\n", encoding="utf-8")
    (site / "MARKER").write_text("previous good build\n", encoding="utf-8")
    # Nothing but the build may run: no venv, pip or npm into the work tree's .venv or node_modules.
    dry = _make(copy, "-n")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    commands = [line for line in dry.stdout.splitlines() if line.strip() and not line.startswith("make")]
    setup_words = ("-m venv", "pip install", "npm ci", "apt-get")
    assert not any(word in line for line in commands for word in setup_words), dry.stdout
    assert any("mkdocs build" in line for line in commands), dry.stdout
    return copy


def test_failed_build_keeps_the_previous_site(project):
    units = project / "data" / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8") + '"千人": {en: "again"}\n', encoding="utf-8")
    result = _make(project)
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert "data/units.yaml:" in out and "Traceback" not in out, out
    assert (project / "site" / "MARKER").read_text(encoding="utf-8") == "previous good build\n"
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "<p>the good site</p>\n"
    assert not (project / "site.old").exists()


def test_successful_build_replaces_the_site(project):
    result = _make(project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    assert not (site / "MARKER").exists()
    assert (site / "data" / "kpis.csv").is_file() and (site / "en" / "index.html").is_file()
    assert not (project / "site.tmp").exists() and not (project / "site.old").exists()
