"""Every branch of the plain-language verdict, in both languages, and every KPI's sentence in the data
read against the rules of the house style (not against snapshots)."""
import dataclasses
import re
from decimal import Decimal
from pathlib import Path

import pytest

from macros.core.model import Direction, Status, Unit, Value, Wording
from macros.core.progress import evaluate
from macros.core.register import read_register
from macros.core.report import load_report
from macros.core.verdict import verdict
from macros.render.sentence import kpi_sentence

from ..core.factories import kpi
from tests.conftest import SITE_LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
THOUSAND_PEOPLE = Unit("千人", "thousand people", thousands=True, one="person")
VISITORS = Wording(one="visitor to the three caves", other="visitors to the three caves")
PERCENT = Unit("%", "%", measure=True)
SHARE = Wording(measure="the share of shops accepting cashless payment")


def say(k, lang, unit=THOUSAND_PEOPLE, wording=VISITORS):
    return kpi_sentence(verdict(evaluate(k)), lang, "三洞入洞者数" if lang == "ja" else "Visitors to the three caves",
                        unit, wording)


def test_the_report_example_in_both_languages():
    k = kpi(499, 382, 540)
    assert say(k, "ja") == ("三洞入洞者数は令和4年度に38万2千人で、目標（令和6年度54万人）に対する進捗率は70.7%。"
                            "策定時（平成30年度49万9千人）より減り、未達成です。")
    assert say(k, "en") == ("In FY2022 there were 382,000 visitors to the three caves, against a target of 540,000 "
                            "for FY2024: 70.7% of the target. That is fewer than at the baseline (499,000 in FY2018): "
                            "not achieved.")


@pytest.mark.parametrize("a,b,c,ja,en", [
    (9, 13, 20, "より増え、改善していますが、目標には届いていません。", "That is more than at the baseline (9,000 in FY2018): improved, but short of the target."),
    (9, 23, 20, "より増え、目標を達成しています。", ": target achieved."),
    (1, 1, 2, "策定時（平成30年度1,000人）と同じで、変化なしです。", "That is the same as at the baseline (1,000 in FY2018): no change."),
    (5, 5, 5, "と同じで、目標を達成しています。", "That is the same as at the baseline"),
])
def test_each_status_ends_the_sentence(a, b, c, ja, en):
    assert ja in say(kpi(a, b, c), "ja")
    assert en in say(kpi(a, b, c), "en")


def test_a_measure_is_higher_or_lower_and_keeps_its_unit():
    up, down = say(kpi(2, 11, 40), "en", PERCENT, SHARE), say(kpi(20, 11, 40), "en", PERCENT, SHARE)
    assert up.startswith("In FY2022 the share of shops accepting cashless payment was 11%, against a target of 40%")
    assert "That is higher than at the baseline (2% in FY2018)" in up
    assert "That is lower than at the baseline (20% in FY2018)" in down
    assert "より上がり、" in say(kpi(2, 11, 40), "ja", PERCENT)
    assert "より下がり、" in say(kpi(20, 11, 40), "ja", PERCENT)


def test_printed_trailing_zeros_are_left_out_of_sentences():
    en, ja = say(kpi(40.0, 60.0, 60.0), "en", PERCENT, SHARE), say(kpi(40.0, 60.0, 60.0), "ja", PERCENT)
    assert "was 60%, against a target of 60%" in en and "60.0" not in en and "100.0" not in en
    assert "60%で" in ja and "60.0" not in ja


def test_yen_in_thousands_read_in_millions_and_in_man():
    yen = Unit("千円", "thousand yen", thousands=True, yen=True, measure=True)
    sales = Wording(measure="product sales at the roadside stations", plural=True)
    en = say(kpi(279072, 222706, 293026), "en", yen, sales)
    assert en.startswith("In FY2022 product sales at the roadside stations were ¥222.7 million, against a target "
                         "of ¥293 million for FY2024")
    assert "2億2,270万6千円で" in say(kpi(279072, 222706, 293026), "ja", yen)


def test_a_count_agrees_with_one_and_with_none():
    one, none = say(kpi(1, 1, 2), "en", Unit("団体", "groups", one="group"), Wording("group set up", "groups set up")), \
        say(kpi(None, 0, 1), "en", Unit("団体", "groups", one="group"), Wording("group set up", "groups set up"))
    assert one.startswith("In FY2022 there was 1 group set up,")
    assert none.startswith("In FY2022 there were no groups set up, against a target of 1 for FY2024")


def test_negative_figures_take_a_true_minus_sign():
    en = say(kpi(-5, -3, 2), "en", PERCENT, SHARE)
    assert "−3%" in en and "-3" not in en


def test_measured_from_the_baseline_is_said_and_not_called_cumulative():
    ja, en = say(kpi(9, 13, 14, from_baseline=True), "ja"), say(kpi(9, 13, 14, from_baseline=True), "en")
    assert "進捗率は、策定時からの変化で測って80%" in ja and "累計" not in ja
    assert ": 80% of the way from the baseline to the target." in en and "cumulative" not in en


def test_a_blank_baseline_counted_as_zero():
    k = kpi(None, 164, 200, from_baseline=True)
    assert "策定時（空欄のため0とみなす）より増え、" in say(k, "ja")
    assert "The baseline is blank in the report and is counted as zero: improved, but short of the target." in say(k, "en")


def test_no_baseline_is_not_comparable():
    k = kpi(None, 0, 1)
    assert say(k, "ja").endswith("進捗率は0%。策定時の値がないため、比較不能です。")
    assert say(k, "en").endswith(": 0% of the target. There is no baseline to compare it with: not comparable.")


def test_achieved_without_a_baseline_says_so():
    k = kpi(None, 3, 1)
    assert say(k, "ja").endswith("進捗率は300%。目標を達成しています。")
    assert say(k, "en").endswith(": 300% of the target. There is no baseline to compare it with, but the target "
                                 "has been achieved.")


def test_an_implied_baseline_says_so():
    k = dataclasses.replace(kpi(4, 4, 8, from_baseline=True), baseline=Value(Decimal(4), 2018, None, True))
    assert "策定時（4,000人、進捗率からの逆算値）と同じで、" in say(k, "ja")
    assert "the baseline (4,000, implied by the printed progress rate)" in say(k, "en")


def test_lower_is_better_is_said_with_the_target():
    k = kpi(18.7, 18.4, 18.5, from_baseline=True, direction=Direction.LOWER)
    rate = Wording(measure="the rate of certification as needing care")
    ja, en = say(k, "ja", PERCENT), say(k, "en", PERCENT, rate)
    assert ja.startswith("三洞入洞者数（低いほど良い指標）は令和4年度に18.4%で、")
    assert ja.endswith("策定時（平成30年度18.7%）より下がり、目標を達成しています。")
    assert en == ("In FY2022 the rate of certification as needing care was 18.4%, against a target of no more than "
                  "18.5% for FY2024: 150% of the way from the baseline to the target. That is lower than at the "
                  "baseline (18.7% in FY2018): target achieved.")


def test_years_are_the_values_own():
    k = dataclasses.replace(kpi(2, 11, 40), actual=Value(Decimal(11), 2019, "11(R1)"),
                            target=Value(Decimal(40), 2021, "40 (R3)"))
    assert say(k, "ja").startswith("三洞入洞者数は令和元年度に1万1千人で、目標（令和3年度4万人）")
    assert say(k, "en").startswith("In FY2019 there were 11,000 visitors to the three caves, against a target of "
                                   "40,000 for FY2021")


@pytest.mark.parametrize("k,ja,en", [
    (kpi(0, 0, 0), "目標（令和6年度0人）が0のため、進捗率は算出できません。",
     "In FY2022 there were no visitors to the three caves; the FY2024 target is also 0, so no progress rate is given."),
    (kpi(0, 2, 0), "目標（令和6年度0人）が0のため、進捗率は算出できません。",
     "; the FY2024 target is 0, so no progress rate is given."),
    (kpi(5, 6, 5, from_baseline=True), "目標（令和6年度5,000人）が策定時と同じ値のため、進捗率は算出できません。",
     "; the target is the same as the baseline, so no progress rate is given."),
    (kpi(5, 0, 3, direction=Direction.LOWER), "実績値が0のため、目標（令和6年度3,000人）に対する進捗率は算出できません。",
     "against a target of no more than 3,000 for FY2024; with an actual figure of zero, no progress rate is given."),
    (kpi(1, 2, None), "目標値がないため、進捗率は算出できません。", "No target was set, so no progress rate is given."),
])
def test_why_no_progress_rate(k, ja, en):
    assert ja in say(k, "ja")
    assert en in say(k, "en")


def test_no_actual_value():
    k = kpi(1, None, 3)
    assert say(k, "ja") == "三洞入洞者数は実績値がなく、目標（令和6年度3,000人）に対する進捗率は算出できません。実績値がないため、比較不能です。"
    assert say(k, "en") == ("No actual figure is available for the number of visitors to the three caves, against a "
                            "target of 3,000 for FY2024. Without an actual figure, it cannot be compared with the "
                            "baseline: not comparable.")


def test_a_running_total_is_told_by_the_year_it_reached():
    total = Wording(one="subsidy granted since FY2017", other="subsidies granted since FY2017", running_total=True)
    people = Unit("件", "subsidies", one="subsidy")
    assert say(kpi(6, 22, 21, from_baseline=True), "en", people, total).startswith(
        "By FY2022 there had been a total of 22 subsidies granted since FY2017, against a target of 21 for FY2024")
    assert say(kpi(0, 1, 5), "en", people, total).startswith("By FY2022 there had been 1 subsidy granted since FY2017,")
    assert say(kpi(0, 0, 5), "en", people, total).startswith("By FY2022 there had been no subsidies granted since")
    assert "the total number of subsidies granted" in say(kpi(1, None, 3), "en", people, total)


def test_an_amount_is_more_or_less_and_a_rate_higher_or_lower():
    area = Wording(measure="the reduction in the floor area of public facilities")
    m2 = Unit("㎡", "m²", measure=True)
    assert "That is more than at the baseline (0 m² in FY2018)" in say(kpi(0, 11789, 22500), "en", m2, area)
    assert "That is less than at the baseline (20 m² in FY2018)" in say(kpi(20, 11, 40), "en", m2, area)


def test_without_its_own_wording_a_kpi_is_named_by_its_name():
    en = say(kpi(1, 2, 3), "en", Unit("人", "people", one="person"), None)
    assert en.startswith('In FY2022 the figure for "Visitors to the three caves" was 2 people, against a target of 3 people')
    assert say(kpi(1, 1, 3), "en", Unit("人", "people", one="person"), None).startswith(
        'In FY2022 the figure for "Visitors to the three caves" was 1 person,')
    assert say(kpi(1, 2, 3), "en", Unit("回", "times"), None).startswith(
        'In FY2022 the figure for "Visitors to the three caves" was 2, against a target of 3 ')


# --- every KPI of every edition, read against the rules ---------------------------------------------

def _every_sentence():
    out = []
    for entry in read_register(ROOT).entries:
        loaded = load_report(ROOT, entry.id)
        for e in loaded.evaluations.values():
            k, unit = e.kpi, loaded.report.units[e.kpi.unit]
            for lang in SITE_LANGUAGES:
                out.append(pytest.param(lang, k, kpi_sentence(verdict(e), lang, k.name.get(lang), unit, k.wording,
                                                              loaded.scheme),
                                        id=f"{entry.id}-{k.id}-{lang}"))
    return out


_COUNTERS = re.compile(r"\b\d[\d,]* (times|cases|companies etc\.|thousand)\b")
_FULL_WIDTH = re.compile(r"[\u3000-\u303f\uff01-\uff60\u2018\u2019\u201c\u201d]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_AGREE_ONE = re.compile(r"\bthere was (\d[\d,]*)")
_AGREE_MANY = re.compile(r"\bthere were (\d[\d,]*)")


@pytest.mark.reference_site
@pytest.mark.parametrize("lang,k,text", _every_sentence())
def test_every_kpi_sentence_keeps_the_rules(lang, k, text):
    assert "None" not in text and "  " not in text and text == text.strip()
    if lang == "ja":
        assert text.endswith("。") and text.startswith(k.name.ja)
        assert not re.search(r"\d\.0%|\d\.0(?=[^\d])", text), text           # no printed trailing zeros
        assert not re.search(r"(?<![万億\d,])[\d,]+千[人円]", text), text     # 382千人 reads 38万2千人
        return
    assert text.endswith(".") and not text.endswith(".."), text
    assert text.startswith(("In FY", "By FY", "No actual figure")), text
    assert not re.search(r"\((cumulative|incl\.)|\bincl\.|worked out", text), text    # a name's bracket is not prose
    assert "stood at" not in text and not _COUNTERS.search(text), text    # no "2 times", "2,960 cases"
    assert not _FULL_WIDTH.search(text) and not _CJK.search(text), text
    assert not re.search(r"\d\.0(?!\d)", text), text                    # 60% not 60.0%
    assert not re.search(r"(?<![\w−])-\d", text), text                  # a true minus sign
    for m in _AGREE_ONE.finditer(text):
        assert m.group(1) == "1", text
    for m in _AGREE_MANY.finditer(text):
        assert m.group(1) != "1", text
    assert text.count(". ") in (1, 2) and text.rstrip(".").split(". ")[-1][0].isupper(), text
    if "寄附者" in k.name.ja:
        assert "donor" in text and "case" not in text, text
