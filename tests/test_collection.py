"""Every test file under tests/ is collected by the suite's own command.

pytest skips some folder names by default (build, dist, venv, …): tests/build/ was once left out of
every run that way, silently. This asks pytest itself, with the project's pytest.ini, which files it
collects, and compares them with the test files on disk.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REFERENCE_SITE, REFERENCE_SITE_FILES

ROOT = Path(__file__).resolve().parent.parent


def test_every_test_file_is_collected():
    run = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                          "-p", "no:xdist", "tests"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    collected = {line.split("::", 1)[0] for line in run.stdout.splitlines() if "::" in line}
    on_disk = {p.relative_to(ROOT).as_posix() for p in (ROOT / "tests").rglob("test_*.py")}
    assert on_disk, "no test files found"
    # On a site other than the engine's reference site, its tests are left out on purpose (tests/conftest.py).
    left_out = set() if REFERENCE_SITE else REFERENCE_SITE_FILES
    assert not on_disk - collected - left_out, f"never collected: {sorted(on_disk - collected - left_out)}"
    assert not collected & left_out
