"""The Python lock files (`make lock`): every package pinned exactly and installed by hash, mkdocs
held on 1.x, and the ProperDocs environment identical to the main one apart from ProperDocs."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCKS = ["requirements.txt", "requirements-properdocs.txt", "requirements-lock.txt"]
INPUTS = ["requirements.in", "requirements-properdocs.in", "requirements-lock.in"]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def _entries(name: str) -> dict[str, tuple[str, list[str]]]:
    """{package: (version, hashes)} of a pip-compile output file (continuation lines joined)."""
    text = (ROOT / name).read_text(encoding="utf-8").replace("\\\n", " ")
    entries = {}
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        m = PIN.match(line)
        assert m, f"{name}: not an exact pin: {line[:80]}"
        package = re.sub(r"[-_.]+", "-", m[1]).lower()
        entries[package] = (m[2], re.findall(r"--hash=sha256:([0-9a-f]{64})", line))
    return entries


@pytest.mark.parametrize("name", LOCKS)
def test_every_package_is_pinned_with_hashes(name):
    entries = _entries(name)
    assert len(entries) >= 5
    missing = [p for p, (_, hashes) in entries.items() if not hashes]
    assert not missing, f"{name}: no hash for {missing}: run `make lock`"


@pytest.mark.parametrize("name", LOCKS + INPUTS)
def test_no_machine_specific_index_or_path(name):
    text = (ROOT / name).read_text(encoding="utf-8")
    for marker in ("--index-url", "--extra-index-url", "--find-links", "--trusted-host", "file:/"):
        assert marker not in text, f"{name} names {marker}: locks must install anywhere"


def test_direct_dependencies_are_pinned_exactly():
    """Exact pins in requirements.in too: no resolver can then pick a pre-release such as mkdocs 2.0."""
    for name in INPUTS:
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line and not line.startswith("-"):
                assert PIN.match(line), f"{name}: {line!r} is not pinned with =="


def test_mkdocs_stays_on_1x_everywhere():
    for name in ("requirements.txt", "requirements-properdocs.txt"):
        version = _entries(name)["mkdocs"][0]
        assert re.fullmatch(r"1\.\d+\.\d+", version), f"{name}: mkdocs {version}"


def test_properdocs_environment_differs_only_by_properdocs():
    main, properdocs = _entries("requirements.txt"), _entries("requirements-properdocs.txt")
    assert set(properdocs) - set(main) == {"properdocs"}
    assert set(main) <= set(properdocs)
    assert {p: v for p, (v, _) in properdocs.items() if p in main} == {p: v for p, (v, _) in main.items()}
