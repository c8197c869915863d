"""The test builds' fork server (tests/forked_builds.py) builds exactly what `python -m mkdocs build` builds.

Its children run MkDocs' own command line with modules imported by another process: if that ever made a
difference (a module that reads the folder or the environment when imported, a cache kept across
builds, output that goes elsewhere), these tests show it, on a good build and on a broken one.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, build_env, town_copy
from tests.forked_builds import mkdocs, runs_this_engine

TIMING = re.compile(r"^INFO    -  Documentation built in [0-9.]+ seconds$", re.M)


def _both(project: Path, out: Path, env: dict) -> tuple[subprocess.CompletedProcess, subprocess.CompletedProcess]:
    """The same strict build as a subprocess (into out/subprocess) and in the fork server (out/forked)."""
    args = lambda name: ["build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(out / name)]  # noqa: E731
    alone = subprocess.run([sys.executable, "-m", "mkdocs", *args("subprocess")], cwd=project, capture_output=True,
                           text=True, env=env, timeout=300)
    forked = mkdocs(args("forked"), cwd=project, env=env, timeout=300)
    return _same_words(alone, out / "subprocess"), _same_words(forked, out / "forked")


def _same_words(run: subprocess.CompletedProcess, site: Path) -> subprocess.CompletedProcess:
    """The build's output with its site folder and its time taken out (the only words that may differ)."""
    words = lambda text: TIMING.sub("", text.replace(str(site), "SITE"))  # noqa: E731
    return subprocess.CompletedProcess(run.args, run.returncode, words(run.stdout), words(run.stderr))


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_forked_build_is_the_command_lines_build(tmp_path):
    town = town_copy("two_levels", tmp_path / "town")
    env = build_env({"CONTACT_URL": "https://example.org/contact"})
    alone, forked = _both(town, tmp_path, env)
    assert alone.returncode == forked.returncode == 0, alone.stderr + forked.stderr
    assert (forked.stdout, forked.stderr) == (alone.stdout, alone.stderr)
    built, expected = _files(tmp_path / "forked"), _files(tmp_path / "subprocess")
    assert sorted(built) == sorted(expected)
    assert [name for name in expected if built[name] != expected[name]] == []


def test_a_forked_broken_build_fails_as_the_command_lines_does(tmp_path):
    town = town_copy("ja_only", tmp_path / "town")
    (town / "data" / "site.yaml").write_text("municipality: [\n", encoding="utf-8")
    alone, forked = _both(town, tmp_path, build_env())
    assert alone.returncode == forked.returncode != 0
    assert "data/site.yaml:" in forked.stderr and "Traceback" not in forked.stderr
    assert (forked.stdout, forked.stderr) == (alone.stdout, alone.stderr)


def test_a_project_with_another_engine_is_built_as_a_subprocess(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "macros", project / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    assert runs_this_engine(project)
    (project / "macros" / "VERSION").write_text("0.0.1\n", encoding="utf-8")
    assert not runs_this_engine(project)
