"""Read a filled-in KPI workbook back into the current edition's data/editions/<版>/strategies/*.yaml:
the values, the 備考 column as each KPI's `remarks` (an internal memo, never published), and, where the
city enters its statuses (the `entered` scheme), each KPI's `status` and `status_reason`.

The workbook must have been exported from that edition (its id is on the About sheet). A
published edition is an exact archive: a workbook that would change it is refused (next year's
figures go into the next edition; a correction is made in the YAML and recorded).

Only what a person changed is applied: each editable cell is compared with the hidden copy of
what the export wrote, so workbooks from several departments can be imported one after another
without undoing each other. Nothing is written unless the whole workbook is valid and the data
with the changes applied still passes the engine's validation.
"""
from __future__ import annotations

import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError

import openpyxl
from defusedxml import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from ..core.errors import DataError, Problem, problem
from ..core.edition_series import load_editions
from ..core.model import Kpi, Report
from ..core.register import CORRECT_COMMAND, Entry
from ..core.report import load_report
from ..core.status_schemes import entered_ids
from .sheet_layout import (ABOUT_SHEET, COPY_SHEET, EDITION_CELL, ENTERED_FIELDS, FIELD_JA, FIRST_ROW, FORMAT,
                           FORMAT_CELL, KPI_SHEET, VALUE_FIELDS, Column, column_letter, current, edition,
                           sheet_columns, site_columns)
from .sheet_limits import (MAX_CELL_TEXT, MAX_ERRORS, Limits, check_archive, long_text, shown, too_large,
                           unreadable_xml)
from .sheet_values import CellProblem, parse_number, parse_year
from .yaml_values import Edit, LayoutChanged, RemarkEdit, StatusEdit, keep_places, read_remarks, set_values

Pair = tuple  # (Decimal | None, int | None): a value and its fiscal year


@dataclass(frozen=True)
class Change:
    kpi: Kpi
    field: str
    old: Pair
    new: Pair
    default_fy: int
    cell: str            # where it was typed on the KPI sheet

    def line(self) -> str:
        return (f"{self.kpi.id} {self.kpi.name.ja}: {FIELD_JA[self.field]} / {self.field}: "
                f"{_pair_text(self.old, self.default_fy)} → {_pair_text(self.new, self.default_fy)}")


def _pair_text(pair: Pair, default_fy: int) -> str:
    amount, fy = pair
    if amount is None:
        return "空欄 (none)"
    return f"{amount:f}" if fy == default_fy else f"{amount:f} ({fy}年度 FY{fy})"


class NotText(Exception):
    """A 備考 cell holds something other than text or a number (an array formula, a date, TRUE)."""


def _remark_text(value) -> str | None:
    """A 備考 cell's text on one line (line breaks typed with Alt+Enter become spaces); None when empty."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise NotText(value)
    text = " ".join(line.strip() for line in str(value).splitlines() if line.strip())
    return text or None


def _shown(text: str | None) -> str:
    return "空欄 (none)" if text is None else f"「{text}」"


def _shown_ja(value) -> str:
    return "空欄" if value is None or value == "" else f"「{shown(value)}」"


def _shown_en(value) -> str:
    if value is None or value == "":
        return "empty"
    return repr(shown(value)) if isinstance(value, str) else shown(value)


@dataclass(frozen=True)
class RemarkChange:
    kpi: Kpi
    old: str | None
    new: str | None

    def line(self) -> str:
        return f"{self.kpi.id} {self.kpi.name.ja}: 備考 / remarks: {_shown(self.old)} → {_shown(self.new)}"


Entered = tuple  # (status, reason in Japanese, reason in English): each str | None


def _entered_text(e: Entered) -> str:
    status, ja, en = e
    if status is None and ja is None:
        return "空欄 (none)"
    return f"{status or '空欄 (none)'}「{ja or ''}」" + (f" / {en!r}" if en else "")


@dataclass(frozen=True)
class StatusChange:
    kpi: Kpi
    old: Entered
    new: Entered
    cell: str            # the status cell of the KPI's row

    def line(self) -> str:
        return (f"{self.kpi.id} {self.kpi.name.ja}: 状況 / status: {_entered_text(self.old)} → "
                f"{_entered_text(self.new)}")


@dataclass
class Outcome:
    changes: list[Change]
    remarks: list[RemarkChange]
    errors: list[DataError]   # the first MAX_ERRORS
    written: list[str]
    more_errors: int = 0      # errors found beyond those
    statuses: list[StatusChange] = field(default_factory=list)

    @property
    def applied(self) -> list:
        """Every change, each with its line()."""
        return self.changes + self.statuses + self.remarks

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.more_errors


class _Sheet:
    """Collects one-line errors that name the workbook, sheet and cell: the first MAX_ERRORS, and a count."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.errors: list[DataError] = []
        self.count = 0

    def error(self, sheet: str, cell: str, what: str, prob: Problem) -> None:
        self.count += 1
        if len(self.errors) < MAX_ERRORS:
            field = f"{sheet}!{cell}" + (f" ({shown(what)})" if what else "")
            self.errors.append(DataError(self.display, None, field, prob))


def _filled_rows(ws, columns: int) -> list[int]:
    """The rows from FIRST_ROW on with a value in the first `columns` columns, from the cells the file holds.

    ws.max_row counts a styled empty cell too, and ws.cell() or ws.iter_rows() up to it create every
    cell on the way: one formatted cell on row 1,048,576 took 37 s and 3 GB. openpyxl keeps the cells
    it read in ws._cells (tests/tools/test_sheet_limits.py checks this against the installed openpyxl).
    """
    return sorted({r for (r, c), cell in ws._cells.items()
                   if r >= FIRST_ROW and c <= columns and cell.value not in (None, "")})


def _open(path: Path, display: str, limits: Limits = Limits()):
    if openpyxl.DEFUSEDXML is not True:
        raise DataError(display, None, "setup", problem(
            "表を安全に読むための defusedxml がインストールされていません", "defusedxml, which reads workbooks safely, is not installed",
            "make setup を実行してください", "run make setup"))
    check_archive(path, display, limits)
    try:
        return load_workbook(path, data_only=False)
    except (DefusedXmlException, ParseError):
        raise unreadable_xml(display) from None
    except MemoryError:
        raise too_large(display) from None
    except FileNotFoundError:
        raise DataError(display, None, "file", problem(
            "ファイルがありません", "the file does not exist",
            "ファイル名と場所を確認してください", "check the file name and folder")) from None
    except ValueError as err:
        # openpyxl re-raises what went wrong while it read the parts (the stylesheet, the sheets) as a ValueError.
        if isinstance(err.__cause__, (DefusedXmlException, ParseError)):
            raise unreadable_xml(display) from None
        raise _not_a_workbook(display) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
        raise _not_a_workbook(display) from None


def _not_a_workbook(display: str) -> DataError:
    return DataError(display, None, "file", problem(
        "Excel ブック（.xlsx）として読めません", "not readable as an Excel workbook (.xlsx)",
        "Excel または LibreOffice で「Excel ブック (.xlsx)」形式で保存し直してください",
        "save it again as an Excel workbook (.xlsx) from Excel or LibreOffice"))


def _check_edition(wb, report: Report, edition_id: str, columns: tuple[Column, ...], s: _Sheet) -> bool:
    names = wb.sheetnames
    if KPI_SHEET not in names or ABOUT_SHEET not in names or COPY_SHEET not in names:
        s.error(KPI_SHEET if KPI_SHEET not in names else ABOUT_SHEET if ABOUT_SHEET not in names else COPY_SHEET,
                "A1", "", problem(
                    "make sheet で書き出した表ではありません（シートが足りません）",
                    "this is not a workbook written by make sheet (a sheet is missing)",
                    "make sheet で書き出した表に入力してください。シートの名前は変えないでください",
                    "fill in a workbook written by make sheet; do not rename its sheets"))
        return False
    about = wb[ABOUT_SHEET]
    if about[FORMAT_CELL].value != FORMAT:
        s.error(ABOUT_SHEET, FORMAT_CELL, "", problem(
            f"表の形式「{shown(about[FORMAT_CELL].value)}」はこの版の「{FORMAT}」ではありません",
            f"workbook format {shown(about[FORMAT_CELL].value)!r} is not {FORMAT!r}",
            "make sheet で書き出し直した表に入力してください", "fill in a workbook newly written by make sheet"))
        return False
    want, got = edition(edition_id, report.meta), about[EDITION_CELL].value
    if got != want:
        s.error(ABOUT_SHEET, EDITION_CELL, "", problem(
            f"別の版の表です（この表:「{shown(got)}」、今の版:「{want}」）",
            "the workbook belongs to another edition of the report",
            "今の版で make sheet を実行して書き出した表に入力し直してください",
            "export the current edition with make sheet and fill that in"))
        return False
    keys = [wb[COPY_SHEET].cell(row=1, column=i).value for i in range(1, len(columns) + 2)]
    if keys != [c.key for c in columns] + [None]:
        s.error(KPI_SHEET, "A1", "", problem(
            "書き出した後に data/site.yaml の設定（判定方法や言語）が変わり、表の列が合いません",
            "the workbook's columns no longer fit data/site.yaml (its status scheme or languages changed since the export)",
            "もう一度 make sheet で書き出し、その表に入力し直してください",
            "export again with make sheet and fill in the new workbook"))
        return False
    return True


def _rows_by_id(ws, copy, expected: list[str], width: int, s: _Sheet) -> dict[str, int] | None:
    """KPI id → its row in the workbook; None when the rows no longer match the export."""
    copy_rows = _filled_rows(copy, 1)
    copy_ids = [copy.cell(row=r, column=1).value for r in copy_rows]
    if copy_ids != expected or copy_rows != list(range(FIRST_ROW, FIRST_ROW + len(expected))):
        s.error(KPI_SHEET, "A1", "", problem(
            "書き出した後に data/ の KPI の構成が変わっています（KPI の追加・削除）",
            "the KPIs in data/ have changed since this workbook was exported (added or removed)",
            "もう一度 make sheet で書き出し、その表に入力し直してください",
            "export again with make sheet and fill in the new workbook"))
        return None
    known = set(expected)
    found: dict[str, int] = {}
    bad_rows: set[int] = set()   # rows whose ID is already reported: their KPI is not also "deleted"
    before = s.count
    for r in _filled_rows(ws, width):
        raw = ws.cell(row=r, column=1).value
        kid = str(raw).strip() if raw is not None else ""
        if not kid or kid not in known:
            bad_rows.add(r)
        if not kid:
            s.error(KPI_SHEET, f"A{r}", "", problem(
                "ID のない行が追加されています", "a row without an ID has been added",
                "追加した行を削除してください（KPI を増やすには data/ を編集します。手引き参照）",
                "delete the added row (KPIs are added in data/, see the guide)"))
        elif kid not in known:
            s.error(KPI_SHEET, f"A{r}", "", problem(
                f"ID「{shown(kid)}」はこの報告書の KPI にありません", f"ID {shown(kid)!r} is not a KPI of this report",
                "ID は変更できません。書き出したときの ID に戻すか、行を削除してください",
                "IDs cannot be changed: restore the exported ID or delete the row"))
        elif kid in found:
            s.error(KPI_SHEET, f"A{r}", "", problem(
                f"ID「{kid}」の行が2つあります（最初は {found[kid]} 行目）",
                f"two rows have ID {kid!r} (the first is row {found[kid]})",
                "コピーした行を削除してください", "delete the copied row"))
        else:
            found[kid] = r
    for i, kid in enumerate(expected):
        if kid not in found and FIRST_ROW + i not in bad_rows:
            s.error(KPI_SHEET, f"A{FIRST_ROW + i}", "", problem(
                f"KPI「{kid}」の行が削除されています", f"the row of KPI {kid!r} has been deleted",
                "行を元に戻すか、もう一度書き出してください", "restore the row, or export again"))
    if s.count > before:
        return None
    for i, kid in enumerate(expected):
        if found[kid] != FIRST_ROW + i:
            s.error(KPI_SHEET, f"A{FIRST_ROW + i}", "", problem(
                f"行の順番が書き出したときと違います（{FIRST_ROW + i} 行目は「{kid}」のはずです）",
                f"the rows have been reordered (row {FIRST_ROW + i} should be {kid!r})",
                "並べ替えを元に戻してください（フィルターで絞り込むだけなら問題ありません）",
                "undo the sorting (filtering alone is fine)"))
            return None
    return found


def _text_fits(ws, s: _Sheet) -> bool:
    """False, with an error for each, when cells hold more text than Excel keeps in a cell."""
    before = s.count
    for cell in ws._cells.values():   # the cells the file holds (see _filled_rows)
        if isinstance(cell.value, str) and len(cell.value) > MAX_CELL_TEXT:
            s.error(ws.title, cell.coordinate, "", long_text(len(cell.value)))
    return s.count == before


def _merged(ws, s: _Sheet) -> set[str]:
    cells = set()
    for rng in ws.merged_cells.ranges:
        s.error(KPI_SHEET, rng.coord, "", problem(
            "セルが結合されています", "cells have been merged",
            "セルの結合を解除し、それぞれのセルに値を入力してください", "unmerge the cells and fill in each one"))
        cells |= {f"{get_column_letter(c)}{r}" for r in range(rng.min_row, rng.max_row + 1)
                  for c in range(rng.min_col, rng.max_col + 1)}
    return cells


def _data_pair(kpi: Kpi, field: str) -> Pair:
    v = getattr(kpi, field)
    return (None, None) if v is None else (v.amount, v.fy)


def _read_pair(ws, r: int, field: str, default_fy: int, problems: list, exported_fy: int | None = None) -> Pair | None:
    """A value and its fiscal year from row r; None, with (cell, field, problem) added to problems, when refused
    (a year typed without its value too; a value cleared with its exported year left in place is just cleared)."""
    value_cell = ws[f"{column_letter(field)}{r}"]
    year_cell = ws[f"{column_letter(field + '_fy')}{r}"]
    before = len(problems)
    amount = year = None
    try:
        amount = parse_number(value_cell.value, value_cell.number_format)
    except CellProblem as p:
        problems.append((value_cell.coordinate, field, p.problem))
    try:
        year = parse_year(year_cell.value)
    except CellProblem as p:
        problems.append((year_cell.coordinate, field + "_fy", p.problem))
    if amount is None and year is not None and year != exported_fy and not problems[before:]:
        problems.append((year_cell.coordinate, field + "_fy", problem(
            f"年度「{year_cell.value}」が入力されていますが、{FIELD_JA[field]}がありません",
            f"the fiscal year {year_cell.value!r} is filled in but the {field} is empty",
            f"{FIELD_JA[field]}を {value_cell.coordinate} に入力するか、この年度のセルを空にしてください",
            f"type the {field} in {value_cell.coordinate}, or empty this year cell")))
    if len(problems) > before:
        return None
    if amount is None:
        return (None, None)
    return (amount, year if year is not None else default_fy)


def _same(a: Pair, b: Pair) -> bool:
    return a[0] == b[0] and (a[0] is None or a[1] == b[1])


def _changed_since(current: str, exported: str) -> Problem:
    """The value in data/ is neither the exported one nor the workbook's: someone else changed it."""
    return problem(
        f"書き出した後に data/ のこの値が「{current}」に変わっています（書き出し時「{exported}」）",
        f"this value changed in data/ to {current!r} after the export (was {exported!r})",
        "どちらが正しいか確かめ、新しく書き出した表に入力し直してください",
        "check which is right and fill in a newly exported workbook")


def published_edition(entry: Entry, old: str, new: str) -> Problem:
    """A workbook would change a published edition, which is an exact archive."""
    return problem(
        f"版「{entry.id}」は公開済みのため、表で値を変えられません（{old} → {new}）",
        f"edition {entry.id} is published: a workbook cannot change it ({old} → {new})",
        f"翌年度の実績値なら make new-edition EDITION=公開年月 FY=年度 で次の版を作り、make sheet で書き出し直した表に"
        f"入力してください。公開済みの版の誤りの訂正なら {entry.data_dir}/strategies/ を直接直して make check で確かめ、"
        f"{CORRECT_COMMAND.format(id=entry.id)} で記録してください",
        f"for next year's figures, start the next edition with make new-edition EDITION=YYYY-MM FY=YEAR and fill in "
        f"a workbook exported again with make sheet; to correct the published edition, edit "
        f"{entry.data_dir}/strategies/, run make check and record it with {CORRECT_COMMAND.format(id=entry.id)}")


def read_changes(wb, report: Report, display: str, entry: Entry, remarks: dict[str, str] | None = None,
                 columns: tuple[Column, ...] | None = None, choices: tuple[str, ...] = ()) -> Outcome:
    """Every change of a value, a remark or an entered status in the workbook for the edition `entry`
    (whose KPIs' remarks are `remarks`; `columns` and `choices` as sheet_export.build_workbook's), or the
    errors that stop the import (the first MAX_ERRORS, and how many more)."""
    s = _Sheet(display)
    out = Outcome([], [], s.errors, [])
    _read_changes(wb, report, entry, remarks or {}, columns or sheet_columns(report.levels), choices, s, out)
    out.more_errors = s.count - len(s.errors)
    return out


def _read_changes(wb, report: Report, entry: Entry, remarks: dict[str, str], columns: tuple[Column, ...],
                  choices: tuple[str, ...], s: _Sheet, out: Outcome) -> None:
    if not _check_edition(wb, report, entry.id, columns, s):
        return
    ws, copy = wb[KPI_SHEET], wb[COPY_SHEET]
    if not _text_fits(ws, s) or not _text_fits(copy, s):
        return
    kpis = report.kpis()
    expected = [k.id for k in kpis]
    merged = _merged(ws, s)
    rows = _rows_by_id(ws, copy, expected, len(columns), s)
    if rows is None:
        return
    cols = report.meta.columns
    defaults = {"baseline": cols.baseline_fy, "actual": cols.actual_fy, "target": cols.target_fy}
    for i, k in enumerate(kpis):
        r, copy_r = rows[k.id], FIRST_ROW + i
        for c in columns:
            if c.editable:
                continue
            cell = f"{column_letter(c.key)}{r}"
            if cell in merged:
                continue
            got, want = ws[cell].value, copy[f"{column_letter(c.key)}{copy_r}"].value
            if got != want:
                s.error(KPI_SHEET, cell, f"{k.id} {c.heading_en}", problem(
                    f"「{c.heading_ja}」の列は変更できません（書き出し時は{_shown_ja(want)}）",
                    f"the column {c.heading_en!r} cannot be changed (it was {_shown_en(want)})",
                    f"元の値に戻してください（名前や単位を直すときは {entry.data_dir}/strategies/ を編集します。手引き参照）",
                    f"restore it (names and units are corrected in {entry.data_dir}/strategies/, see the guide)"))
        for field in VALUE_FIELDS:
            cells = (f"{column_letter(field)}{r}", f"{column_letter(field + '_fy')}{r}")
            if any(c in merged for c in cells):
                continue
            problems: list = []
            exported = _read_pair(copy, copy_r, field, defaults[field], [])
            new = _read_pair(ws, r, field, defaults[field], problems, exported[1] if exported else None)
            for cell, what, prob in problems:
                s.error(KPI_SHEET, cell, f"{k.id}.{what}", prob)
            if new is None:
                continue
            if _same(new, exported):
                continue
            current = _data_pair(k, field)
            typed = cells[1] if new[0] == exported[0] else cells[0]   # the cell that was changed
            if not _same(current, exported) and not _same(current, new):
                s.error(KPI_SHEET, typed, f"{k.id}.{field}", _changed_since(
                    _pair_text(current, defaults[field]), _pair_text(exported, defaults[field])))
                continue
            if new[0] is not None:
                new = (keep_places(new[0], current[0]), new[1])
            if _same(current, new):
                continue
            if entry.published:
                s.error(KPI_SHEET, typed, f"{k.id}.{field}", published_edition(
                    entry, _pair_text(current, defaults[field]), _pair_text(new, defaults[field])))
                continue
            out.changes.append(Change(k, field, current, new, defaults[field], typed))
        if choices:
            status = _read_status(ws, copy, r, copy_r, k, entry, choices, "status_reason_en" in
                                  {c.key for c in columns}, merged, s)
            if status is not None:
                out.statuses.append(status)
        cell = f"{column_letter('remarks')}{r}"
        if cell in merged:
            continue
        try:
            new_remark = _remark_text(ws[cell].value)
            exported_remark = _remark_text(copy[f"{column_letter('remarks')}{copy_r}"].value)
        except NotText as err:
            value = err.args[0]
            kind, content = type(value).__name__, shown(getattr(value, "text", value))   # an array formula's text
            s.error(KPI_SHEET, cell, f"{k.id}.remarks", problem(
                f"備考が文章ではありません（{kind}: {content}）", f"the remark is not text ({kind}: {content})",
                "数式や日付ではなく、文章を入力してください", "type text, not a formula or a date"))
            continue
        if new_remark == exported_remark:
            continue
        if new_remark is not None and new_remark.startswith("="):
            s.error(KPI_SHEET, cell, f"{k.id}.remarks", problem(
                f"数式「{shown(new_remark)}」が入っています", f"the cell holds a formula {shown(new_remark)!r}",
                "文章を入力してください", "type text"))
            continue
        current_remark = _remark_text(remarks.get(k.id))
        if current_remark not in (exported_remark, new_remark):
            s.error(KPI_SHEET, cell, f"{k.id}.remarks", _changed_since(_shown(current_remark), _shown(exported_remark)))
            continue
        if current_remark == new_remark:
            continue
        if entry.published:
            s.error(KPI_SHEET, cell, f"{k.id}.remarks",
                    published_edition(entry, _shown(current_remark), _shown(new_remark)))
            continue
        out.remarks.append(RemarkChange(k, current_remark, new_remark))


def _current_entered(k: Kpi) -> Entered:
    es = k.entered_status
    if es is None:
        return (None, None, None)
    return (es.id, es.reason.ja if es.reason else None, (es.reason.en or None) if es.reason else None)


def _status_cell(value) -> str | None:
    """A status cell as a category id (an id may be a number: 1 typed for "1"); None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise NotText(value)
    if isinstance(value, float):
        if value != int(value):
            raise NotText(value)
        value = int(value)
    return str(value).strip()


def _read_status(ws, copy, r: int, copy_r: int, k: Kpi, entry: Entry, choices: tuple[str, ...],
                 english: bool, merged: set[str], s: _Sheet) -> StatusChange | None:
    """The KPI's entered status and reason as the row holds them, when a person changed them (the status
    and its reason are one change: they are judged together)."""
    keys = ENTERED_FIELDS if english else ENTERED_FIELDS[:2]
    cells = {key: f"{column_letter(key)}{r}" for key in keys}
    if any(c in merged for c in cells.values()):
        return None
    current = _current_entered(k)
    got, was = [], []
    for key in keys:
        read = _status_cell if key == "status" else _remark_text
        copy_cell = f"{column_letter(key)}{copy_r}"
        try:
            got.append(read(ws[cells[key]].value))
            was.append(read(copy[copy_cell].value))
        except NotText as err:
            value = err.args[0]
            typed = ("TRUE" if value else "FALSE") if isinstance(value, bool) else shown(value)   # as Excel shows it
            s.error(KPI_SHEET, cells[key], f"{k.id}.{key}", problem(
                f"文字ではない値（{typed}）が入っています", f"the cell holds no text ({typed})",
                "状況の id か文章を入力してください", "type a status id or text"))
            return None
    if not english:   # a Japanese-only workbook has no English column: the data's stays as it is
        got.append(current[2])
        was.append(current[2])
    new, exported = tuple(got), tuple(was)
    if new == exported:
        return None
    before = s.count
    for key, text in zip(keys[1:], new[1:]):
        if text is not None and text.startswith("="):
            s.error(KPI_SHEET, cells[key], f"{k.id}.{key}", problem(
                f"数式「{shown(text)}」が入っています", f"the cell holds a formula {shown(text)!r}",
                "文章を入力してください", "type text"))
    status, reason = new[0], new[1]
    if status is not None and status not in choices:
        s.error(KPI_SHEET, cells["status"], f"{k.id}.status", problem(
            f"状況「{shown(status)}」は記入できる区分にありません", f"status {shown(status)!r} is not one of the categories",
            f"次のどれかにしてください：{', '.join(choices)}", f"use one of: {', '.join(choices)}"))
    elif status is not None and reason is None:
        s.error(KPI_SHEET, cells["status_reason"], f"{k.id}.status_reason", problem(
            f"状況「{status}」の理由がありません", f"the status {status!r} has no reason",
            f"{cells['status_reason']} に判定の理由を書いてください", f"give the reason in {cells['status_reason']}"))
    elif status is None and any(t is not None for t in new[1:len(keys)]):
        s.error(KPI_SHEET, cells["status"], f"{k.id}.status", problem(
            "理由だけがあり、状況がありません", "a reason is given but no status",
            f"{cells['status']} で状況を選ぶか、理由を消してください", f"choose the status in {cells['status']}, or clear the reason"))
    if s.count > before:
        return None
    if current not in (exported, new):
        s.error(KPI_SHEET, cells["status"], f"{k.id}.status",
                _changed_since(_entered_text(current), _entered_text(exported)))
        return None
    if current == new:
        return None
    if entry.published:
        s.error(KPI_SHEET, cells["status"], f"{k.id}.status",
                published_edition(entry, _entered_text(current), _entered_text(new)))
        return None
    return StatusChange(k, current, new, cells["status"])


def _edits_by_file(changes: list[Change], remarks: list[RemarkChange],
                   statuses: list[StatusChange] = ()) -> dict[str, tuple[list, list, list]]:
    """Strategy file → (value edits, remark edits, status edits)."""
    by_file: dict[str, tuple[list, list, list]] = {}
    for c in changes:
        by_file.setdefault(c.kpi.source.file, ([], [], []))[0].append(
            Edit(c.kpi.id, c.field, c.new[0], c.new[1], c.default_fy))
    for r in remarks:
        by_file.setdefault(r.kpi.source.file, ([], [], []))[1].append(RemarkEdit(r.kpi.id, r.new))
    for st in statuses:
        by_file.setdefault(st.kpi.source.file, ([], [], []))[2].append(StatusEdit(st.kpi.id, *st.new))
    return by_file


def layout_error(display: str, detail: str) -> DataError:
    return DataError(display, None, "layout", problem(
        f"このファイルの書式を保ったまま値を書き込めません（{detail}）",
        f"the values cannot be written while keeping the file's layout ({detail})",
        "このファイルの値は data/ で直接編集してください", "edit this file's values in data/ directly"))


def _new_texts(root: Path, out: Outcome) -> dict[str, str]:
    texts = {}
    for display, (edits, remark_edits, status_edits) in sorted(
            _edits_by_file(out.changes, out.remarks, out.statuses).items()):
        text = (root / display).read_text(encoding="utf-8")
        try:
            texts[display] = set_values(text, edits, display, remark_edits, status_edits)
        except LayoutChanged as err:
            raise layout_error(display, str(err)) from None
    return texts


def _validate(root: Path, texts: dict[str, str], entry: Entry) -> None:
    """Load the edition with the new texts (in a scratch copy of data/) through the engine's validation,
    as it is (a draft may have empty actuals, a published edition may not), then check it against the
    edition before it (a changed baseline or target needs its revision record), as the build does."""
    with tempfile.TemporaryDirectory(prefix="sheet-check-") as tmp:
        shutil.copytree(root / "data", Path(tmp) / "data")
        for display, text in texts.items():
            (Path(tmp) / display).write_text(text, encoding="utf-8")
        load_report(Path(tmp), entry.id, published=entry.published)
        load_editions(Path(tmp), include_drafts=True)


def _at_cell(err: DataError, out: Outcome, display: str) -> DataError:
    """A mistake the engine finds in data/ with the workbook's values (a baseline changed without its
    revision record): named at the cell that was typed and at the YAML line, as only one of them can fix it."""
    typed = [(f"{c.kpi.id}.{c.field}", c.cell, _pair_text(c.old, c.default_fy)) for c in out.changes]
    typed += [(f"{c.kpi.id}.{f}", c.cell, _entered_text(c.old)) for c in out.statuses for f in ENTERED_FIELDS[:2]]
    cell, old = next(((cell, old) for f, cell, old in typed if err.field == f), (None, None))
    if cell is None:
        return err
    at = f"{err.file}:{err.line}" if err.line else err.file
    return DataError(display, None, f"{KPI_SHEET}!{cell} ({err.field})", problem(
        err.problem.what_ja,
        err.problem.what_en,
        f"表では直せません。セルを元の値（{old}）に戻して取り込み直すか、{at} で直してください（{err.problem.fix_ja}）",
        f"a workbook cannot fix this: restore the cell ({old}) and import again, or fix it at {at} ({err.problem.fix_en})"))


def import_sheet(root: Path, path: Path, display: str | None = None, limits: Limits = Limits()) -> Outcome:
    """Apply the workbook's changes to the current edition in root/data, or nothing when anything is wrong."""
    display = display or path.name
    entry = current(root)
    loaded = load_report(root, entry.id, published=entry.published)
    wb = _open(path, display, limits)
    choices = entered_ids(loaded.scheme) if loaded.scheme.name == "entered" else ()
    out = read_changes(wb, loaded.report, display, entry, read_remarks(root, entry.data_dir),
                       site_columns(loaded), choices)
    if out.errors or not out.applied:
        return out
    texts = _new_texts(root, out)
    try:
        _validate(root, texts, entry)
    except DataError as err:
        out.errors.append(_at_cell(err, out, display))
        return out
    for display_name, text in texts.items():
        with open(root / display_name, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        out.written.append(display_name)
    return out

