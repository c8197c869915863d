"""plotly figures for the KPI charts, as compact JSON for the page.

Figures are plain dicts in plotly's JSON schema, without plotly's default
template (~6 KB a chart). Building them through plotly.graph_objects would
validate every property on every build; instead the tests validate every
figure the site draws with plotly.py (tests/render/test_charts.py), and the
build stays cheap as the number of KPIs grows.
"""
from __future__ import annotations

import html
import json
from decimal import Decimal

from ..core.model import Status
from ..core.progress import Evaluation, effective_baseline
from .labels import STATUS_ICON, label, status_label

# Okabe–Ito colour-blind-safe palette; the same colours as the status badges (overrides/assets).
STATUS_COLOUR = {Status.ACHIEVED: "#0072B2", Status.IMPROVED: "#009E73",
                 Status.UNCHANGED: "#6E6E6E", Status.WORSE: "#D55E00"}
AXIS_CAP = 150      # progress beyond this is drawn at the cap and labelled with its real value
ROW_HEIGHT = 64
CHART_PAD = 96


def plot_text(text: str, width: int) -> str:
    """Escape data for plotly's pseudo-HTML text and wrap it for narrow screens."""
    lines, line = [], ""
    for ch in text:
        line += ch
        if len(line) >= width and ch not in "）)」、。":
            lines.append(line)
            line = ""
    if line:
        lines.append(line)
    return "<br>".join(html.escape(part, quote=False) for part in lines)


def _serialise(fig: dict) -> str:
    return json.dumps(fig, ensure_ascii=False, separators=(",", ":"), default=float)


def progress_chart(evaluations: list[Evaluation], lang: str) -> tuple[str, int]:
    """Horizontal bars of progress toward 100 %, baseline level marked. Returns (json, height px)."""
    width = 12 if lang == "ja" else 22
    names = [plot_text(e.kpi.name.get(lang), width) for e in evaluations]
    shown, texts, hovers, colours, base_x = [], [], [], [], []
    for e in evaluations:
        p = e.progress_pct
        shown.append(float(min(p, AXIS_CAP)) if p is not None else 0.0)
        pct = label(lang, "na") if p is None else f"{p:,}%"
        # The bar label stays short enough for a 390 px screen; the hover and the table carry the status name.
        texts.append(f"{pct} {STATUS_ICON[e.status]}")
        hovers.append(f"{pct} {STATUS_ICON[e.status]} {html.escape(status_label(lang, e.status))}")
        colours.append(STATUS_COLOUR[e.status])
        base_x.append(_baseline_level(e))
    bars = {"type": "bar", "x": shown, "y": names, "orientation": "h", "marker": {"color": colours}, "text": texts,
            "textposition": "outside", "cliponaxis": False, "hoverinfo": "text", "hovertext": hovers,
            "name": label(lang, "progress"), "showlegend": False}
    marks = {"type": "scatter", "x": [b for b in base_x if b is not None],
             "y": [n for n, b in zip(names, base_x) if b is not None], "mode": "markers",
             "marker": {"symbol": "diamond-open", "size": 12, "color": "#000000", "line": {"width": 2}},
             "name": label(lang, "baseline"), "hoverinfo": "skip", "showlegend": any(b is not None for b in base_x)}
    height = CHART_PAD + ROW_HEIGHT * len(evaluations)
    layout = dict(
        height=height, bargap=0.35, margin={"l": 8, "r": 16, "t": 8, "b": 48},
        xaxis={"range": [0, AXIS_CAP + 45], "ticksuffix": "%", "tickvals": [0, 50, 100, 150],
               "fixedrange": True, "gridcolor": "#dddddd"},
        yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
        legend={"orientation": "h", "y": -0.12 if len(evaluations) > 2 else -0.3, "x": 0},
        shapes=[{"type": "line", "x0": 100, "x1": 100, "yref": "paper", "y0": 0, "y1": 1,
                 "line": {"color": "#000000", "width": 2, "dash": "dash"}}],
        font={"size": 13}, paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)")
    return _serialise({"data": [bars, marks], "layout": layout}), height


def _baseline_level(e: Evaluation) -> float | None:
    """Where the baseline sits on the progress axis: a/c for ordinary KPIs, 0 for those marked ※ (measured from the baseline)."""
    k = e.kpi
    a = effective_baseline(k)
    if a is None or k.target is None:
        return None
    if k.from_baseline:
        return 0.0
    if k.target.amount == 0:
        return None
    return float(min(a / k.target.amount * 100, Decimal(AXIS_CAP)))


def line_chart(x_labels: list[str], values: list[Decimal], name: str, unit: str) -> tuple[str, int]:
    """A simple line of yearly values (history series, census)."""
    trace = dict(
        type="scatter", x=[html.escape(x, quote=False) for x in x_labels], y=[float(v) for v in values],
        mode="lines+markers+text", text=[f"{v:,}" for v in values], textposition="top center", cliponaxis=False,
        name=html.escape(name, quote=False), line={"color": STATUS_COLOUR[Status.ACHIEVED], "width": 3},
        marker={"size": 9}, hovertemplate="%{x}: %{y:,}<extra></extra>")
    height = 300
    layout = dict(
        height=height, margin={"l": 8, "r": 16, "t": 24, "b": 40}, showlegend=False,
        xaxis={"type": "category", "fixedrange": True},
        yaxis={"rangemode": "tozero", "automargin": True, "fixedrange": True, "gridcolor": "#dddddd",
               "title": {"text": html.escape(unit, quote=False)}},
        font={"size": 13}, paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)")
    return _serialise({"data": [trace], "layout": layout}), height

