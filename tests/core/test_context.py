"""macros/core/context.py: section I arithmetic, and its checks against the printed figures as data notes."""
from decimal import Decimal

from macros.core.context import change, change_pct, context_notes, share_pct, unaccounted
from macros.core.model import Census, CensusPoint, Context, Municipalities, NoteKind, Text

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
