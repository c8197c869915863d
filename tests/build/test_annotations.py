"""Inside GitHub Actions the build's one-line messages are also workflow commands, on the right file and line.

A broken figure, a data note and a stale English page: each appears as `::error` / `::notice` /
`::warning` naming the file and line an editor must open, so GitHub shows it in "Files changed".
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import copy_project, run_build

S1 = "data/editions/2024-02/strategies/strategy-1.yaml"


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> tuple[Path, str]:
    project = copy_project(tmp_path_factory.mktemp("annotated"))
    path = project / S1
    text = path.read_text(encoding="utf-8")
    at = text.index("            actual: 382\n")
    path.write_text(text.replace("            actual: 382\n", "            actual: 38x2\n", 1), encoding="utf-8")
    return project, str(text.count("\n", 0, at) + 1)


def test_broken_build_prints_error_on_the_line(broken):
    project, line = broken
    result = run_build(project, project / "site", env={"GITHUB_ACTIONS": "true"})
    out = result.stdout + result.stderr
    assert result.returncode != 0
    errors = [l for l in out.splitlines() if l.startswith("::error ")]
    assert any(l.startswith(f"::error file={S1},line={line},title=") and "38x2" in l for l in errors), out
    # The human line is still there, unchanged.
    assert re.search(rf"^ERROR\s+-\s+{re.escape(S1)}:{line}: ", out, re.M), out


def test_good_build_prints_notices_and_warnings(tmp_path):
    project = copy_project(tmp_path)
    # The Japanese page changed after its English page was stamped: a stale translation (a warning).
    ja = project / "docs" / "glossary.md"
    ja.write_text(ja.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = run_build(project, tmp_path / "site", env={"GITHUB_ACTIONS": "true"})
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    notices = [l for l in out.splitlines() if l.startswith("::notice ")]
    # Every data note is located on its KPI in data/editions/2024-02/strategies/.
    assert notices and all(re.match(r"::notice file=data/editions/2024-02/strategies/strategy-\d\.yaml,line=\d+,", l)
                           or "file=" not in l for l in notices), notices
    assert any(re.match(r"::notice file=data/editions/2024-02/strategies/strategy-1\.yaml,line=\d+,.*1-1-2-3", l) for l in notices)
    assert any(l.startswith("::warning file=docs/glossary.en.md,title=") for l in out.splitlines()), out


def test_no_workflow_commands_outside_github_actions(site_build_output):
    """The shared build of the real site runs with GITHUB_ACTIONS unset (tests/conftest.py)."""
    assert "NOTICE" in site_build_output   # the data notes are printed, as plain lines only
    assert "::notice" not in site_build_output
