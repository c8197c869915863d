"""A KPI's verdict as plain sentences, in Japanese or English, told from the data.

  三洞入洞者数は令和4年度に382千人で、目標（令和6年度540千人）に対する進捗率は70.7%。
  策定時（平成30年度499千人）より減り、未達成です。

  Visitors to the three caves stood at 382 thousand people in FY2022; progress towards the target
  (540 thousand people in FY2024) is 70.7%. It fell from the baseline (499 thousand people in FY2018);
  not achieved.

Pure functions: the facts come from core/verdict.py, numbers are formatted as in the tables, fiscal
years as 和暦 (ja) or FY2022 (en). Each value carries its own year, so a value from a year other than
the column heading's is told with that year.
"""
from __future__ import annotations

from ..core.fiscal import fy_label
from ..core.model import Direction, Status, Value
from ..core.verdict import Change, NoProgress, Verdict
from .numbers import fmt_number, fmt_pct


def _singular(unit: str) -> str:
    """'companies' -> 'company', 'businesses' -> 'business', 'cases' -> 'case', 'people' -> 'person'."""
    if unit == "people":
        return "person"
    if " " in unit or not unit.endswith("s"):
        return unit            # 'thousand people', 'companies etc.', 'm²'
    if unit.endswith("ies"):
        return unit[:-3] + "y"
    if unit.endswith("sses"):
        return unit[:-2]
    return unit[:-1]


def _amount(v: Value, unit: str, lang: str) -> str:
    n = fmt_number(v.amount)
    if lang == "ja" or unit == "%":
        return f"{n}{unit}"
    return f"{n} {_singular(unit) if v.amount == 1 else unit}"


def _dated(v: Value, unit: str, lang: str) -> str:
    """'令和6年度540千人' / '540 thousand people in FY2024'."""
    if lang == "ja":
        return fy_label(v.fy, lang) + _amount(v, unit, lang)
    return f"{_amount(v, unit, lang)} in {fy_label(v.fy, lang)}"


# --- Japanese -----------------------------------------------------------------------------------

def _ja_progress(vd: Verdict, unit: str) -> str:
    e, k = vd.evaluation, vd.evaluation.kpi
    target = f"目標（{_dated(k.target, unit, 'ja')}）" if k.target is not None else ""
    reason = vd.no_progress
    if reason is None:
        how = "、策定時からの変化で測って" if k.from_baseline else ""
        return f"{target}に対する進捗率は{how}{fmt_pct(e.progress_pct, '')}"
    return {
        NoProgress.NO_ACTUAL: f"{target}に対する進捗率は算出できません",
        NoProgress.NO_TARGET: "目標値がないため、進捗率は算出できません",
        NoProgress.TARGET_ZERO: f"{target}が0のため、進捗率は算出できません",
        NoProgress.ACTUAL_ZERO: f"実績値が0のため、{target}に対する進捗率は算出できません",
        NoProgress.TARGET_IS_BASELINE: f"{target}が策定時と同じ値のため、進捗率は算出できません",
    }[reason]


def _ja_baseline(vd: Verdict, unit: str) -> str:
    k = vd.evaluation.kpi
    if vd.baseline_blank_as_zero:
        return f"策定時（空欄のため0{unit}とみなす）"
    if k.baseline.implied:
        return f"策定時（{_amount(k.baseline, unit, 'ja')}、進捗率からの逆算値）"
    return f"策定時（{_dated(k.baseline, unit, 'ja')}）"


_JA_END = {Status.ACHIEVED: "目標を達成しています。", Status.IMPROVED: "改善していますが、目標には届いていません。",
           Status.UNCHANGED: "変化なしです。", Status.WORSE: "未達成です。"}


def _ja(vd: Verdict, name: str, unit: str) -> str:
    e, k = vd.evaluation, vd.evaluation.kpi
    subject = name + ("（低いほど良い指標）" if k.direction is Direction.LOWER else "")
    if k.actual is None:
        first = f"{subject}は実績値がなく、{_ja_progress(vd, unit)}。"
    else:
        first = f"{subject}は{fy_label(k.actual.fy, 'ja')}に{_amount(k.actual, unit, 'ja')}で、{_ja_progress(vd, unit)}。"
    if vd.change is Change.UNKNOWN:
        if e.status is Status.ACHIEVED:
            return first + _JA_END[e.status]
        why = "実績値がないため" if k.actual is None else "策定時の値がないため"
        return first + f"{why}、比較不能です。"
    rate = unit == "%"
    moved = {Change.UP: "より上がり、" if rate else "より増え、", Change.DOWN: "より下がり、" if rate else "より減り、",
             Change.SAME: "と同じで、"}[vd.change]
    return first + _ja_baseline(vd, unit) + moved + _JA_END[e.status]


# --- English ------------------------------------------------------------------------------------

def _en_progress(vd: Verdict, unit: str) -> str:
    e, k = vd.evaluation, vd.evaluation.kpi
    target = f"the target ({_dated(k.target, unit, 'en')})" if k.target is not None else ""
    reason = vd.no_progress
    if reason is None:
        how = ", measured from the baseline," if k.from_baseline else ""
        return f"progress towards {target}{how} is {fmt_pct(e.progress_pct, '')}"
    return {
        NoProgress.NO_ACTUAL: f"so no progress towards {target} can be computed",
        NoProgress.NO_TARGET: "there is no target, so no progress rate can be computed",
        NoProgress.TARGET_ZERO: f"{target} is 0, so no progress rate can be computed",
        NoProgress.ACTUAL_ZERO: f"as the actual value is 0, no progress towards {target} can be computed",
        NoProgress.TARGET_IS_BASELINE: f"{target} equals the baseline, so no progress rate can be computed",
    }[reason]


def _en_baseline(vd: Verdict, unit: str) -> str:
    k = vd.evaluation.kpi
    if vd.baseline_blank_as_zero:
        return "the baseline (blank, counted as 0)"
    if k.baseline.implied:
        return f"the baseline ({_amount(k.baseline, unit, 'en')}, implied by the printed progress rate)"
    return f"the baseline ({_dated(k.baseline, unit, 'en')})"


_EN_END = {Status.ACHIEVED: "target achieved.", Status.IMPROVED: "improved, but short of the target.",
           Status.UNCHANGED: "no change.", Status.WORSE: "not achieved."}


def _en(vd: Verdict, name: str, unit: str) -> str:
    e, k = vd.evaluation, vd.evaluation.kpi
    subject = name + (" (lower is better)" if k.direction is Direction.LOWER else "")
    if k.actual is None:
        first = f"{subject} has no actual value, {_en_progress(vd, unit)}."
    else:
        first = (f"{subject} stood at {_amount(k.actual, unit, 'en')} in {fy_label(k.actual.fy, 'en')}; "
                 f"{_en_progress(vd, unit)}.")
    if vd.change is Change.UNKNOWN:
        if e.status is Status.ACHIEVED:
            return first + " Target achieved."
        why = "no actual value" if k.actual is None else "no baseline"
        return first + f" With {why} to compare, not comparable."
    moved = {Change.UP: "It rose from ", Change.DOWN: "It fell from ", Change.SAME: "It is the same as "}[vd.change]
    return f"{first} {moved}{_en_baseline(vd, unit)}; {_EN_END[e.status]}"


def kpi_sentence(vd: Verdict, lang: str, name: str, unit: str) -> str:
    """The verdict as plain text (the caller escapes it). `name` and `unit` are in the page language."""
    return _ja(vd, name, unit) if lang == "ja" else _en(vd, name, unit)
