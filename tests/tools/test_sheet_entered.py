"""The KPI workbook of a site whose statuses the city enters (the `entered` scheme): the status and its
reason are columns the departments fill in, checked cell by cell and written into the KPI's data.

The sites are the engine's synthetic towns (tests/towns/), switched to the entered scheme, their one
edition made a draft (the edition a workbook is for; nobody has judged a KPI yet)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from macros.core.levels import kpi_records
from macros.core.report import load_report
from macros.tools import edition_cli
from macros.tools.sheet_layout import COPY_SHEET, KPI_SHEET, column_letter
from tests.tools.edition_cases import run_tool
from tests.tools.sheet_entered_cases import CASES, fill, refusal, scheme_changed
from tests.tools.sheet_support import digest, entered_town, exported, import_cli


@pytest.fixture
def bilingual(tmp_path) -> Path:
    return entered_town("two_levels", tmp_path)


@pytest.fixture
def japanese(tmp_path) -> Path:
    return entered_town("ja_only", tmp_path)


def _kpi(project: Path, kpi_id: str, edition_id: str = "2025-03") -> dict:
    """A KPI's record as its strategy file holds it (core/levels.py kpi_records: any number of levels)."""
    for path in (project / "data" / "editions" / edition_id).glob("strategies/*.yaml"):
        for k in kpi_records(yaml.safe_load(path.read_text(encoding="utf-8"))):
            if k["id"] == kpi_id:
                return k
    raise LookupError(kpi_id)


def test_the_workbook_has_the_status_and_its_reason_to_fill_in(bilingual):
    _path, wb = exported(bilingual)
    ws = wb[KPI_SHEET]
    headings = [ws.cell(row=1, column=c).value for c in range(1, ws.max_column + 1)]
    assert headings[-3:] == ["状況（記入）\nStatus (entered)", "状況の理由\nReason for the status",
                             "状況の理由（英語）\nReason for the status (English)"]
    status = f"{column_letter('status')}2"
    assert not ws[status].protection.locked
    [choice] = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert choice.formula1 == '"A,B,C,D"' and status in str(choice.sqref)   # "not yet entered" is never typed
    assert [wb[COPY_SHEET].cell(row=1, column=c).value for c in range(1, ws.max_column + 1)][-3:] == \
        ["status", "status_reason", "status_reason_en"]


def test_a_japanese_only_site_has_no_english_reason_column(japanese):
    _path, wb = exported(japanese)
    ws = wb[KPI_SHEET]
    assert ws.cell(row=1, column=ws.max_column).value == "状況の理由\nReason for the status"


def test_an_entered_status_reaches_the_data_and_the_report(bilingual, capsys):
    path = fill(bilingual, {"status2": "A", "status_reason2": "創業支援が計画どおり進んだ",
                             "status_reason_en2": "Start-up support went as planned"})
    code, out, err = import_cli(bilingual, path, capsys)
    assert code == 0, err
    assert "1-1-1 創業件数: 状況 / status: 空欄 (none) → A「創業支援が計画どおり進んだ」" in out
    k = _kpi(bilingual, "1-1-1")
    assert k["status"] == "A" and k["status_reason"] == {"ja": "創業支援が計画どおり進んだ",
                                                         "en": "Start-up support went as planned"}
    text = (bilingual / "data/editions/2025-03/strategies/strategy-1.yaml").read_text(encoding="utf-8")
    assert '        target: 8\n        status: "A"\n        status_reason: {ja: "創業支援が計画どおり進んだ", en: ' in text
    loaded = load_report(bilingual, "2025-03", published=False)
    assert loaded.evaluations["1-1-1"].status == "A" and loaded.evaluations["1-1-2"].status == "none"
    # Exported again and imported unchanged: nothing moves.
    before = digest(bilingual)
    path, _ = exported(bilingual)
    code, out, _ = import_cli(bilingual, path, capsys)
    assert code == 0 and "変更はありません" in out and digest(bilingual) == before


def test_a_status_cleared_in_the_workbook_leaves_the_kpi_waiting(japanese, capsys):
    path = fill(japanese, {"status2": "B", "status_reason2": "相談は増えたが目標に届かない"})
    assert import_cli(japanese, path, capsys)[0] == 0
    assert _kpi(japanese, "1-1")["status_reason"] == {"ja": "相談は増えたが目標に届かない"}
    path = fill(japanese, {"status2": None, "status_reason2": None})
    code, out, err = import_cli(japanese, path, capsys)
    assert code == 0, err
    k = _kpi(japanese, "1-1")
    assert "status" not in k and "status_reason" not in k
    assert load_report(japanese, "2025-03", published=False).evaluations["1-1"].status == "none"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_wrong_status_cell_is_one_line_at_its_cell_and_nothing_is_written(bilingual, capsys, case):
    before = digest(bilingual)
    path = fill(bilingual, case.cells)
    code, out, err = import_cli(bilingual, path, capsys)
    assert code == 1 and out == ""
    [line] = [l for l in err.splitlines() if "KPI!" in l]
    assert f"kpis.xlsx: KPI!{column_letter(case.at)}2 (1-1-1.{case.at}): " in line, line
    assert all(w in line for w in case.words), line
    assert refusal(bilingual, path) == "kpis.xlsx: " + line.split("kpis.xlsx: ", 1)[1]   # as the catalogue lists it
    assert digest(bilingual) == before


def test_a_workbook_exported_before_the_scheme_changed_is_refused(bilingual, capsys):
    path = scheme_changed(bilingual)
    before = digest(bilingual)
    code, _, err = import_cli(bilingual, path, capsys)
    assert code == 1 and "KPI!A1" in err and "export again" in err
    assert digest(bilingual) == before


def test_the_yearly_cycle_publishing_asks_for_every_status_and_the_next_edition_starts_without_them(japanese, capsys):
    """Publishing lists every KPI still waiting for its status, all at once; once the workbook has them all,
    the edition publishes, and the next edition starts with none (each year's judgement is its own)."""
    ids = [k.id for k in load_report(japanese, "2025-03", published=False).report.kpis()]
    lines = run_tool(japanese, "publish", "2025-03")
    assert [line.split(": ", 2)[1] for line in lines[:-1]] == [f"{kid}.status" for kid in ids]
    assert all("A, B, C, D" in line for line in lines[:-1])
    path = fill(japanese, {f"{key}{row}": value for row in range(2, 2 + len(ids))
                            for key, value in (("status", "ABCD"[row % 4]), ("status_reason", f"理由{row}"))})
    assert import_cli(japanese, path, capsys)[0] == 0
    edition_cli.publish(japanese, "2025-03")
    loaded = load_report(japanese)
    assert [loaded.evaluations[kid].status for kid in ids] == ["ABCD"[row % 4] for row in range(2, 2 + len(ids))]
    edition_cli.new(japanese, "2026-03", 2025)
    assert all("status" not in _kpi(japanese, kid, "2026-03") and "status_reason" not in _kpi(japanese, kid, "2026-03")
               for kid in ids)
