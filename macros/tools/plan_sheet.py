"""The KPI-definition workbook a new site starts from (`make new-site`, `make plan-sheet`).

Where a town's plan lives: one sheet, one row per KPI. For each level of the plan (data/site.yaml
`levels`, top down) a number column (1, 2, … within the item above it) and a name column, then the
KPI's name, unit, baseline, target and which direction is good. A bilingual site has English columns
beside the Japanese ones. The number of a level and the number of the KPI in its item make the ids the
site uses (基本目標 1 → 施策 1-2 → KPI 1-2-3).

The workbook is read the way a department's workbook is (sheet_import's guards: the zip checked before
openpyxl reads it, defusedxml, only the cells the file holds), and every mistake is one line naming the
sheet and cell. Nothing is returned unless every row is valid.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..core.errors import DataError, problem
from .sheet_import import _filled_rows, _open, _Sheet
from .sheet_layout import FIRST_ROW   # row 1 is the heading, as in the KPI workbook
from .sheet_limits import MAX_CELL_TEXT, long_text, shown

SHEET = "KPI"
DIRECTIONS = {"高いほど良い": "higher", "低いほど良い": "lower"}


@dataclass(frozen=True)
class Heading:
    key: str        # level-N-number | level-N-name | level-N-name_en | name | name_en | unit | unit_en | baseline | target | direction
    ja: str
    en: str
    width: int

    @property
    def text(self) -> str:
        return f"{self.ja}\n{self.en}"


def headings(levels: list[dict], bilingual: bool) -> list[Heading]:
    """The columns for a plan with these levels ([{ja, en?}, …], top down)."""
    cols = []
    for n, level in enumerate(levels, 1):
        en = level.get("en") or f"Level {n}"
        cols += [Heading(f"level-{n}-number", f"{level['ja']}の番号", f"{en} no.", 10),
                 Heading(f"level-{n}-name", f"{level['ja']}の名前", f"{en} name", 28)]
        if bilingual:
            cols.append(Heading(f"level-{n}-name_en", f"{level['ja']}の名前（英語）", f"{en} name (English)", 28))
    cols.append(Heading("name", "KPI名", "KPI name", 36))
    if bilingual:
        cols.append(Heading("name_en", "KPI名（英語）", "KPI name (English)", 36))
    cols.append(Heading("unit", "単位", "Unit", 10))
    if bilingual:
        cols.append(Heading("unit_en", "単位（英語）", "Unit (English)", 14))
    cols += [Heading("baseline", "策定時の値", "Baseline", 12), Heading("target", "目標値", "Target", 12),
             Heading("direction", "方向", "Direction", 14)]
    return cols


@dataclass
class Item:
    """One item of a level of the plan, with the items or KPIs under it."""

    id: str
    title: dict
    items: list["Item"] = field(default_factory=list)
    kpis: list[dict] = field(default_factory=list)


def write_sheet(path: Path, levels: list[dict], bilingual: bool, rows: list[dict] = ()) -> None:
    """A definition workbook: the headings, the widths, a list for the direction, and `rows` if given
    (each a mapping of column key → value; keys of columns this plan does not have are left out)."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    cols = headings(levels, bilingual)
    for c, h in enumerate(cols, 1):
        cell = ws.cell(row=1, column=c, value=h.text)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(c)].width = h.width
    for r, row in enumerate(rows, FIRST_ROW):
        for c, h in enumerate(cols, 1):
            if row.get(h.key) is not None:
                ws.cell(row=r, column=c, value=row[h.key])
    ws.freeze_panes = "A2"
    letter = get_column_letter(len(cols))
    choice = DataValidation(type="list", formula1='"' + ",".join(DIRECTIONS) + '"', allow_blank=False)
    choice.add(f"{letter}{FIRST_ROW}:{letter}1000")
    ws.add_data_validation(choice)
    wb.save(path)


class _Rows:
    """The values of the cells the file holds (never ws.cell() on an empty one: a styled cell far down would
    create millions; see sheet_import._filled_rows)."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.cells = {(r, c): cell.value for (r, c), cell in ws._cells.items()}

    def filled(self, columns: int) -> list[int]:
        return _filled_rows(self.ws, columns)

    def get(self, r: int, c: int):
        value = self.cells.get((r, c))
        return value.strip() if isinstance(value, str) else value


def read_plan(path: Path, display: str, levels: list[dict], bilingual: bool) -> list[Item]:
    """The plan's top-level items, or a DataError listing every mistake (at most MAX_ERRORS) at its cell."""
    wb = _open(path, display)
    s = _Sheet(display)
    if SHEET not in wb.sheetnames:
        raise DataError(display, None, "sheet", problem(
            f"シート「{SHEET}」がありません（{', '.join(map(shown, wb.sheetnames))}）",
            f"there is no sheet {SHEET!r} ({', '.join(map(shown, wb.sheetnames))})",
            "make plan-sheet で作った表に書き込んでください", "fill in the workbook make plan-sheet writes"))
    ws = wb[SHEET]
    rows = _Rows(ws)
    cols = headings(levels, bilingual)
    for c, h in enumerate(cols, 1):
        got = rows.get(1, c)
        if " ".join(str(got or "").split()) != " ".join(h.text.split()):
            s.error(SHEET, f"{get_column_letter(c)}1", str(got or ""), problem(
                f"見出しが「{h.ja}」ではありません", f"the heading is not {h.en!r}",
                "make plan-sheet で作った表の見出しと列の順のままにしてください（階層は answers の levels のとおり）",
                "keep the headings and column order of the workbook make plan-sheet writes (levels as in the answers)"))
    _raise(s)
    found = rows.filled(len(cols))
    if not found:
        raise DataError(display, None, f"{SHEET}!A{FIRST_ROW}", problem(
            "KPIが1行もありません", "there is no KPI row", f"{FIRST_ROW}行目から1行に1つのKPIを書いてください",
            f"write one KPI a row from row {FIRST_ROW}"))
    index = {h.key: c for c, h in enumerate(cols, 1)}
    tops: list[Item] = []
    by_id: dict[str, Item] = {}
    for r in found:
        _row(rows, r, index, levels, bilingual, s, tops, by_id)
    _raise(s)
    return tops


class PlanErrors(Exception):
    """Every mistake in the workbook, one line each (str(): the lines joined)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("\n".join(lines))


def _raise(s: _Sheet) -> None:
    if s.errors:
        more = s.count - len(s.errors)
        raise PlanErrors([str(e) for e in s.errors] + ([f"… ほかに {more} 件 / {more} more"] if more else []))


def _cell(index: dict, key: str, r: int) -> str:
    return f"{get_column_letter(index[key])}{r}"


def _text(rows: _Rows, r: int, index: dict, key: str, s: _Sheet, required: bool) -> str | None:
    value = rows.get(r, index[key])
    if value in (None, ""):
        if required:
            s.error(SHEET, _cell(index, key, r), "", problem(
                "空欄です", "it is empty", "内容を書いてください", "fill it in"))
        return None
    text = " ".join(str(value).split())
    if len(text) > MAX_CELL_TEXT:
        s.error(SHEET, _cell(index, key, r), text, long_text(len(text)))
        return None
    if text[0] in "=+-@＝＋－＠":
        s.error(SHEET, _cell(index, key, r), text, problem(
            "表計算ソフトで数式として読まれる文字（= + - @ ＝ ＋ － ＠）で始まっています",
            "it starts with a character a spreadsheet reads as a formula (= + - @ ＝ ＋ － ＠)",
            "先頭の文字を削除するか、別の書き方にしてください", "remove the first character or reword it"))
        return None
    return text


def _number(rows: _Rows, r: int, index: dict, key: str, s: _Sheet):
    value = rows.get(r, index[key])
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        s.error(SHEET, _cell(index, key, r), str(value), problem(
            "数値ではありません", "it is not a number",
            "単位やカンマを付けずに数値だけを書いてください（値がなければ空欄）",
            "write the number alone, without a unit or commas (leave it empty when there is none)"))
        return None
    return int(value) if float(value).is_integer() else Decimal(str(value))


def _row(rows, r, index, levels, bilingual, s, tops, by_id) -> None:
    ident, parent = "", None
    for n in range(1, len(levels) + 1):
        key = f"level-{n}-number"
        raw = rows.get(r, index[key])
        if isinstance(raw, str) and raw.isdigit():
            raw = int(raw)
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 1:
            s.error(SHEET, _cell(index, key, r), "" if raw is None else str(raw), problem(
                f"{levels[n - 1]['ja']}の番号が 1 以上の整数ではありません",
                f"the number of the {levels[n - 1].get('en') or 'level ' + str(n)} is not a whole number from 1",
                "1, 2, 3 のように、上の階層の中での番号を書いてください", "write its number within the item above: 1, 2, 3"))
            return
        ident = f"{ident}-{raw}" if ident else str(raw)
        name_ja = _text(rows, r, index, f"level-{n}-name", s, required=ident not in by_id)
        name_en = _text(rows, r, index, f"level-{n}-name_en", s, required=ident not in by_id) if bilingual else None
        item = by_id.get(ident)
        if item is None:
            title = {"ja": name_ja or ""} | ({"en": name_en or ""} if bilingual else {})
            item = by_id[ident] = Item(ident, title)
            (tops if parent is None else parent.items).append(item)
        else:
            for lang, name, k in (("ja", name_ja, "name"), ("en", name_en, "name_en")):
                if name and name != item.title.get(lang):
                    s.error(SHEET, _cell(index, f"level-{n}-{k}", r), name, problem(
                        f"{levels[n - 1]['ja']} {ident} の名前が上の行（「{shown(item.title.get(lang))}」）と違います",
                        f"the name of {ident} differs from the row above ({shown(item.title.get(lang))!r})",
                        "同じ番号の行では同じ名前にするか、空欄にしてください",
                        "give rows of the same number the same name, or leave it empty"))
        parent = item
    kpi: dict = {"id": f"{ident}-{len(parent.kpis) + 1}"}
    name_ja = _text(rows, r, index, "name", s, required=True)
    name_en = _text(rows, r, index, "name_en", s, required=True) if bilingual else None
    kpi["name"] = {"ja": name_ja} | ({"en": name_en} if bilingual else {})
    kpi["unit"] = _text(rows, r, index, "unit", s, required=True)
    if bilingual:
        kpi["unit_en"] = _text(rows, r, index, "unit_en", s, required=False)
        kpi["unit_cell"] = _cell(index, "unit_en", r)
    kpi["baseline"] = _number(rows, r, index, "baseline", s)
    kpi["target"] = _number(rows, r, index, "target", s)
    direction = rows.get(r, index["direction"])
    if direction not in DIRECTIONS:
        s.error(SHEET, _cell(index, "direction", r), "" if direction is None else str(direction), problem(
            "方向が「高いほど良い」「低いほど良い」のどちらでもありません",
            "the direction is neither 高いほど良い (higher is better) nor 低いほど良い (lower is better)",
            "一覧から選んでください", "choose one from the list"))
    else:
        kpi["direction"] = DIRECTIONS[direction]
    parent.kpis.append(kpi)


def main(argv: list[str] | None = None) -> int:
    """`make plan-sheet ANSWERS=answers.yaml [EXAMPLE=yes]`: the workbook the answers name (plan.sheet),
    headed for their levels and languages; empty, or with the example rows (macros/scaffold/plan.example.yaml)."""
    import argparse
    import sys

    import yaml

    from .new_site import SCAFFOLD, load_answers
    parser = argparse.ArgumentParser(prog="plan-sheet", description=main.__doc__.splitlines()[0])
    parser.add_argument("answers")
    parser.add_argument("--example", action="store_true", help="fill in the example rows")
    args = parser.parse_args(argv)
    answers_path = Path(args.answers)
    try:
        answers = load_answers(answers_path, args.answers, need_sheet=False)
    except DataError as err:
        print(err, file=sys.stderr)
        return 2
    out = answers_path.parent / answers["plan"]["sheet"]
    if out.exists():
        print(f"plan-sheet: {out} は既にあります。上書きしません / {out} exists; it is not overwritten", file=sys.stderr)
        return 2
    rows = yaml.safe_load((SCAFFOLD / "plan.example.yaml").read_text(encoding="utf-8")) if args.example else []
    write_sheet(out, answers["levels"], "en" in answers["languages"], rows)
    print(f"plan-sheet: {out} を書きました / wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
