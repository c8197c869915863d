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
import textwrap
from decimal import Decimal

from ..core.progress import Evaluation, effective_baseline
from ..core.status_schemes import Scheme
from .labels import label, status_icon
from .numbers import fmt_pct

# A history line takes the first status colour of the built-in palette (Okabe–Ito blue); bars take
# their status's colour from the site's scheme.
LINE_COLOUR = "#0072B2"
AXIS_CAP = 150      # progress beyond this is drawn at the cap and labelled with its real value
FONT_PX = 13
LINE_PX = 17        # one line of a KPI name
BAR_PX = 18         # a bar's thickness
GAP_PX = 16         # between one KPI's bar and the next KPI's name
NAME_WIDTH = {"ja": 19, "en": 34}   # characters a name line holds on a 320 px screen
VALUE_COLUMN_PX = 78                # right of the plot: each bar's value, never over a mark
MARGIN_TOP, MARGIN_BOTTOM = 4, 30
TICKS = [0, 50, 100, 150]


def plot_text(text: str, width: int) -> str:
    """Escape data for plotly's pseudo-HTML text and wrap it for narrow screens: between words where
    there are spaces (English), else after `width` characters (never before closing punctuation)."""
    if " " in text:
        lines = textwrap.wrap(text, width) or [""]
    else:
        lines, line = [], ""
        for i, ch in enumerate(text):
            line += ch
            following = text[i + 1:i + 2]
            if len(line) >= width and following and following not in "）)」、。":
                lines.append(line)
                line = ""
        if line:
            lines.append(line)
    return "<br>".join(html.escape(part, quote=False) for part in lines)


def _serialise(fig: dict) -> str:
    return json.dumps(fig, ensure_ascii=False, separators=(",", ":"), default=float)


def progress_chart(evaluations: list[Evaluation], lang: str, scheme: Scheme) -> tuple[str, int]:
    """Progress toward 100 %, one KPI under another. Returns (json, height px).

    Laid out for the narrowest phone, so that no text touches another text or a mark: each KPI's
    name on lines of its own above its bar, the value (and status icon) in a column right of the
    plot, the baseline level (◇) and the target (dashed line at 100 %) on the bar's own band only.
    The y axis counts pixels from the top, so that every row is placed exactly. Nothing is shown on
    hover alone: every figure is written out (and the table above the chart has them all).
    """
    y, rows = 0, []
    for e in evaluations:
        name = plot_text(e.kpi.name.get(lang), NAME_WIDTH[lang])
        lines = name.count("<br>") + 1
        centre = y + lines * LINE_PX + 4 + BAR_PX / 2
        rows.append((e, name, y, centre))
        y = centre + BAR_PX / 2 + GAP_PX
    plot_height = y - GAP_PX + 6
    shown = [float(min(e.progress_pct, AXIS_CAP)) if e.progress_pct is not None else 0.0 for e, *_ in rows]
    bars = {"type": "bar", "orientation": "h", "x": shown, "y": [c for *_, c in rows], "width": BAR_PX,
            "marker": {"color": [scheme.category(e.status).colour.upper() for e, *_ in rows], "line": {"color": "#000000", "width": 1}},
            "hoverinfo": "skip", "showlegend": False}
    base = [(_baseline_level(e), c) for e, _n, _y, c in rows]
    marks = {"type": "scatter", "mode": "markers", "x": [b for b, _ in base if b is not None],
             "y": [c for b, c in base if b is not None],
             "marker": {"symbol": "diamond-open", "size": 12, "color": "#000000", "line": {"width": 2}},
             "hoverinfo": "skip", "showlegend": False}
    annotations, shapes = [], []
    for e, name, top, centre in rows:
        p = e.progress_pct
        value = label(lang, "na") if p is None else fmt_pct(p, "")
        annotations.append({"text": name, "x": 0, "xref": "paper", "xshift": -12, "xanchor": "left", "y": top, "yref": "y",
                            "yanchor": "top", "align": "left", "showarrow": False})
        annotations.append({"text": f"{value} {status_icon(lang, e.status, scheme)}", "x": 1, "xref": "paper", "xanchor": "left",
                            "xshift": 8, "y": centre, "yref": "y", "yanchor": "middle", "showarrow": False})
        band = {"yref": "y", "y0": centre - BAR_PX / 2 - 3, "y1": centre + BAR_PX / 2 + 3}
        shapes.append({"type": "rect", "x0": 0, "x1": AXIS_CAP, "layer": "below", "line": {"width": 0},
                       "fillcolor": "#eeeeee", **band})
        shapes.append({"type": "line", "x0": 100, "x1": 100, "line": {"color": "#000000", "width": 2, "dash": "dash"},
                       **band})
    height = int(plot_height) + MARGIN_TOP + MARGIN_BOTTOM
    layout = dict(
        height=height, margin={"l": 14, "r": VALUE_COLUMN_PX, "t": MARGIN_TOP, "b": MARGIN_BOTTOM},
        hovermode=False, dragmode=False, showlegend=False, bargap=0,
        xaxis={"range": [0, AXIS_CAP], "tickvals": TICKS, "ticktext": [f"{t}%" for t in TICKS], "fixedrange": True,
               "showgrid": False, "zeroline": False, "showline": True, "linecolor": "#767676", "ticks": "outside"},
        yaxis={"range": [plot_height, 0], "visible": False, "fixedrange": True},
        annotations=annotations, shapes=shapes,
        font={"size": FONT_PX, "color": "#1a1a1a"}, paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)")
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


def _tick(x: str) -> str:
    """'令和4年度' -> '令和<br>4年度': era names on a line of their own, so year labels fit a phone."""
    x = html.escape(x, quote=False)
    return x[:2] + "<br>" + x[2:] if x[:2] in ("令和", "平成") else x


def line_chart(x_labels: list[str], values: list[Decimal], name: str) -> tuple[str, int]:
    """A line of yearly values (history series), each value written beside its point: nothing on hover
    alone. The unit is in the caption (an axis title took a phone's width from the plot)."""
    # A value lower than both its neighbours is written below its point, clear of the line (unless it
    # sits so low that the year labels are there).
    top = max(values, default=0)
    below = [0 < i < len(values) - 1 and values[i - 1] > v < values[i + 1] and v > top * Decimal("0.15")
             for i, v in enumerate(values)]
    trace = dict(
        type="scatter", x=[_tick(x) for x in x_labels], y=[float(v) for v in values],
        mode="lines+markers+text", text=[f"{v:,}" for v in values],
        textposition=["bottom center" if b else "top center" for b in below], cliponaxis=False,
        name=html.escape(name, quote=False), line={"color": LINE_COLOUR, "width": 3},
        marker={"size": 9}, hoverinfo="skip")
    height = 300
    layout = dict(
        height=height, margin={"l": 8, "r": 16, "t": 28, "b": 48}, showlegend=False, hovermode=False, dragmode=False,
        # room left of the first point, so that its value stays clear of the y axis' labels
        xaxis={"type": "category", "range": [-0.8, len(values) - 0.4], "fixedrange": True, "ticks": "outside",
               "ticklen": 8, "tickcolor": "rgba(0,0,0,0)"},
        yaxis={"rangemode": "tozero", "automargin": True, "fixedrange": True, "gridcolor": "#dddddd"},
        font={"size": FONT_PX, "color": "#1a1a1a"}, paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)")
    return _serialise({"data": [trace], "layout": layout}), height
