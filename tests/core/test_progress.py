from decimal import Decimal

import pytest

from macros.core.model import Direction, Status
from macros.core.progress import count_statuses, evaluate, progress_pct, round_pct

from .factories import kpi


@pytest.mark.parametrize("ratio,pct", [("0.7074", "70.7"), ("0.70749", "70.7"), ("0.7075", "70.8"),
                                       ("1.3846", "138.5"), ("0.00005", "0.0"), ("0.00049", "0.0")])
def test_round_half_up_one_decimal(ratio, pct):
    assert round_pct(Decimal(ratio)) == Decimal(pct)


def test_ordinary_progress_is_b_over_c():
    assert progress_pct(kpi(499, 382, 540)) == Decimal("70.7")


def test_marked_progress_is_measured_from_the_baseline():
    assert progress_pct(kpi(10, 17, 13, from_baseline=True)) == Decimal("233.3")


def test_marked_without_baseline_counts_from_zero():
    assert progress_pct(kpi(None, 164, 200, from_baseline=True)) == Decimal("82.0")


@pytest.mark.parametrize("a,b,c,cum", [(0, 0, 0, False), (5, 6, 5, True), (1, None, 3, False), (1, 2, None, False)])
def test_not_computable_is_none(a, b, c, cum):
    assert progress_pct(kpi(a, b, c, from_baseline=cum)) is None


def test_lower_is_better_marked_rate():
    k = kpi(18.7, 18.4, 18.5, from_baseline=True, direction=Direction.LOWER)
    e = evaluate(k)
    assert e.progress_pct == Decimal("150.0") and e.status == Status.ACHIEVED


@pytest.mark.parametrize("a,b,c,direction,status", [
    (11, 18, 13, Direction.HIGHER, Status.ACHIEVED),        # progress ≥ 100
    (2, 2, 2, Direction.HIGHER, Status.ACHIEVED),           # exactly 100 %
    (2, 11, 40, Direction.HIGHER, Status.IMPROVED),
    (499, 382, 540, Direction.HIGHER, Status.WORSE),
    (4, 4, 6, Direction.HIGHER, Status.UNCHANGED),
    (10.3, 9.0, 8.0, Direction.LOWER, Status.IMPROVED),     # lower is better: fell but not yet at target
    (10.3, 11.0, 8.0, Direction.LOWER, Status.WORSE),
    (None, 0, 1, Direction.HIGHER, Status.UNCHANGED),       # no baseline, not marked ※: not comparable
    (None, 3, 1, Direction.HIGHER, Status.ACHIEVED),        # no baseline but target reached
    (0, 0, 0, Direction.HIGHER, Status.UNCHANGED),          # progress not computable, no change
])
def test_status_rule(a, b, c, direction, status):
    assert evaluate(kpi(a, b, c, direction=direction)).status == status


def test_status_without_baseline_marked_counts_from_zero():
    assert evaluate(kpi(None, 164, 200, from_baseline=True)).status == Status.IMPROVED
    assert evaluate(kpi(None, 0, 200, from_baseline=True)).status == Status.UNCHANGED


def test_status_without_actual_is_unchanged():
    assert evaluate(kpi(1, None, 3)).status == Status.UNCHANGED


def test_count_statuses():
    evs = [evaluate(kpi(1, 2, 2)), evaluate(kpi(1, 2, 3)), evaluate(kpi(3, 2, 4)), evaluate(kpi(3, 3, 4))]
    c = count_statuses(evs)
    assert (c.achieved, c.improved, c.unchanged, c.worse, c.total) == (1, 1, 1, 1, 4)
