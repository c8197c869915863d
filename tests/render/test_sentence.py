"""Every branch of the plain-language verdict, in both languages."""
import dataclasses
from decimal import Decimal

import pytest

from macros.core.model import Direction, Value
from macros.core.progress import evaluate
from macros.core.verdict import verdict
from macros.render.sentence import kpi_sentence

from ..core.factories import kpi


def say(k, lang, unit=None):
    unit = unit or ("千人" if lang == "ja" else "thousand people")
    return kpi_sentence(verdict(evaluate(k)), lang, "三洞入洞者数" if lang == "ja" else "Visitors", unit)


def test_the_report_example_in_both_languages():
    k = kpi(499, 382, 540)
    assert say(k, "ja") == ("三洞入洞者数は令和4年度に382千人で、目標（令和6年度540千人）に対する進捗率は70.7%。"
                            "策定時（平成30年度499千人）より減り、未達成です。")
    assert say(k, "en") == ("Visitors stood at 382 thousand people in FY2022; progress towards the target "
                            "(540 thousand people in FY2024) is 70.7%. It fell from the baseline "
                            "(499 thousand people in FY2018); not achieved.")


@pytest.mark.parametrize("a,b,c,ja,en", [
    (9, 13, 20, "より増え、改善していますが、目標には届いていません。", "It rose from the baseline (9 thousand people in FY2018); improved, but short of the target."),
    (9, 23, 20, "より増え、目標を達成しています。", "; target achieved."),
    (1, 1, 2, "策定時（平成30年度1千人）と同じで、変化なしです。", "It is the same as the baseline (1 thousand people in FY2018); no change."),
    (5, 5, 5, "と同じで、目標を達成しています。", "It is the same as the baseline"),
])
def test_each_status_ends_the_sentence(a, b, c, ja, en):
    assert ja in say(kpi(a, b, c), "ja")
    assert en in say(kpi(a, b, c), "en")


def test_rates_go_up_and_down_in_japanese():
    assert "より上がり、" in say(kpi(2, 11, 40), "ja", unit="%")
    assert "より下がり、" in say(kpi(20, 11, 40), "ja", unit="%")
    assert "11%" in say(kpi(2, 11, 40), "en", unit="%")


def test_measured_from_the_baseline_is_said_and_not_called_cumulative():
    ja, en = say(kpi(9, 13, 14, from_baseline=True), "ja"), say(kpi(9, 13, 14, from_baseline=True), "en")
    assert "進捗率は、策定時からの変化で測って80.0%" in ja and "累計" not in ja
    assert "(14 thousand people in FY2024), measured from the baseline, is 80.0%" in en and "cumulative" not in en


def test_a_blank_baseline_counted_as_zero():
    k = kpi(None, 164, 200, from_baseline=True)
    assert "策定時（空欄のため0千人とみなす）より増え、" in say(k, "ja")
    assert "It rose from the baseline (blank, counted as 0);" in say(k, "en")


def test_no_baseline_is_not_comparable():
    k = kpi(None, 0, 1)
    assert say(k, "ja").endswith("進捗率は0.0%。策定時の値がないため、比較不能です。")
    assert say(k, "en").endswith("is 0.0%. With no baseline to compare, not comparable.")


def test_achieved_without_a_baseline_says_only_that():
    k = kpi(None, 3, 1)
    assert say(k, "ja").endswith("進捗率は300.0%。目標を達成しています。")
    assert say(k, "en").endswith("is 300.0%. Target achieved.")


def test_an_implied_baseline_says_so():
    k = dataclasses.replace(kpi(4, 4, 8, from_baseline=True), baseline=Value(Decimal(4), 2018, None, True))
    assert "策定時（4千人、進捗率からの逆算値）と同じで、" in say(k, "ja")
    assert "the baseline (4 thousand people, implied by the printed progress rate)" in say(k, "en")


def test_lower_is_better_is_said_with_the_name():
    k = kpi(18.7, 18.4, 18.5, from_baseline=True, direction=Direction.LOWER)
    ja, en = say(k, "ja", unit="%"), say(k, "en", unit="%")
    assert ja.startswith("三洞入洞者数（低いほど良い指標）は令和4年度に18.4%で、")
    assert ja.endswith("策定時（平成30年度18.7%）より下がり、目標を達成しています。")
    assert en.startswith("Visitors (lower is better) stood at 18.4% in FY2022;")
    assert en.endswith("It fell from the baseline (18.7% in FY2018); target achieved.")


def test_years_are_the_values_own():
    k = dataclasses.replace(kpi(2, 11, 40), actual=Value(Decimal(11), 2019, "11(R1)"),
                            target=Value(Decimal(40), 2021, "40 (R3)"))
    assert say(k, "ja").startswith("三洞入洞者数は令和元年度に11千人で、目標（令和3年度40千人）")
    assert say(k, "en").startswith("Visitors stood at 11 thousand people in FY2019; progress towards the target (40 thousand people in FY2021)")


@pytest.mark.parametrize("k,ja,en", [
    (kpi(0, 0, 0), "目標（令和6年度0千人）が0のため、進捗率は算出できません。", "the target (0 thousand people in FY2024) is 0, so no progress rate can be computed."),
    (kpi(5, 6, 5, from_baseline=True), "目標（令和6年度5千人）が策定時と同じ値のため、進捗率は算出できません。",
     "the target (5 thousand people in FY2024) equals the baseline, so no progress rate can be computed."),
    (kpi(5, 0, 3, direction=Direction.LOWER), "実績値が0のため、目標（令和6年度3千人）に対する進捗率は算出できません。",
     "as the actual value is 0, no progress towards the target (3 thousand people in FY2024) can be computed."),
    (kpi(1, 2, None), "目標値がないため、進捗率は算出できません。", "there is no target, so no progress rate can be computed."),
])
def test_why_no_progress_rate(k, ja, en):
    assert ja in say(k, "ja")
    assert en in say(k, "en")


def test_no_actual_value():
    k = kpi(1, None, 3)
    assert say(k, "ja") == "三洞入洞者数は実績値がなく、目標（令和6年度3千人）に対する進捗率は算出できません。実績値がないため、比較不能です。"
    assert say(k, "en") == ("Visitors has no actual value, so no progress towards the target (3 thousand people in FY2024) "
                            "can be computed. With no actual value to compare, not comparable.")


@pytest.mark.parametrize("unit,one", [("companies", "1 company"), ("businesses", "1 business"), ("cases", "1 case"),
                                      ("people", "1 person"), ("thousand people", "1 thousand people"), ("m²", "1 m²")])
def test_english_units_agree_with_one(unit, one):
    assert f"stood at {one} in FY2022" in say(kpi(1, 1, 2), "en", unit=unit)
    assert f"stood at 2 {unit} in FY2022" in say(kpi(1, 2, 2), "en", unit=unit)
