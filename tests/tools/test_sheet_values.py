"""Numbers and fiscal years typed into the workbook: accepted exactly, or refused with a reason."""
import datetime
from decimal import Decimal

import pytest

from macros.tools.sheet_values import CellProblem, parse_number, parse_year


@pytest.mark.parametrize("typed, number", [
    (382, Decimal("382")), (66.5, Decimal("66.5")), (0.1, Decimal("0.1")),
    ("1,234", Decimal("1234")), ("1,234,567.5", Decimal("1234567.5")),
    ("１２３", Decimal("123")), ("１，２３４．５", Decimal("1234.5")),
    (" 382 ", Decimal("382")), ("\u3000382\u3000", Decimal("382")),
    ("-5", Decimal("-5")), ("－５", Decimal("-5")), ("\u22125", Decimal("-5")), ("60.0", Decimal("60.0")),
    (None, None), ("", None), ("  ", None), ("—", None), ("－", None), ("-", None),
])
def test_unambiguous_numbers_are_read_exactly(typed, number):
    got = parse_number(typed)
    assert got == number and (got is None or str(got) == str(number))


@pytest.mark.parametrize("typed, fmt, words", [
    ("12.5%", "General", ["%"]), (0.125, "0.0%", ["12.5%", "0.125"]), ("▲5", "General", ["▲"]),
    ("△5", "General", ["△"]), ("12,5", "General", ["12,5"]), ("1,23,4", "General", ["1,23,4"]),
    ("382人", "General", ["382人"]), ("約400", "General", ["約400"]), ("1e3", "General", ["1e3"]),
    ("=A1*2", "General", ["formula"]), (True, "General", ["TRUE"]),
    (datetime.datetime(2023, 4, 1), "General", ["date"]), (float("nan"), "General", ["number"]),
])
def test_ambiguous_numbers_are_refused_with_a_reason(typed, fmt, words):
    with pytest.raises(CellProblem) as info:
        parse_number(typed, fmt)
    p = info.value.problem
    text = " ".join([p.what_ja, p.what_en, p.fix_ja, p.fix_en])
    assert p.what_ja and p.fix_ja and p.what_en and p.fix_en
    for w in words:
        assert w in text


@pytest.mark.parametrize("typed, fy", [
    (2023, 2023), (2023.0, 2023), ("2023", 2023), ("２０２３", 2023), ("2023年度", 2023), ("FY2023", 2023),
    ("R5", 2023), ("r5", 2023), ("Ｒ５", 2023), ("令和5年度", 2023), ("令和５年度", 2023), ("令和元年度", 2019),
    ("R1", 2019), ("H30", 2018), ("平成30年度", 2018), ("H31", 2019), (None, None), ("", None),
])
def test_fiscal_years_in_western_and_japanese_eras(typed, fy):
    assert parse_year(typed) == fy


@pytest.mark.parametrize("typed, words", [
    ("令和5年", ["calendar"]), ("2023年", ["calendar"]), ("今年度", ["今年度"]), (1960, ["range"]),
    ("R90", ["range"]), (2022.5, ["whole"]), ("=2022+1", ["formula"]), ("昭和60年度", ["昭和60年度"]),
    (datetime.date(2023, 4, 1), ["date"]),
])
def test_unreadable_years_are_refused(typed, words):
    with pytest.raises(CellProblem) as info:
        parse_year(typed)
    p = info.value.problem
    text = " ".join([p.what_ja, p.what_en, p.fix_ja, p.fix_en])
    for w in words:
        assert w in text
