"""plotly figures for the KPI charts, as compact JSON for the page.

Figures are built with plotly.graph_objects (validated by plotly.py) and
serialised without plotly's default template: the browser side supplies the
look, and every chart stays a few hundred bytes instead of ~6 KB.
"""
from __future__ import annotations

import html
import json
from decimal import Decimal

import plotly.graph_objects as go

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


def _serialise(fig: go.Figure) -> str:
    spec = fig.to_plotly_json()
    spec["layout"].pop("template", None)
    return json.dumps(spec, ensure_ascii=False, separators=(",", ":"), default=float)


def progress_chart(evaluations: list[Evaluation], lang: str) -> tuple[str, int]:
    """Horizontal bars of progress toward 100 %, baseline level marked. Returns (json, height px)."""
    width = 12 if lang == "ja" else 22
    names = [plot_text(e.kpi.name.get(lang), width) for e in evaluations]
    shown, texts, colours, base_x = [], [], [], []
    for e in evaluations:
        p = e.progress_pct
        shown.append(float(min(p, AXIS_CAP)) if p is not None else 0.0)
        pct = label(lang, "na") if p is None else f"{p:,}%"
        texts.append(f"{pct} {STATUS_ICON[e.status]} {html.escape(status_label(lang, e.status))}")
        colours.append(STATUS_COLOUR[e.status])
        base_x.append(_baseline_level(e))
    fig = go.Figure()
    fig.add_trace(go.Bar(
        x=shown, y=names, orientation="h", marker_color=colours, text=texts, textposition="outside",
        cliponaxis=False, hoverinfo="text", hovertext=texts, name=label(lang, "progress"), showlegend=False))
    fig.add_trace(go.Scatter(
        x=[b for b in base_x if b is not None], y=[n for n, b in zip(names, base_x) if b is not None],
        mode="markers", marker={"symbol": "diamond-open", "size": 12, "color": "#000000", "line": {"width": 2}},
        name=label(lang, "baseline"), hoverinfo="skip", showlegend=any(b is not None for b in base_x)))
    height = CHART_PAD + ROW_HEIGHT * len(evaluations)
    fig.update_layout(
        height=height, bargap=0.35, margin={"l": 8, "r": 16, "t": 8, "b": 48},
        xaxis={"range": [0, AXIS_CAP + 45], "ticksuffix": "%", "tickvals": [0, 50, 100, 150],
               "fixedrange": True, "gridcolor": "#dddddd"},
        yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
        legend={"orientation": "h", "y": -0.12 if len(evaluations) > 2 else -0.3, "x": 0},
        shapes=[{"type": "line", "x0": 100, "x1": 100, "yref": "paper", "y0": 0, "y1": 1,
                 "line": {"color": "#000000", "width": 2, "dash": "dash"}}],
        font={"size": 13}, paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)")
    return _serialise(fig), height


def _baseline_level(e: Evaluation) -> float | None:
    """Where the baseline sits on the progress axis: a/c for ordinary KPIs, 0 for cumulative ones."""
    k = e.kpi
    a = effective_baseline(k)
    if a is None or k.target is None:
        return None
    if k.cumulative:
        return 0.0
    if k.target.amount == 0:
        return None
    return float(min(a / k.target.amount * 100, Decimal(AXIS_CAP)))


def line_chart(x_labels: list[str], values: list[Decimal], name: str, unit: str) -> tuple[str, int]:
    """A simple line of yearly values (history series, census)."""
    fig = go.Figure(go.Scatter(
        x=[html.escape(x, quote=False) for x in x_labels], y=[float(v) for v in values], mode="lines+markers+text",
        text=[f"{v:,}" for v in values], textposition="top center", cliponaxis=False,
        name=html.escape(name, quote=False), line={"color": STATUS_COLOUR[Status.ACHIEVED], "width": 3},
        marker={"size": 9}, hovertemplate="%{x}: %{y:,}<extra></extra>"))
    height = 300
    fig.update_layout(
        height=height, margin={"l": 8, "r": 16, "t": 24, "b": 40}, showlegend=False,
        xaxis={"type": "category", "fixedrange": True},
        yaxis={"rangemode": "tozero", "automargin": True, "fixedrange": True, "gridcolor": "#dddddd",
               "title": {"text": html.escape(unit, quote=False)}},
        font={"size": 13}, paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)")
    return _serialise(fig), height


def bar_chart(x_labels: list[str], values: list[Decimal | int], unit: str, colours: list[str] | None = None) -> tuple[str, int]:
    fig = go.Figure(go.Bar(
        x=[html.escape(x, quote=False) for x in x_labels], y=[float(v) for v in values],
        text=[f"{v:,}" for v in values], textposition="outside", cliponaxis=False,
        marker_color=colours or STATUS_COLOUR[Status.ACHIEVED], hovertemplate="%{x}: %{y:,}<extra></extra>"))
    height = 300
    fig.update_layout(
        height=height, margin={"l": 8, "r": 16, "t": 24, "b": 40}, showlegend=False,
        xaxis={"type": "category", "fixedrange": True},
        yaxis={"rangemode": "tozero", "automargin": True, "fixedrange": True, "gridcolor": "#dddddd",
               "title": {"text": html.escape(unit, quote=False)}},
        font={"size": 13}, paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)")
    return _serialise(fig), height
