"""Static renderings of the KPI charts, for paper.

On screen the charts are drawn by plotly when scrolled near (site.js). Printing gives scripts no
time to load plotly, so each figure also carries a rendering in plain HTML and CSS, hidden on screen
and shown by print.css instead of the plotly box: the same marks from the same evaluations
(bar = progress toward the target, ◇ = baseline level, dashed line = target 100 %; a yearly series as
one bar per year), with every value written out, so nothing on paper depends on colour or hover.
"""
from __future__ import annotations

from decimal import Decimal

from ..core.progress import Evaluation
from ..core.status_schemes import Scheme
from .charts import AXIS_CAP, _baseline_level
from .labels import label, status_name
from .numbers import fmt_number

PROGRESS_TICKS = (0, 50, 100, 150)


def _share(value: float, top: float) -> float:
    return round(max(0.0, min(value, top)) / top * 100, 1)


def progress_rows(evaluations: list[Evaluation], lang: str, scheme: Scheme) -> list[dict]:
    """One row per KPI: its name, the bar (share of the axis, capped), the baseline mark, the label."""
    rows = []
    for e in evaluations:
        p = e.progress_pct
        base = _baseline_level(e)
        pct = label(lang, "na") if p is None else f"{p:,}%"
        rows.append({"name": e.kpi.name.get(lang), "code": e.status,
                     "width": 0.0 if p is None else _share(float(p), AXIS_CAP),
                     "base": None if base is None else _share(base, AXIS_CAP),
                     "text": f"{pct} {status_name(lang, e.status, scheme)}"})
    return rows


def progress_axis() -> dict:
    """Where the target line and the axis ticks sit, as shares of the axis."""
    return {"target": _share(100, AXIS_CAP),
            "ticks": [{"at": _share(t, AXIS_CAP), "text": f"{t}%"} for t in PROGRESS_TICKS]}


def history_rows(years: list[str], values: list[Decimal]) -> list[dict]:
    """One bar per year, scaled to the largest value (the screen chart's axis starts at zero too)."""
    top = float(max(values, default=0)) or 1.0
    return [{"name": y, "code": "", "width": _share(float(v), top), "base": None, "text": fmt_number(v)}
            for y, v in zip(years, values)]
