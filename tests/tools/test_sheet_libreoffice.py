"""The workbook after a real spreadsheet program saved it (LibreOffice Calc, when installed)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from macros.core.report import load_report
from macros.tools.sheet_layout import KPI_SHEET
from tests.tools.sheet_support import DRAFT, digest, draft_project, exported, import_cli

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice Calc (Debian libreoffice-calc-nogui) not installed")


def _saved_by_libreoffice(path: Path, out: Path) -> Path:
    """Open the workbook in LibreOffice and save it as .xlsx again."""
    out.mkdir()
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{out}/profile", "--convert-to",
                    "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    return out / path.name


def test_libreoffice_keeps_the_workbook_importable_and_the_edits(root, tmp_path, capsys):
    (tmp_path / "p").mkdir()
    project = draft_project(root, tmp_path / "p")
    before = digest(project)
    path, wb = exported(project)
    untouched = _saved_by_libreoffice(path, tmp_path / "untouched")
    code, out, err = import_cli(project, untouched, capsys)
    assert code == 0 and "変更はありません" in out, err
    assert digest(project) == before

    wb[KPI_SHEET]["H2"] = 390
    wb[KPI_SHEET]["I6"] = "R4"
    edited_path = project / "edited.xlsx"
    wb.save(edited_path)
    edited = _saved_by_libreoffice(edited_path, tmp_path / "edited")
    saved = load_workbook(edited)
    assert saved[KPI_SHEET].protection.sheet and saved["exported"].sheet_state != "visible"
    code, out, err = import_cli(project, edited, capsys)
    assert code == 0, err
    report = load_report(project, DRAFT, published=False).report
    assert report.kpi("1-1-1-1").actual.amount == 390
    assert report.kpi("1-1-2-3").actual.fy == 2022
