"""Mistakes with the statuses a city enters itself (the `entered` scheme), on a copy of a synthetic town.

test_sheet_entered.py checks that each is refused with one line at its cell, writing nothing; the staff
guide's error catalogue (tests/broken/catalogue.py) lists the line each prints. Row 2 of the sheet KPI is
the town's first KPI.
"""
from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from macros.core.errors import DataError
from macros.tools import edition_cli
from macros.tools.sheet_import import import_sheet
from macros.tools.sheet_layout import KPI_SHEET, column_letter
from tests.tools.sheet_support import entered_town, exported


@dataclass(frozen=True)
class EnteredCase:
    id: str
    what_ja: str                  # what the person did, for the guide
    cells: dict[str, object]      # {"status2": "A"}: the column's key and the row
    at: str                       # the column of the cell the line names ("status" or "status_reason")
    words: tuple[str, ...]        # words the line contains


CASES = [
    EnteredCase("unknown", "状況の列に、区分にない記号（E）を入力した", {"status2": "E", "status_reason2": "理由"},
                "status", ("A, B, C, D",)),
    EnteredCase("not-yet-entered-typed", "状況の列に「none」（未記入）を入力した",
                {"status2": "none", "status_reason2": "理由"}, "status", ("A, B, C, D",)),
    EnteredCase("no-reason", "状況を選んだが、理由を書かなかった", {"status2": "A"}, "status_reason", ("has no reason",)),
    EnteredCase("reason-only", "理由だけを書き、状況を選ばなかった", {"status_reason2": "理由だけ"}, "status",
                ("no status",)),
    EnteredCase("formula", "理由の列に数式を入力した", {"status2": "A", "status_reason2": '=HYPERLINK("http://x")'},
                "status_reason", ("formula",)),
    EnteredCase("not-text", "状況の列に TRUE を入力した", {"status2": True, "status_reason2": "理由"}, "status",
                ("no text",)),
]


def fill(project: Path, cells: dict[str, object]) -> Path:
    """Export, type the cells (by column key and row: {"status2": "A"}), save; returns the workbook's path."""
    path, wb = exported(project)
    ws = wb[KPI_SHEET]
    for key, value in cells.items():
        column, row = re.fullmatch(r"([a-z_]+?)(\d+)", key).groups()
        ws[f"{column_letter(column)}{row}"] = value
    wb.save(path)
    return path


def refusal(project: Path, path: Path) -> str:
    """The first line the import refuses the workbook with (named kpis.xlsx, as staff name it)."""
    try:
        errors = import_sheet(project, path, display="kpis.xlsx").errors
    except DataError as err:
        return err.one_line()
    return errors[0].one_line()


def scheme_changed(project: Path) -> Path:
    """A workbook exported under the entered scheme, the site's scheme changed back before the import."""
    path, _ = exported(project)
    site = project / "data" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("scheme: entered", "scheme: four-categories"),
                    encoding="utf-8")
    return path


def catalogue_lines(tmp: Path) -> list[tuple[str, str, str]]:
    """(section, title, line) of each case, of a workbook from before a change of scheme, and of publishing
    an edition whose statuses are not all entered (the first such line), each on a fresh copy of the town."""
    rows = []
    for i, case in enumerate(CASES):
        project = entered_town("two_levels", tmp / f"case-{i}")
        rows.append(("sheet", f"判定方法 entered のサイトで、{case.what_ja}", refusal(project, fill(project, case.cells))))
    project = entered_town("two_levels", tmp / "scheme")
    rows.append(("sheet", "表を書き出した後で、data/site.yaml の判定方法を変えた", refusal(project, scheme_changed(project))))
    project = entered_town("ja_only", tmp / "publish")
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        edition_cli.main(["publish", "2025-03"], root=project)
    rows.append(("editions", "判定方法 entered のサイトで、状況をまだ記入していない KPI がある版を公開しようとした",
                 err.getvalue().splitlines()[0]))
    return rows
