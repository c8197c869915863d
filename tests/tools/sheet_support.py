"""Helpers for the workbook tests: a scratch project with data/, an export, a digest of data/."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from openpyxl import load_workbook

from macros.tools.sheet_cli import run
from macros.tools.sheet_export import export


def scratch_project(root: Path, dest: Path) -> Path:
    """A copy of the project's data/ (all the round trip reads and writes)."""
    shutil.copytree(root / "data", dest / "data")
    return dest


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
