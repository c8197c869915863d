"""The facts a KPI's plain-language verdict is told from (the words are in render/sentence.py).

Everything here follows from the progress and status rules (progress.py): how the actual value moved
against the baseline, whether the baseline was blank (and then counted as 0), and, when no progress
rate can be computed, why not.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .model import Direction
from .progress import Evaluation, effective_baseline


class Change(str, Enum):
    """How the actual value (b) compares with the baseline (a), as numbers (not better or worse)."""

    UP = "up"
    DOWN = "down"
    SAME = "same"
    UNKNOWN = "unknown"     # no baseline to compare with, or no actual value


class NoProgress(str, Enum):
    """Why the progress rate cannot be computed."""

    NO_ACTUAL = "no_actual"
    NO_TARGET = "no_target"
    TARGET_ZERO = "target_zero"                  # b / c with c = 0
    ACTUAL_ZERO = "actual_zero"                  # c / b (lower is better) with b = 0
    TARGET_IS_BASELINE = "target_is_baseline"    # (b − a) / (c − a) with c = a


@dataclass(frozen=True)
class Verdict:
    evaluation: Evaluation
    change: Change
    baseline_blank_as_zero: bool     # a blank baseline of a KPI measured from its baseline counts as 0
    no_progress: NoProgress | None   # None when the progress rate was computed


def _change(e: Evaluation) -> Change:
    k = e.kpi
    a = effective_baseline(k)
    if a is None or k.actual is None:
        return Change.UNKNOWN
    b = k.actual.amount
    return Change.UP if b > a else Change.DOWN if b < a else Change.SAME


def _no_progress(e: Evaluation) -> NoProgress | None:
    if e.progress_pct is not None:
        return None
    k = e.kpi
    if k.actual is None:
        return NoProgress.NO_ACTUAL
    if k.target is None:
        return NoProgress.NO_TARGET
    if k.from_baseline:
        return NoProgress.TARGET_IS_BASELINE
    return NoProgress.ACTUAL_ZERO if k.direction is Direction.LOWER else NoProgress.TARGET_ZERO


def verdict(e: Evaluation) -> Verdict:
    k = e.kpi
    return Verdict(e, _change(e), k.from_baseline and k.baseline is None, _no_progress(e))
