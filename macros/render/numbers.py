"""Number formatting: the report's own style (thousands separators, printed decimals)."""
from __future__ import annotations

from decimal import Decimal


def fmt_number(value: Decimal | None, none: str = "—") -> str:
    """1559 -> '1,559'; 60.0 -> '60.0' (the printed number of decimals is kept)."""
    if value is None:
        return none
    return f"{value:,}"


def fmt_pct(value: Decimal | None, none: str) -> str:
    return none if value is None else f"{value:,}%"
