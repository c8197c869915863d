"""The corpus of broken workbooks (sheet_cases.py): each refused with one clear line, data/ untouched."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.tools.sheet_cases import CASES, error_line, make_case
from tests.tools.sheet_support import digest, exported, import_cli, scratch_project


@pytest.fixture(scope="module")
def workbook_bytes(root, tmp_path_factory) -> bytes:
    project = scratch_project(root, tmp_path_factory.mktemp("export"))
    path, _ = exported(project)
    return path.read_bytes()


def test_corpus_is_well_formed():
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids)) and len(ids) >= 25
    assert all(c.what_ja and c.what and c.words for c in CASES)


@pytest.mark.reference_site
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_broken_workbook_is_refused_with_one_clear_line(root, tmp_path, workbook_bytes, capsys, case):
    project = scratch_project(root, tmp_path)
    path = make_case(case, project, workbook_bytes)
    before = digest(project)
    code, out, err = import_cli(project, path, capsys)
    shown = f"--- stdout ---\n{out}\n--- stderr ---\n{err}"
    assert code == 1, shown
    assert "Traceback" not in out + err
    line = error_line(case, err)
    assert line, f"no line names {case.cell or 'the file'} and all of {case.words}\n{shown}"
    # One line, both languages: what is wrong and what to do.
    assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", line) and " / " in line and line.count(" — ") >= 2
    assert "nothing was written" in err
    assert digest(project) == before
