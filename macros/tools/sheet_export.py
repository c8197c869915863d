"""Write every KPI of the current edition (the one being prepared) to a workbook the departments fill in (openpyxl)."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from ..core.fiscal import MAX_FY, MIN_FY
from ..core.model import Kpi, Report, Value
from ..core.report import load_report
from ..core.status_schemes import entered_ids
from .sheet_layout import (ABOUT_SHEET, COPY_SHEET, FIRST_ROW, FORMAT, KPI_SHEET, VALUE_FIELDS, Column,
                           column_letter, current, edition, sheet_columns, site_columns)
from .yaml_values import read_remarks

EDITABLE_FILL = PatternFill("solid", fgColor="FFF8DC")   # a pale yellow: the cells to fill in
HEADING_FILL = PatternFill("solid", fgColor="DDE4EE")


def _number(v: Value | None):
    """A Decimal as the workbook's number: int when whole, else float (exact for the report's figures)."""
    if v is None:
        return None
    d = v.amount
    return int(d) if d == d.to_integral_value() and d.as_tuple().exponent >= 0 else float(d)


def _number_format(v: Value | None) -> str:
    places = max(0, -v.amount.as_tuple().exponent) if v is not None else 0
    return "#,##0" + ("." + "0" * places if places else "")


def kpi_row(report: Report, k: Kpi, remark: str | None = None) -> dict:
    """The cells of one KPI's row, by column key (remark: its `remarks` in the YAML, for 備考)."""
    s = report.strategy(int(k.id.split("-")[0]))
    m = report.measure(k.measure_id)
    row = {"id": k.id, "strategy": f"{s.id} {s.title.ja}", "measure": f"{m.id} {m.title.ja}",
           "name": k.name.ja, "unit": k.unit, "remarks": remark,
           "printed_pct": float(k.published_progress_pct) if k.published_progress_pct is not None else None}
    for f in VALUE_FIELDS:
        v = getattr(k, f)
        row[f] = _number(v)
        row[f + "_fy"] = v.fy if v is not None else None
    es = k.entered_status
    reason = es.reason if es is not None else None
    row["status"] = es.id if es is not None else None
    row["status_reason"] = reason.ja if reason is not None else None
    row["status_reason_en"] = (reason.en or None) if reason is not None else None
    return row


def _put(ws, row: int, column: int, value):
    """Write a cell; text is always text (data type s): openpyxl would store text starting with = as a formula."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _lines(row: dict, columns: tuple[Column, ...]) -> int:
    """Lines the row's wrapped texts need (a full-width character is about two width units), at most 3."""
    need = 1
    for c in columns:
        if c.kind == "fixed" and isinstance(row[c.key], str):
            units = sum(2 if ord(ch) > 0x2E7F else 1 for ch in row[c.key])
            need = max(need, -(-units // max(1, c.width - 1)))
    return min(need, 3)


def _choice(choices: tuple[str, ...]) -> DataValidation | None:
    """A drop-down of the statuses the city can enter; None when a category's id cannot be listed in one
    (a comma or a quote in it, or more than Excel's 255 characters): the import still checks each cell."""
    listed = ",".join(choices)
    if not choices or len(listed) > 255 or any("," in c or '"' in c for c in choices):
        return None
    return DataValidation(
        type="list", formula1=f'"{listed}"', allow_blank=True, showErrorMessage=True, errorTitle="状況 / Status",
        error=f"次のどれかを選んでください / choose one of: {listed}",
        showInputMessage=True, promptTitle="状況 / Status", prompt=f"{listed}（理由も書いてください / give the reason too）")


def _validations(ws, last: int, columns: tuple[Column, ...], choices: tuple[str, ...]) -> None:
    number = DataValidation(
        type="decimal", operator="between", formula1="-1000000000000", formula2="1000000000000", allow_blank=True,
        showErrorMessage=True, errorTitle="数値 / Number",
        error="数値だけを半角で入力してください（%・単位・カンマなし）。値がなければ空欄。\n"
              "Type a number only (no %, unit or commas); leave empty for no value.",
        showInputMessage=True, promptTitle="数値 / Number",
        prompt="数値だけ（%・単位なし）/ a number only (no % or unit)")
    year = DataValidation(
        type="whole", operator="between", formula1=str(MIN_FY), formula2=str(MAX_FY), allow_blank=True,
        showErrorMessage=True, errorTitle="年度 / Fiscal year",
        error="年度を西暦で入力してください（令和5年度 = 2023）。\nType the fiscal year, e.g. 2023 for 令和5年度.",
        showInputMessage=True, promptTitle="年度 / Fiscal year", prompt="西暦（令和5年度 = 2023）/ e.g. 2023")
    for dv, kind in ((number, "number"), (year, "year"), (_choice(choices), "choice")):
        if dv is None:
            continue
        for c in columns:
            if c.kind == kind:
                letter = column_letter(c.key)
                dv.add(f"{letter}{FIRST_ROW}:{letter}{last}")
        ws.add_data_validation(dv)


def _kpi_sheet(ws, rows: list[dict], number_formats: list[dict], columns: tuple[Column, ...],
               choices: tuple[str, ...]) -> None:
    ws.title = KPI_SHEET
    for col, c in enumerate(columns, start=1):
        cell = _put(ws, 1, col, c.heading)
        cell.font = Font(bold=True)
        cell.fill = HEADING_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[cell.column_letter].width = c.width
    ws.row_dimensions[1].height = 48
    for r, (row, formats) in enumerate(zip(rows, number_formats), start=FIRST_ROW):
        for col, c in enumerate(columns, start=1):
            cell = _put(ws, r, col, row[c.key])
            if c.kind == "number":
                cell.number_format = formats[c.key]
            elif c.kind == "year":
                cell.number_format = "0"
            elif c.key == "printed_pct":
                cell.number_format = "0.0"
            if c.editable:
                cell.protection = Protection(locked=False)
                cell.fill = EDITABLE_FILL
            cell.alignment = Alignment(wrap_text=c.kind in ("fixed", "text"), vertical="top")
        ws.row_dimensions[r].height = 15 * _lines(row, columns)
    last = FIRST_ROW + len(rows) - 1
    ws.freeze_panes = "B2"
    # On paper: landscape, all columns on the width of a page, the heading row on every page.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.auto_filter.ref = f"A1:{column_letter(columns[-1].key)}{last}"
    _validations(ws, last, columns, choices)
    # Locked cells cannot be changed; filtering, sorting off, resizing columns stay allowed.
    ws.protection.sheet = True
    ws.protection.autoFilter = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


# A published edition is an exact archive: its workbook shows the figures but is never imported.
READ_ONLY = ("この版は公開済みです。この表は読むためのもので、入力しても取り込めません。"
             "翌年度の実績値は、先に make new-edition EDITION=公開年月 FY=年度 で次の版を作り、make sheet で書き出した表に入力します。"
             " This edition is published: this workbook is for reading and cannot be imported. For next year's figures,"
             " start the next edition with make new-edition EDITION=YYYY-MM FY=YEAR, then export its workbook with make sheet.")


def _about_sheet(ws, report: Report, edition_id: str, published: bool, choices: tuple[str, ...]) -> None:
    ws.title = ABOUT_SHEET
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 90
    lines = [
        ("この表について / About", ""),
        ("版 / Edition", edition(edition_id, report.meta)),   # EDITION_CELL
        ("形式 / Format", FORMAT),                             # FORMAT_CELL
        ("入力するセル / Cells to fill in",
         f"黄色のセル（策定時・実績値・目標とその年度、備考{'、状況とその理由' if choices else ''}）だけを入力できます。"
         f" Only the yellow cells (baseline, actual, target, their fiscal years, remarks"
         f"{', the status and its reason' if choices else ''}) can be edited."),
        ("数値 / Numbers",
         "半角の数値だけ（%・単位・▲なし）。値がなければ空欄。 A number only (no %, unit or ▲); empty for no value."),
        ("年度 / Fiscal years", "西暦（令和5年度 = 2023）。 Western calendar (令和5年度 = 2023)."),
    ]
    if choices:
        listed = "、".join(choices)
        lines.append(("状況 / Status",
                      f"状況の列で {listed} のどれかを選び、その理由を書いてください（まだ決めていなければ両方とも空欄）。"
                      f" Choose one of {', '.join(choices)} in the status column and give its reason"
                      " (leave both empty until it is decided)."))
    lines += [
        ("行 / Rows", "行の追加・削除・並べ替えはしないでください。 Do not add, delete or reorder rows."),
        ("取り込み / Import", "make import-sheet SHEET=この表.xlsx"),
    ]
    if published:   # after the rows the import reads by their address (EDITION_CELL, FORMAT_CELL)
        lines.append(("読むための表 / For reading only", READ_ONLY))
    for r, (a, b) in enumerate(lines, start=1):
        _put(ws, r, 1, a).font = Font(bold=True)
        _put(ws, r, 2, b).alignment = Alignment(wrap_text=True, vertical="top")
    ws.protection.sheet = True


def _copy_sheet(ws, rows: list[dict], columns: tuple[Column, ...]) -> None:
    """The exported values, cell for cell at the same addresses, under the columns' keys; very hidden and locked."""
    ws.title = COPY_SHEET
    for col, c in enumerate(columns, start=1):
        _put(ws, 1, col, c.key)
    for r, row in enumerate(rows, start=FIRST_ROW):
        for col, c in enumerate(columns, start=1):
            _put(ws, r, col, row[c.key])
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True


def build_workbook(report: Report, edition_id: str, remarks: dict[str, str] | None = None,
                   published: bool = False, columns: tuple[Column, ...] | None = None,
                   choices: tuple[str, ...] = ()) -> Workbook:
    """The workbook of an edition; a published edition's is for reading only (it says so: it cannot be imported).
    `columns`: the site's (sheet_layout.site_columns; by default those of a computed scheme); `choices`: the
    statuses the city can enter, when it enters them."""
    columns = columns or sheet_columns(report.levels)
    kpis = report.kpis()
    rows = [kpi_row(report, k, (remarks or {}).get(k.id)) for k in kpis]
    formats = [{f: _number_format(getattr(k, f)) for f in VALUE_FIELDS} for k in kpis]
    wb = Workbook()
    _kpi_sheet(wb.active, rows, formats, columns, choices)
    _about_sheet(wb.create_sheet(), report, edition_id, published, choices)
    _copy_sheet(wb.create_sheet(), rows, columns)
    wb.active = 0
    return wb


def current_workbook(root: Path) -> tuple[Workbook, str, int]:
    """The current edition's workbook, its edition id and its number of KPI rows."""
    entry = current(root)
    loaded = load_report(root, entry.id, published=entry.published)
    columns = site_columns(loaded)
    choices = entered_ids(loaded.scheme) if loaded.scheme.name == "entered" else ()
    wb = build_workbook(loaded.report, entry.id, read_remarks(root, entry.data_dir), published=entry.published,
                        columns=columns, choices=choices)
    return wb, entry.id, len(loaded.report.kpis())


def export(root: Path, out: Path) -> tuple[str, int, bool]:
    """Write the current edition's workbook; returns its edition id, number of KPI rows and whether the
    edition is published (its workbook is then for reading only)."""
    wb, edition_id, n = current_workbook(root)
    wb.save(out)
    return edition_id, n, current(root).published

