"""Number formatting. Tables keep the report's own style (thousands separators, the printed decimals);
sentences write a figure as a resident would (no printed trailing zeros, thousands written out)."""
from __future__ import annotations

from decimal import Decimal

MINUS = "\u2212"   # a true minus sign, not a hyphen


def _signed(text: str) -> str:
    return MINUS + text[1:] if text.startswith("-") else text


def fmt_number(value: Decimal | None, none: str = "—") -> str:
    """1559 -> '1,559'; 60.0 -> '60.0' (the printed number of decimals is kept); -3 -> '−3'."""
    if value is None:
        return none
    return _signed(f"{value:,}")


def fmt_pct(value: Decimal | None, none: str) -> str:
    return none if value is None else _signed(f"{value:,}%")


def plain(value: Decimal) -> str:
    """A figure in a sentence: 60.0 -> '60', 70.70 -> '70.7', 382000 -> '382,000', -3 -> '−3'."""
    if value == value.to_integral_value():
        return _signed(f"{value.to_integral_value():,}")
    return _signed(f"{value.normalize():,f}")


def yen_en(amount: Decimal) -> str:
    """An amount of yen as English prose writes it: ¥222.7 million, ¥1.2 billion, ¥850,000."""
    for size, word in ((Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million")):
        if abs(amount) >= size:
            return f"¥{plain((amount / size).quantize(Decimal('0.1')))} {word}".replace("¥" + MINUS, MINUS + "¥")
    return f"¥{plain(amount)}".replace("¥" + MINUS, MINUS + "¥")


def man_ja(amount: Decimal) -> str:
    """A whole amount in 億・万 as Japanese prose writes it: 382000 -> '38万2千', 222706000 -> '2億2,270万6千',
    540000 -> '54万'. Amounts with decimals, or below 10,000, are written as they are."""
    if amount != amount.to_integral_value() or abs(amount) < 10_000:
        return plain(amount)
    sign, n = (MINUS if amount < 0 else ""), int(abs(amount))
    oku, rest = divmod(n, 10 ** 8)
    man, rest = divmod(rest, 10 ** 4)
    parts = [f"{oku:,}億" if oku else "", f"{man:,}万" if man else ""]
    if rest:
        parts.append(f"{rest // 1000}千" if rest % 1000 == 0 else f"{rest:,}")
    return sign + "".join(parts)
