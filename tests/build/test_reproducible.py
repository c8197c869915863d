"""Two builds of the same tree are byte-identical (SOURCE_DATE_EPOCH comes from build_env()): the shared
build of the real site, and a build of a copy of the project in another folder."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import copy_project, run_build, site_env

def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def _first_difference(a: bytes, b: bytes) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"sizes {len(a)}/{len(b)}, first difference at byte {at}: {a[at - 40:at + 40]!r} vs {b[at - 40:at + 40]!r}"


@pytest.mark.slow
def test_two_builds_of_the_same_tree_are_byte_identical(site, tmp_path):
    # A copy in another folder: nothing of the work tree's path or of its other files reaches the site.
    # (A file edited in the work tree since the run began differs too, and is named below.)
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    result = run_build(project, tmp_path / "site", site_env())
    assert result.returncode == 0, result.stdout + result.stderr
    a, b = _files(site), _files(tmp_path / "site")
    assert sorted(a) == sorted(b), f"different files: {sorted(set(a) ^ set(b))}"
    assert len(a) > 50
    differing = [f"{rel}: {_first_difference(a[rel].read_bytes(), b[rel].read_bytes())}"
                 for rel in sorted(a) if a[rel].read_bytes() != b[rel].read_bytes()]
    assert not differing, f"{len(differing)} files differ between two builds:\n" + "\n".join(differing[:20])
