"""The notes on the KPI data say in words why a KPI has no progress rate."""
import dataclasses
from decimal import Decimal

import pytest

from macros.core.model import Columns, Direction, NoteKind, Text, Value
from macros.core.notes import kpi_notes
from macros.core.progress import evaluate

from .factories import kpi

COLUMNS = Columns(2018, 2022, 2024)
LEVELS = (Text("重点戦略", "Priority Strategy"), Text("戦略方針", "Strategic Policy"), Text("具体的施策", "Measure"))


def _no_progress_note(k) -> str:
    [note] = [n for n in kpi_notes(evaluate(k), COLUMNS, LEVELS) if n.kind is NoteKind.NO_PROGRESS]
    return note.text.en


@pytest.mark.parametrize("k, reason", [
    (kpi(1, 0, 0), "The target is 0, so"),
    (kpi(5, None, 8), "The actual is missing, so"),
    (kpi(5, 6, None), "The target is missing, so"),
    (kpi(3, 4, 3, from_baseline=True), "The target is the same as the baseline"),
    (kpi(20, 0, 18, direction=Direction.LOWER), "The actual is zero, so"),
])
def test_a_missing_progress_rate_is_explained_by_its_cause(k, reason):
    assert evaluate(k).progress_pct is None
    text = _no_progress_note(k)
    assert text.startswith(reason) and text.endswith("no progress rate can be calculated (shown as n/a).")
    assert "denominator" not in text


def test_one_note_says_why_there_is_no_rate_and_what_the_report_prints():
    """0/0/0 printed as 0.0%: one note, not three that repeat each other."""
    k = dataclasses.replace(kpi(0, 0, 0), published_progress_pct=Decimal("0.0"))
    notes = kpi_notes(evaluate(k), COLUMNS, LEVELS)
    assert [n.kind for n in notes] == [NoteKind.PROGRESS_MISMATCH]
    assert notes[0].text.en == ("The target is 0, the same as the baseline, so no progress rate can be calculated "
                                "(shown as n/a); the report prints 0.0%.")
    assert notes[0].text.ja.startswith("目標値が策定時と同じ0のため、")


@pytest.mark.parametrize("k, en", [
    (kpi(1522, 1169, 1500), "The target (1,500) is lower than the baseline (1,522), so meeting it does not require "
                            "any increase."),
    (kpi(6, 6, 6), "The target (6) is the same as the baseline (6), so keeping the baseline level meets it."),
    (kpi(18.5, 18.4, 18.7, direction=Direction.LOWER), "The target (18.7) is higher than the baseline (18.5), so "
                                                       "meeting it does not require any decrease."),
])
def test_a_target_that_asks_for_no_gain_says_what_meets_it(k, en):
    assert [n.text.en for n in kpi_notes(evaluate(k), COLUMNS, LEVELS) if n.kind is NoteKind.TARGET_NOT_BETTER] == [en]


def test_a_value_from_another_year_says_which_and_reads_the_era():
    k = dataclasses.replace(kpi(2, 11, 40), actual=Value(Decimal(11), 2019, "11(R1)"))
    [note] = [n for n in kpi_notes(evaluate(k), COLUMNS, LEVELS) if n.kind is NoteKind.YEAR_NOTE]
    assert note.text.en == ("This actual value is for FY2019, not FY2022 like the others in the column "
                            "(the report prints \"11(R1)\"; R1 is FY2019).")


def test_a_computable_rate_has_no_such_note():
    assert not [n for n in kpi_notes(evaluate(kpi(1, 2, 4)), COLUMNS, LEVELS) if n.kind is NoteKind.NO_PROGRESS]
