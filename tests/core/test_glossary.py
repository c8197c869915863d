"""data/glossary.yaml: loaded with the report; each mistake stops with one line naming file, line and field."""
import shutil

import pytest

from macros.core.errors import DataError
from macros.core.glossary import DISPLAY, avoided_in, load_glossary, uses_rendering
from macros.core.report import load_report


@pytest.fixture()
def project(tmp_path, root):
    shutil.copytree(root / "data", tmp_path / "data")
    return tmp_path


def rewrite(project, find, replace):
    p = project / DISPLAY
    text = p.read_text(encoding="utf-8")
    assert text.count(find) == 1, find
    p.write_text(text.replace(find, replace), encoding="utf-8")
    return text[: text.index(find)].count("\n") + 1


def error_of(project) -> str:
    with pytest.raises(DataError) as err:
        load_report(project)
    return str(err.value)


def test_the_report_carries_the_glossary(root):
    terms = load_report(root).glossary
    assert {"県央連携都市圏域", "着地型観光", "返礼品", "市民", "商工会", "ジオパーク"} <= {t.ja for t in terms}
    shokokai = next(t for t in terms if t.ja == "商工会")
    assert shokokai.en == "Society of Commerce and Industry"
    assert "Chamber of Commerce and Industry" in shokokai.avoid


@pytest.mark.parametrize("find,replace,line_shift,field,words", [
    ("  en: Society of Commerce and Industry\n", "  english: Society of Commerce and Industry\n", 0,
     "商工会.english", "unknown field"),
    ("  reading: しょうこうかい\n  romaji: shokokai\n  en: Society of Commerce and Industry\n",
     "  reading: しょうこうかい\n  romaji: shokokai\n", -1, "商工会.en", "required field 'en' is missing"),
    ("  en: Society of Commerce and Industry\n", "  en: Society of Commerce and Industry\n  exact_case: yes please\n", 1,
     "商工会.exact_case", "wrong type"),
])
def test_a_bad_entry_is_one_line_with_its_line_number(project, find, replace, line_shift, field, words):
    line = rewrite(project, find, replace) + line_shift
    err = error_of(project)
    assert err.startswith(f"{DISPLAY}:{line}: {field}: "), err
    assert words in err and "\n" not in err


def test_a_term_entered_twice_names_both_lines(project):
    first = rewrite(project, "- ja: 商工会\n", "- ja: 返礼品\n")
    err = error_of(project)
    assert err.startswith(f"{DISPLAY}:{first}: 返礼品.ja: ") and "appears twice" in err, err


def test_an_avoided_variant_inside_the_chosen_rendering_is_refused(project):
    line = rewrite(project, "  avoid: [Chamber of Commerce and Industry, Chamber of Commerce]\n",
                   "  avoid: [Chamber of Commerce and Industry, Commerce]\n")
    err = error_of(project)
    assert err.startswith(f"{DISPLAY}:{line}: 商工会.avoid: ") and "'Commerce'" in err, err


def test_matching_is_by_whole_words_and_spaces_may_wrap(root):
    terms = {t.ja: t for t in load_glossary(root)}
    residents, fy = terms["市民"], terms["年度"]
    assert uses_rendering(residents, "services for Residents")
    assert not uses_rendering(residents, "residential tax")
    assert uses_rendering(fy, "in FY2022")
    assert uses_rendering(terms["県央連携都市圏域"], "the Yamaguchi Central\nCooperative Urban Area")
    assert avoided_in(residents, "senior citizens' clubs") == ["citizens'", "citizens"] or \
        set(avoided_in(residents, "senior citizens' clubs")) >= {"citizens"}
