"""What a pull request changes, for a reviewer: the job summary of the pull-request check.

    python -m macros.tools.pr_summary --base origin/main [--preview URL] [--out FILE]

Lists the pages that changed, the editions added, removed or published, every KPI whose value,
progress or status differs from the base branch in each edition both sides have (computed by the
same engine from each side's data/), the stale English pages and a link to the preview of the built
site. A published edition is an exact archive: when its figures change, a warning at the top says
so and whether the correction is recorded (make correct). Writes Markdown to
--out (the check passes $GITHUB_STEP_SUMMARY) or to standard output. Uses git and macros/core only,
never MkDocs.
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
from ..core.register import CORRECT_COMMAND, Entry, read_register
from ..core.report import LoadedReport, load_report
from ..render.labels import status_label
from ..render.numbers import fmt_number, fmt_pct
from . import translations

ROOT = Path.cwd()   # the site: make runs the tools in the site's folder (the engine may be shared)


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


@dataclass(frozen=True)
class Side:
    """Every edition of one side (the base or the work tree), in the register's order, each loaded."""

    entries: dict[str, Entry]
    data: dict[str, LoadedReport]


def load_side(root: Path) -> Side:
    register = read_register(root)
    return Side({e.id: e for e in register.entries},
                {e.id: load_report(root, e.id, published=e.published) for e in register.entries})


def load_base(root: Path, base: str, into: Path) -> Side:
    """The base branch's data/, loaded by today's engine."""
    archive = _git(root, "archive", "--format=tar", base, "data")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return load_side(into)


def _value(v) -> str:
    return "—" if v is None else fmt_number(v.amount) + (f" (FY{v.fy})" if v.fy else "")


def _facts(data: LoadedReport, kpi_id: str) -> dict[str, str]:
    e = data.evaluations[kpi_id]
    k = e.kpi
    return {"baseline": _value(k.baseline), "actual": _value(k.actual), "target": _value(k.target),
            "progress": fmt_pct(e.progress_pct, "算出不可 / n/a"),
            "status": f"{status_label('ja', e.status, data.scheme)} / {status_label('en', e.status, data.scheme)}"}


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


def _state(entry: Entry) -> str:
    return "公開済み / published" if entry.published else "作成中 / draft"


def edition_name(entry: Entry, data: LoadedReport) -> str:
    """2024-02（令和6年2月版 / February 2024 edition、公開済み / published）"""
    published = data.report.meta.published
    return f"{entry.id}（{published.ja}版 / {published.en} edition、{_state(entry)}）"


def _names(entry: Entry, data: LoadedReport) -> tuple[str, str]:
    """2024-02（令和6年2月版）, 2024-02 (February 2024 edition)"""
    published = data.report.meta.published
    return f"{entry.id}（{published.ja}版）", f"{entry.id} ({published.en} edition)"


def _table(changes: list[KpiChange]) -> list[str]:
    if not changes:
        return ["- なし / none"]
    return (["| KPI | 名称 / name | 項目 / field | 変更前 / before | 変更後 / after |", "|---|---|---|---|---|"]
            + [f"| {c.kpi_id} | {_cell(c.name)} | {c.field} | {_cell(c.old)} | {_cell(c.new)} |" for c in changes])


def _warning(old: Side, new: Side, edition_id: str) -> str:
    """The line at the top when a published edition's figures changed: a correction must be recorded."""
    before, after = old.entries[edition_id], new.entries[edition_id]
    ja, en = _names(before, old.data[edition_id])
    head = f"> ⚠️ **公開済みの版 {ja}の数値が変わっています / the figures of published edition {en} have changed.** "
    if len(after.corrections) > len(before.corrections):
        c = after.corrections[-1]
        return head + f"訂正の記録あり / correction recorded ({c.date}): {_cell(c.what.ja)} / {_cell(c.what.en)}"
    command = CORRECT_COMMAND.format(id=edition_id)
    return head + (f"公開済みの版は訂正の記録なしに変えられません。誤りの訂正なら `{command}`"
                   " で「いつ・何を・なぜ」を記録し、そうでなければ元に戻してください / a published"
                   " edition is not changed without a correction record: if this corrects a mistake, record when,"
                   f" what and why with `{command}`; otherwise undo it")


def _editions_changed(old: Side, new: Side) -> list[str]:
    """Editions added, removed or published by the change, one line each."""
    lines = [f"- 追加 / added: {edition_name(e, new.data[i])}" for i, e in new.entries.items() if i not in old.entries]
    lines += [f"- 削除 / removed: {edition_name(e, old.data[i])}"
              for i, e in old.entries.items() if i not in new.entries]
    lines += [f"- 公開 / published: {edition_name(e, new.data[i])}" for i, e in new.entries.items()
              if i in old.entries and e.published and not old.entries[i].published]
    return lines


def summary(root: Path, base: str, preview: str | None) -> str:
    new = load_side(root)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            old = load_base(root, base, Path(tmp))
    except (DataError, subprocess.CalledProcessError, OSError) as err:
        old, unreadable = None, err
    common = [i for i in new.entries if old and i in old.entries]
    changes = {i: kpi_changes(old.data[i], new.data[i]) for i in common}
    warnings = [_warning(old, new, i) for i in common if old.entries[i].published and changes[i]]
    if old:
        warnings += [f"> ⚠️ **公開済みの版 {ja}が削除されています / published edition {en} has been removed.**"
                     for i, e in old.entries.items() if e.published and i not in new.entries
                     for ja, en in [_names(e, old.data[i])]]

    lines = ["## 変更の確認 / What this change does", ""]
    for w in warnings:
        lines += [w, ""]
    if preview:
        lines += [f"**プレビュー / Preview:** [ビルドしたサイトをダウンロード / download the built site]({preview})"
                  " — 展開して index.html を開いてください / unzip it and open index.html", ""]
    files = changed_files(root, base)
    pages = [f for f in files if f.startswith("docs/")]
    lines += ["### 変更したページ / Pages changed", ""]
    lines += [f"- `{p}`" for p in pages] or ["- なし / none"]
    lines.append("")

    editions = _editions_changed(old, new) if old else []
    if editions:
        lines += ["### 追加・削除・公開した版 / Editions added, removed or published", "", *editions, ""]

    lines += ["### 数値が変わった KPI / KPIs whose figures changed", ""]
    if old is None:
        lines += [f"基準のデータを読めませんでした / the base branch's data could not be read: {_cell(str(unreadable))}"]
    elif len(new.entries) == 1 and len(old.entries) == 1 and common:
        lines += _table(changes[common[0]])          # one edition: its KPIs, as before editions existed
    elif not common:
        lines.append("- 比べられる版がありません / no edition is on both sides")
    else:
        for i in common:
            lines += [f"**版 / Edition {edition_name(new.entries[i], new.data[i])}**", "", *_table(changes[i]), ""]
        lines.pop()
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
