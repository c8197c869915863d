"""Shared fixtures: the project root, a helper to run a build, and one strict build of the real site."""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_env(extra: dict | None = None) -> dict:
    env = dict(os.environ, **(extra or {}))
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    return env


def run_build(project: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a project folder (the real one or a copy) into site_dir.

    Not --quiet: it silences warnings before strict mode counts them (mkdocs issue #4126).
    """
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(site_dir)],
        cwd=project, capture_output=True, text=True, env=build_env(env), timeout=300)


def copy_project(dest: Path) -> Path:
    """A throwaway copy of the project (for builds with deliberately broken input)."""
    for name in ("mkdocs.yml", "package.json"):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("docs", "data", "macros", "overrides"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def site(tmp_path_factory, worker_id) -> Path:
    """The real site, built once per test run with the strict build.

    Under pytest-xdist (`make test` runs one worker per core) the workers share one build: the
    first to take the lock builds into the run's common temporary folder, the others wait for it.
    """
    base = tmp_path_factory.getbasetemp()
    shared = base if worker_id == "master" else base.parent
    out, done = shared / "real-site", shared / "real-site.built"
    with open(shared / "real-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            result = run_build(ROOT, out)
            assert result.returncode == 0, result.stdout + result.stderr
            done.touch()
    return out
