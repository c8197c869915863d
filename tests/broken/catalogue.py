"""The staff guide's catalogue of error messages (guide/errors.md), made from the messages themselves.

Every entry is a real line printed by the code: the strict build of each broken-input case
(tests/broken/cases.yaml) and the import of each broken workbook (tests/tools/sheet_cases.py).
test_catalogue.py fails when the committed file differs from what the code prints now;
`make catalogue` (python -m tests.broken.catalogue) writes it again.
"""
from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from tests.conftest import ROOT

CATALOGUE = ROOT / "guide" / "errors.md"
_LOG_PREFIX = re.compile(r"^(ERROR|WARNING|INFO|NOTICE)\s+-\s+")

HEADER = """\
# エラーメッセージ一覧 / Error messages

<!-- このファイルは自動で作られます。直接編集しないでください。作り直すには make catalogue。
     Generated from the messages the code prints: do not edit; run `make catalogue`. -->

ビルド（プレビュー・プルリクエストのチェック）や表（Excel）の取り込みで表示される、すべての種類のエラーです。
それぞれ、実際にその間違いをしたときに表示される文そのものです。
表示された文の一部（「」の中以外）をこのページで検索すると、原因と直し方が見つかります。

エラーの文はいつも1行で、次の形です。

```text
ファイル:行: 項目: 何が問題か — どう直すか / (the same in English)
```

表（Excel）の取り込みでは、「ファイル:行」の代わりに「表のファイル名: シート!セル」が書かれます。
手引きは [編集の手引き](README.md) を見てください。
"""

SECTIONS = [
    ("data", "数値のファイル（data/）のエラー", "ビルドで表示されます。書かれたファイルの行を直します。"),
    ("docs", "ページ（docs/）のエラー", "ビルドで表示されます。書かれたページの行を直します。"),
    ("sheet", "表（Excel）の取り込みのエラー",
     "python -m macros.sheet import（make import-sheet）で表示されます。"
     "エラーが1つでもあると data/ には何も書き込まれません。表のセルを直して、もう一度取り込みます。"),
]


def split_message(line: str) -> tuple[str, str]:
    """(what is wrong, what to do) in Japanese, from a one-line error 'where: field: what — fix / …'."""
    parts = line.split(": ", 2)
    body = parts[2] if len(parts) == 3 else line
    what, _, fix = body.split(" / ", 1)[0].partition(" — ")
    return what.strip(), fix.strip()


def _entry(n: int, title: str, line: str) -> str:
    what, fix = split_message(line)
    return (f"### {n}. {title}\n\n```text\n{line}\n```\n\n"
            f"- **原因**: {what}\n- **直し方**: {fix}\n")


def build_lines(outcomes: dict) -> list[tuple[str, str, str]]:
    """(section, title, message) of every broken-input case, from the builds' output."""
    from tests.broken.test_broken import CASES, error_line
    rows = []
    for case in CASES:
        line = error_line(outcomes[case["id"]])
        if line is None:
            raise ValueError(f"case {case['id']} printed no error line: fix the corpus first")
        line = _LOG_PREFIX.sub("", line.strip())
        section = "docs" if line.startswith("docs/") else "data"
        rows.append((section, case.get("what_ja", case["what"]), line))
    return rows


def sheet_lines(data: Path) -> list[tuple[str, str, str]]:
    """(section, title, message) of every broken workbook, from the import's output."""
    from macros.core.report import load_report
    from macros.tools.sheet_export import build_workbook
    from tests.tools.sheet_cases import CASES, refusal
    buf = io.BytesIO()
    build_workbook(load_report(data.parent).report).save(buf)
    rows = []
    for case in CASES:
        line = refusal(case, data, buf.getvalue())
        if line is None:
            raise ValueError(f"sheet case {case.id} printed no error line: fix the corpus first")
        rows.append(("sheet", case.what_ja, line))
    return rows


def render(rows: list[tuple[str, str, str]]) -> str:
    parts, n = [HEADER], 0
    for key, heading, intro in SECTIONS:
        entries = [r for r in rows if r[0] == key]
        parts.append(f"\n## {heading}\n\n{intro}\n")
        for _, title, line in entries:
            n += 1
            parts.append("\n" + _entry(n, title, line))
    return "".join(parts)


def catalogue(outcomes: dict) -> str:
    return render(build_lines(outcomes) + sheet_lines(ROOT / "data"))


def main() -> None:
    from tests.broken.test_broken import run_all
    text = catalogue(run_all())
    CATALOGUE.parent.mkdir(exist_ok=True)
    CATALOGUE.write_text(text, encoding="utf-8")
    print(f"wrote {CATALOGUE.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
