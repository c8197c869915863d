"""Mistakes with editions that a copy of the project with a second edition provokes: each case sets one
up (with tests/synthetic_editions.py, as staff would with `make new-edition` and the rest) and says which
one-line error it must print. tests/tools/test_edition.py runs them; the staff guide's catalogue of
error messages (tests/broken/catalogue.py) lists their lines.
"""
from __future__ import annotations

import contextlib
import io
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from macros.core.edition_series import load_editions
from macros.core.errors import DataError
from macros.tools import edition_cli
from tests.synthetic_editions import add_edition

SECOND = "2025-02"


def run_tool(project: Path, *argv: str) -> list[str]:
    """The tool's error lines (stderr), as staff see them."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = edition_cli.main(list(argv), root=project)
    assert code != 0, f"{argv} succeeded"
    return err.getvalue().strip().splitlines()


def _run(project: Path, *argv: str) -> str:
    """The tool's first error line: publishing lists every gap, one a line, and then how many."""
    return run_tool(project, *argv)[0]


def _load(project: Path) -> str:
    try:
        load_editions(project)
    except DataError as e:
        return str(e)
    raise AssertionError("the editions loaded without an error")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _strategy(project: Path, edition_id: str = SECOND) -> Path:
    return project / "data" / "editions" / edition_id / "strategies" / "strategy-1.yaml"


def draft_with_empty_actuals_published(project: Path) -> str:
    edition_cli.new(project, SECOND, 2023)
    return _run(project, "publish", SECOND)


def target_revised_without_a_record(project: Path) -> str:
    add_edition(project, SECOND, 2023, publish=False)
    _edit(_strategy(project), "            target: 540\n", "            target: 500\n")
    return _load(project)


def kpi_dropped_without_retiring_it(project: Path) -> str:
    add_edition(project, SECOND, 2023, publish=False)
    path = _strategy(project)
    text = path.read_text(encoding="utf-8")
    start = text.index("          - id: 1-1-1-2\n")
    end = text.index("      - id: 1-1-2\n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return _load(project)


def commit_all(project: Path, message: str = "state") -> None:
    """The copy as a repository with everything committed (staff work in a clone: the history names a
    published edition's changed files)."""
    git = ["git", "-C", str(project), "-c", "user.name=staff", "-c", "user.email=staff@example.org"]
    if not (project / ".git").exists():
        subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", message], check=True)


def published_edition_changed(project: Path) -> str:
    commit_all(project)
    _edit(_strategy(project, "2024-02"), "            actual: 382\n", "            actual: 383\n")
    return _run(project, "check")


def published_edition_has_no_fingerprint(project: Path) -> str:
    _edit(project / "data" / "editions.yaml", re.search(r"    fingerprint: [0-9a-f]+\n",
          (project / "data" / "editions.yaml").read_text(encoding="utf-8")).group(0), "")
    return _run(project, "check")


def new_edition_id_not_a_month(project: Path) -> str:
    return _run(project, "new", "2025-2", "--fy", "2023")


def new_edition_exists(project: Path) -> str:
    return _run(project, "new", "2024-02", "--fy", "2023")


def new_edition_before_the_latest(project: Path) -> str:
    return _run(project, "new", "2023-02", "--fy", "2023")


def new_edition_same_year(project: Path) -> str:
    return _run(project, "new", SECOND, "--fy", "2022")


def publish_unknown_edition(project: Path) -> str:
    return _run(project, "publish", "2026-02")


def publish_twice(project: Path) -> str:
    return _run(project, "publish", "2024-02")


def publish_with_stale_english(project: Path) -> str:
    add_edition(project, SECOND, 2023, publish=False)
    _edit(project / "docs" / "editions" / SECOND / "strategy-1.md", "コロナの影響で、全ての指標が未達成となっています。",
          "全ての指標が未達成となっています。")
    return _run(project, "publish", SECOND)


def correct_a_draft(project: Path) -> str:
    add_edition(project, SECOND, 2023, publish=False)
    return _run(project, "correct", SECOND, "--what-ja", "x", "--what-en", "x", "--why-ja", "x", "--why-en", "x")


def correct_with_a_bad_date(project: Path) -> str:
    return _run(project, "correct", "2024-02", "--date", "2025/03/10", "--what-ja", "x", "--what-en", "x",
                "--why-ja", "x", "--why-en", "x")


def correct_without_a_reason(project: Path) -> str:
    return _run(project, "correct", "2024-02", "--what-ja", "三洞入洞者数", "--what-en", "Cave visitors",
                "--why-ja", " ", "--why-en", " ")


@dataclass(frozen=True)
class Case:
    id: str
    what_ja: str
    make: Callable[[Path], str]
    file: str            # the file the line must name
    words: tuple[str, ...]


CASES = [
    Case("publish-empty-actuals", "実績値を入れないまま版を公開しようとした（make publish-edition）",
         draft_with_empty_actuals_published, "data/editions/2025-02/strategies/strategy-1.yaml",
         ("actual", "actual_unknown")),
    Case("revised-without-record", "前の版から目標値を変えたのに、改定の記録（revised）を書かなかった",
         target_revised_without_a_record, "data/editions/2025-02/strategies/strategy-1.yaml",
         ("1-1-1-1.target", "revised")),
    Case("kpi-dropped", "前の版にあった KPI を、廃止の記録（retired_kpis）なしに新しい版から削除した",
         kpi_dropped_without_retiring_it, "data/editions/2025-02/report.yaml", ("1-1-1-2", "retired_kpis")),
    Case("published-changed", "公開済みの版の数値を、訂正の記録なしに直した（make check）",
         published_edition_changed, "data/editions.yaml", ("2024-02", "make correct EDITION=2024-02", "data/editions/2024-02/strategies/strategy-1.yaml")),
    Case("no-fingerprint", "公開済みの版の fingerprint を消した",
         published_edition_has_no_fingerprint, "data/editions.yaml", ("fingerprint", "make publish-edition")),
    Case("new-bad-id", "新しい版の ID を YYYY-MM の形で書かなかった（make new-edition EDITION=2025-2）",
         new_edition_id_not_a_month, "data/editions.yaml", ("2025-2", "YYYY-MM")),
    Case("new-exists", "すでにある版の ID で新しい版を作ろうとした", new_edition_exists, "data/editions.yaml",
         ("2024-02", "already exists")),
    Case("new-before-latest", "最新の版より前の公開年月で新しい版を作ろうとした", new_edition_before_the_latest,
         "data/editions.yaml", ("2023-02", "not after")),
    Case("new-same-year", "新しい版の実績の年度を、最新の版と同じ年度にした（FY=2022）", new_edition_same_year,
         "data/editions.yaml", ("2022", "fiscal year")),
    Case("publish-unknown", "一覧にない版を公開しようとした", publish_unknown_edition, "data/editions.yaml",
         ("2026-02",)),
    Case("publish-twice", "公開済みの版をもう一度公開しようとした", publish_twice, "data/editions.yaml",
         ("already published",)),
    Case("publish-stale", "日本語のページを直したあと、英語のページを直さずに版を公開しようとした",
         publish_with_stale_english, "docs/editions/2025-02/strategy-1.en.md", ("stale",)),
    Case("correct-draft", "作成中の版に訂正を記録しようとした", correct_a_draft, "data/editions.yaml", ("draft",)),
    Case("correct-bad-date", "訂正の日付を YYYY-MM-DD の形で書かなかった", correct_with_a_bad_date,
         "data/editions.yaml", ("2025/03/10",)),
    Case("correct-no-reason", "訂正の理由を書かなかった", correct_without_a_reason, "data/editions.yaml", ("why",)),
]
