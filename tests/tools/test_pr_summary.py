"""macros/tools/pr_summary.py: a reviewer sees the pages, the KPI figures and the stale pages a change touches."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from macros.tools.pr_summary import summary
from tests.conftest import ROOT


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path) -> Path:
    if not shutil.which("git"):
        pytest.skip("git is not installed")
    for name in ("docs", "data"):
        shutil.copytree(ROOT / name, tmp_path / name)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    return tmp_path


def test_unchanged_tree_reports_nothing(repo):
    text = summary(repo, "HEAD", None)
    assert "### 数値が変わった KPI" in text
    kpi_part = text.split("### 数値が変わった KPI")[1].split("###")[0]
    assert "- なし / none" in kpi_part
    assert "Preview" not in text


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
