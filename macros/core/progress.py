"""Progress rate and status, by the report's own rules.

Progress (%), one decimal, rounded half up:
  b / c              for an ordinary KPI
  c / b              for an ordinary KPI where lower is better (the report has none; b / c would reward failure)
  (b − a) / (c − a)  for a KPI marked ※ (progress measured from the baseline); a blank baseline
                     counts as 0 unless the printed progress rate implies another baseline (the data
                     then holds that implied value, so it is not blank here)
None when it cannot be computed (a missing value or a zero denominator): shown as 「算出不可」.

Status (the `four-categories` scheme; the others are in status_schemes.py):
  1. progress ≥ 100 %                       → achieved
  2. else compare b with a, in the KPI's good direction: better → improved, worse → worse, equal → unchanged
  3. no baseline: a KPI marked ※ counts from 0; any other KPI → unchanged (not comparable)
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .model import Direction, Kpi, StatusCounts
from .status_schemes import DEFAULT, Judgement, Scheme

ONE_DECIMAL = Decimal("0.1")
HUNDRED = Decimal(100)


def round_pct(ratio: Decimal) -> Decimal:
    """A ratio as a percentage with one decimal, half up (as printed in the report)."""
    return (ratio * HUNDRED).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def effective_baseline(kpi: Kpi) -> Decimal | None:
    if kpi.baseline is not None:
        return kpi.baseline.amount
    return Decimal(0) if kpi.from_baseline else None


def progress_pct(kpi: Kpi) -> Decimal | None:
    if kpi.actual is None or kpi.target is None:
        return None
    b, c = kpi.actual.amount, kpi.target.amount
    if kpi.from_baseline:
        a = effective_baseline(kpi)
        numerator, denominator = b - a, c - a
    elif kpi.direction is Direction.LOWER:
        numerator, denominator = c, b
    else:
        numerator, denominator = b, c
    if denominator == 0:
        return None
    return round_pct(numerator / denominator)


def status(kpi: Kpi, progress: Decimal | None, scheme: Scheme = DEFAULT) -> str:
    """The KPI's category id under the site's status scheme (by default the four categories above)."""
    return scheme.judge(Judgement(kpi, progress, effective_baseline(kpi)))


@dataclass(frozen=True)
class Evaluation:
    kpi: Kpi
    progress_pct: Decimal | None
    status: str   # a category id of the scheme


def evaluate(kpi: Kpi, scheme: Scheme = DEFAULT) -> Evaluation:
    p = progress_pct(kpi)
    return Evaluation(kpi, p, status(kpi, p, scheme))


def count_statuses(evaluations: list[Evaluation], scheme: Scheme = DEFAULT) -> StatusCounts:
    """The count of each category of the scheme, in its order (zero for a category no KPI falls in)."""
    tally = {cid: 0 for cid in scheme.ids}
    for e in evaluations:
        tally[e.status] += 1
    return StatusCounts(**tally)
