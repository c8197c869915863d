"""Broken KPI workbooks a department could really send back, made with openpyxl from a fresh export.

Each case changes a freshly exported workbook (and, for a few, data/ after the export) the way
a person would in Excel or LibreOffice. The import must refuse it with one line naming the
workbook, the sheet and cell, and the problem, and write nothing. The staff guide's error
catalogue is generated from these cases (tests/broken/catalogue.py).

The workbook is the current edition's: in the real data, the published edition 2024-02, which a
workbook may not change (case published-edition-changed). Row 2 of the sheet KPI is KPI 1-1-1-1
(actual 382 in H2, its year in I2), row 3 is 1-1-1-2.
"""
from __future__ import annotations

import datetime
import io
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.formula import ArrayFormula

from macros.core.errors import DataError
from macros.tools.sheet_import import import_sheet
from macros.tools.sheet_layout import current


@dataclass(frozen=True)
class SheetCase:
    id: str
    what_ja: str              # what the person did, for the guide
    what: str                 # the same in English
    change: Callable[[Workbook, Path], None]   # (workbook, project root) → changes them in place
    cell: str                 # the sheet and cell the error names, e.g. KPI!H2; "" for the file itself
    words: list[str] = field(default_factory=list)   # words the line must contain
    raw: bytes | None = None  # the file's bytes instead of a workbook (not an .xlsx at all)
    repack: Callable[[bytes], bytes] | None = None   # the saved workbook's bytes → the file's bytes


def _set_cells(values: dict):
    def change(wb: Workbook, _root: Path) -> None:
        for cell, value in values.items():
            wb["KPI"][cell] = value
    return change


def _set(cell: str, value, number_format: str | None = None):
    def change(wb: Workbook, _root: Path) -> None:
        ws = wb["KPI"]
        ws[cell] = value
        if number_format:
            ws[cell].number_format = number_format
    return change


def _swap_rows(wb: Workbook, _root: Path) -> None:
    ws = wb["KPI"]
    for col in range(1, ws.max_column + 1):
        a, b = ws.cell(row=2, column=col), ws.cell(row=3, column=col)
        a.value, b.value = b.value, a.value


def _add_row(wb: Workbook, _root: Path) -> None:
    ws = wb["KPI"]
    ws.insert_rows(3)
    ws["D3"] = "新しい指標"
    ws["H3"] = 10


def _copy_row(wb: Workbook, _root: Path) -> None:
    ws = wb["KPI"]
    last = ws.max_row + 1
    for col in range(1, ws.max_column + 1):
        ws.cell(row=last, column=col, value=ws.cell(row=2, column=col).value)


def _merge(wb: Workbook, _root: Path) -> None:
    wb["KPI"].merge_cells("H2:I2")


def _other_edition(wb: Workbook, _root: Path) -> None:
    about = wb["説明 About"]
    about["B2"] = about["B2"].value.replace("2024-02: ", "2023-02: ").replace("令和6年2月", "令和5年2月")


def _rename_sheet(wb: Workbook, _root: Path) -> None:
    wb["KPI"].title = "Sheet1"


def _strategy_1(root: Path) -> Path:
    return root / current(root).data_dir / "strategies" / "strategy-1.yaml"


def _data_changed_after_export(wb: Workbook, root: Path) -> None:
    path = _strategy_1(root)
    path.write_text(path.read_text(encoding="utf-8").replace("actual: 382\n", "actual: 385\n", 1), encoding="utf-8")
    wb["KPI"]["H2"] = 390


def _kpi_added_after_export(wb: Workbook, root: Path) -> None:
    path = _strategy_1(root)
    text = path.read_text(encoding="utf-8")
    block = text[text.index("          - id: 1-1-1-2"):text.index("      - id: 1-1-2\n")]
    path.write_text(text.replace(block, block + block.replace("1-1-1-2", "1-1-1-3"), 1), encoding="utf-8")


def repacked(data: bytes, edit: Callable[[str, bytes], bytes], extra: dict[str, bytes] | None = None) -> bytes:
    """The workbook's zip with each member passed through edit(name, content), and the extra members added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, edit(info.filename, src.read(info.filename)))
        for name, content in (extra or {}).items():
            dst.writestr(name, content)
    return out.getvalue()


def with_laughs(data: bytes) -> bytes:
    """The workbook with a DTD of nested internal entities (a billion laughs) before its workbook.xml."""
    laughs = b'<!DOCTYPE w [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'

    def edit(name: str, content: bytes) -> bytes:
        if name != "xl/workbook.xml":
            return content
        return content.replace(b"?>", b"?>" + laughs, 1) if content.startswith(b"<?xml") else laughs + content
    return repacked(data, edit)


def _entity_in_sheet(data: bytes) -> bytes:
    """An external entity declared in the sheet's XML and used in a cell (XXE): it would read /etc/hostname."""
    def edit(name: str, content: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return content
        content = content.replace(b"?>", b'?><!DOCTYPE worksheet [<!ENTITY e SYSTEM "file:///etc/hostname">]>', 1)
        return re.sub(rb"<v>382</v>", b"<v>&e;</v>", content, count=1)
    return repacked(data, edit)


def _zip_bomb(data: bytes) -> bytes:
    """A member of 24 MB of zeros (24 KB once compressed) beside the workbook's own files."""
    return repacked(data, lambda _name, content: content, {"xl/media/padding.bin": bytes(24 * 1024 * 1024)})


def _long_text(cell: str, text: str):
    """Text longer than Excel keeps, as another program could write it (openpyxl's setter would cut it)."""
    def change(wb: Workbook, _root: Path) -> None:
        target = wb["KPI"][cell]
        target._value, target.data_type = text, "s"
    return change


def _array_formula_remark(wb: Workbook, _root: Path) -> None:
    wb["KPI"]["M2"] = ArrayFormula("M2", "=SUM(H2:H3*2)")


CASES: list[SheetCase] = [
    SheetCase("percent-typed", "実績値に「12.5%」と入力した", "typed 12.5% as text",
              _set("H2", "12.5%"), "KPI!H2", ["12.5%", "%"]),
    SheetCase("percent-format", "実績値に 12.5% と入力し、Excel が 0.125 として保存した",
              "typed 12.5% and Excel stored 0.125 with a percent format",
              _set("H2", 0.125, "0.0%"), "KPI!H2", ["0.125", "%"]),
    SheetCase("triangle-minus", "マイナスのつもりで「▲5」と入力した", "typed ▲5 for minus five",
              _set("H2", "▲5"), "KPI!H2", ["▲"]),
    SheetCase("decimal-comma", "小数点の代わりにカンマで「12,5」と入力した", "typed a decimal comma, 12,5",
              _set("H2", "12,5"), "KPI!H2", ["12,5"]),
    SheetCase("unit-typed", "数値に単位を付けて「390人」と入力した", "typed a unit after the number, 390人",
              _set("H2", "390人"), "KPI!H2", ["390人"]),
    SheetCase("words-typed", "数値の代わりに「集計中」と入力した", "typed words instead of a number",
              _set("H2", "集計中"), "KPI!H2", ["集計中"]),
    SheetCase("formula", "実績値を数式「=380+10」で入力した", "typed a formula instead of a value",
              _set("H2", "=380+10"), "KPI!H2", ["=380+10", "formula"]),
    SheetCase("date", "実績値が日付に変わった（「4/1」などと入力した）", "the value became a date",
              _set("H2", datetime.datetime(2023, 4, 1)), "KPI!H2", ["2023-04-01", "date"]),
    SheetCase("boolean", "実績値に TRUE と入力した", "typed TRUE", _set("H2", True), "KPI!H2", ["TRUE"]),
    SheetCase("year-calendar", "年度の列に「令和5年」（暦年）と入力した", "typed a calendar year (令和5年) as the fiscal year",
              _set("I2", "令和5年"), "KPI!I2", ["令和5年", "calendar"]),
    SheetCase("year-words", "年度の列に「今年度」と入力した", "typed 今年度 as the fiscal year",
              _set("I2", "今年度"), "KPI!I2", ["今年度"]),
    SheetCase("year-out-of-range", "年度の列に「1960」と入力した", "typed a year out of range",
              _set("I2", 1960), "KPI!I2", ["1960", "range"]),
    SheetCase("year-fraction", "年度の列に「2022.5」と入力した", "typed a fractional year",
              _set("I2", 2022.5), "KPI!I2", ["2022.5"]),
    SheetCase("year-formula", "年度を数式「=2022+1」で入力した", "typed a formula as the fiscal year",
              _set("I2", "=2022+1"), "KPI!I2", ["formula"]),
    SheetCase("merged-cells", "実績値と年度のセルを結合した", "merged the actual and its year",
              _merge, "KPI!H2:I2", ["結合", "merged"]),
    SheetCase("row-deleted", "KPI の行を1行削除した", "deleted a KPI's row",
              lambda wb, _r: wb["KPI"].delete_rows(3), "KPI!A3", ["1-1-1-2", "deleted"]),
    SheetCase("row-added", "行を挿入して新しい指標を書いた", "inserted a row for a new indicator",
              _add_row, "KPI!A3", ["added"]),
    SheetCase("row-copied", "KPI の行をコピーして下に貼り付けた", "copied a KPI's row below the table",
              _copy_row, "KPI!A80", ["1-1-1-1", "two rows"]),
    SheetCase("rows-reordered", "シートの保護を外して行を並べ替えた", "unprotected the sheet and sorted the rows",
              _swap_rows, "KPI!A2", ["reordered"]),
    SheetCase("unknown-id", "ID を「1-1-1-9」に書き換えた", "changed an ID to one the report does not have",
              _set("A2", "1-1-1-9"), "KPI!A2", ["1-1-1-9"]),
    SheetCase("locked-column-changed", "シートの保護を外して KPI 名を書き換えた", "unprotected the sheet and renamed a KPI",
              _set("D2", "三洞の入洞者数"), "KPI!D2", ["KPI名", "cannot be changed"]),
    SheetCase("remark-formula", "備考に数式「=A1」を入力した", "typed a formula in the remarks",
              _set("M2", "=A1"), "KPI!M2", ["formula"]),
    SheetCase("other-edition", "別の版（令和5年2月）から書き出した表を取り込もうとした",
              "imported a workbook exported from another edition",
              _other_edition, "説明 About!B2", ["別の版", "another edition"]),
    SheetCase("sheet-renamed", "シート「KPI」の名前を変えた", "renamed the sheet KPI",
              _rename_sheet, "KPI!A1", ["sheet"]),
    SheetCase("changed-in-data-since", "書き出した後に data/ で直された値を、表でも書き換えた",
              "changed a value in the workbook that was also changed in data/ after the export",
              _data_changed_after_export, "KPI!H2", ["385", "382"]),
    SheetCase("kpi-added-since", "書き出した後に data/ で KPI が追加された", "a KPI was added in data/ after the export",
              _kpi_added_after_export, "KPI!A1", ["export again"]),
    SheetCase("published-edition-changed", "公開済みの版の表で実績値を書き換えた（翌年度の実績値を入力した）",
              "changed a value in the workbook of a published edition",
              _set("H2", 390), "KPI!H2", ["公開済み", "382 → 390", "make new-edition", "make correct EDITION=2024-02"]),
    SheetCase("not-a-workbook", "CSV ファイルの名前を .xlsx に変えて取り込もうとした", "renamed a CSV file to .xlsx",
              lambda wb, _r: None, "", ["xlsx"], raw="ID,実績値\n1-1-1-1,390\n".encode("utf-8")),
    # --- hostile workbooks: refused before or while they are read (macros/tools/sheet_limits.py)
    SheetCase("zip-bomb", "展開すると非常に大きくなるファイルを含む表を取り込もうとした（zip 爆弾）",
              "a workbook that inflates to 24 MB of zeros (a zip bomb)",
              lambda wb, _r: None, "", ["20,971,520", "inflates"], repack=_zip_bomb),
    SheetCase("xml-entity", "表の XML に外部のファイルを読む定義（DTD・外部実体）が入っていた",
              "an external entity (XXE) in the sheet's XML", lambda wb, _r: None, "", ["DTD", "entity"],
              repack=_entity_in_sheet),
    SheetCase("remark-array-formula", "備考に配列数式を入力した", "typed an array formula into 備考",
              _array_formula_remark, "KPI!M2", ["ArrayFormula: =SUM(H2:H3*2)", "not text"]),
    SheetCase("cell-too-long", "備考に Excel の上限（32,767 文字）を超える文章が入っていた",
              "a remark longer than Excel's 32,767 characters", _long_text("M2", "あ" * 40_000), "KPI!M2",
              ["40,000", "32,767"]),
    SheetCase("long-value-echoed-short", "実績値に長い文章を貼り付けた（エラーには先頭の 80 文字だけが表示される）",
              "pasted a long text into a value (the error repeats its first 80 characters only)",
              _set("H2", "集計中" + "。" * 30_000), "KPI!H2", ["集計中", "30,003"]),
    # Errors at the cell (staff walk): the cell that was typed, the reading of what was typed.
    SheetCase("published-year-changed", "公開済みの版の表で、実績値の年度だけを書き換えた",
              "changed only the year of an actual in the workbook of a published edition",
              _set("I2", 2023), "KPI!I2", ["公開済み", "2023"]),
    SheetCase("year-without-value", "実績値を消して、年度だけを入力した", "typed a year and left its value empty",
              _set_cells({"H3": None, "I3": 2023}), "KPI!I3", ["2023", "実績値", "H3"]),
    SheetCase("percent-typed-whole", "実績値に「40%」と入力した", "typed 40% as text",
              _set("H2", "40%"), "KPI!H2", ["40 か 0.4 か", "40 or 0.4"]),
]


def make_case(case: SheetCase, project: Path, workbook: bytes) -> Path:
    """The broken workbook of a case, saved as kpis.xlsx in the project (data/ changed too for some)."""
    path = project / "kpis.xlsx"
    if case.raw is not None:
        path.write_bytes(case.raw)
        return path
    wb = load_workbook(io.BytesIO(workbook))
    case.change(wb, project)
    wb.save(path)
    if case.repack:
        path.write_bytes(case.repack(path.read_bytes()))
    return path


def error_line(case: SheetCase, output: str) -> str | None:
    """The output line naming kpis.xlsx, the case's cell (or the file) and every expected word."""
    where = re.compile(rf"kpis\.xlsx: {re.escape(case.cell)}[ :]" if case.cell else r"kpis\.xlsx: file: ")
    for line in output.splitlines():
        if where.search(line) and all(w.lower() in line.lower() for w in case.words):
            return line
    return None


def refusal(case: SheetCase, data: Path, workbook: bytes) -> str | None:
    """The line the import prints for a case, run on a scratch copy of data/."""
    with tempfile.TemporaryDirectory(prefix=f"sheet-{case.id}-") as tmp:
        project = Path(tmp)
        shutil.copytree(data, project / "data")
        path = make_case(case, project, workbook)
        try:
            lines = [e.one_line() for e in import_sheet(project, path, display="kpis.xlsx").errors]
        except DataError as err:
            lines = [err.one_line()]
    return error_line(case, "\n".join(lines))
