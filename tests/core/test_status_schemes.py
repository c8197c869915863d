"""The built-in status schemes: each rule on worked examples, the categories' contrast, the site's block."""
import json
import re
import shutil
from decimal import Decimal

import pytest

from macros.core.errors import DataError
from macros.core.export import published_schema
from macros.core.model import Direction, EnteredStatus, Text
from macros.core.progress import count_statuses, evaluate
from macros.core.report import load_report
from macros.core.schema import SCHEMA_DIR
from macros.core.status_schemes import (GRAPHIC_MIN, PAGE_BACKGROUND, SCHEMES, TEXT_MIN, check_entered, contrast,
                                        contrast_problems, entered_ids, expected_pct, scheme_from)

from .factories import kpi


def judge(block: dict, a, b, c, **kw) -> str:
    return evaluate(kpi(a, b, c, **kw), scheme_from(block)).status


def test_contrast_is_wcag_relative_luminance():
    assert round(contrast("#000000", "#ffffff"), 2) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54    # the lightest grey that passes AA on white
    assert contrast("#ffffff", "#ffffff") == 1.0


@pytest.mark.parametrize("block", [{"scheme": "four-categories"}, {"scheme": "graded"}, {"scheme": "bands"},
                                   {"scheme": "bands", "thresholds": [100, 75, 50, 25]},
                                   {"scheme": "prorated", "plan": {"first_fy": 2020, "last_fy": 2024}},
                                   {"scheme": "entered"}])
def test_every_built_in_category_passes_aa_and_has_a_symbol(block):
    scheme = scheme_from(block)
    assert len(set(scheme.ids)) == len(scheme.ids)
    for c in scheme.categories:
        assert contrast(c.text, c.background) >= TEXT_MIN, c.id
        assert contrast(c.text, PAGE_BACKGROUND) >= TEXT_MIN, c.id
        assert contrast(c.colour, PAGE_BACKGROUND) >= GRAPHIC_MIN, c.id
        assert c.symbol.ja and c.symbol.en and c.label.ja and c.label.en, c.id
    assert {s for s in SCHEMES} >= {scheme.name}


def test_a_site_colour_without_contrast_is_refused_with_its_ratio():
    with pytest.raises(DataError) as err:
        scheme_from({"scheme": "graded", "categories": [{"id": "S", "text": "#9a9a9a"}]})
    message = str(err.value)
    assert "status.categories[S]" in message and "text/background" in message and ":1" in message


@pytest.mark.parametrize("a,b,c,direction,expected", [
    # four categories (美祢's): progress ≥ 100 → achieved, else b against a
    (2, 11, 40, Direction.HIGHER, "improved"),
    (499, 382, 540, Direction.HIGHER, "worse"),
    (11, 18, 13, Direction.HIGHER, "achieved"),
    (10.3, 11.0, 8.0, Direction.LOWER, "worse"),
])
def test_four_categories(a, b, c, direction, expected):
    assert judge({"scheme": "four-categories"}, a, b, c, direction=direction) == expected


@pytest.mark.parametrize("a,b,c,direction,expected", [
    (100, 130, 120, Direction.HIGHER, "S"),     # 108.3 % of the target
    (100, 111, 150, Direction.HIGHER, "A"),     # +11 %: beyond the ±10 % band
    (100, 110, 150, Direction.HIGHER, "B"),     # +10 %: still the same level
    (100, 90, 150, Direction.HIGHER, "B"),      # −10 %
    (100, 89, 150, Direction.HIGHER, "C"),      # −11 %
    (10.0, 8.9, 5.0, Direction.LOWER, "A"),     # lower is better: −11 % is better
    (None, 3, 10, Direction.HIGHER, "none"),    # no baseline to compare with
    (0, 1, 10, Direction.HIGHER, "A"),          # a zero baseline: any gain is better
    (0, 0, 10, Direction.HIGHER, "B"),
])
def test_graded_with_a_ten_percent_band(a, b, c, direction, expected):
    assert judge({"scheme": "graded", "band_pct": 10}, a, b, c, direction=direction) == expected


def test_graded_band_is_a_parameter():
    assert judge({"scheme": "graded", "band_pct": 5}, 100, 107, 150) == "A"
    assert judge({"scheme": "graded", "band_pct": 10}, 100, 107, 150) == "B"


@pytest.mark.parametrize("b,expected", [(80, "band1"), (79.9, "band2"), (50, "band2"), (49, "band3"),
                                        (20, "band3"), (19.9, "band4"), (0, "band4"), (None, "none")])
def test_bands_by_progress(b, expected):
    assert judge({"scheme": "bands", "thresholds": [80, 50, 20]}, 0, b, 100) == expected


def test_band_labels_are_generated_from_the_thresholds():
    scheme = scheme_from({"scheme": "bands", "thresholds": [80, 50, 20]})
    assert [scheme.label(c, "ja") for c in scheme.ids] == [
        "進捗率80%以上", "進捗率50%以上80%未満", "進捗率20%以上50%未満", "進捗率20%未満", "算出不可"]
    assert scheme.label("band4", "en") == "Progress under 20%"


def test_bands_must_descend():
    with pytest.raises(DataError) as err:
        scheme_from({"scheme": "bands", "thresholds": [50, 80]})
    assert "status.thresholds" in str(err.value)


def test_prorated_share_of_a_five_year_plan():
    assert [expected_pct(fy, 2020, 2024) for fy in (2020, 2021, 2022, 2023, 2024, 2025)] == [
        Decimal(20), Decimal(40), Decimal(60), Decimal(80), Decimal(100), Decimal(100)]


@pytest.mark.parametrize("b,expected", [(60, "on_track"), (59, "behind"), (100, "achieved"), (None, "none")])
def test_prorated_in_year_three_of_five(b, expected):
    # the factory's actual is FY2022: year 3 of 2020–2024, so 60 % of the target is due
    assert judge({"scheme": "prorated", "plan": {"first_fy": 2020, "last_fy": 2024}}, 0, b, 100) == expected


def test_prorated_needs_the_plan_years():
    with pytest.raises(DataError) as err:
        scheme_from({"scheme": "prorated"})
    assert "status.plan" in str(err.value)


def test_entered_takes_the_city_s_status_and_checks_it():
    scheme = scheme_from({"scheme": "entered"})
    k = kpi(1, 2, 3, entered_status=EnteredStatus("B", Text("理由", "reason"), 7))
    assert evaluate(k, scheme).status == "B"
    check_entered(scheme, [k])
    with pytest.raises(DataError) as err:
        check_entered(scheme, [kpi(1, 2, 3, entered_status=EnteredStatus("E", Text("理由", ""), 7))])
    assert ":7: 1-1-1-1.status:" in str(err.value) and "A, B, C, D" in str(err.value)
    with pytest.raises(DataError) as err:
        check_entered(scheme, [kpi(1, 2, 3)])
    assert "1-1-1-1.status" in str(err.value) and "missing" in str(err.value)
    with pytest.raises(DataError) as err:
        check_entered(scheme, [kpi(1, 2, 3, entered_status=EnteredStatus("A", None, 9))])
    assert ":9: 1-1-1-1.status_reason:" in str(err.value)


def test_a_draft_s_kpi_may_wait_for_its_entered_status_but_a_published_one_may_not():
    scheme = scheme_from({"scheme": "entered"})
    waiting = kpi(1, None, 3)
    check_entered(scheme, [waiting], published=False)
    assert evaluate(waiting, scheme).status == "none" and scheme.label("none", "ja") == "未記入"
    with pytest.raises(DataError) as err:
        check_entered(scheme, [waiting], published=True)
    assert "1-1-1-1.status" in str(err.value)
    with pytest.raises(DataError) as err:   # "not yet entered" is the absence of a status, never one typed
        check_entered(scheme, [kpi(1, 2, 3, entered_status=EnteredStatus("none", Text("理由", ""), 5))], published=False)
    assert ":5: 1-1-1-1.status:" in str(err.value) and "A, B, C, D" in str(err.value) and "none" not in \
        str(err.value).split("use one of:")[1]


def test_an_entered_status_under_a_computed_scheme_is_refused():
    with pytest.raises(DataError) as err:
        check_entered(scheme_from({"scheme": "graded"}), [kpi(1, 2, 3, entered_status=EnteredStatus("A", None, 4))])
    assert ":4: 1-1-1-1.status:" in str(err.value) and "scheme: entered" in str(err.value)


def test_entered_categories_come_from_the_site():
    scheme = scheme_from({"scheme": "entered", "categories": [
        {"id": "good", "label": {"ja": "良好", "en": "Good"}, "symbol": "◎"},
        {"id": "poor", "label": {"ja": "不十分"}, "symbol": "×"}]})
    assert scheme.ids == ("good", "poor", "none") and scheme.label("poor", "en") == "不十分"
    assert entered_ids(scheme) == ("good", "poor")
    assert not any(contrast_problems(c) for c in scheme.categories)


def test_counts_cover_every_category_of_the_scheme():
    scheme = scheme_from({"scheme": "graded"})
    counts = count_statuses([evaluate(kpi(100, 130, 120), scheme), evaluate(kpi(None, 3, 10), scheme)], scheme)
    assert counts.ids == scheme.ids and counts.get("S") == counts.get("none") == 1 and counts.total == 2


def test_an_unknown_scheme_or_category_is_one_readable_line():
    with pytest.raises(DataError) as err:
        scheme_from({"scheme": "stars"})
    assert "status.scheme" in str(err.value) and "four-categories" in str(err.value)
    with pytest.raises(DataError) as err:
        scheme_from({"scheme": "graded", "categories": [{"id": "Z"}]})
    assert "status.categories[0].id" in str(err.value) and "S, A, B, C, none" in str(err.value)


def test_published_download_schemas_list_the_site_s_categories(root):
    for name in ("kpis.schema.json", "kpis-all-editions.schema.json", "strategy.schema.json"):
        raw = (SCHEMA_DIR / name).read_bytes()
        assert published_schema(raw, scheme_from({"scheme": "four-categories"})) == raw, name
    raw = (SCHEMA_DIR / "kpis.schema.json").read_bytes()
    graded = scheme_from({"scheme": "graded"})
    doc = json.loads(published_schema(raw, graded))
    assert doc["$defs"]["row"]["properties"]["status"]["enum"] == list(graded.ids)


@pytest.mark.reference_site
def test_a_report_under_the_entered_scheme_shows_the_city_s_statuses(root, tmp_path):
    shutil.copytree(root / "data", tmp_path / "data")
    site = tmp_path / "data" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("scheme: four-categories", "scheme: entered"),
                    encoding="utf-8")
    cycle = iter("ABCD" * 100)
    for path in sorted((tmp_path / "data" / "editions").glob("*/strategies/*.yaml")):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^( +)unit: (.*)$", lambda m: f"{m.group(0)}\n{m.group(1)}status: {next(cycle)}\n"
                               f"{m.group(1)}status_reason: {{ja: 担当課の判断, en: the department's judgement}}",
                               text, flags=re.M), encoding="utf-8")
    data = load_report(tmp_path)
    statuses = [data.evaluations[k.id].status for k in data.report.kpis()]
    assert statuses[:5] == list("ABCDA") and data.total.total == len(statuses)
    assert [data.total.get(c) for c in "ABCD"] == [statuses.count(c) for c in "ABCD"]
    assert not [n for n in data.notes if n.kind == "counts_mismatch"]   # the printed counts are in other categories
