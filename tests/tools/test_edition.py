"""`python -m macros.edition`: new, publish, correct and check, on throwaway copies of the project."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from macros.core.edition_series import load_editions
from macros.core.register import fingerprint, read_register
from macros.tools import edition_cli, translations
from tests.conftest import ROOT, copy_project
from tests.synthetic_editions import add_edition, fill_actuals
from tests.tools.edition_cases import CASES, SECOND, run_tool


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "p").mkdir()
    return copy_project(tmp_path / "p")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_each_mistake_is_one_line_naming_its_file(project, case):
    line = case.make(project)
    assert "\n" not in line and "Traceback" not in line
    assert line.startswith(case.file), line
    assert " / " in line and " — " in line                    # Japanese, then English, each with its fix
    for word in case.words:
        assert word in line, (word, line)


def test_the_real_data_is_exactly_as_published():
    assert edition_cli.main(["check"], root=ROOT) == 0
    for entry in read_register(ROOT).entries:
        assert entry.published and entry.recorded_fingerprint == fingerprint(ROOT, entry.id)


def test_new_scaffolds_a_draft_from_the_latest_edition(project):
    files = edition_cli.new(project, SECOND, 2023)
    entry = read_register(project).get(SECOND)
    assert entry is not None and not entry.published and entry.period.id == 2
    assert f"data/editions/{SECOND}/report.yaml" in files and f"docs/editions/{SECOND}/strategy-1.md" in files
    report = yaml.safe_load((project / "data/editions" / SECOND / "report.yaml").read_text(encoding="utf-8"))
    assert report["published"] == {"ja": "令和7年2月", "en": "February 2025"}
    assert report["columns"] == {"baseline_fy": 2018, "actual_fy": 2023, "target_fy": 2024}
    assert report["published_status_counts"] is None
    editions = load_editions(project)
    draft, first = editions.get(SECOND), editions.get("2024-02")
    kpis = draft.data.report.kpis()
    assert len(kpis) == 78
    assert all(k.actual is None and k.published_progress_pct is None and k.history is None for k in kpis)
    amounts = [(k.id, k.baseline and k.baseline.amount, k.target) for k in kpis]
    assert amounts == [(k.id, k.baseline and k.baseline.amount, k.target) for k in first.data.report.kpis()]
    # A baseline implied by the last edition's printed rate is not said to be implied by a rate this draft
    # has not printed (「印刷された進捗率 算出不可 から逆算した」 was shown on every new draft).
    implied = [k.id for k in first.data.report.kpis() if k.baseline and k.baseline.implied]
    assert implied and not any(k.baseline and k.baseline.implied for k in kpis)
    assert not any(n.kind.value == "implied_baseline" for n in draft.data.notes)
    text = (project / "data/editions" / SECOND / "strategies" / "strategy-1.yaml").read_text(encoding="utf-8")
    assert "抽出テキスト" not in text          # the last edition's notes on its own source are not carried over
    # narratives copied as drafts; English pages stale until translated
    for ja in (project / "docs/editions/2024-02").glob("*.md"):
        assert (project / "docs/editions" / SECOND / ja.name).read_text(encoding="utf-8") == \
            translations.without_stamp(ja.read_text(encoding="utf-8")) if ja.name.endswith(".en.md") else \
            ja.read_text(encoding="utf-8")
    stale = {p.name for p in translations.stale(project / "docs/editions" / SECOND)}
    assert stale == {p.name for p in (project / "docs/editions/2024-02").glob("*.en.md")}
    # the published edition is untouched
    assert edition_cli.main(["check"], root=project) == 0


def test_publish_records_state_and_fingerprint_and_keeps_the_register_layout(project):
    before = (project / "data/editions.yaml").read_text(encoding="utf-8")
    add_edition(project, SECOND, 2023)
    after = (project / "data/editions.yaml").read_text(encoding="utf-8")
    assert after.startswith(before)                             # comments and the first entry untouched
    entry = read_register(project).get(SECOND)
    assert entry.published and entry.fingerprint == fingerprint(project, SECOND)
    assert edition_cli.main(["check"], root=project) == 0


def test_an_actual_deliberately_unknown_can_be_published_and_says_why(project):
    edition_cli.new(project, SECOND, 2023)
    fill_actuals(project, SECOND, step=2023)
    path = project / "data/editions" / SECOND / "strategies" / "strategy-1.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("          - id: 1-1-1-1\n")
    block_end = text.index("          - id: 1-1-1-2\n")
    block = text[start:block_end]
    new_block = block.replace(block[block.index("            actual:"):].split("\n")[0] + "\n",
                              "            actual: null\n            actual_unknown: {ja: \"調査を中止したため\", en: \"the survey was stopped\"}\n")
    path.write_text(text[:start] + new_block + text[block_end:], encoding="utf-8")
    for en in (project / "docs/editions" / SECOND).glob("*.en.md"):
        translations.stamp(en)
    edition_cli.publish(project, SECOND)
    notes = load_editions(project).get(SECOND).data.notes_by_kpi["1-1-1-1"]
    assert any("調査を中止したため" in n.text.ja and "the survey was stopped" in n.text.en for n in notes)


def test_a_correction_is_recorded_with_when_what_why_and_shown(project):
    path = project / "data/editions/2024-02/strategies/strategy-1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("            actual: 382\n", "            actual: 383\n", 1),
                    encoding="utf-8")
    assert edition_cli.main(["check"], root=project) == 1
    assert edition_cli.main(["correct", "2024-02", "--date", "2025-03-10", "--what-ja", "三洞入洞者数の実績値",
                         "--what-en", "the actual of cave visitors", "--why-ja", "集計の誤り",
                         "--why-en", "a counting error"], root=project) == 0
    assert edition_cli.main(["check"], root=project) == 0
    entry = read_register(project).get("2024-02")
    c = entry.corrections[-1]
    assert (c.date, c.what.ja, c.why.en) == ("2025-03-10", "三洞入洞者数の実績値", "a counting error")
    assert entry.fingerprint != c.fingerprint == fingerprint(project, "2024-02")


def test_a_kpi_retired_with_its_reason_is_noted(project):
    from tests.tools.edition_cases import kpi_dropped_without_retiring_it
    kpi_dropped_without_retiring_it(project)
    report = project / "data/editions" / SECOND / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8") + 'retired_kpis:\n  - {id: "1-1-1-2", ja: "道の駅の統合のため", en: "the roadside stations merged"}\n',
                      encoding="utf-8")
    editions = load_editions(project)
    notes = [n for n in editions.get(SECOND).data.notes if n.where and n.where.ja.startswith("1-1-1-2 ")]
    assert any("道の駅の統合のため" in n.text.ja and "the roadside stations merged" in n.text.en for n in notes)
    assert editions.change(editions.get(SECOND), "1-1-1-2") is None


def test_a_revised_target_with_its_record_is_noted(project):
    add_edition(project, SECOND, 2023, publish=False)
    path = project / "data/editions" / SECOND / "strategies" / "strategy-1.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("            target: 540\n",
                                 "            target: 500\n            revised: [{field: target, previous: 540, ja: \"計画の見直し\", en: \"the plan was reviewed\"}]\n", 1),
                    encoding="utf-8")
    notes = load_editions(project).get(SECOND).data.notes_by_kpi["1-1-1-1"]
    assert any("計画の見直し" in n.text.ja and "540" in n.text.ja and "the plan was reviewed" in n.text.en for n in notes)


def test_publishing_lists_every_gap_in_one_run_and_changes_nothing(project):
    edition_cli.new(project, SECOND, 2023)
    register = (project / "data/editions.yaml").read_text(encoding="utf-8")
    lines = run_tool(project, "publish", SECOND)
    kpis = [k for k in load_editions(project).get(SECOND).data.report.kpis()]
    english = sorted((project / "docs/editions" / SECOND).glob("*.en.md"))
    assert len(lines) == len(kpis) + len(english) + 1            # every gap, then how many and what to do
    assert {line.split(": ", 2)[1] for line in lines[:len(kpis)]} == {f"{k.id}.actual" for k in kpis}
    assert {line.split(":", 1)[0] for line in lines[len(kpis):-1]} == \
        {p.relative_to(project).as_posix() for p in english}
    assert f"{len(kpis) + len(english)}" in lines[-1] and f"make publish-edition EDITION={SECOND}" in lines[-1]
    assert (project / "data/editions.yaml").read_text(encoding="utf-8") == register


def test_a_broken_figure_in_a_published_edition_is_reported_at_its_line_not_as_a_change(project):
    path = project / "data/editions/2024-02/strategies/strategy-1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("            actual: 382\n", "            actual: 395千人\n", 1),
                    encoding="utf-8")
    line = run_tool(project, "check")[0]
    assert line.startswith("data/editions/2024-02/strategies/strategy-1.yaml:") and "395千人" in line, line
    assert "fingerprint" not in line and "指紋" not in line
    assert run_tool(project, "correct", "2024-02", "--what-ja", "x", "--what-en", "x", "--why-ja", "x",
                    "--why-en", "x")[0] == line                  # no correction of what does not load


def test_a_correction_of_nothing_is_refused(project):
    before = read_register(project).get("2024-02").corrections
    lines = run_tool(project, "correct", "2024-02", "--what-ja", "x", "--what-en", "x", "--why-ja", "x", "--why-en", "x")
    assert "unchanged" in lines[0] and read_register(project).get("2024-02").corrections == before
