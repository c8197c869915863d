"""The static renderings of the charts that print.css puts on paper."""
import re
from decimal import Decimal

from macros.core.model import Status
from macros.render import print_charts
from macros.render.charts import AXIS_CAP
from macros.render.labels import status_label

from .test_renderer import data, frag  # noqa: F401 - the renderer tests' fixture and helper


def test_progress_rows_follow_the_evaluations(data):
    for s in data.report.strategies:
        evs = data.evaluations_of(s)
        for lang in ("ja", "en"):
            rows = print_charts.progress_rows(evs, lang, data.scheme)
            assert [r["name"] for r in rows] == [e.kpi.name.get(lang) for e in evs]
            for r, e in zip(rows, evs):
                assert status_label(lang, e.status, data.scheme) in r["text"]
                assert 0 <= r["width"] <= 100
                if e.progress_pct is not None:
                    expected = min(float(e.progress_pct), AXIS_CAP) / AXIS_CAP * 100
                    assert abs(r["width"] - max(expected, 0)) <= 0.05
                    assert f"{e.progress_pct:,}%" in r["text"]


def test_history_rows_scale_to_the_largest_value():
    rows = print_charts.history_rows(["R1", "R2", "R3"], [Decimal(50), Decimal(200), Decimal("1559")])
    assert [r["width"] for r in rows] == [3.2, 12.8, 100.0]
    assert [r["text"] for r in rows] == ["50", "200", "1,559"]


def test_every_chart_carries_its_print_rendering(data):
    f = frag(data, "ja")
    m = data.report.measure("1-1-1")
    html = str(f.kpi_chart(m))
    assert len(re.findall(r'<div class="print-chart[^"]*" hidden>', html)) == html.count('class="kpi-chart__plot"') >= 2
    assert f"kpi-bar__fill--{Status.WORSE.value}" in html
    assert "print-chart__target" in html and "print-chart__base" in html
