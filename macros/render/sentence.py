"""A KPI's verdict as plain sentences, in Japanese or English, told from the data.

  三洞入洞者数は令和4年度に38万2千人で、目標（令和6年度54万人）に対する進捗率は70.7%。
  策定時（平成30年度49万9千人）より減り、未達成です。

  In FY2022 there were 382,000 visitors to the three caves, against a target of 540,000 for FY2024:
  70.7% of the target. That is fewer than at the baseline (499,000 in FY2018): not achieved.

Pure functions: the facts come from core/verdict.py; fiscal years as 和暦 (ja) or FY2022 (en). Figures
are written as a resident writes them (no printed trailing zeros; thousands written out; yen in
millions in English), while the tables keep the report's units. The English names what a KPI counts or
measures from the KPI's own wording (data: `en_wording`), never from its unit alone. Each value carries
its own year, so a value from a year other than the column heading's is told with that year.
"""
from __future__ import annotations

from decimal import Decimal

from ..core.fiscal import fy_label
from ..core.model import Direction, Unit, Value, Wording
from ..core.status_schemes import DEFAULT, Scheme
from ..core.verdict import Change, NoProgress, Verdict
from .numbers import man_ja, plain, yen_en

_THOUSAND = Decimal(1000)


def _whole(v: Value, unit: Unit) -> Decimal:
    return v.amount * _THOUSAND if unit.thousands else v.amount


def _pct(p: Decimal) -> str:
    return f"{plain(p)}%"


# --- Japanese -----------------------------------------------------------------------------------

def _ja_amount(v: Value, unit: Unit) -> str:
    """382 (千人) -> '38万2千人'; 60.0 (%) -> '60%'."""
    if unit.thousands:
        return man_ja(_whole(v, unit)) + unit.ja.removeprefix("千")
    return plain(v.amount) + unit.ja


def _ja_dated(v: Value, unit: Unit) -> str:
    return fy_label(v.fy, "ja") + _ja_amount(v, unit)


def _ja_progress(vd: Verdict, unit: Unit) -> str:
    e, k = vd.evaluation, vd.evaluation.kpi
    target = f"目標（{_ja_dated(k.target, unit)}）" if k.target is not None else ""
    reason = vd.no_progress
    if reason is None:
        how = "、策定時からの変化で測って" if k.from_baseline else ""
        return f"{target}に対する進捗率は{how}{_pct(e.progress_pct)}"
    return {
        NoProgress.NO_ACTUAL: f"{target}に対する進捗率は算出できません",
        NoProgress.NO_TARGET: "目標値がないため、進捗率は算出できません",
        NoProgress.TARGET_ZERO: f"{target}が0のため、進捗率は算出できません",
        NoProgress.ACTUAL_ZERO: f"実績値が0のため、{target}に対する進捗率は算出できません",
        NoProgress.TARGET_IS_BASELINE: f"{target}が策定時と同じ値のため、進捗率は算出できません",
    }[reason]


def _ja_baseline(vd: Verdict, unit: Unit) -> str:
    k = vd.evaluation.kpi
    if vd.baseline_blank_as_zero:
        return "策定時（空欄のため0とみなす）"
    if k.baseline.implied:
        return f"策定時（{_ja_amount(k.baseline, unit)}、進捗率からの逆算値）"
    return f"策定時（{_ja_dated(k.baseline, unit)}）"


def _end(e, scheme: Scheme, lang: str) -> str:
    """How the sentence ends: the category's own words (the four categories), else its symbol and
    label; an entered status adds its reason."""
    c = scheme.category(e.status)
    if c.sentence is not None:
        end = c.sentence.get(lang)
    else:
        end = f"判定は「{c.symbol.ja} {c.label.ja}」です。" if lang == "ja" else f"status {c.symbol.en} ({c.label.en})"
    reason = e.kpi.entered_status.reason if e.kpi.entered_status else None
    if reason is not None and reason.get(lang):
        end = end.removesuffix("。") + f"（理由：{reason.ja}）。" if lang == "ja" else f"{end} (reason: {reason.en})"
    return end


def _ja(vd: Verdict, name: str, unit: Unit, scheme: Scheme) -> str:
    e, k = vd.evaluation, vd.evaluation.kpi
    subject = name + ("（低いほど良い指標）" if k.direction is Direction.LOWER else "")
    if k.actual is None:
        first = f"{subject}は実績値がなく、{_ja_progress(vd, unit)}。"
    else:
        first = f"{subject}は{fy_label(k.actual.fy, 'ja')}に{_ja_amount(k.actual, unit)}で、{_ja_progress(vd, unit)}。"
    if vd.change is Change.UNKNOWN:
        if scheme.category(e.status).meets_target:
            return first + _end(e, scheme, "ja")
        why = "実績値がないため" if k.actual is None else "策定時の値がないため"
        generic = scheme.category(e.status).sentence is None
        return first + f"{why}、比較不能です。" + (_end(e, scheme, "ja") if generic else "")
    rate = unit.ja == "%"
    moved = {Change.UP: "より上がり、" if rate else "より増え、", Change.DOWN: "より下がり、" if rate else "より減り、",
             Change.SAME: "と同じで、"}[vd.change]
    return first + _ja_baseline(vd, unit) + moved + _end(e, scheme, "ja")


# --- English ------------------------------------------------------------------------------------

def fallback_wording(name: str) -> Wording:
    """A KPI without its own wording is named by its name, in quotation marks: always grammatical."""
    return Wording(measure=f'the figure for "{name}"')


class _English:
    """One KPI's English figures and words: a count ('382,000'; 'visitors to the three caves') or a
    measure ('60%', '¥222.7 million', '12 tonnes'; 'the share of …')."""

    def __init__(self, unit: Unit, wording: Wording):
        self.unit, self.w = unit, wording

    def figure(self, v: Value) -> str:
        n, u = _whole(v, self.unit), self.unit
        if u.yen:
            return yen_en(n)
        if u.ja == "%":
            return f"{plain(n)}%"
        if u.measure:
            return f"{plain(n)} {u.one if n == 1 and u.one else u.en}"
        if self.w.is_count or u.one is None:
            return plain(n)
        return f"{plain(n)} {u.one if n == 1 else u.en.removeprefix('thousand ')}"   # the fallback: 2,602 people

    def dated(self, v: Value) -> str:
        return f"{self.figure(v)} in {fy_label(v.fy, 'en')}"

    def actual(self, v: Value) -> str:
        """'In FY2022 there were 382,000 visitors to the three caves' / 'In FY2022 the share of … was 60%' /
        'By FY2022 there had been a total of 13 businesses that …' (a running total)."""
        w, fy = self.w, fy_label(v.fy, "en")
        if w.is_count:
            n = _whole(v, self.unit)
            if w.running_total:
                if n <= 1:
                    return f"By {fy} there had been " + ("no " + w.other if n == 0 else f"1 {w.one}")
                return f"By {fy} there had been a total of {self.figure(v)} {w.other}"
            if n == 0:
                return f"In {fy} there were no {w.other}"
            return f"In {fy} there {'was' if n == 1 else 'were'} {self.figure(v)} {w.one if n == 1 else w.other}"
        return f"In {fy} {w.measure} {'were' if w.plural else 'was'} {self.figure(v)}"

    def subject(self) -> str:
        if not self.w.is_count:
            return self.w.measure
        return f"the {'total ' if self.w.running_total else ''}number of {self.w.other}"

    def compared(self, change: Change) -> str:
        """More or fewer of a count; higher or lower of a rate; more or less of an amount (m², tonnes, yen)."""
        if change is Change.SAME:
            return "the same as at"
        more = change is Change.UP
        if self.w.is_count:
            return "more than at" if more else "fewer than at"
        if self.unit.ja == "%":
            return "higher than at" if more else "lower than at"
        return "more than at" if more else "less than at"


def _en_target(vd: Verdict, en: _English) -> str:
    k = vd.evaluation.kpi
    if k.target is None or vd.no_progress is NoProgress.TARGET_ZERO:
        return ""
    bound = "no more than " if k.direction is Direction.LOWER else ""
    return f", against a target of {bound}{en.figure(k.target)} for {fy_label(k.target.fy, 'en')}"


def _en_progress(vd: Verdict) -> str:
    e, k = vd.evaluation, vd.evaluation.kpi
    reason = vd.no_progress
    if reason is None:
        if k.from_baseline:
            return f": {_pct(e.progress_pct)} of the way from the baseline to the target"
        if k.direction is Direction.LOWER:
            return f": a progress rate of {_pct(e.progress_pct)}"
        return f": {_pct(e.progress_pct)} of the target"
    if reason is NoProgress.TARGET_ZERO:
        also = " also" if k.actual is not None and k.actual.amount == 0 else ""
        return f"; the {fy_label(k.target.fy, 'en')} target is{also} 0, so no progress rate is given"
    return {
        NoProgress.NO_ACTUAL: "",
        NoProgress.NO_TARGET: ". No target was set, so no progress rate is given",
        NoProgress.ACTUAL_ZERO: "; with an actual figure of zero, no progress rate is given",
        NoProgress.TARGET_IS_BASELINE: "; the target is the same as the baseline, so no progress rate is given",
    }[reason]


def _en_baseline(vd: Verdict, en: _English) -> str:
    k = vd.evaluation.kpi
    if k.baseline.implied:
        return f"the baseline ({en.figure(k.baseline)}, implied by the printed progress rate)"
    return f"the baseline ({en.dated(k.baseline)})"


def _en(vd: Verdict, name: str, unit: Unit, wording: Wording | None, scheme: Scheme) -> str:
    e, k = vd.evaluation, vd.evaluation.kpi
    en = _English(unit, wording or fallback_wording(name))
    if k.actual is None:
        first = f"No actual figure is available for {en.subject()}{_en_target(vd, en)}."
    else:
        first = f"{en.actual(k.actual)}{_en_target(vd, en)}{_en_progress(vd)}."
    if vd.change is Change.UNKNOWN:
        category = scheme.category(e.status)
        if category.meets_target:
            if category.sentence is not None:   # the built-in four categories' own words
                return f"{first} There is no baseline to compare it with, but the target has been achieved."
            return f"{first} {_end(e, scheme, 'en')}."
        why = ("Without an actual figure, it cannot be compared with the baseline" if k.actual is None
               else "There is no baseline to compare it with")
        generic = "" if category.sentence else f"; {_end(e, scheme, 'en')}"
        return f"{first} {why}: not comparable{generic}."
    if vd.baseline_blank_as_zero:
        return f"{first} The baseline is blank in the report and is counted as zero: {_end(e, scheme, 'en')}."
    return f"{first} That is {en.compared(vd.change)} {_en_baseline(vd, en)}: {_end(e, scheme, 'en')}."


def kpi_sentence(vd: Verdict, lang: str, name: str, unit: Unit, wording: Wording | None = None,
                 scheme: Scheme = DEFAULT) -> str:
    """The verdict as plain text (the caller escapes it). `name` is in the page language; `wording`
    (English only) names what the KPI counts or measures; `scheme` is the site's status scheme."""
    return _ja(vd, name, unit, scheme) if lang == "ja" else _en(vd, name, unit, wording, scheme)
