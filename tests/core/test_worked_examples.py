"""Worked examples and off-column years: chosen by the rules, from the data (no typed figures)."""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from macros.core.model import Direction
from macros.core.off_column_years import off_column
from macros.core.progress import evaluate
from macros.core.report import load_report
from macros.core.worked_examples import Case, case_of, example, implied_baselines, worked_examples

from .factories import kpi, v


@pytest.fixture(scope="module")
def data(root):
    return load_report(root)


def test_case_of_each_rule():
    assert case_of(kpi(1, 2, 4)) is Case.RATIO
    assert case_of(kpi(1, 2, 4, from_baseline=True)) is Case.FROM_BASELINE
    assert case_of(kpi(18.7, 18.4, 18.5, from_baseline=True, direction=Direction.LOWER)) is Case.LOWER_BETTER
    assert case_of(kpi(None, 164, 200, from_baseline=True)) is Case.BLANK_BASELINE
    implied = replace(kpi(None, 20, 21, from_baseline=True), baseline=v(7, 2018, implied=True))
    assert case_of(implied) is Case.IMPLIED_BASELINE
    assert case_of(kpi(1, None, 4)) is None
    assert case_of(kpi(None, 2, 4)) is None   # an ordinary KPI without a baseline shows no rule


def test_example_terms_give_the_engines_rate():
    ex = example(evaluate(kpi(None, 164, 200, from_baseline=True)))
    assert ex.a == 0 and ex.numerator == (Decimal(164), Decimal(0)) and ex.denominator == (Decimal(200), Decimal(0))
    ratio = example(evaluate(kpi(499, 382, 540)))
    assert ratio.a is None and ratio.numerator == (Decimal(382),) and ratio.denominator == (Decimal(540),)


def test_one_example_per_case_first_in_report_order(data):
    exs = worked_examples(data)
    assert [ex.case for ex in exs] == [c for c in Case if any(case_of(k) is c for k in data.report.kpis())]
    for ex in exs:
        first = next(k.id for k in data.report.kpis() if case_of(k) is ex.case
                     and data.evaluations[k.id].progress_pct is not None)
        assert ex.kpi.id == first


def test_implied_baselines_differ_from_a_blank_counted_as_zero(data):
    rows = implied_baselines(data)
    assert [r.example.kpi.id for r in rows] == [k.id for k in data.report.kpis()
                                                 if k.baseline is not None and k.baseline.implied]
    for r in rows:
        assert r.printed_pct == r.example.evaluation.progress_pct != r.blank_as_zero_pct


def test_off_column_lists_values_whose_year_differs_from_the_heading(data):
    cols = data.report.meta.columns
    for field in ("baseline", "actual", "target"):
        found = off_column(data.report, field)
        heading = getattr(cols, f"{field}_fy")
        assert all(getattr(oc.kpi, field).fy == oc.fy != heading == oc.column_fy for oc in found)
        missed = [k.id for k in data.report.kpis() if getattr(k, field) is not None
                  and not getattr(k, field).implied and getattr(k, field).fy != heading]
        assert [oc.kpi.id for oc in found] == missed
    with pytest.raises(ValueError):
        off_column(data.report, "progress")
