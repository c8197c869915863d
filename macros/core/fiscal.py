"""Japanese fiscal years (年度, April–March) and era names.

Fiscal years are stored as integers (the Gregorian year in which the FY starts).
"""
from __future__ import annotations

import re

REIWA_OFFSET = 2018   # 令和N年度 = FY(2018+N)
HEISEI_OFFSET = 1988  # 平成N年度 = FY(1988+N)
FIRST_REIWA_FY = 2019  # FY2019 is both 平成31年度 and 令和元年度; the report calls it either.

MIN_FY = 1989
MAX_FY = 2100

_ERA_NOTE = re.compile(r"^\s*(?P<era>[RH])\s*(?P<n>\d{1,2})\s*$")


def era_to_fy(era: str, number: int) -> int:
    """'R' or 'H' and the era year to a fiscal year."""
    if era == "R":
        return REIWA_OFFSET + number
    if era == "H":
        return HEISEI_OFFSET + number
    raise ValueError(f"unknown era {era!r}")


def parse_era_note(note: str) -> int | None:
    """'R1' -> 2019, 'H31' -> 2019; None when the note is not an era year."""
    m = _ERA_NOTE.match(note)
    return era_to_fy(m["era"], int(m["n"])) if m else None


def wareki(fy: int) -> str:
    """FY as 和暦 with 年度: 2022 -> '令和4年度', 2019 -> '令和元年度', 2018 -> '平成30年度'."""
    if fy >= FIRST_REIWA_FY:
        n = fy - REIWA_OFFSET
        return "令和元年度" if n == 1 else f"令和{n}年度"
    if fy >= MIN_FY:
        n = fy - HEISEI_OFFSET
        return "平成元年度" if n == 1 else f"平成{n}年度"
    raise ValueError(f"fiscal year {fy} is before 平成")


def wareki_year(year: int) -> str:
    """A calendar year of a date after 1 May (a census day, 1 October) as 和暦: 2020 -> '令和2年'.
    From May on, a calendar year's era is its fiscal year's."""
    return wareki(year).removesuffix("度")


def fy_label(fy: int, lang: str) -> str:
    """Fiscal year label for a page language."""
    return wareki(fy) if lang == "ja" else f"FY{fy}"


def is_valid_fy(fy: int) -> bool:
    return MIN_FY <= fy <= MAX_FY
