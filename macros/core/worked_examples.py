"""Worked examples of the progress formulas, taken from real KPIs (for the methodology page).

Each example is the first KPI, in report order, of one case of the rules in progress.py, so the
page explains the rules with the report's own figures and never with typed numbers.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import Enum

from .model import Direction, Kpi, ProgressFormula
from .progress import Evaluation, effective_baseline, progress_pct
from .report import LoadedReport


class Case(str, Enum):
    RATIO = "ratio"                        # b / c
    FROM_BASELINE = "from_baseline"        # ※: (b − a) / (c − a)
    LOWER_BETTER = "lower_better"          # ※ on a rate where lower is better: still (b − a) / (c − a)
    BLANK_BASELINE = "blank_baseline"      # ※ with a blank baseline: a = 0
    IMPLIED_BASELINE = "implied_baseline"  # ※ with a blank baseline and a printed rate that implies a


def case_of(k: Kpi) -> Case | None:
    """Which case of the rules a KPI shows, or None when it cannot be computed."""
    if k.actual is None or k.target is None:
        return None
    if not k.from_baseline:
        ordinary = k.baseline is not None and k.direction is Direction.HIGHER
        return Case.RATIO if ordinary else None
    if k.baseline is None:
        return Case.BLANK_BASELINE
    if k.baseline.implied:
        return Case.IMPLIED_BASELINE
    return Case.LOWER_BETTER if k.direction is Direction.LOWER else Case.FROM_BASELINE


@dataclass(frozen=True)
class WorkedExample:
    case: Case
    evaluation: Evaluation
    a: Decimal | None           # the baseline used (0 for a blank one), None for b / c
    numerator: tuple[Decimal, ...]     # (b,) or (b, a): b − a
    denominator: tuple[Decimal, ...]   # (c,) or (c, a): c − a

    @property
    def kpi(self) -> Kpi:
        return self.evaluation.kpi


def example(e: Evaluation) -> WorkedExample | None:
    k = e.kpi
    case = case_of(k)
    if case is None or e.progress_pct is None:
        return None
    b, c = k.actual.amount, k.target.amount
    if k.progress_formula is ProgressFormula.RATIO:
        return WorkedExample(case, e, None, (b,), (c,))
    a = effective_baseline(k)
    return WorkedExample(case, e, a, (b, a), (c, a))


def worked_examples(data: LoadedReport) -> list[WorkedExample]:
    """One example per case, each the first computable KPI of its case in report order."""
    found: dict[Case, WorkedExample] = {}
    for k in data.report.kpis():
        ex = example(data.evaluations[k.id])
        if ex is not None and ex.case not in found:
            found[ex.case] = ex
    return [found[c] for c in Case if c in found]


@dataclass(frozen=True)
class ImpliedBaseline:
    example: WorkedExample
    printed_pct: Decimal | None       # the progress rate the report printed
    blank_as_zero_pct: Decimal | None  # what the rate would be if the blank counted as 0


def implied_baselines(data: LoadedReport) -> list[ImpliedBaseline]:
    """Every KPI whose blank baseline is implied by its printed progress rate."""
    out = []
    for k in data.report.kpis():
        ex = example(data.evaluations[k.id])
        if ex is not None and ex.case is Case.IMPLIED_BASELINE:
            out.append(ImpliedBaseline(ex, k.published_progress_pct, progress_pct(replace(k, baseline=None))))
    return out
