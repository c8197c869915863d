"""What a pull request changes, for a reviewer: the job summary of the pull-request check.

    python -m macros.tools.pr_summary --base origin/main [--preview URL] [--out FILE]

Lists the pages that changed, every KPI whose value, progress or status differs from the base
branch (both computed by the same engine from each side's data/), the stale English pages and a
link to the preview of the built site. Writes Markdown to --out (the check passes
$GITHUB_STEP_SUMMARY) or to standard output. Uses git and macros/core only, never MkDocs.
"""
from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import DataError
from ..core.report import LoadedReport, load_report
from ..render.labels import status_label
from ..render.numbers import fmt_number, fmt_pct
from . import translations

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class KpiChange:
    kpi_id: str
    name: str
    field: str
    old: str
    new: str


def _git(root: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True).stdout


def changed_files(root: Path, base: str) -> list[str]:
    """Files under docs/ and data/ that differ between the base and the work tree."""
    out = _git(root, "diff", "--name-only", base, "--", "docs", "data").decode()
    return [line for line in out.splitlines() if line]


def load_base(root: Path, base: str, into: Path) -> LoadedReport:
    """The base branch's data/, loaded by today's engine."""
    archive = _git(root, "archive", "--format=tar", base, "data")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return load_report(into)


def _value(v) -> str:
    return "—" if v is None else fmt_number(v.amount) + (f" (FY{v.fy})" if v.fy else "")


def _facts(data: LoadedReport, kpi_id: str) -> dict[str, str]:
    e = data.evaluations[kpi_id]
    k = e.kpi
    return {"baseline": _value(k.baseline), "actual": _value(k.actual), "target": _value(k.target),
            "progress": fmt_pct(e.progress_pct, "算出不可 / n/a"),
            "status": f"{status_label('ja', e.status, short=True)} / {status_label('en', e.status, short=True)}"}


def kpi_changes(old: LoadedReport, new: LoadedReport) -> list[KpiChange]:
    """Every field of every KPI whose shown value differs; added and removed KPIs too."""
    changes: list[KpiChange] = []
    old_ids = set(old.evaluations)
    for kid, e in new.evaluations.items():
        name = e.kpi.name.ja
        if kid not in old_ids:
            changes.append(KpiChange(kid, name, "KPI", "—", "追加 / added"))
            continue
        before, after = _facts(old, kid), _facts(new, kid)
        changes += [KpiChange(kid, name, f, before[f], after[f]) for f in after if before[f] != after[f]]
    for kid in sorted(old_ids - set(new.evaluations)):
        changes.append(KpiChange(kid, old.evaluations[kid].kpi.name.ja, "KPI", "", "削除 / removed"))
    return changes


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def summary(root: Path, base: str, preview: str | None) -> str:
    lines = ["## 変更の確認 / What this change does", ""]
    if preview:
        lines += [f"**プレビュー / Preview:** [ビルドしたサイトをダウンロード / download the built site]({preview})"
                  " — 展開して index.html を開いてください / unzip it and open index.html", ""]
    files = changed_files(root, base)
    pages = [f for f in files if f.startswith("docs/")]
    lines += ["### 変更したページ / Pages changed", ""]
    lines += [f"- `{p}`" for p in pages] or ["- なし / none"]
    lines.append("")

    lines += ["### 数値が変わった KPI / KPIs whose figures changed", ""]
    new = load_report(root)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            old = load_base(root, base, Path(tmp))
    except (DataError, subprocess.CalledProcessError, OSError) as err:
        old = None
        lines += [f"基準のデータを読めませんでした / the base branch's data could not be read: {_cell(str(err))}", ""]
    changes = kpi_changes(old, new) if old else []
    if changes:
        lines += ["| KPI | 名称 / name | 項目 / field | 変更前 / before | 変更後 / after |", "|---|---|---|---|---|"]
        lines += [f"| {c.kpi_id} | {_cell(c.name)} | {c.field} | {_cell(c.old)} | {_cell(c.new)} |" for c in changes]
    elif old:
        lines.append("- なし / none")
    lines.append("")

    docs = root / "docs"
    stale = [en.relative_to(root).as_posix() for en in translations.stale(docs)]
    lines += ["### 翻訳が古い英語ページ / Stale English pages", ""]
    lines += [f"- `{p}` — 英語版を更新し `make stamp PAGES={p}` / update it, then `make stamp PAGES={p}`"
              for p in stale] or ["- なし / none"]
    lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m macros.tools.pr_summary", description=__doc__.splitlines()[0])
    ap.add_argument("--base", required=True, help="the branch or commit to compare with, e.g. origin/main")
    ap.add_argument("--preview", help="address of the built site (the uploaded artifact)")
    ap.add_argument("--out", help="append the Markdown here (e.g. $GITHUB_STEP_SUMMARY)")
    args = ap.parse_args(argv)
    try:
        text = summary(ROOT, args.base, args.preview)
    except DataError as err:   # the work tree's data is broken: the build has said where
        text = f"## 変更の確認 / What this change does\n\nデータにエラーがあります / the data has an error:\n\n    {err}\n"
    if args.out:
        with open(args.out, "a", encoding="utf-8") as f:
            f.write(text + "\n")
    else:
        sys.stdout.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
