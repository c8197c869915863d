"""Every figure the site draws is valid plotly JSON (validated by plotly.py) and template-free."""
import json
from decimal import Decimal

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
        yield charts.progress_chart([data.evaluations[k.id] for k in m.kpis], lang, data.scheme)[0]
    yield charts.line_chart(["2019", "2020"], [1, 2], "n")[0]
    assert f.census_chart()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_figure_is_valid_plotly(data, lang):
    for spec in specs(data, lang):
        fig = json.loads(spec)
        assert "template" not in fig["layout"]
        go.Figure(fig)   # raises ValueError on any invalid property


def test_progress_chart_marks_target_and_baseline(data):
    m = data.report.measure("1-1-2")
    fig = json.loads(charts.progress_chart([data.evaluations[k.id] for k in m.kpis], "ja", data.scheme)[0])
    targets = [s for s in fig["layout"]["shapes"] if s["type"] == "line"]
    assert len(targets) == 3 and all(s["x0"] == s["x1"] == 100 and s["line"]["dash"] == "dash" for s in targets)
    bars, marks = fig["data"]
    assert len(bars["x"]) == 3 and len(marks["x"]) == 3
    assert max(bars["x"]) <= charts.AXIS_CAP
    texts = [a["text"] for a in fig["layout"]["annotations"]]
    assert "138.5% ◎" in texts and "Wi-Fi 設置数" in texts


def test_progress_chart_rows_never_share_a_band(data):
    """Each KPI's name lines sit above its bar, and the next KPI's name starts below that bar."""
    for m in (m for s in data.report.strategies for m in s.measures()):
        fig = json.loads(charts.progress_chart([data.evaluations[k.id] for k in m.kpis], "en", data.scheme)[0])
        names = [a for a in fig["layout"]["annotations"] if a["yanchor"] == "top"]
        bands = [(s["y0"], s["y1"]) for s in fig["layout"]["shapes"] if s["type"] == "rect"]
        for i, (name, (y0, y1)) in enumerate(zip(names, bands)):
            lines = name["text"].count("<br>") + 1
            assert name["y"] + lines * charts.LINE_PX <= y0, (m.id, i)
            if i + 1 < len(names):
                assert y1 < names[i + 1]["y"], (m.id, i)


def test_nothing_is_shown_on_hover_alone(data):
    m = data.report.measure("1-1-1")
    for spec in (charts.progress_chart([data.evaluations[k.id] for k in m.kpis], "en", data.scheme)[0],
                 charts.line_chart(["2019", "2020", "2021"], [3, 1, 2], "n")[0]):
        fig = json.loads(spec)
        assert fig["layout"]["hovermode"] is False
        assert all(t.get("hoverinfo") == "skip" for t in fig["data"])


def test_line_chart_writes_a_low_value_below_its_point():
    from decimal import Decimal
    fig = json.loads(charts.line_chart(["令和元年", "令和2年", "令和3年"], [Decimal(487), Decimal(229), Decimal(247)], "n")[0])
    assert fig["data"][0]["textposition"] == ["top center", "bottom center", "top center"]
    assert fig["data"][0]["x"][0] == "令和<br>元年"


def test_a_context_chart_refuses_a_negative_figure_and_a_census_chart_needs_a_census(data):
    """Bars cannot show a fall: the table alone shows it. A page asking for census figures that the
    edition's context.yaml does not have is told which file lacks them."""
    from dataclasses import replace

    from macros.core.errors import DataError
    from macros.core.model import ContextRow, ContextTable, Text

    table = ContextTable("change", Text("増減", "Change"), Text("町", "Town"), (Text("人", "People"),),
                         (ContextRow(Text("令和5年", "2023"), (Decimal(-3),)),))
    f = PageFragments(data, "ja", lambda t: t)
    assert "−3" in f.context_table(table)
    with pytest.raises(DataError) as err:
        f.context_chart(table)
    assert "tables[change]" in str(err.value) and "negative" in str(err.value)
    no_census = replace(data, report=replace(data.report, context=replace(data.report.context, census=None)))
    with pytest.raises(DataError) as err:
        PageFragments(no_census, "en", lambda t: t).census_chart()
    assert "context.yaml: census:" in str(err.value)
