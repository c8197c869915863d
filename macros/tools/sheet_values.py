"""Read a number or a fiscal year from a workbook cell: accepted exactly, or refused with a reason.

The rule (the staff guide repeats it):
- accepted: numbers; text that is unambiguously one number — surrounding spaces (also full-width),
  full-width digits, thousands separators in groups of three (1,234), a minus typed as - or －;
  an empty cell or a lone dash (—, －, -) means "no value", as in the printed report;
- refused: a percent sign (12.5% could mean 12.5 or 0.125), ▲/△ (a negative value or a decrease?),
  a comma that does not separate thousands (12,5), units or words (382人), a formula, a date,
  TRUE/FALSE.
Fiscal years: 2023, 2023年度, FY2023, R5, 令和5年度, 令和元年度, H30, 平成30年度 are accepted
(令和N年度 = 2018+N, 平成N年度 = 1988+N); 令和5年 or 2023年 are refused (a calendar year, not a 年度).
"""
from __future__ import annotations

import datetime
import math
import re
import unicodedata
from decimal import Decimal

from ..core.errors import Problem, problem
from ..core.fiscal import HEISEI_OFFSET, MAX_FY, MIN_FY, REIWA_OFFSET
from .sheet_limits import shown


class CellProblem(Exception):
    def __init__(self, prob: Problem) -> None:
        super().__init__(prob.what_en)
        self.problem = prob


def _refuse(what_ja: str, what_en: str, fix_ja: str, fix_en: str) -> CellProblem:
    return CellProblem(problem(what_ja, what_en, fix_ja, fix_en))


NO_VALUE = {"—", "―", "-", "‐", "–", "−", "ー"}
_PLAIN = re.compile(r"^-?\d+(\.\d+)?$")
_GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
_NUMBER_THEN_WORDS = re.compile(r"^-?[\d,.]+\s*\D+$")


def _formula(value) -> CellProblem | None:
    if isinstance(value, str) and value.startswith("="):
        return _refuse(f"数式「{shown(value)}」が入っています", f"the cell holds a formula {shown(value)!r}",
                       "計算結果の数値そのものを入力してください（コピーして「値として貼り付け」）",
                       "type the number itself (copy, then paste as values)")
    return None


def _not_a_type(value) -> CellProblem | None:
    if isinstance(value, bool):
        logical = "TRUE" if value else "FALSE"
        return _refuse(f"「{logical}」（論理値）が入っています", f"the cell holds {logical} (a logical value)",
                       "数値を入力してください", "type a number")
    if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
        if isinstance(value, datetime.datetime) and value.time() == datetime.time():
            value = value.date()
        return _refuse(f"日付・時刻「{shown(value)}」として入力されています", f"the cell holds a date or time ({shown(value)})",
                       "セルの書式を「数値」にしてから、数字だけを入力し直してください",
                       "set the cell format to Number and type the digits again")
    return None


def _text(value: str) -> str:
    """Full-width letters, digits and spaces to their ASCII forms, outer spaces removed."""
    return unicodedata.normalize("NFKC", value).replace("\u2212", "-").strip()


def parse_number(value, number_format: str = "General") -> Decimal | None:
    """A value cell's content as an exact Decimal, None for no value; CellProblem when refused."""
    if value is None:
        return None
    refused = _formula(value) or _not_a_type(value)
    if refused:
        raise refused
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise _refuse("数値ではありません", "not a number", "数値を入力してください", "type a number")
        if "%" in number_format:
            percent = Decimal(repr(value)) * 100
            raise _refuse(f"パーセント形式で入力されています（{percent.normalize():f}% が {shown(value)} として保存）",
                          f"typed as a percentage ({percent.normalize():f}% is stored as {shown(value)})",
                          "「%」を付けずに数値だけを入力してください（単位は「単位」列にあります）",
                          "type the number without % (the unit is in the Unit column)")
        return Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    text = _text(str(value))
    if not text or text in NO_VALUE:
        return None
    if text[0] in "▲△▼▽":
        raise _refuse(f"「{shown(value)}」の「{text[0]}」はマイナスとも減少幅とも読めます",
                      f"the {text[0]} in {shown(value)!r} can mean minus or a decrease",
                      "マイナスの値なら半角の「-」を付けて（-5）、そうでなければ値そのものを入力してください",
                      "for a negative value type -5 with an ASCII minus; otherwise type the value itself")
    if text.endswith("%"):
        raise _refuse(f"「{shown(value)}」に「%」が付いています（{_percent_readings(text[:-1], 'か')}決められません）",
                      f"{shown(value)!r} has a percent sign ({_percent_readings(text[:-1], 'or')}?)",
                      "「%」を付けずに数値だけを入力してください（単位は「単位」列にあります）",
                      "type the number without % (the unit is in the Unit column)")
    if _GROUPED.match(text):
        return Decimal(text.replace(",", ""))
    if _PLAIN.match(text):
        return Decimal(text)
    if "," in text and re.match(r"^-?[\d,.]+$", text):
        raise _refuse(f"「{shown(value)}」のカンマが3桁区切りになっていません（小数点の可能性）",
                      f"the comma in {shown(value)!r} does not separate thousands (a decimal comma?)",
                      "小数点は「.」で、3桁区切りのカンマは付けずに入力してください",
                      "type the decimal point as '.' and no thousands separators")
    if _NUMBER_THEN_WORDS.match(text):
        raise _refuse(f"「{shown(value)}」に数字以外の文字（単位など）が付いています",
                      f"{shown(value)!r} has words or a unit after the number",
                      "数値だけを入力してください（単位は「単位」列にあります）",
                      "type the number only (the unit is in the Unit column)")
    raise _refuse(f"「{shown(value)}」は数値ではありません", f"{shown(value)!r} is not a number",
                  "数値を半角数字で入力してください。値がなければ空欄にします",
                  "type a number; leave the cell empty for no value")


def _percent_readings(number: str, word: str) -> str:
    """The two readings of what was typed before a %: 「40 か 0.4 か」, "40 or 0.4"; '' if it is no number."""
    number = number.strip().replace(",", "")
    if not _PLAIN.match(number):
        return ""
    hundredth = format((Decimal(number) / 100).normalize(), "f")
    return f"{number} か {hundredth} か" if word == "か" else f"{number} or {hundredth}"


_ERA = re.compile(r"^(?P<era>R|H|令和|平成)\s*(?P<n>\d{1,2}|元)\s*(?P<suffix>年度|年)?$", re.I)
_YEAR = re.compile(r"^(FY\s*)?(?P<y>\d{4})\s*(?P<suffix>年度|年)?$", re.I)


def _check_range(fy: int, value) -> int:
    if not MIN_FY <= fy <= MAX_FY:
        raise _refuse(f"年度「{shown(value)}」は範囲外です（{MIN_FY}〜{MAX_FY}）",
                      f"fiscal year {shown(value)!r} is out of range ({MIN_FY}–{MAX_FY})",
                      "西暦の年度を入力してください（令和5年度 = 2023）",
                      "type the fiscal year in the Western calendar (令和5年度 = 2023)")
    return fy


def _calendar_year(value) -> CellProblem:
    return _refuse(f"「{shown(value)}」は暦年か年度か分かりません", f"{shown(value)!r} could be a calendar year, not a fiscal year",
                   "年度で入力してください（例: 2023 または 令和5年度）",
                   "type the fiscal year (e.g. 2023 or 令和5年度)")


def parse_year(value) -> int | None:
    """A fiscal-year cell's content as an integer FY, None when empty; CellProblem when refused."""
    if value is None:
        return None
    refused = _formula(value) or _not_a_type(value)
    if refused:
        raise refused
    if isinstance(value, float):
        if not value.is_integer():
            raise _refuse(f"年度「{shown(value)}」が整数ではありません", f"fiscal year {shown(value)!r} is not a whole number",
                          "西暦の年度を整数で入力してください（例: 2023）", "type the fiscal year as a whole number (e.g. 2023)")
        value = int(value)
    if isinstance(value, int):
        return _check_range(value, value)
    text = _text(str(value))
    if not text or text in NO_VALUE:
        return None
    m = _ERA.match(text)
    if m:
        if m["suffix"] == "年":
            raise _calendar_year(value)
        n = 1 if m["n"] == "元" else int(m["n"])
        offset = REIWA_OFFSET if m["era"].upper() in ("R", "令和") else HEISEI_OFFSET
        return _check_range(offset + n, value)
    m = _YEAR.match(text)
    if m:
        if m["suffix"] == "年":
            raise _calendar_year(value)
        return _check_range(int(m["y"]), value)
    raise _refuse(f"「{shown(value)}」は年度として読めません", f"{shown(value)!r} is not a fiscal year",
                  "西暦の年度を半角数字で入力してください（令和5年度 = 2023）",
                  "type the fiscal year in the Western calendar (令和5年度 = 2023)")
