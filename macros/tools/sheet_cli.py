"""Command line of the KPI workbook round trip (make sheet / make import-sheet SHEET=FILE.xlsx)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.errors import DataError, problem
from .sheet_export import export
from .sheet_import import import_sheet

ROOT = Path.cwd()   # the site: make runs the tools in the site's folder (the engine may be shared)


def locked(display: str) -> DataError:
    """The file is locked, typically open in Excel on Windows."""
    return DataError(display, None, "file", problem(
        "ファイルを開けません（他のプログラムで開いている可能性）", "the file cannot be opened (open in another program?)",
        "Excel などでこのファイルを閉じてから、もう一度実行してください", "close the file in Excel and run again"))


def unwritable(display: str) -> DataError:
    """The workbook cannot be written there (no such folder, a read-only place)."""
    return DataError(display, None, "file", problem(
        "ファイルを書き出せません（フォルダがないか、書き込めない場所です）",
        "the file cannot be written (no such folder, or not writable)",
        "フォルダ名を確かめるか、別の場所を指定してください", "check the folder name or choose another place"))


def _fail(lines: list[str], footer: str) -> int:
    for line in lines:
        print(line, file=sys.stderr)
    print(footer, file=sys.stderr)
    return 1


def run(argv: list[str], root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(
        prog=".venv/bin/python -m macros.sheet",
        description="KPI の表（Excel）の書き出しと取り込み / export and import the KPI workbook")
    parser.add_argument("command", choices=["export", "import"])
    parser.add_argument("file", help="the workbook, e.g. kpis.xlsx")
    args = parser.parse_args(argv)
    path = Path(args.file)
    try:
        if args.command == "export":
            edition_id, n, published = export(root, path)
            print(f"{path} に版 {edition_id} の {n} 件の KPI を書き出しました"
                  f" / wrote the {n} KPIs of edition {edition_id} to {path}")
            if published:
                print(f"注意: 版 {edition_id} は公開済みです。この表は読むためのもので、入力しても取り込めません。"
                      "翌年度の実績値は、先に make new-edition EDITION=公開年月 FY=年度 で次の版を作ってから make sheet で"
                      f"書き出します / note: edition {edition_id} is published: this workbook is for reading and cannot"
                      " be imported; for next year's figures, run make new-edition EDITION=YYYY-MM FY=YEAR first, then make sheet")
            return 0
        out = import_sheet(root, path, display=args.file)
    except DataError as err:
        return _fail([err.one_line()], "何も書き込んでいません / nothing was written")
    except PermissionError:
        return _fail([locked(args.file).one_line()], "何も書き込んでいません / nothing was written")
    except OSError:
        return _fail([unwritable(args.file).one_line()], "何も書き込んでいません / nothing was written")
    if out.errors:
        more = [f"…ほか {out.more_errors:,} 件のエラー（最初の {len(out.errors)} 件を表示） / … and {out.more_errors:,} more"
                f" error(s) (the first {len(out.errors)} are shown)"] if out.more_errors else []
        return _fail([e.one_line() for e in out.errors] + more,
                     f"{out.error_count:,} 件のエラーがあるため、data/ には何も書き込んでいません"
                     f" / {out.error_count:,} error(s): nothing was written to data/")
    for c in out.applied:
        print(c.line())
    n = len(out.applied)
    if not n:
        print("data/ の値に変更はありません / no values changed in data/")
    else:
        print(f"{n} 件を変更しました: {', '.join(out.written)}"
              f" / made {n} change(s) in {', '.join(out.written)}")
    return 0


def main() -> None:
    sys.exit(run(sys.argv[1:]))
