"""Helpers for the workbook tests: a scratch project with data/ (the real, published edition, or a later
draft edition to import into), an export, a digest of data/, a value set in a YAML file."""
from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

from openpyxl import load_workbook

from macros.tools.sheet_cli import run
from macros.tools.sheet_export import export
from tests.synthetic_editions import add_edition

DRAFT = "2025-02"   # the synthetic draft edition of draft_project (FY2023 actuals)
TOWNS = Path(__file__).resolve().parents[1] / "towns"


def entered_town(town: str, dest: Path) -> Path:
    """A copy of a synthetic town (tests/towns/<town>: its data/ and docs/) whose statuses the city enters
    (the `entered` scheme), its one edition made a draft in which no KPI has been judged yet."""
    for part in ("data", "docs"):
        shutil.copytree(TOWNS / town / part, dest / part)
    site = dest / "data" / "site.yaml"
    site.write_text(re.sub(r"scheme: \S+", "scheme: entered", site.read_text(encoding="utf-8")), encoding="utf-8")
    register = dest / "data" / "editions.yaml"
    text = register.read_text(encoding="utf-8").replace("state: published", "state: draft")
    register.write_text(re.sub(r"\n *fingerprint: .*", "", text), encoding="utf-8")
    return dest


def scratch_project(root: Path, dest: Path) -> Path:
    """A copy of the project's data/ (all the round trip reads and writes)."""
    shutil.copytree(root / "data", dest / "data")
    return dest


def draft_project(root: Path, dest: Path) -> Path:
    """A copy of data/ and docs/ in which the next edition, DRAFT, has been started (as staff start one,
    with made-up actuals): the workbook's edition. Synthetic editions exist only in such copies."""
    shutil.copytree(root / "data", dest / "data")
    shutil.copytree(root / "docs", dest / "docs")
    add_edition(dest, DRAFT, 2023, publish=False)
    return dest


def strategy_file(project: Path, n: int, edition_id: str = DRAFT) -> Path:
    return project / "data" / "editions" / edition_id / "strategies" / f"strategy-{n}.yaml"


def _kpi_start(text: str, kpi_id: str) -> int:
    return re.search(rf"- id: {re.escape(kpi_id)}(?=[ \n])", text).end()


def set_field(path: Path, kpi_id: str, field: str, value: str) -> None:
    """Write `field: value` on the line of that field in the KPI's block (the YAML's layout kept)."""
    text = path.read_text(encoding="utf-8")
    start = _kpi_start(text, kpi_id)
    line_start = text.index(f" {field}: ", start) + 1
    line_end = text.index("\n", line_start)
    path.write_text(text[:line_start] + f"{field}: {value}" + text[line_end:], encoding="utf-8")


def add_line_after(path: Path, kpi_id: str, field: str, line: str) -> None:
    """Add `line` (at the KPI's indentation) after the line of that field in the KPI's block."""
    text = path.read_text(encoding="utf-8")
    start = _kpi_start(text, kpi_id)
    field_at = text.index(f" {field}: ", start)
    indent = field_at + 1 - (text.rindex("\n", 0, field_at) + 1)
    line_end = text.index("\n", field_at) + 1
    path.write_text(text[:line_end] + " " * indent + line + "\n" + text[line_end:], encoding="utf-8")


def digest(project: Path) -> dict[str, str]:
    return {p.relative_to(project).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((project / "data").rglob("*")) if p.is_file()}


def exported(project: Path, name: str = "kpis.xlsx"):
    path = project / name
    export(project, path)
    return path, load_workbook(path)


def import_cli(project: Path, path: Path, capsys) -> tuple[int, str, str]:
    """Run `python -m macros.sheet import` in-process (the workbook named by its file name)."""
    code = run(["import", str(path)], root=project)
    captured = capsys.readouterr()
    return code, captured.out, captured.err
