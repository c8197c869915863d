"""The notes on the KPI data say in words why a KPI has no progress rate."""
import pytest

from macros.core.model import Columns, Direction, NoteKind, Text
from macros.core.notes import kpi_notes
from macros.core.progress import evaluate

from .factories import kpi

COLUMNS = Columns(2018, 2022, 2024)
LEVELS = (Text("重点戦略", "Priority Strategy"), Text("戦略方針", "Strategic Policy"), Text("具体的施策", "Measure"))


def _no_progress_note(k) -> str:
    [note] = [n for n in kpi_notes(evaluate(k), COLUMNS, LEVELS) if n.kind is NoteKind.NO_PROGRESS]
    return note.text.en


@pytest.mark.parametrize("k, reason", [
    (kpi(0, 0, 0), "the target is zero"),
    (kpi(5, None, 8), "the actual is missing"),
    (kpi(5, 6, None), "the target is missing"),
    (kpi(3, 4, 3, from_baseline=True), "the target is the same as the baseline"),
    (kpi(20, 0, 18, direction=Direction.LOWER), "the actual is zero"),
])
def test_a_missing_progress_rate_is_explained_by_its_cause(k, reason):
    assert evaluate(k).progress_pct is None
    text = _no_progress_note(k)
    assert reason in text and text.endswith("it is shown as n/a.")
    assert "denominator" not in text


def test_a_computable_rate_has_no_such_note():
    assert not [n for n in kpi_notes(evaluate(kpi(1, 2, 4)), COLUMNS, LEVELS) if n.kind is NoteKind.NO_PROGRESS]
