import pytest

from macros.core.fiscal import era_to_fy, fy_label, is_valid_fy, parse_era_note, wareki, wareki_year


@pytest.mark.parametrize("era,n,fy", [("R", 1, 2019), ("R", 4, 2022), ("R", 6, 2024), ("H", 30, 2018),
                                      ("H", 31, 2019), ("H", 29, 2017), ("H", 1, 1989)])
def test_era_to_fy(era, n, fy):
    assert era_to_fy(era, n) == fy


def test_unknown_era_is_rejected():
    with pytest.raises(ValueError):
        era_to_fy("S", 60)


@pytest.mark.parametrize("note,fy", [("R1", 2019), ("H31", 2019), (" R4 ", 2022), ("H29", 2017), ("X1", None), ("", None)])
def test_parse_era_note(note, fy):
    assert parse_era_note(note) == fy


@pytest.mark.parametrize("fy,text", [(2019, "令和元年度"), (2022, "令和4年度"), (2018, "平成30年度"), (1989, "平成元年度")])
def test_wareki(fy, text):
    assert wareki(fy) == text


def test_wareki_before_heisei_is_an_error():
    with pytest.raises(ValueError):
        wareki(1988)


def test_labels_by_language():
    assert fy_label(2022, "ja") == "令和4年度"
    assert fy_label(2022, "en") == "FY2022"


def test_valid_range():
    assert is_valid_fy(2024) and not is_valid_fy(1900) and not is_valid_fy(2222)


def test_a_census_year_in_wareki():
    assert [wareki_year(y) for y in (2015, 2019, 2020)] == ["平成27年", "令和元年", "令和2年"]
