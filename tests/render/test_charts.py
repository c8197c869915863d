"""Every figure the site draws is valid plotly JSON (validated by plotly.py) and template-free."""
import json

import plotly.graph_objects as go
import pytest

from macros.core.report import load_report
from macros.render import charts
from macros.render.pages import PageFragments


@pytest.fixture(scope="module")
def data(root):
    return load_report(root)


def specs(data, lang):
    f = PageFragments(data, lang, lambda t: t)
    for m in (m for s in data.report.strategies for m in s.measures()):
        yield charts.progress_chart([data.evaluations[k.id] for k in m.kpis], lang)[0]
    yield charts.line_chart(["2019", "2020"], [1, 2], "n", "u")[0]
    assert f.census_chart()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_figure_is_valid_plotly(data, lang):
    for spec in specs(data, lang):
        fig = json.loads(spec)
        assert "template" not in fig["layout"]
        go.Figure(fig)   # raises ValueError on any invalid property


def test_progress_chart_marks_target_and_baseline(data):
    m = data.report.measure("1-1-2")
    fig = json.loads(charts.progress_chart([data.evaluations[k.id] for k in m.kpis], "ja")[0])
    assert fig["layout"]["shapes"][0]["x0"] == 100
    bars, marks = fig["data"]
    assert len(bars["x"]) == 3 and len(marks["x"]) == 3
    assert max(bars["x"]) <= charts.AXIS_CAP
    assert any("138.5%" in t for t in bars["text"])
