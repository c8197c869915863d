"""The KPI workbook round trip: export, fill in as a department would, import into data/.

The workbook belongs to the current edition. The real data has one edition, published: its round
trip must change nothing, and a workbook that would change it is refused. Imports that change values
go into a draft edition started in a copy of the project (sheet_support.draft_project).
"""
from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from macros.core.report import load_report
from macros.tools.sheet_cli import run
from macros.tools.sheet_layout import (ABOUT_SHEET, COLUMNS, EDITION_CELL, FORMAT, FORMAT_CELL, KPI_SHEET,
                                       column_letter, edition, sheet_columns)
from tests.synthetic_editions import add_edition
from tests.tools.sheet_support import (DRAFT, add_line_after, digest, draft_project, exported, import_cli,
                                       scratch_project, set_field, strategy_file)


@pytest.fixture
def project(root, tmp_path) -> Path:
    """The real data: one edition, published."""
    return scratch_project(root, tmp_path)


@pytest.fixture
def draft(root, tmp_path) -> Path:
    """The real data and a later draft edition, DRAFT: the edition the workbook is for."""
    return draft_project(root, tmp_path)


def _diff(before: str, after: str) -> list[str]:
    return [l for l in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if l[:1] in "+-" and not l.startswith(("+++", "---"))]


def test_unchanged_round_trip_leaves_data_byte_identical(project, capsys):
    before = digest(project)
    path, _ = exported(project)
    code, out, err = import_cli(project, path, capsys)
    assert code == 0, err
    assert "変更はありません" in out
    assert digest(project) == before


def test_unchanged_round_trip_after_saving_in_a_spreadsheet_program(project, capsys):
    """Opened and saved again (openpyxl re-writes every cell, as Excel does): still no change."""
    before = digest(project)
    path, wb = exported(project)
    wb.save(path)
    code, _, err = import_cli(project, path, capsys)
    assert code == 0, err
    assert digest(project) == before


def test_workbook_has_one_row_per_kpi_with_bilingual_headings(project):
    path, wb = exported(project)
    report = load_report(project).report
    ws = wb[KPI_SHEET]
    headings = [c.value for c in ws[1]]
    assert headings == [c.heading for c in sheet_columns(report.levels)]
    # The columns that place a KPI in the plan are headed by the plan's own levels (data/site.yaml).
    top, above = report.levels[0], report.levels[-1]
    assert headings[1:3] == [f"{top.ja}\n{top.en}", f"{above.ja}\n{above.en}"]
    assert all("\n" in h and h.split("\n")[0] != "" for h in headings)
    ids = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    assert ids == [k.id for k in report.kpis()]
    k = report.kpi("1-1-1-1")
    assert ws["D2"].value == k.name.ja and ws["H2"].value == int(k.actual.amount) and ws["I2"].value == k.actual.fy
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref.startswith("A1:")
    assert ws.protection.sheet and not ws.protection.autoFilter
    about = wb[ABOUT_SHEET]
    assert about[EDITION_CELL].value == edition("2024-02", report.meta) and about[FORMAT_CELL].value == FORMAT
    assert about[EDITION_CELL].value.startswith("2024-02: ")
    assert wb["exported"].sheet_state == "veryHidden"


def test_the_workbook_is_the_draft_edition_once_it_is_started(draft, capsys):
    """Export writes the edition being prepared: its id, its column years, its own values."""
    path, wb = exported(draft)
    report = load_report(draft, DRAFT, published=False).report
    about = wb[ABOUT_SHEET][EDITION_CELL].value
    assert about == edition(DRAFT, report.meta) and about.startswith(f"{DRAFT}: ") and "実績値 2023" in about
    published = load_report(draft).report.kpi("1-1-1-1").actual.amount
    assert wb[KPI_SHEET]["H2"].value == int(report.kpi("1-1-1-1").actual.amount) != int(published)
    before = digest(draft)
    code, out, err = import_cli(draft, path, capsys)
    assert code == 0 and "変更はありません" in out, err
    assert digest(draft) == before


def test_a_workbook_of_another_edition_is_refused(root, tmp_path, capsys):
    """Exported from the published edition, imported after the next edition was started: refused."""
    project = scratch_project(root, tmp_path)
    shutil.copytree(root / "docs", project / "docs")
    path, wb = exported(project)
    wb[KPI_SHEET]["H2"] = 390
    wb.save(path)
    add_edition(project, DRAFT, 2023, publish=False)
    before = digest(project)
    code, _, err = import_cli(project, path, capsys)
    assert code == 1
    assert "kpis.xlsx: 説明 About!B2: 別の版の表です" in err and "2024-02: " in err and f"{DRAFT}: " in err
    assert digest(project) == before


def test_a_published_edition_is_not_changed_by_a_workbook(project, capsys):
    """The published edition is an exact archive: every cell that would change it is named, nothing is written."""
    before = digest(project)
    path, wb = exported(project)
    wb[KPI_SHEET]["H2"], wb[KPI_SHEET]["J3"] = 390, 300000
    wb.save(path)
    code, _, err = import_cli(project, path, capsys)
    assert code == 1
    lines = [line for line in err.splitlines() if "kpis.xlsx: KPI!" in line]
    assert [line.split(": ")[1] for line in lines] == ["KPI!H2 (1-1-1-1.actual)", "KPI!J3 (1-1-1-2.target)"]
    assert "版「2024-02」は公開済み" in lines[0] and "382 → 390" in lines[0]
    assert "make new-edition" in lines[0] and "make correct EDITION=2024-02" in lines[0] and "python -m" not in lines[0]
    assert "data/editions/2024-02/strategies/" in lines[0]
    assert digest(project) == before


def test_only_department_fields_are_editable_and_numbers_are_validated(project):
    _, wb = exported(project)
    ws = wb[KPI_SHEET]
    for c in COLUMNS:
        cell = ws[f"{column_letter(c.key)}2"]
        assert cell.protection.locked is (not c.editable), c.key
    ranges = {dv.type: str(dv.sqref) for dv in ws.data_validations.dataValidation}
    last = ws.max_row
    for c in COLUMNS:
        want = {"number": "decimal", "year": "whole"}.get(c.kind)
        if want:
            assert f"{column_letter(c.key)}2:{column_letter(c.key)}{last}" in ranges[want]


def test_a_good_edit_changes_only_the_edited_lines(draft, capsys):
    s1 = strategy_file(draft, 1)
    set_field(s1, "1-1-2-3", "actual", '{value: 11, fy: 2022, printed: "11(R4)"}')
    set_field(s1, "1-1-3-1", "actual", "60.0")
    before_text = s1.read_text(encoding="utf-8")
    was = load_report(draft, DRAFT, published=False).report.kpi("1-1-1-1").actual.amount
    others = {k: v for k, v in digest(draft).items() if not k.endswith(f"{DRAFT}/strategies/strategy-1.yaml")}
    path, wb = exported(draft)
    ws = wb[KPI_SHEET]
    ws["H2"] = " 390 "                       # 1-1-1-1 actual, typed as text with spaces
    ws["H6"], ws["I6"] = "１２", "令和5年度"   # 1-1-2-3 actual, printed "11(R4)"
    ws["H7"] = 61                            # 1-1-3-1 actual, written 60.0
    ws["M2"] = "速報値"
    wb.save(path)
    code, out, err = import_cli(draft, path, capsys)
    assert code == 0, err
    assert f"1-1-1-1 三洞入洞者数: 実績値 / actual: {was} → 390" in out
    assert "1-1-2-3" in out and "11 (2022年度 FY2022) → 12" in out
    assert "1-1-3-1" in out and "60.0 → 61.0" in out
    assert "1-1-1-1 三洞入洞者数: 備考 / remarks: 空欄 (none) → 「速報値」" in out
    assert _diff(before_text, s1.read_text(encoding="utf-8")) == [
        f"-            actual: {was}", "+            actual: 390", '+            remarks: "速報値"',
        '-            actual: {value: 11, fy: 2022, printed: "11(R4)"}', "+            actual: {value: 12, fy: 2023}",
        "-            actual: 60.0", "+            actual: 61.0",
    ]
    assert {k: v for k, v in digest(draft).items()
            if not k.endswith(f"{DRAFT}/strategies/strategy-1.yaml")} == others
    report = load_report(draft, DRAFT, published=False).report
    assert report.kpi("1-1-1-1").actual.amount == 390
    assert (report.kpi("1-1-2-3").actual.amount, report.kpi("1-1-2-3").actual.fy) == (12, 2023)
    assert load_report(draft).report.kpi("1-1-1-1").actual.amount == 382   # the published edition: unchanged


def test_clearing_a_value_writes_null_and_a_value_in_the_column_year_is_plain(draft, capsys):
    """A revised baseline (its revision recorded first, as the edition's rules require), a target and an
    actual cleared: a draft edition may have an empty actual."""
    s5 = strategy_file(draft, 5)
    report = load_report(draft, DRAFT, published=False).report
    # A baseline the published edition's printed rate implies ({value: 4, implied: true} in the YAML).
    implied_id = next(k.id for k in load_report(draft, "2024-02").report.kpis() if k.baseline and k.baseline.implied)
    implied = report.kpi(implied_id)
    plain = next(k for k in report.kpis() if k.source.file.endswith("strategy-5.yaml") and k.target is not None
                 and k.target.printed is None and k is not implied)
    add_line_after(s5, implied.id, "baseline", f"revised: [{{field: baseline, previous: {implied.baseline.amount}, "
                                               "ja: 策定時の値を見直した, en: The baseline was reviewed}]")
    add_line_after(s5, plain.id, "target", f"revised: [{{field: target, previous: {plain.target.amount}, "
                                           "ja: 目標を取り下げた, en: The target was withdrawn}]")
    before_text = s5.read_text(encoding="utf-8")
    path, wb = exported(draft)
    ws = wb[KPI_SHEET]
    rows = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    ws[f"F{rows[implied.id]}"] = int(implied.baseline.amount) + 1
    ws[f"J{rows[plain.id]}"] = "—"
    ws[f"H{rows[plain.id]}"] = None
    wb.save(path)
    code, out, err = import_cli(draft, path, capsys)
    assert code == 0, err
    diff = _diff(before_text, s5.read_text(encoding="utf-8"))
    assert f"+            baseline: {int(implied.baseline.amount) + 1}" in diff
    assert "+            target: null" in diff and "+            actual: null" in diff
    assert len(diff) == 6


def test_a_changed_baseline_needs_its_revision_record(draft, capsys):
    """The import checks the edition against the one before it, as the build does: nothing is written."""
    before = digest(draft)
    path, wb = exported(draft)
    wb[KPI_SHEET]["F2"] = 500    # 1-1-1-1 baseline, 499 in the published edition
    wb.save(path)
    code, _, err = import_cli(draft, path, capsys)
    assert code == 1
    # Named at the cell that was typed and at the YAML line, where the revision record can be written.
    assert "kpis.xlsx: KPI!F2 (1-1-1-1.baseline):" in err and f"data/editions/{DRAFT}/strategies/strategy-1.yaml:" in err
    assert "表では直せません" in err and "revised" in err and "Traceback" not in err and "None" not in err
    assert digest(draft) == before


def test_workbooks_from_two_departments_do_not_undo_each_other(draft, capsys):
    path_a, wb_a = exported(draft, "a.xlsx")
    path_b, wb_b = exported(draft, "b.xlsx")
    wb_a[KPI_SHEET]["H2"] = 390   # department A: 1-1-1-1
    wb_b[KPI_SHEET]["H3"] = 230000   # department B: 1-1-1-2
    wb_a.save(path_a)
    wb_b.save(path_b)
    assert import_cli(draft, path_a, capsys)[0] == 0
    assert import_cli(draft, path_b, capsys)[0] == 0
    report = load_report(draft, DRAFT, published=False).report
    assert report.kpi("1-1-1-1").actual.amount == 390
    assert report.kpi("1-1-1-2").actual.amount == 230000


def test_the_command_line_entry_point_names(root):
    """The documented commands keep their names: python -m macros.sheet export|import, make sheet / import-sheet."""
    import subprocess
    import sys
    makefile = (root / "Makefile").read_text(encoding="utf-8")
    assert '-m macros.sheet export "$$SHEET"' in makefile and '-m macros.sheet import "$$SHEET"' in makefile
    result = subprocess.run([sys.executable, "-m", "macros.sheet", "--help"], cwd=root, capture_output=True,
                            text=True)
    assert result.returncode == 0 and "export" in result.stdout and "import" in result.stdout


def test_every_mistake_is_reported_at_once(project, capsys):
    """A wrong value and a wrong year in one row, and a mistake further down: three lines, nothing written."""
    before = digest(project)
    path, wb = exported(project)
    ws = wb[KPI_SHEET]
    ws["H2"], ws["I2"], ws["J40"] = "390人", "令和5年", "▲3"
    wb.save(path)
    code, _, err = import_cli(project, path, capsys)
    assert code == 1
    cells = [line.split(": ")[1].split(" ")[0] for line in err.splitlines() if "kpis.xlsx: KPI!" in line]
    assert cells == ["KPI!H2", "KPI!I2", "KPI!J40"]
    assert "3 件のエラー" in err and digest(project) == before


def test_export_to_a_missing_folder_is_one_line(project, capsys):
    from macros.tools.sheet_cli import run
    code = run(["export", str(project / "no-such-folder" / "kpis.xlsx")], root=project)
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert "kpis.xlsx: file: ファイルを書き出せません" in err and "cannot be written" in err


def test_changes_are_checked_by_the_engine_before_anything_is_written(project):
    """The new texts go through core's load and validation in a scratch copy; data/ itself is not touched."""
    from macros.core.errors import DataError
    from macros.tools.sheet_import import _validate
    from macros.tools.sheet_layout import current
    before = digest(project)
    display = "data/editions/2024-02/strategies/strategy-1.yaml"
    text = (project / display).read_text(encoding="utf-8").replace("actual: 382\n", "actual: 1,559\n", 1)
    with pytest.raises(DataError) as info:
        _validate(project, {display: text}, current(project))
    line = text[:text.index("actual: 1,559")].count("\n") + 1
    assert info.value.file == display and info.value.line == line
    assert digest(project) == before


def test_a_remark_is_kept_in_the_edition_and_comes_back_in_the_next_export(draft, capsys):
    """備考 → the KPI's `remarks`, right after its target; exported again; an unchanged round trip changes
    nothing; edited, it is one line changed; emptied, the field goes and the file is as before."""
    s1 = strategy_file(draft, 1)
    original = s1.read_text(encoding="utf-8")
    path, wb = exported(draft)
    wb[KPI_SHEET]["M2"] = "速報値。\n確定は3月"        # typed on two lines (Alt+Enter)
    wb.save(path)
    code, out, err = import_cli(draft, path, capsys)
    assert code == 0, err
    assert "1-1-1-1 三洞入洞者数: 備考 / remarks: 空欄 (none) → 「速報値。 確定は3月」" in out
    with_remark = s1.read_text(encoding="utf-8")
    assert _diff(original, with_remark) == ['+            remarks: "速報値。 確定は3月"']
    assert with_remark.splitlines().index('            remarks: "速報値。 確定は3月"') == \
        original.splitlines().index("            target: 540") + 1

    before = digest(draft)
    path, wb = exported(draft, "again.xlsx")
    assert wb[KPI_SHEET]["M2"].value == "速報値。 確定は3月" and wb["exported"]["M2"].value == "速報値。 確定は3月"
    assert wb[KPI_SHEET]["M3"].value is None
    code, out, err = import_cli(draft, path, capsys)
    assert code == 0 and "変更はありません" in out, err
    assert digest(draft) == before

    wb[KPI_SHEET]["M2"] = "yes"     # a word YAML could read as true: written in quotes, read back as text
    wb.save(path)
    code, out, err = import_cli(draft, path, capsys)
    assert code == 0, err
    assert "備考 / remarks: 「速報値。 確定は3月」 → 「yes」" in out
    assert _diff(with_remark, s1.read_text(encoding="utf-8")) == [
        '-            remarks: "速報値。 確定は3月"', '+            remarks: "yes"']
    load_report(draft, DRAFT, published=False)   # the schema accepts it

    path, wb = exported(draft, "third.xlsx")
    wb[KPI_SHEET]["M2"] = None
    wb.save(path)
    code, out, err = import_cli(draft, path, capsys)
    assert code == 0, err
    assert "備考 / remarks: 「yes」 → 空欄 (none)" in out
    assert s1.read_text(encoding="utf-8") == original


def test_a_remark_changed_in_data_since_the_export_is_not_overwritten(draft, capsys):
    s1 = strategy_file(draft, 1)
    path, wb = exported(draft)
    add_line_after(s1, "1-1-1-1", "target", 'remarks: "企画担当のメモ"')
    before = digest(draft)
    wb[KPI_SHEET]["M2"] = "課のメモ"
    wb.save(path)
    code, _, err = import_cli(draft, path, capsys)
    assert code == 1
    assert "kpis.xlsx: KPI!M2 (1-1-1-1.remarks): 書き出した後に data/ のこの値が「「企画担当のメモ」」に変わっています" in err
    assert digest(draft) == before


def test_a_published_edition_takes_no_remark(project, capsys):
    before = digest(project)
    path, wb = exported(project)
    wb[KPI_SHEET]["M2"] = "速報値"
    wb.save(path)
    code, _, err = import_cli(project, path, capsys)
    assert code == 1
    assert "kpis.xlsx: KPI!M2 (1-1-1-1.remarks): 版「2024-02」は公開済み" in err and "空欄 (none) → 「速報値」" in err
    assert digest(project) == before


def test_remarks_are_never_published(draft, capsys):
    """The engine does not read `remarks`: not in the model, its notes, the downloads or the rendered KPIs."""
    from macros.core.export import to_csv, to_json
    from macros.render.pages import PageFragments
    from macros.tools.yaml_values import read_remarks
    memo = "内部メモ XYZZY"
    path, wb = exported(draft)
    for r in range(2, wb[KPI_SHEET].max_row + 1):
        wb[KPI_SHEET][f"M{r}"] = memo
    wb.save(path)
    assert import_cli(draft, path, capsys)[0] == 0
    stored = read_remarks(draft, f"data/editions/{DRAFT}")
    assert len(stored) == wb[KPI_SHEET].max_row - 1 and set(stored.values()) == {memo}
    data = load_report(draft, DRAFT, published=False)
    assert "XYZZY" not in repr(data.report) + repr(data.notes) + repr(data.evaluations)
    assert "XYZZY" not in to_json(data) and b"XYZZY" not in to_csv(data)
    for lang, name in (("ja", "三洞入洞者数"), ("en", "Visitors to the three caves")):
        f = PageFragments(data, lang, lambda target: "../" + target)
        shown = str(f.kpi_list()) + str(f.data_notes()) + "".join(
            str(f.kpis(m)) for s in data.report.strategies for m in s.measures())
        assert "XYZZY" not in shown and name in shown


def test_the_next_edition_starts_without_the_remarks(draft):
    """Remarks are about one edition's figures: `python -m macros.edition new` does not copy them."""
    from macros.tools.edition_cli import new
    from macros.tools.yaml_values import read_remarks
    add_line_after(strategy_file(draft, 1), "1-1-1-1", "target", 'remarks: "速報値"')
    assert read_remarks(draft, f"data/editions/{DRAFT}") == {"1-1-1-1": "速報値"}
    new(draft, "2026-02", 2024)
    assert read_remarks(draft, "data/editions/2026-02") == {}
    assert "remarks" not in strategy_file(draft, 1, "2026-02").read_text(encoding="utf-8")


def test_the_workbook_of_a_published_edition_says_it_is_for_reading(root, tmp_path, capsys):
    """`make sheet` on a published edition says, in its message and on the About sheet, that the workbook
    cannot be imported and how next year's is made; a draft's workbook says nothing of the kind."""
    (tmp_path / "p").mkdir()
    (tmp_path / "d").mkdir()
    for where, published in ((scratch_project(root, tmp_path / "p"), True), (draft_project(root, tmp_path / "d"), False)):
        path = where / "kpis.xlsx"
        assert run(["export", str(path)], root=where) == 0
        out = capsys.readouterr().out
        about = [str(c.value) for row in load_workbook(path)[ABOUT_SHEET].iter_rows() for c in row if c.value]
        for text in (out, " ".join(about)):
            assert ("読むためのもの" in text and "make new-edition" in text and "cannot be imported" in text) is published
