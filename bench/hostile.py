"""Hostile data and workbooks (SECURITY.md): how long each takes, how much memory it uses, what it prints.

    .venv/bin/python bench/hostile.py [--root CHECKOUT] [--no-defusedxml] [--only NAME ...]

Each attack is made in a scratch copy of CHECKOUT's data/ (default: this one) and run there in a child
process, with its address space capped (--memory-mb) and a time limit; the table gives the wall time, the
child's peak resident memory, its exit code and the first characters of what it printed. To measure a
checkout from before the limits, export that commit (git archive) and pass it as --root, with
--no-defusedxml to read workbooks the way openpyxl did before defusedxml was installed.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
S1 = "data/editions/2024-02/strategies/strategy-1.yaml"

# The child's code: {root} is the checkout, {work} the scratch folder, {wb} the workbook (if any).
IMPORT = """
import sys
from macros.tools.sheet_cli import run
sys.exit(run(["import", "{wb}"], root=__import__("pathlib").Path("{work}")))
"""
# A data file refused while it is loaded: the one line an editor sees (the build prints the same).
REFUSED = """
import sys
from macros.core.errors import DataError
try:
    exec(compile({body!r}, "attack", "exec"))
except DataError as err:
    print(err.one_line())
    sys.exit(1)
"""
CSV = """
from pathlib import Path
from macros.core.report import load_report
from macros.core.export import to_csv
import csv, io
text = to_csv(load_report(Path("{work}"))).decode("utf-8-sig")
cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
print("formula cells in kpis.csv:", [c for c in cells if c and c[0] in "=+-@\\t\\r＝＋－＠" and not c[1:2].isdigit()])
"""
EXPORT = """
import zipfile
from pathlib import Path
from macros.tools.sheet_export import export
export(Path("{work}"), Path("{work}/out.xlsx"))
z = zipfile.ZipFile("{work}/out.xlsx")
print("<f> in the exported sheets:", sum(z.read(n).count(b"<f>") for n in z.namelist() if "worksheets" in n))
"""
GLOSSARY = """
from pathlib import Path
from macros.core.glossary import load_glossary
g = load_glossary(Path("{work}"))
print("loaded", type(g).__name__)
"""


def _patch(work: Path, rel: str, find: str, replace: str) -> None:
    path = work / rel
    text = path.read_text(encoding="utf-8")
    assert find in text, (rel, find)
    path.write_text(text.replace(find, replace, 1), encoding="utf-8")


def _export(work: Path) -> Path:
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(f"""
        from pathlib import Path
        from macros.tools.sheet_export import export
        export(Path("{work}"), Path("{work}/kpis.xlsx"))""")], cwd=work.parent / "code", capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return work / "kpis.xlsx"


def _rezip(path: Path, edit, extra: dict | None = None) -> None:
    data = {i.filename: zipfile.ZipFile(path).read(i.filename) for i in zipfile.ZipFile(path).infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in data.items():
            z.writestr(name, edit(name, content))
        for name, content in (extra or {}).items():
            z.writestr(name, content)


def _openpyxl_edit(path: Path, change) -> None:
    from openpyxl import load_workbook
    wb = load_workbook(path)
    change(wb["KPI"])
    wb.save(path)


def _sheet_entity(path: Path, entity: bytes) -> None:
    def edit(name, content):
        if name != "xl/worksheets/sheet1.xml":
            return content
        content = content.replace(b"?>", b"?><!DOCTYPE worksheet [" + entity + b"]>", 1)
        return content.replace(b"<v>382</v>", b"<v>&e;</v>", 1)
    _rezip(path, edit)


def _bomb(path: Path) -> None:
    """A 300 MB remark in the sheet's XML: about 0.3 MB once compressed."""
    pad = b"A" * (300 * 1024 * 1024)

    def edit(name, content):
        if name != "xl/worksheets/sheet1.xml":
            return content
        return content.replace(b'<c r="M2"', b'<c r="M2" t="inlineStr"><is><t>' + pad + b'</t></is></c><c r="N2"', 1)
    _rezip(path, edit)


def _styled_last_row(ws) -> None:
    from openpyxl.styles import PatternFill
    ws.cell(row=1_048_576, column=1).fill = PatternFill("solid", fgColor="FFFF00")


def _many_rows(ws) -> None:
    for r in range(ws.max_row + 1, ws.max_row + 1 + 100_000):
        ws.cell(row=r, column=1, value="X")


def _raw_cell(cell: str, text: str):
    def change(ws):
        ws[cell]._value, ws[cell].data_type = text, "s"
    return change


def _array_formula(ws) -> None:
    from openpyxl.worksheet.formula import ArrayFormula
    ws["M2"] = ArrayFormula("M2", "=SUM(H2:H3*2)")


LAUGHS = "- ja: 笑\n  en: lol\n  forms:\n    - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"    - &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)) + "\n- ja: 商工会\n"


def attacks():
    """(name, what, prepare(work) -> child code)."""
    def csv_formula(work):
        _patch(work, S1, 'name: {ja: "三洞入洞者数"', 'name: {ja: "=HYPERLINK(\\"http://example.invalid/\\",\\"三洞\\")"')
        return REFUSED.format(body=CSV)

    def export_formula(work):
        _patch(work, S1, "            target: 540\n", '            target: 540\n            remarks: "=1+1"\n')
        return REFUSED.format(body=EXPORT)

    def workbook(prepare):
        def run(work):
            path = _export(work)
            prepare(path)
            return IMPORT.replace("{wb}", str(path))
        return run

    def laughs(work):
        _patch(work, "data/glossary.yaml", "- ja: 商工会\n", LAUGHS)
        return REFUSED.format(body=GLOSSARY)

    def big_yaml(work):
        _patch(work, "data/glossary.yaml", "- ja: 商工会\n", "- ja: 大\n  en: big\n  forms: [" + "x" * (50 * 1024 * 1024) + "]\n\n- ja: 商工会\n")
        return REFUSED.format(body=GLOSSARY)

    return [
        ("5-csv", "KPI name =HYPERLINK(…) → kpis.csv", csv_formula),
        ("5-sheet", "remark =1+1 → make sheet", export_formula),
        ("6-bomb", "workbook inflating to 300 MB", workbook(_bomb)),
        ("6-last-row", "styled empty cell on row 1,048,576", workbook(lambda p: _openpyxl_edit(p, _styled_last_row))),
        ("6-rows", "100,000 added rows", workbook(lambda p: _openpyxl_edit(p, _many_rows))),
        ("6-xxe", "external entity in the sheet XML", workbook(lambda p: _sheet_entity(p, b'<!ENTITY e SYSTEM "file:///etc/hostname">'))),
        ("6-entity", "internal entity in the sheet XML", workbook(lambda p: _sheet_entity(p, b'<!ENTITY e "390">'))),
        ("6-array", "array formula in 備考", workbook(lambda p: _openpyxl_edit(p, _array_formula))),
        ("6-remark", "10 MB remark", workbook(lambda p: _openpyxl_edit(p, _raw_cell("M2", "x" * 10_000_000)))),
        ("6-echo", "10 MB bad value", workbook(lambda p: _openpyxl_edit(p, _raw_cell("H2", "x" * 10_000_000)))),
        ("7-laughs", "billion laughs in glossary.yaml", laughs),
        ("7-big", "50 MB glossary.yaml", big_yaml),
    ]


def _run(code: str, cwd: Path, env: dict, memory_mb: int, timeout: int) -> tuple[float, int, int, str]:
    def cap():
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=cwd, env=env, preexec_fn=cap,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
        out = f"(stopped after {timeout} s) ".encode() + out
    elapsed = time.monotonic() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, peak_kb, proc.returncode, out.decode("utf-8", "replace")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=HERE)
    ap.add_argument("--no-defusedxml", action="store_true")
    ap.add_argument("--memory-mb", type=int, default=4096)
    ap.add_argument("--timeout", type=int, default=120)
    ap.add_argument("--only", nargs="*")
    args = ap.parse_args()
    env = dict(os.environ, PYTHONPATH=str(args.root.resolve()))
    if args.no_defusedxml:
        env["OPENPYXL_DEFUSEDXML"] = "False"
    print("| attack | time | peak memory | exit | output (first line, 160 characters; total size) |")
    print("| --- | ---: | ---: | ---: | --- |")
    for name, what, prepare in attacks():
        if args.only and name not in args.only:
            continue
        with tempfile.TemporaryDirectory(prefix=f"hostile-{name}-") as tmp:
            work = Path(tmp) / "project"
            shutil.copytree(args.root / "data", work / "data")
            (Path(tmp) / "code").symlink_to(args.root.resolve())
            env["PYTHONPATH"] = str(args.root.resolve())
            code = prepare(work).replace("{work}", str(work))
            # Peak memory is per child: measure each attack in a process of its own.
            result = subprocess.run([sys.executable, "-c", textwrap.dedent(f"""
                import sys; sys.path.insert(0, {str(HERE)!r})
                from bench.hostile import _run
                from pathlib import Path
                t, kb, rc, out = _run({code!r}, Path({str(args.root.resolve())!r}), {env!r}, {args.memory_mb}, {args.timeout})
                first = (out.strip().splitlines() or [""])[0]
                first = first if len(first) <= 160 else first[:160] + "…"
                print(f"| {{t:.2f}} s | {{kb / 1024:.0f}} MB | {{rc}} | {{first.replace('|', '¦')}} ({{len(out):,}} chars) |")
                """)], capture_output=True, text=True)
            print(f"| {name}: {what} " + (result.stdout.strip() or f"| bench failed: {result.stderr[-300:]} |"))


if __name__ == "__main__":
    main()
