"""Two builds of the same tree are byte-identical (SOURCE_DATE_EPOCH comes from build_env())."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import copy_project, run_build

def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def _first_difference(a: bytes, b: bytes) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"sizes {len(a)}/{len(b)}, first difference at byte {at}: {a[at - 40:at + 40]!r} vs {b[at - 40:at + 40]!r}"


@pytest.mark.slow
def test_two_builds_of_the_same_tree_are_byte_identical(tmp_path):
    # A snapshot of the tree, so that edits made meanwhile in the work tree cannot differ between builds.
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    outs = [tmp_path / "site-a", tmp_path / "site-b"]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda out: run_build(project, out), outs))
    for r in results:
        assert r.returncode == 0, r.stdout + r.stderr
    a, b = (_files(o) for o in outs)
    assert sorted(a) == sorted(b), f"different files: {sorted(set(a) ^ set(b))}"
    assert len(a) > 50
    differing = [f"{rel}: {_first_difference(a[rel].read_bytes(), b[rel].read_bytes())}"
                 for rel in sorted(a) if a[rel].read_bytes() != b[rel].read_bytes()]
    assert not differing, f"{len(differing)} files differ between two builds:\n" + "\n".join(differing[:20])
