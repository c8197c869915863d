"""macros/core/context.py: section I arithmetic, and its checks against the printed figures as data notes; an
edition's context.yaml read into the model (core/builder.py build_context), generic tables included."""
from decimal import Decimal

import pytest

from macros.core.builder import build_context
from macros.core.context import change, change_pct, context_notes, share_pct, unaccounted
from macros.core.errors import DataError
from macros.core.loader import load_yaml
from macros.core.model import Census, CensusPoint, Context, Municipalities, NoteKind, Text
from macros.core.schema import check_schema

T = Text("ja", "en")


def context(first=26159, last=23247, printed_change=-2912, printed_decline="11.1", total=1719, up=298, down=1419):
    census = Census(T, (CensusPoint(2015, first, T), CensusPoint(2020, last, T)), printed_change, Decimal(printed_decline))
    return Context(census, Municipalities(T, total, up, down))


def test_the_change_is_computed_from_the_first_and_last_census():
    c = context().census
    assert change(c) == 23247 - 26159
    assert change_pct(c) == Decimal("-11.1")                  # −2,912 / 26,159 = −11.13…%, one decimal
    assert share_pct(context().municipalities, 298) == Decimal("17.3")


def test_figures_that_agree_with_the_print_make_no_note():
    assert context_notes(context(total=298 + 1419)) == []


def test_each_printed_figure_that_differs_becomes_a_census_note_in_both_languages():
    notes = context_notes(context(printed_change=-3000, printed_decline="12.0"))
    assert [n.kind for n in notes] == [NoteKind.CENSUS] * 3 and all(n.kpi_id is None for n in notes)
    assert [n.where.en for n in notes] == ["Census population", "Rate of decline", "Municipalities"]
    assert "-2,912" in notes[0].text.en and "-3,000" in notes[0].text.ja
    assert "11.1%" in notes[1].text.en and "12.0%" in notes[1].text.ja
    assert unaccounted(context().municipalities) == 2 and "other 2" in notes[2].text.en


def _loaded(tmp_path, text: str):
    """context.yaml as an edition holds it, through its schema and the builder."""
    path = tmp_path / "context.yaml"
    path.write_text(text, encoding="utf-8")
    doc = load_yaml(path, "context.yaml")
    check_schema(doc, "context.schema.json", "context.yaml")
    return build_context(doc, "context.yaml")


TABLE = """\
tables:
  - id: households
    caption: {ja: 世帯数, en: Households}
    source: {ja: 住民基本台帳, en: Basic Resident Register}
    columns: [{ja: 世帯, en: Households}, {ja: 人, en: People}]
    rows:
      - {label: {ja: 令和4年, en: "2022"}, values: [4188, 9640.5]}
      - {label: {ja: 令和5年, en: "2023"}, values: [4150, null]}
"""


def test_a_context_of_generic_tables_alone_needs_no_census(tmp_path):
    c = _loaded(tmp_path, TABLE)
    assert c.census is None and c.municipalities is None and context_notes(c) == []
    t = c.table("households")
    assert [col.en for col in t.columns] == ["Households", "People"] and t.source.ja == "住民基本台帳"
    assert [r.values for r in t.rows] == [(Decimal(4188), Decimal("9640.5")), (Decimal(4150), None)]
    assert c.table("visitors") is None


def test_a_row_with_another_number_of_values_is_one_line_at_its_line(tmp_path):
    with pytest.raises(DataError) as err:
        _loaded(tmp_path, TABLE.replace("values: [4150, null]", "values: [4150]"))
    assert str(err.value).startswith("context.yaml:8: tables[households].rows[1].values: ")
    assert "1 value(s) for 2 column(s)" in str(err.value)


def test_a_table_id_used_twice_is_refused(tmp_path):
    twice = TABLE + TABLE.split("tables:\n", 1)[1]
    with pytest.raises(DataError) as err:
        _loaded(tmp_path, twice)
    assert ":9: tables[households].id:" in str(err.value) and "twice" in str(err.value)


def test_municipality_counts_need_the_census_they_are_compared_with(tmp_path):
    with pytest.raises(DataError) as err:
        _loaded(tmp_path, "municipalities: {source: {ja: 国勢調査, en: Census}, total: 10, increased: 2, decreased: 8}\n")
    assert "census" in str(err.value)
