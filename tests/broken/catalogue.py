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
_LINE_NUMBER = re.compile(r"(\.ya?ml|\.md):\d+")
_FINGERPRINT = re.compile(r"\b[0-9a-f]{16}\b")

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

この一覧では行番号を `N` と書いています（実際には `data/editions/2024-02/strategies/strategy-1.yaml:18:` のように数字が出ます）。

表（Excel）の取り込みでは、「ファイル:行」の代わりに「表のファイル名: シート!セル」が書かれます。
手引きは [編集の手引き](README.md) を見てください。
"""

SECTIONS = [
    ("setup", "準備（セットアップ）のエラー",
     "パソコンでビルドするときに、準備が済んでいないと表示されます。README の「はじめに」のとおり make setup を実行します。"),
    ("data", "数値のファイル（data/）のエラー", "ビルドで表示されます。書かれたファイルの行を直します。"),
    ("docs", "ページ（docs/）のエラー", "ビルドで表示されます。書かれたページの行を直します。"),
    ("editions", "版（data/editions.yaml、make new-edition、公開と訂正）のエラー",
     "make new-edition、make publish-edition、make correct と、make check（make build も最初に行います）で表示されます。"
     "編集の手引きの「7. 翌年度の評価を公開する」も見てください。"),
    ("new-site", "別の自治体のサイトを始めるとき（make new-site、make plan-sheet）のエラー",
     "make new-site と make plan-sheet で表示されます。エラーが1つでもあると、サイトのフォルダには何も書き込まれません。"
     "回答ファイル（answers.yaml）の行か、KPIの定義の表のセルを直して、もう一度実行します。"
     "手引きは [別の自治体のサイトを始める](new-site.md) です。"),
    ("sheet", "表（Excel）の取り込みのエラー",
     "make import-sheet で表示されます。"
     "エラーが1つでもあると data/ には何も書き込まれません。表のセルを直して、もう一度取り込みます。"),
]


def split_message(line: str) -> tuple[str, str]:
    """(what is wrong, what to do) in Japanese, from a one-line error 'where: field: what — fix / …'.

    The field may itself contain ': ' (kpis: measure id), and so may a bracketed part of the
    message (TypeError: …): the message starts after the last ': ' outside brackets.
    """
    head, _, rest = line.partition(" — ")     # the English half starts at the first " / " after the fix
    fix = rest.split(" / ", 1)[0]
    depth, start = 0, 0
    for i, ch in enumerate(head):
        if ch in "（(「[{":
            depth += 1
        elif ch in "）)」]}":
            depth = max(0, depth - 1)
        elif ch == ":" and depth == 0 and head[i + 1:i + 2] == " ":
            start = i + 2
    return head[start:].strip(), fix.strip()


def stable(line: str) -> str:
    """The line with its line numbers as N and an edition's fingerprints as 0…, so that editing data/ or
    docs/ does not change the catalogue."""
    return _FINGERPRINT.sub("0" * 16, _LINE_NUMBER.sub(r"\1:N", _LOG_PREFIX.sub("", line.strip())))


def _entry(n: int, title: str, line: str) -> str:
    """The mistake as its heading, the one line of its fix, then the message itself, once."""
    _, fix = split_message(line)
    return f"### {n}. {title}\n\n**直し方**: {fix}\n\n```text\n{line}\n```\n"


def build_lines(lines: dict[str, str | None]) -> list[tuple[str, str, str]]:
    """(section, title, message) of every broken-input case, from the line its build printed (by case id)."""
    from tests.broken.test_broken import CASES
    rows = []
    for case in CASES:
        line = lines.get(case["id"])
        if line is None:
            raise ValueError(f"case {case['id']} printed no error line: fix the corpus first")
        line = stable(line)
        section = "docs" if line.startswith("docs/") else "data"
        rows.append((section, case.get("what_ja", case["what"]), line))
    return rows


def sheet_lines(data: Path) -> list[tuple[str, str, str]]:
    """(section, title, message) of every broken workbook, from the import's output."""
    from macros.tools.sheet_export import current_workbook
    from tests.tools.sheet_cases import CASES, refusal
    buf = io.BytesIO()
    current_workbook(data.parent)[0].save(buf)
    rows = []
    for case in CASES:
        line = refusal(case, data, buf.getvalue())
        if line is None:
            raise ValueError(f"sheet case {case.id} printed no error line: fix the corpus first")
        rows.append(("sheet", case.what_ja, line))
    return rows


def edition_lines() -> list[tuple[str, str, str]]:
    """(section, title, message) of every mistake with editions (tests/tools/edition_cases.py), each in a copy."""
    import tempfile
    from tests.conftest import copy_project
    from tests.tools.edition_cases import CASES
    rows = []
    for case in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            rows.append(("editions", case.what_ja, stable(case.make(copy_project(Path(tmp))))))
    return rows


def new_site_lines() -> list[tuple[str, str, str]]:
    """(section, title, message) of every mistake in make new-site's answers and workbook
    (tests/tools/new_site_cases.py)."""
    import tempfile
    from tests.tools.new_site_cases import catalogue_lines
    with tempfile.TemporaryDirectory() as tmp:
        return [("new-site", title, stable(line)) for title, line in catalogue_lines(Path(tmp))]


def entered_lines() -> list[tuple[str, str, str]]:
    """(section, title, message) of the mistakes with statuses a city enters (tests/tools/sheet_entered_cases.py),
    on copies of a synthetic town."""
    import tempfile
    from tests.tools.sheet_entered_cases import catalogue_lines
    with tempfile.TemporaryDirectory() as tmp:
        return [(section, title, stable(line)) for section, title, line in catalogue_lines(Path(tmp))]


def direct_lines() -> list[tuple[str, str, str]]:
    """Messages no broken input in a copy of the project can provoke, made by the functions that print them."""
    import json
    import tempfile
    from macros.core.errors import DataError
    from macros.glue import assets
    from macros.tools.sheet_cli import locked, unwritable
    from macros.tools.sheet_import import layout_error
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        try:
            assets.bundle_version(Path(tmp))
        except DataError as err:
            rows.append(("setup", "npm ci を実行していない（node_modules に plotly.js がない）", err.one_line()))
        pkg = Path(tmp) / "node_modules" / assets.BUNDLE_PACKAGE / "package.json"
        pkg.parent.mkdir(parents=True)
        pkg.write_text(json.dumps({"version": "2.0.0"}), encoding="utf-8")
        try:
            assets.check_version(Path(tmp), "3.0.0")
        except DataError as err:
            rows.append(("setup", "package.json の plotly.js の版を plotly.py と違う版にした（数字は例）", err.one_line()))
    rows.append(("sheet", "Excel で開いたままの表を取り込もうとした（Windows）", locked("kpis.xlsx").one_line()))
    rows.append(("sheet", "ないフォルダに表を書き出そうとした（make sheet SHEET=ないフォルダ/kpis.xlsx）",
                 unwritable("ないフォルダ/kpis.xlsx").one_line()))
    rows.append(("sheet", "data/ のファイルの書式が、値だけを書き換えられない形になっている（行番号は例）",
                 layout_error("data/editions/2024-02/strategies/strategy-1.yaml", "lines [18] would change").one_line()))
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
    """The catalogue from the broken builds' outcomes (tests/broken/test_broken.py) and the workbook cases."""
    from tests.broken.test_broken import error_line
    lines = {case_id: error_line(o) for case_id, o in outcomes.items()}
    return render(build_lines(lines) + edition_lines() + new_site_lines() + sheet_lines(ROOT / "data") + entered_lines()
                  + direct_lines())


def main() -> None:
    from tests.broken.test_broken import run_all
    text = catalogue(run_all())
    CATALOGUE.parent.mkdir(exist_ok=True)
    CATALOGUE.write_text(text, encoding="utf-8")
    print(f"wrote {CATALOGUE.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
