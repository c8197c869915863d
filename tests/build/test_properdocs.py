"""ProperDocs, the maintained continuation of MkDocs 1.x, builds this site byte for byte as MkDocs does:
the way off MkDocs 1.x stays open, and any drift shows the day it appears.

ProperDocs runs from its own environment, .venv-properdocs (`make setup-properdocs`, pinned in
requirements-properdocs.txt): while it runs it answers every `mkdocs.*` import, so it never shares an
environment with the mkdocs that builds the published site. Both builds get the same
SOURCE_DATE_EPOCH (tests/conftest.py), which dates the sitemap."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_env

from .test_reproducible import _files, _first_difference

PROPERDOCS = ROOT / ".venv-properdocs" / "bin" / "properdocs"


def _pinned_version() -> str:
    for line in (ROOT / "requirements-properdocs.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("properdocs=="):
            return line.split("==", 1)[1].split()[0]
    raise AssertionError("properdocs is not pinned in requirements-properdocs.txt")


@pytest.fixture(scope="module")
def properdocs() -> Path:
    if not PROPERDOCS.is_file():
        pytest.fail(f"{PROPERDOCS.relative_to(ROOT)} is missing: run `make setup-properdocs`")
    version = subprocess.run([str(PROPERDOCS), "--version"], capture_output=True, text=True, timeout=60)
    assert f"properdocs, version {_pinned_version()} " in version.stdout, version.stdout + version.stderr
    return PROPERDOCS


@pytest.mark.slow
def test_properdocs_builds_the_same_site_byte_for_byte(properdocs, site, tmp_path):
    out = tmp_path / "site-properdocs"
    result = subprocess.run([str(properdocs), "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
                            cwd=ROOT, capture_output=True, text=True, env=build_env(), timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    a, b = _files(site), _files(out)
    assert sorted(a) == sorted(b), f"different files: {sorted(set(a) ^ set(b))}"
    assert "sitemap.xml" in a and "sitemap.xml.gz" in a and len(a) > 50
    differing = [f"{rel}: {_first_difference(a[rel].read_bytes(), b[rel].read_bytes())}"
                 for rel in sorted(a) if a[rel].read_bytes() != b[rel].read_bytes()]
    assert not differing, f"{len(differing)} files differ from the MkDocs build:\n" + "\n".join(differing[:20])
