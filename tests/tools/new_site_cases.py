"""Mistakes a town could make in the answers of make new-site and in the workbook of make plan-sheet.

test_new_site.py checks that each is refused with one line at its line or cell; the staff guide's
error catalogue (tests/broken/catalogue.py) lists the line each prints. The site of these cases is a
two-level plan of an imaginary village, 試験村, with three KPIs.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from macros.core.errors import DataError
from macros.tools import new_site as ns
from macros.tools.plan_sheet import FIRST_ROW, SHEET, PlanErrors, headings, read_plan, write_sheet

LEVELS = [{"ja": "基本目標", "en": "Basic Goal"}, {"ja": "施策", "en": "Policy"}]
ROWS = [
    {"level-1-number": 1, "level-1-name": "しごと", "level-1-name_en": "Work", "level-2-number": 1,
     "level-2-name": "起業", "level-2-name_en": "Start-ups", "name": "創業件数", "name_en": "Businesses started",
     "unit": "件/年", "baseline": 4, "target": 8, "direction": "高いほど良い"},
    {"level-1-number": 1, "level-2-number": 1, "name": "支援団体数", "name_en": "Support groups", "unit": "団体",
     "baseline": 3, "target": 5, "direction": "高いほど良い"},
    {"level-1-number": 2, "level-1-name": "ひと", "level-1-name_en": "People", "level-2-number": 1,
     "level-2-name": "移住", "level-2-name_en": "Moving here", "name": "耕作放棄地", "name_en": "Abandoned farmland",
     "unit": "ha", "baseline": 35.5, "target": 30, "direction": "低いほど良い"},
]


def answers(languages=("ja", "en"), levels=LEVELS) -> dict:
    both = "en" in languages
    pick = (lambda d: d) if both else (lambda d: {"ja": d["ja"]})
    return {
        "municipality": pick({"ja": "試験村", "en": "Shiken Village"}),
        "plan": pick({"ja": "試験村総合戦略 評価報告書", "en": "Shiken Village Strategy Evaluation"}) | {"sheet": "plan.xlsx"},
        "publisher": pick({"ja": "試験村 企画課", "en": "Shiken Village, Planning"}),
        "languages": list(languages),
        "levels": [pick(lv) for lv in levels],
        "first_edition": {"id": "2025-03", "actual_fy": 2024},
        "columns": {"baseline_fy": 2022, "target_fy": 2027},
        "status": {"scheme": "four-categories"},
        "files": {"pdf": "shiken-report"},
    }


def dump(doc: dict) -> str:
    """YAML of the answers, every mapping written out (no anchors for a mapping used twice)."""
    return yaml.safe_dump(json.loads(json.dumps(doc)), allow_unicode=True, sort_keys=False)


def col(key: str, levels=LEVELS, bilingual=True) -> str:
    return get_column_letter([h.key for h in headings(levels, bilingual)].index(key) + 1)


def folder(tmp_path: Path, doc: dict, rows=ROWS, text: str | None = None) -> Path:
    """answers.yaml (the doc, or the text as given) with its workbook beside it."""
    path = tmp_path / "answers.yaml"
    path.write_text(text if text is not None else dump(doc), encoding="utf-8")
    write_sheet(tmp_path / "plan.xlsx", doc["levels"], "en" in doc["languages"],
                [{k: v for k, v in r.items() if "en" in doc["languages"] or not k.endswith("_en")} for r in rows])
    return path


def edit_sheet(path: Path, cells: dict[str, object]) -> None:
    wb = load_workbook(path)
    for ref, value in cells.items():
        wb[SHEET][ref] = value
    wb.save(path)


def _without(doc, key):
    return {k: v for k, v in doc.items() if k != key}


@dataclass(frozen=True)
class AnswerCase:
    what_ja: str                        # what the person did, for the guide
    edit: Callable[[dict], dict]        # the valid answers → the wrong ones
    where: str                          # how the line starts
    words: str                          # words the line contains


ANSWER_CASES = [
    AnswerCase("回答ファイルから levels（計画の階層）を消した", lambda d: _without(d, "levels"),
               "answers.yaml:1: levels:", "必須の項目「levels」"),
    AnswerCase("levels を空にした", lambda d: d | {"levels": []}, "answers.yaml:", "levels"),
    AnswerCase("levels に4つ以上の階層を書いた", lambda d: d | {"levels": LEVELS * 2}, "answers.yaml:",
               "4個書かれています（3個まで）"),
    AnswerCase("languages に ja を書かなかった", lambda d: d | {"languages": ["en"]}, "answers.yaml:", "languages"),
    AnswerCase("languages に en があるのに、市町村名の英語を書かなかった",
               lambda d: d | {"municipality": {"ja": "試験村"}}, "answers.yaml:2: municipality.en:", "英語の名前がありません"),
    AnswerCase("languages に en があるのに、階層名の英語を書かなかった",
               lambda d: d | {"levels": [LEVELS[0], {"ja": "施策"}]}, "answers.yaml:", "levels[1].en"),
    AnswerCase("階層の見出しの示し方（label）に、{name}・{n}・{id} 以外の {番号} を書いた",
               lambda d: d | {"levels": [LEVELS[0], LEVELS[1] | {"label": {"ja": "{name}{番号}"}}]}, "answers.yaml:",
               "levels[1].label.ja: 「{番号}」は使えません"),
    AnswerCase("最初の版の番号を「年-月」の形で書かなかった（13月）",
               lambda d: d | {"first_edition": {"id": "2025-13", "actual_fy": 2024}}, "answers.yaml:", "first_edition.id"),
    AnswerCase("目標の年度を策定時の年度より前にした",
               lambda d: d | {"columns": {"baseline_fy": 2027, "target_fy": 2022}}, "answers.yaml:", "columns.target_fy"),
    AnswerCase("実績値の年度を目標の年度より後にした",
               lambda d: d | {"first_edition": {"id": "2025-03", "actual_fy": 2030}}, "answers.yaml:",
               "first_edition.actual_fy"),
    AnswerCase("社会情勢の表（context の tables）で、列（columns）の数と違う数の値を行に書いた",
               lambda d: d | {"context": {"tables": [{
                   "id": "households", "caption": {"ja": "世帯数", "en": "Households"},
                   "source": {"ja": "住民基本台帳", "en": "Basic Resident Register"},
                   "columns": [{"ja": "世帯", "en": "Households"}, {"ja": "人口", "en": "People"}],
                   "rows": [{"label": {"ja": "令和5年", "en": "2023"}, "values": [4150]}]}]}},
               "answers.yaml:", "context.tables[households].rows[0].values: 値が1個ありますが、列（columns）は2個です"),
    AnswerCase("社会情勢の表の id に大文字と空白を使った",
               lambda d: d | {"context": {"tables": [{
                   "id": "Bad Id", "caption": {"ja": "世帯数", "en": "Households"},
                   "source": {"ja": "住民基本台帳", "en": "Basic Resident Register"},
                   "columns": [{"ja": "世帯", "en": "Households"}],
                   "rows": [{"label": {"ja": "令和5年", "en": "2023"}, "values": [4150]}]}]}},
               "answers.yaml:", "context.Bad Id.id: 「Bad Id」の形式が違います（英小文字・数字・ハイフン）"),
    AnswerCase("社会情勢に全国の市区町村数（municipalities）だけを書き、国勢調査の人口（census）を書かなかった",
               lambda d: d | {"context": {"municipalities": {"source": {"ja": "国勢調査", "en": "Census"},
                                                             "total": 1719, "increased": 298, "decreased": 1419}}},
               "answers.yaml:", "context: 「census」がありません（「municipalities」には「census」も必要です）"),
    AnswerCase("PDF のファイル名に空白と大文字を使った", lambda d: d | {"files": {"pdf": "Town Report"}},
               "answers.yaml:", "files.pdf"),
    AnswerCase("KPIの定義の表の名前を、ないファイルにした",
               lambda d: d | {"plan": d["plan"] | {"sheet": "missing.xlsx"}}, "answers.yaml:", "missing.xlsx"),
    AnswerCase("回答ファイルに、ない項目を書いた", lambda d: d | {"colour": "red"}, "answers.yaml:", "知らない項目「colour」"),
    AnswerCase("KPIの定義の表を、回答ファイルの外のフォルダにした",
               lambda d: d | {"plan": d["plan"] | {"sheet": "../../etc/plan.xlsx"}}, "answers.yaml:", "plan.sheet"),
    AnswerCase("担当課の名前を「=」で始めた",
               lambda d: d | {"publisher": d["publisher"] | {"ja": "=HYPERLINK()"}}, "answers.yaml:", "数式として読まれる"),
]


@dataclass(frozen=True)
class CellCase:
    what_ja: str
    key: str        # the column (headings' key)
    row: int        # 0 = the first KPI row
    value: object   # what the person typed
    words: str


CELL_CASES = [
    CellCase("KPIの定義の表で、策定時の値に単位まで書いた", "baseline", 1, "12件", "数値ではありません"),
    CellCase("KPIの定義の表で、目標値を TRUE にした", "target", 2, True, "数値ではありません"),
    CellCase("KPIの定義の表で、方向を選択肢にない言葉にした", "direction", 0, "良い", "方向が"),
    CellCase("KPIの定義の表で、階層の番号を漢数字にした", "level-2-number", 1, "一", "施策の番号が 1 以上の整数ではありません"),
    CellCase("KPIの定義の表で、階層の番号を 0 にした", "level-1-number", 1, 0, "基本目標の番号"),
    CellCase("KPIの定義の表で、KPIの名前を空欄にした", "name", 2, None, "空欄です"),
    CellCase("KPIの定義の表で、KPIの名前（英語）を空欄にした", "name_en", 0, None, "空欄です"),
    CellCase("KPIの定義の表で、単位を「=」で始めた", "unit", 1, "=1+1", "数式として読まれる"),
    CellCase("KPIの定義の表で、同じ番号の階層に上の行と違う名前を書いた", "level-1-name", 1, "別の名前",
             "上の行（「しごと」）と違います"),
]


def cell_lines(tmp_path: Path, case: CellCase) -> tuple[str, list[str]]:
    """(the cell the case changes, the lines reading the workbook prints)."""
    folder(tmp_path, answers())
    ref = f"{col(case.key)}{FIRST_ROW + case.row}"
    edit_sheet(tmp_path / "plan.xlsx", {ref: case.value})
    try:
        read_plan(tmp_path / "plan.xlsx", "plan.xlsx", LEVELS, True)
    except PlanErrors as err:
        return ref, err.lines
    return ref, []


def _line(call: Callable[[], object]) -> str:
    try:
        call()
    except PlanErrors as err:
        return err.lines[0]
    except DataError as err:
        return err.one_line()
    raise ValueError("the case printed no error line: fix the case first")


def catalogue_lines(tmp: Path) -> list[tuple[str, str]]:
    """(what the person did, the line printed) of every case, each in its own folder under tmp."""
    rows = []
    for n, case in enumerate(ANSWER_CASES):
        (tmp / f"a{n}").mkdir()
        path = folder(tmp / f"a{n}", answers())
        path.write_text(dump(case.edit(answers())), encoding="utf-8")
        rows.append((case.what_ja, _line(lambda: ns.load_answers(path, "answers.yaml"))))
    for n, case in enumerate(CELL_CASES):
        (tmp / f"c{n}").mkdir()
        rows.append((case.what_ja, cell_lines(tmp / f"c{n}", case)[1][0]))
    (tmp / "empty").mkdir()
    write_sheet(tmp / "empty" / "plan.xlsx", LEVELS, True)
    rows.append(("KPIの定義の表に、KPIを1行も書かなかった",
                 _line(lambda: read_plan(tmp / "empty" / "plan.xlsx", "plan.xlsx", LEVELS, True))))
    (tmp / "levels").mkdir()
    folder(tmp / "levels", answers())
    three = LEVELS + [{"ja": "事業", "en": "Project"}]
    rows.append(("2階層で作ったKPIの定義の表を、回答ファイルの levels を3階層にしてから読んだ",
                 _line(lambda: read_plan(tmp / "levels" / "plan.xlsx", "plan.xlsx", three, True))))
    (tmp / "sheet").mkdir()
    folder(tmp / "sheet", answers())
    wb = load_workbook(tmp / "sheet" / "plan.xlsx")
    wb[SHEET].title = "Sheet1"
    wb.save(tmp / "sheet" / "plan.xlsx")
    rows.append(("KPIの定義の表のシート名「KPI」を変えた",
                 _line(lambda: read_plan(tmp / "sheet" / "plan.xlsx", "plan.xlsx", LEVELS, True))))
    (tmp / "unit").mkdir()
    path = folder(tmp / "unit", answers(), [ROWS[0] | {"unit": "匹"}])
    rows.append(("英語もある site で、エンジンが知らない単位に英語を書かなかった",
                 _line(lambda: ns.new_site(tmp / "unit" / "site", path))))
    return rows
