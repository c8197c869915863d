"""The methodology page's worked examples and implied baselines, as tables computed from data."""
from __future__ import annotations

from decimal import Decimal

from markupsafe import Markup

from ..core.progress import HUNDRED
from ..core.worked_examples import Case, WorkedExample, implied_baselines, worked_examples
from .numbers import fmt_number, fmt_pct
from .renderer import Renderer

CASE_LABEL = {
    Case.RATIO: ("通常の指標", "Ordinary KPI"),
    Case.FROM_BASELINE: ("※印の指標", "KPI marked ※"),
    Case.LOWER_BETTER: ("※印の指標（低いほど良い割合）", "KPI marked ※ (a rate where lower is better)"),
    Case.BLANK_BASELINE: ("※印の指標（策定時が空欄：a ＝ 0）", "KPI marked ※ with a blank baseline (a = 0)"),
    Case.IMPLIED_BASELINE: ("※印の指標（策定時が空欄：印刷された進捗率から a を逆算）",
                            "KPI marked ※ with a blank baseline (a implied by the printed progress rate)"),
}

_HEAD = {
    "ja": {"kpi": "例とKPI", "sum": "計算",
           "progress": "進捗率", "printed": "印刷された進捗率", "zero": "a を0とした場合の進捗率",
           "implied": "逆算した策定時(a)", "blank": "空欄", "caption": "進捗率の計算の例（データから計算）",
           "implied_caption": "策定時の値を逆算した指標（データから計算）"},
    "en": {"kpi": "Example and KPI", "sum": "Computation", "progress": "Progress rate", "printed": "Printed progress rate",
           "zero": "Progress if a were 0", "implied": "Implied baseline (a)", "blank": "blank",
           "caption": "Worked examples of the progress rate (computed from the data)",
           "implied_caption": "KPIs with an implied baseline (computed from the data)"},
}


def _term(values: tuple[Decimal, ...]) -> str:
    """(b,) → 'b'; (b, a) → '(b − a)', with the report's number style."""
    if len(values) == 1:
        return fmt_number(values[0])
    return f"({fmt_number(values[0])} − {fmt_number(values[1])})"


def _difference(values: tuple[Decimal, ...]) -> Decimal:
    return values[0] - (values[1] if len(values) > 1 else 0)


def computation(ex: WorkedExample) -> str:
    """'(17 − 10) ÷ (13 − 10) × 100 ≈ 233.3%': '=' only when the rate is exact, '≈' when it is rounded."""
    exact = _difference(ex.numerator) / _difference(ex.denominator) * HUNDRED
    sign = "=" if exact == ex.evaluation.progress_pct else "≈"
    return f"{_term(ex.numerator)} ÷ {_term(ex.denominator)} × 100 {sign} {fmt_pct(ex.evaluation.progress_pct, '')}"


class WorkedExamples:
    """The methodology page's worked examples, computed from the data: a part of the renderer
    (PageFragments holds one)."""

    def __init__(self, renderer: Renderer):
        self.r = renderer

    def _kpi(self, ex: WorkedExample) -> dict:
        k = ex.kpi
        return {"id": k.id, "name": k.name.get(self.r.lang),
                "href": self.r.href(f"{self.r.strategy_path(int(k.id.split('-')[0]))}#kpi-{k.id}")}

    def _a(self, ex: WorkedExample, h: dict) -> str:
        k = ex.kpi
        if k.baseline is None:
            return f"{fmt_number(ex.a)}（{h['blank']}）" if self.r.lang == "ja" else f"{fmt_number(ex.a)} ({h['blank']})"
        return fmt_number(k.baseline.amount) + ("†" if k.baseline.implied else "")

    def progress_examples(self) -> Markup:
        h = _HEAD[self.r.lang]
        rows = [{"case": CASE_LABEL[ex.case][0 if self.r.lang == "ja" else 1], "kpi": self._kpi(ex),
                 "sum": computation(ex), "progress": fmt_pct(ex.evaluation.progress_pct, self.r.L["na"])}
                for ex in worked_examples(self.r.data)]
        # a, b and c are read in the computation; the KPI's own table (linked) has them all.
        return self.r._render("worked_examples.html", h=h, rows=rows, caption=h["caption"], cols=("sum", "progress"))

    def implied_baselines(self) -> Markup:
        h = _HEAD[self.r.lang]
        na = self.r.L["na"]
        rows = [{"case": None, "kpi": self._kpi(ib.example), "a": self._a(ib.example, h),
                 "printed": fmt_pct(ib.printed_pct, na), "zero": fmt_pct(ib.blank_as_zero_pct, na),
                 "sum": computation(ib.example)}
                for ib in implied_baselines(self.r.data)]
        head = dict(h, a=h["implied"], kpi="KPI")
        return self.r._render("worked_examples.html", h=head, rows=rows, caption=h["implied_caption"],
                            cols=("printed", "zero", "a", "sum"))
