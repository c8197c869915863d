"""Hostile workbooks (macros/tools/sheet_limits.py): refused with one line, quickly, nothing written to data/.

The workbooks are made here, small: the limits are lowered through import_sheet's `limits` to prove each
check, beside the realistic cases of the corpus (sheet_cases.py: a 24 MB zip bomb, an external entity,
an array formula and over-long text).
"""
from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest
from openpyxl import load_workbook
from openpyxl.styles import PatternFill

from macros.core.errors import DataError
from macros.tools import sheet_import
from macros.tools.sheet_import import import_sheet
from macros.tools.sheet_limits import MAX_ERRORS, SHOWN_CHARS, Limits, shown
from tests.tools.sheet_cases import repacked, with_laughs
from tests.tools.sheet_support import digest, exported, import_cli, scratch_project


@pytest.fixture()
def project(root, tmp_path):
    return scratch_project(root, tmp_path)


def one_bilingual_line(text: str) -> str:
    assert "\n" not in text and " / " in text and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text), text
    return text


def refused(project, path, limits: Limits = Limits()) -> str:
    before = digest(project)
    with pytest.raises(DataError) as err:
        import_sheet(project, path, display="kpis.xlsx", limits=limits)
    assert digest(project) == before
    return one_bilingual_line(err.value.one_line())


def test_the_zip_directory_is_checked_before_anything_is_inflated(project):
    path, _ = exported(project)
    inflated = sum(i.file_size for i in zipfile.ZipFile(path).infolist())
    line = refused(project, path, Limits(max_inflated=inflated - 1))
    assert line.startswith("kpis.xlsx: file: ") and f"{inflated:,} bytes" in line
    members = len(zipfile.ZipFile(path).infolist())
    line = refused(project, path, Limits(max_members=members - 1))
    assert f"({members:,}, at most {members - 1:,})" in line
    # The default limits leave room for the workbook itself.
    assert import_sheet(project, path, display="kpis.xlsx").errors == []


def test_an_internal_entity_is_not_expanded(project):
    """Entities declared in the DTD (a billion laughs) are refused by defusedxml, not expanded."""
    path, _ = exported(project)
    path.write_bytes(with_laughs(path.read_bytes()))
    line = refused(project, path)
    assert "DTD" in line and "entity" in line


def test_defusedxml_is_what_openpyxl_parses_with():
    """openpyxl picks defusedxml up when it is installed (openpyxl.DEFUSEDXML); the import checks it."""
    assert openpyxl.DEFUSEDXML is True


def test_without_defusedxml_the_import_refuses_to_start(project, monkeypatch):
    path, _ = exported(project)
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    line = refused(project, path)
    assert "defusedxml" in line and "make setup" in line


def test_a_styled_empty_cell_on_the_last_row_costs_nothing(project):
    """One formatted empty cell on row 1,048,576: ws.max_row is that row, but only the cells the file
    holds are read (this took 37 s and 3 GB when every row up to max_row was visited)."""
    path, wb = exported(project)
    wb["KPI"].cell(row=1_048_576, column=1).fill = PatternFill("solid", fgColor="FFFF00")
    wb.save(path)
    assert load_workbook(path)["KPI"].max_row == 1_048_576
    wb = load_workbook(path)
    assert sheet_import._filled_rows(wb["KPI"], 13) == list(range(2, wb["exported"].max_row + 1))
    assert len(wb["KPI"]._cells) < 2000, "reading the rows created cells"
    out = import_sheet(project, path, display="kpis.xlsx")
    assert out.errors == [] and out.changes == []


def test_filled_rows_reads_the_cells_openpyxl_keeps(tmp_path):
    """_filled_rows relies on ws._cells, openpyxl's dict of the cells read: checked on the installed openpyxl."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A2"], ws["C5"], ws["B7"] = "x", 0, ""
    ws["A9"].fill = PatternFill("solid", fgColor="FFFF00")
    wb.save(tmp_path / "w.xlsx")
    ws = load_workbook(tmp_path / "w.xlsx").active
    assert sheet_import._filled_rows(ws, 3) == [2, 5] and sheet_import._filled_rows(ws, 2) == [2]


def test_many_errors_list_the_first_fifty_and_count_the_rest(project, capsys):
    path, wb = exported(project)
    ws = wb["KPI"]
    first = ws.max_row + 1
    for r in range(first, first + MAX_ERRORS + 25):
        ws.cell(row=r, column=1, value=f"X-{r}")
    wb.save(path)
    before = digest(project)
    code, out, err = import_cli(project, path, capsys)
    lines = err.splitlines()
    assert code == 1 and digest(project) == before
    assert len([l for l in lines if "kpis.xlsx: KPI!A" in l]) == MAX_ERRORS
    assert "and 25 more" in err and f"{MAX_ERRORS + 25} error(s): nothing was written" in err
    assert all(one_bilingual_line(l) for l in lines)


def test_a_ten_megabyte_remark_is_refused_and_not_echoed(project, capsys):
    path, wb = exported(project)
    cell = wb["KPI"]["M2"]
    cell._value, cell.data_type = "x" * 10_000_000, "s"   # as another program could write it
    wb.save(path)
    before = digest(project)
    code, _out, err = import_cli(project, path, capsys)
    assert code == 1 and digest(project) == before
    line = one_bilingual_line(err.splitlines()[0])
    assert "kpis.xlsx: KPI!M2: " in line and "10,000,000" in line and len(line) < 600


def test_shown_keeps_a_value_short_and_on_one_line():
    assert shown("a\nb") == "a b"
    long = shown("x" * 10_000)
    assert long.startswith("x" * SHOWN_CHARS + "…") and "10,000" in long and len(long) < SHOWN_CHARS + 30


def test_a_huge_merged_range_is_refused_before_openpyxl_makes_its_cells(project):
    """openpyxl makes an object per cell of a merged range while it loads; A2:XFD1048576 in 60 bytes of XML."""
    path, _ = exported(project)

    def edit(name: str, content: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return content
        return content.replace(b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A2:XFD1048576"/>'
                               b"</mergeCells>", 1)
    path.write_bytes(repacked(path.read_bytes(), edit))
    line = refused(project, path)
    assert f"{16384 * 1048575:,}" in line and "merged" in line


def test_a_missing_workbook_is_still_named_as_missing(project, capsys):
    code, _out, err = import_cli(project, project / "nothing.xlsx", capsys)
    assert code == 1 and "the file does not exist" in err and "Traceback" not in err
