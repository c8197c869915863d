"""Values whose own fiscal year differs from their column heading's (e.g. an actual printed "11(R1)").

The overview says which years its comparison uses; the exceptions come from here, never typed.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Kpi, Report

COLUMN_FIELDS = ("baseline", "actual", "target")


@dataclass(frozen=True)
class OffColumn:
    kpi: Kpi
    field: str        # baseline | actual | target
    fy: int           # the value's own fiscal year
    column_fy: int    # the column heading's fiscal year


def column_fy(report: Report, field: str) -> int:
    return getattr(report.meta.columns, f"{field}_fy")


def off_column(report: Report, field: str) -> list[OffColumn]:
    """The KPIs whose printed `field` value is for another year than its column heading, in report order.
    Implied values were not printed and carry no year of their own."""
    if field not in COLUMN_FIELDS:
        raise ValueError(f"field must be one of {COLUMN_FIELDS}, not {field!r}")
    heading = column_fy(report, field)
    out = []
    for k in report.kpis():
        v = getattr(k, field)
        if v is not None and not v.implied and v.fy != heading:
            out.append(OffColumn(k, field, v.fy, heading))
    return out
