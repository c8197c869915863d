from macros.core.model import Direction
from macros.core.progress import evaluate
from macros.core.verdict import Change, NoProgress, verdict

from .factories import kpi


def vd(*args, **kw):
    return verdict(evaluate(kpi(*args, **kw)))


def test_change_is_the_actual_value_against_the_baseline_as_numbers():
    assert vd(499, 382, 540).change is Change.DOWN
    assert vd(9, 13, 14).change is Change.UP
    assert vd(1, 1, 2).change is Change.SAME
    # lower is better: the number fell (the status says whether that is good)
    assert vd(18.7, 18.4, 18.5, from_baseline=True, direction=Direction.LOWER).change is Change.DOWN


def test_no_baseline_cannot_be_compared_unless_measured_from_the_baseline():
    ordinary = vd(None, 0, 1)
    assert ordinary.change is Change.UNKNOWN and not ordinary.baseline_blank_as_zero
    from_baseline = vd(None, 164, 200, from_baseline=True)
    assert from_baseline.change is Change.UP and from_baseline.baseline_blank_as_zero
    assert vd(1, None, 3).change is Change.UNKNOWN


def test_why_no_progress_rate():
    assert vd(499, 382, 540).no_progress is None
    assert vd(1, None, 3).no_progress is NoProgress.NO_ACTUAL
    assert vd(1, 2, None).no_progress is NoProgress.NO_TARGET
    assert vd(0, 0, 0).no_progress is NoProgress.TARGET_ZERO
    assert vd(5, 6, 5, from_baseline=True).no_progress is NoProgress.TARGET_IS_BASELINE
    assert vd(5, 0, 3, direction=Direction.LOWER).no_progress is NoProgress.ACTUAL_ZERO
