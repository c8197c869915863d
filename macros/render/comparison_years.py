"""The overview's statement of which years the results compare, with its exceptions drawn from data."""
from __future__ import annotations

from markupsafe import Markup

from ..core.fiscal import fy_label
from ..core.off_column_years import column_fy, off_column
from .renderer import Renderer

_FIELD = {"actual": ("実績値", "Actual values"), "target": ("目標値", "Targets")}


def _join_en(items: list[Markup]) -> Markup:
    if len(items) <= 1:
        return Markup("").join(items)
    return Markup(", ").join(items[:-1]) + Markup(" and ") + items[-1]


class ComparisonYears:
    """The years the results compare: a part of the renderer (PageFragments holds one)."""

    def __init__(self, renderer: Renderer):
        self.r = renderer

    def _items(self, field: str) -> list[Markup]:
        out = []
        for oc in off_column(self.r.data.report, field):
            link = Markup('<a href="{}">{}</a>').format(
                self.r.href(f"{self.r.strategy_path(int(oc.kpi.id.split('-')[0]))}#kpi-{oc.kpi.id}"), oc.kpi.id)
            year = fy_label(oc.fy, self.r.lang)
            out.append(link + (Markup("（{}）").format(year) if self.r.lang == "ja" else Markup(" ({})").format(year)))
        return out

    def _sentence(self, field: str) -> Markup:
        col = fy_label(column_fy(self.r.data.report, field), self.r.lang)
        items = self._items(field)
        ja, en = _FIELD[field]
        if self.r.lang == "ja":
            if not items:
                return Markup("{}はすべて{}の値です。").format(ja, col)
            return (Markup("{}は{}の値です。ただし、次の{}件は別の年度の値です：").format(ja, col, len(items))
                    + Markup("、").join(items) + Markup("。"))
        if not items:
            return Markup("All {} are for {}.").format(en.lower(), col)
        n = len(items)
        return (Markup("{} are for {}, except for {} {}: ").format(
            en, col, n, "KPI" if n == 1 else "KPIs") + _join_en(items) + Markup("."))

    def comparison_years(self) -> Markup:
        """One paragraph: the years of the actuals and targets compared, and every KPI that departs from them."""
        sep = Markup("") if self.r.lang == "ja" else Markup(" ")
        body = sep.join(self._sentence(f) for f in ("actual", "target"))
        return Markup('<p class="comparison-years">{}</p>').format(body)
