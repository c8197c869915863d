"""macros/tools/pr_summary.py: a reviewer sees the pages, the editions, the KPI figures and the stale pages
a change touches, and a warning when a published edition's figures change."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from macros.tools import edition_cli
from macros.tools.pr_summary import summary
from tests.conftest import ROOT
from tests.synthetic_editions import add_edition


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path) -> Path:
    if not shutil.which("git"):
        pytest.skip("git is not installed")
    for name in ("docs", "data"):
        shutil.copytree(ROOT / name, tmp_path / name)
    _git(tmp_path, "init", "-q")
    _commit(tmp_path)
    return tmp_path


def _commit(repo: Path) -> None:
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")


def _set_actual(path: Path, kpi_id: str, value: int) -> None:
    """The KPI's actual (its first `actual:` line after its id) set to value."""
    text = path.read_text(encoding="utf-8")
    at = text.index(f"- id: {kpi_id}")
    line = text.index("actual: ", at)
    end = text.index("\n", line)
    path.write_text(text[:line] + f"actual: {value}" + text[end:], encoding="utf-8")


def _kpi_part(text: str) -> str:
    return text.split("### 数値が変わった KPI")[1].split("\n###")[0]


def test_unchanged_tree_reports_nothing(repo):
    text = summary(repo, "HEAD", None)
    assert "### 数値が変わった KPI" in text
    kpi_part = text.split("### 数値が変わった KPI")[1].split("###")[0]
    assert "- なし / none" in kpi_part
    assert "Preview" not in text
    assert "⚠️" not in text and "版 / Edition" not in text and "Editions added" not in text


def test_changed_figure_page_and_stale_translation(repo):
    s1 = repo / "data/editions/2024-02/strategies/strategy-1.yaml"
    s1.write_text(s1.read_text(encoding="utf-8").replace("            actual: 382\n", "            actual: 540\n", 1),
                  encoding="utf-8")
    ja = repo / "docs/editions/2024-02/strategy-1.md"
    ja.write_text(ja.read_text(encoding="utf-8") + "\n追記。\n", encoding="utf-8")
    text = summary(repo, "HEAD", "https://example.org/artifact/1")
    assert "[ビルドしたサイトをダウンロード / download the built site](https://example.org/artifact/1)" in text
    assert "- `docs/editions/2024-02/strategy-1.md`" in text
    rows = [line for line in text.splitlines() if line.startswith("| 1-1-1-1 |")]
    fields = {row.split("|")[3].strip(): row for row in rows}
    assert "382 (FY2022)" in fields["actual"] and "540 (FY2022)" in fields["actual"]
    assert "progress" in fields and "status" in fields           # 382 → 540 reaches the target: 達成
    assert "目標達成 / Achieved" in fields["status"]
    assert "- `docs/editions/2024-02/strategy-1.en.md` —" in text
    # The published edition changed: the first thing the reviewer reads says a correction must be recorded.
    warning = text.splitlines()[2]
    assert warning.startswith("> ⚠️ **公開済みの版 2024-02（令和6年2月版）の数値が変わっています / the figures of "
                              "published edition 2024-02 (February 2024 edition) have changed.**")
    assert "`make correct EDITION=2024-02 WHAT_JA=" in warning and text.count("⚠️") == 1


def test_a_recorded_correction_is_named_in_the_warning(repo):
    _set_actual(repo / "data/editions/2024-02/strategies/strategy-1.yaml", "1-1-1-1", 383)
    edition_cli.correct(repo, "2024-02", "2025-03-10", ("三洞入洞者数の誤植", "Typo in the cave visitors"),
                    ("原表の転記誤り", "Copied wrongly from the printed table"))
    warning = summary(repo, "HEAD", None).splitlines()[2]
    assert warning.startswith("> ⚠️ **公開済みの版 2024-02")
    assert "訂正の記録あり / correction recorded (2025-03-10): 三洞入洞者数の誤植 / Typo in the cave visitors" in warning
    assert "make correct" not in warning


def test_a_draft_edition_added_in_the_work_tree_is_listed_as_added(repo):
    add_edition(repo, "2025-02", 2023, publish=False)
    text = summary(repo, "HEAD", None)
    part = text.split("### 追加・削除・公開した版 / Editions added, removed or published")[1].split("\n###")[0]
    assert part.strip() == "- 追加 / added: 2025-02（令和7年2月版 / February 2025 edition、作成中 / draft）"
    kpis = _kpi_part(text)
    assert "**版 / Edition 2024-02（令和6年2月版 / February 2024 edition、公開済み / published）**" in kpis
    assert "- なし / none" in kpis and "2025-02" not in kpis    # an added edition is not compared
    assert "⚠️" not in text


def test_kpi_changes_are_grouped_by_edition_and_a_draft_needs_no_correction(repo):
    add_edition(repo, "2025-02", 2023, publish=False)
    _commit(repo)
    _set_actual(repo / "data/editions/2025-02/strategies/strategy-1.yaml", "1-1-1-1", 520)
    text = summary(repo, "HEAD", None)
    kpis = _kpi_part(text)
    published, draft = kpis.split("**版 / Edition 2025-02（令和7年2月版 / February 2025 edition、作成中 / draft）**")
    assert "**版 / Edition 2024-02" in published and "- なし / none" in published and "| 1-1-1-1 |" not in published
    rows = [line for line in draft.splitlines() if line.startswith("| 1-1-1-1 |")]
    assert any("| actual |" in r and "520 (FY2023)" in r for r in rows), draft
    assert "⚠️" not in text and "Editions added" not in text


def test_publishing_an_edition_is_listed(repo):
    add_edition(repo, "2025-02", 2023, publish=False)
    _commit(repo)
    edition_cli.publish(repo, "2025-02")
    text = summary(repo, "HEAD", None)
    assert "- 公開 / published: 2025-02（令和7年2月版 / February 2025 edition、公開済み / published）" in text
    assert "⚠️" not in text


def test_a_removed_published_edition_is_warned_about(repo):
    add_edition(repo, "2025-02", 2023, publish=True)
    _commit(repo)
    register = repo / "data/editions.yaml"
    text = register.read_text(encoding="utf-8")
    register.write_text(text[:text.index('  - id: "2025-02"')], encoding="utf-8")
    shutil.rmtree(repo / "data/editions/2025-02")
    shutil.rmtree(repo / "docs/editions/2025-02")
    text = summary(repo, "HEAD", None)
    assert text.splitlines()[2] == ("> ⚠️ **公開済みの版 2025-02（令和7年2月版）が削除されています / published edition"
                                    " 2025-02 (February 2025 edition) has been removed.**")
    assert "- 削除 / removed: 2025-02（令和7年2月版 / February 2025 edition、公開済み / published）" in text
    assert "| KPI |" not in _kpi_part(text)     # the one edition left is unchanged
