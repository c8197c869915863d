"""`python -m macros.edition`: start, publish and correct editions of the report (data/editions.yaml).

  new ID --fy FY   scaffold the next edition from the latest one: the period's KPIs with empty actuals
                   and printed progress, the narratives copied as drafts, the English pages marked stale
                   until translated; registered as state: draft (built only in a preview)
  publish ID       check the edition as published (no empty actual without its reason), then record
                   state: published and the fingerprint of its files: from then on it is an exact archive
  correct ID ...   record a correction to a published edition (date, what, why) with its new fingerprint
  fingerprint ID   print the fingerprint of an edition's files
  check            every published edition is exactly as published or as last corrected (`make build`
                   runs it first: the site is never built from a silently changed archive)

Every mistake is one line (file, line, field, what is wrong, what to do); nothing is written unless the
whole step can be done.
"""
from __future__ import annotations

import argparse
import datetime
import io
import re
import shutil
import sys
from pathlib import Path

from ruamel.yaml import YAML

from ..core.errors import DataError, problem
from ..core.fiscal import is_valid_fy
from ..core.register import REGISTER, check_unchanged, fingerprint, read_register
from ..core.report import load_report
from . import translations
from .workflow_commands import annotate

ROOT = Path(__file__).resolve().parents[2]
ID = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")
# What an edition reports about itself, not the period's plan: left out of the next edition's scaffold
# (remarks: the departments' memos about this edition's figures, from the workbook's 備考 column).
_EDITION_FIELDS = ("history", "summary_table", "notes", "actual_unknown", "revised", "remarks")


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 1_000_000
    y.indent(mapping=2, sequence=4, offset=2)
    y.representer.add_representer(type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return y


_FULL_LINE_COMMENT = re.compile(r"^\s*#.*\n", re.M)
_TRAILING_COMMENT = re.compile(r"[ ]{2,}#\s.*$", re.M)


def _without_comments(text: str) -> str:
    """The previous edition's comments are about its own source (page and line of its PDF): not copied."""
    return _TRAILING_COMMENT.sub("", _FULL_LINE_COMMENT.sub("", text))


def _fail(field: str, what_ja: str, what_en: str, fix_ja: str, fix_en: str, file: str = REGISTER) -> DataError:
    return DataError(file, None, field, problem(what_ja, what_en, fix_ja, fix_en))


def published_text(edition_id: str) -> tuple[str, str]:
    """2025-02 → 令和7年2月 / February 2025 (the month of publication, as the report prints it)."""
    year, month = int(edition_id[:4]), int(edition_id[5:])
    era = f"令和{year - 2018}年" if year >= 2019 else f"平成{year - 1988}年"
    return f"{era.replace('令和1年', '令和元年')}{month}月", datetime.date(year, month, 1).strftime("%B %Y")


def _scaffold_strategy(text: str, edition_id: str, base_id: str) -> str:
    """The period's plan from the latest edition's strategy file: actuals and printed figures emptied."""
    y = _yaml()
    doc = y.load(text)
    doc["published_status_counts"] = None
    for policy in doc["policies"]:
        for measure in policy["measures"]:
            for kpi in measure["kpis"]:
                kpi["actual"] = None
                kpi["published_progress_pct"] = None
                for name in _EDITION_FIELDS:
                    kpi.pop(name, None)
    out = io.StringIO()
    y.dump(doc, out)
    header = (f"# 重点戦略 — 版 {edition_id}（{base_id} から作成）。actual（実績値）と published_progress_pct（報告書に\n"
              "# 印刷する進捗率）を記入してください。不明な実績値は actual: null と actual_unknown: {ja: 理由, en: reason}。\n"
              "# 策定時の値・目標値を改定するときは revised: [{field, previous, ja, en}] を書きます（README 参照）。\n")
    return header + _without_comments(out.getvalue())


def new(root: Path, edition_id: str, fy: int) -> list[str]:
    """Scaffold an edition; returns the files written (relative to root)."""
    register = read_register(root)
    if not ID.match(edition_id):
        raise _fail("id", f"版の ID「{edition_id}」は YYYY-MM の形ではありません", f"edition id {edition_id!r} is not YYYY-MM",
                    "公開年月を 2025-02 のように書いてください", "write the month of publication, e.g. 2025-02")
    if register.get(edition_id) or (root / "data/editions" / edition_id).exists():
        raise _fail("id", f"版「{edition_id}」はすでにあります", f"edition {edition_id!r} already exists",
                    "別の ID にしてください", "choose another id")
    latest = register.latest(include_drafts=True)
    if edition_id <= latest.id:
        raise _fail("id", f"版「{edition_id}」は最新の版（{latest.id}）より前です",
                    f"edition {edition_id!r} is not after the latest edition ({latest.id})",
                    "最新の版より後の公開年月にしてください", "use a month after the latest edition's")
    base = load_report(root, latest.id, published=latest.published).report
    if not is_valid_fy(fy) or fy <= base.meta.columns.actual_fy:
        raise _fail("fy", f"実績の年度 {fy} が最新の版（{base.meta.columns.actual_fy}年度）より後ではありません",
                    f"fiscal year {fy} is not after the latest edition's ({base.meta.columns.actual_fy})",
                    "次の年度を西暦の整数で書いてください（令和5年度 = 2023）",
                    "give the next fiscal year as an integer (令和5年度 = 2023)")
    src_data, dst_data = root / latest.data_dir, root / "data/editions" / edition_id
    src_docs, dst_docs = root / latest.docs_dir, root / "docs/editions" / edition_id
    written: dict[Path, str] = {}

    y = _yaml()
    report = y.load((src_data / "report.yaml").read_text(encoding="utf-8"))
    ja, en = published_text(edition_id)
    report["published"]["ja"], report["published"]["en"] = ja, en
    report["columns"]["actual_fy"] = fy
    report["published_status_counts"] = None
    report.pop("retired_kpis", None)
    out = io.StringIO()
    y.dump(report, out)
    written[dst_data / "report.yaml"] = (
        f"# 報告書の書誌情報 — 版 {edition_id}。年度は西暦の整数（令和N年度 = 2018+N）。\n"
        "# published_status_counts: 報告書に印刷した状況別件数（任意。書けば計算結果と照合します）。\n"
        + _without_comments(out.getvalue()))
    written[dst_data / "context.yaml"] = (src_data / "context.yaml").read_text(encoding="utf-8")
    for path in sorted((src_data / "strategies").glob("*.yaml")):
        written[dst_data / "strategies" / path.name] = _scaffold_strategy(path.read_text(encoding="utf-8"),
                                                                          edition_id, latest.id)
    for path in sorted(src_docs.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if path.name.endswith(".en.md"):
            text = translations.without_stamp(text)   # stale until translated anew
        written[dst_docs / path.relative_to(src_docs)] = text

    register_text = (root / REGISTER).read_text(encoding="utf-8").rstrip("\n") + "\n"
    register_text += f'  - id: "{edition_id}"\n    period: {latest.period.id}\n    state: draft\n'
    written[root / REGISTER] = register_text
    for path, text in written.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    try:
        load_report(root, edition_id, published=False)   # the scaffold itself must be valid
    except DataError:
        shutil.rmtree(dst_data, ignore_errors=True)
        shutil.rmtree(dst_docs, ignore_errors=True)
        (root / REGISTER).write_text(register_text[: register_text.rindex("  - id:")], encoding="utf-8")
        raise
    return [p.relative_to(root).as_posix() for p in written]


def _set_entry(root: Path, edition_id: str, change) -> None:
    """Edit one edition's entry in data/editions.yaml, keeping its comments and layout."""
    y = _yaml()
    path = root / REGISTER
    doc = y.load(path.read_text(encoding="utf-8"))
    entry = next(e for e in doc["editions"] if e["id"] == edition_id)
    change(entry)
    out = io.StringIO()
    y.dump(doc, out)
    path.write_text(out.getvalue(), encoding="utf-8")


def _entry(root: Path, edition_id: str):
    entry = read_register(root).get(edition_id)
    if entry is None:
        raise _fail("id", f"版「{edition_id}」は {REGISTER} にありません", f"edition {edition_id!r} is not in {REGISTER}",
                    "ID を確認してください", "check the id")
    return entry


def publish(root: Path, edition_id: str) -> str:
    entry = _entry(root, edition_id)
    if entry.published:
        raise _fail(f"editions[{edition_id}].state", "この版はすでに公開済みです", "this edition is already published",
                    "公開後の修正は correct で記録してください", "record a later change with: correct")
    load_report(root, edition_id, published=True)   # an empty actual without its reason stops here
    stale = [p for p in translations.stale(root / entry.docs_dir)]
    if stale:
        rel = stale[0].relative_to(root).as_posix()
        raise _fail("translation", f"{rel} の翻訳が古いままです", f"{rel} is a stale translation",
                    f"英語版を更新し、python -m macros.translations --stamp {rel} を実行してください",
                    f"update the English page, then run: python -m macros.translations --stamp {rel}", file=rel)
    mark = fingerprint(root, edition_id)

    def change(e):
        e["state"] = "published"
        e["fingerprint"] = mark
    _set_entry(root, edition_id, change)
    return mark


def correct(root: Path, edition_id: str, date: str, what: tuple[str, str], why: tuple[str, str]) -> str:
    entry = _entry(root, edition_id)
    if not entry.published:
        raise _fail(f"editions[{edition_id}].state", "作成中の版は訂正の記録なしに直せます",
                    "a draft edition can be changed without a correction record", "そのまま編集してください", "just edit it")
    if not re.match(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", date):
        raise _fail("date", f"日付「{date}」は YYYY-MM-DD の形ではありません", f"date {date!r} is not YYYY-MM-DD",
                    "2025-03-10 のように書いてください", "write it as 2025-03-10")
    if not all(s.strip() for s in what + why):
        raise _fail("correction", "訂正の内容か理由が空です", "what was corrected or why is empty",
                    "--what-ja --what-en --why-ja --why-en を書いてください", "give --what-ja --what-en --why-ja --why-en")
    load_report(root, edition_id, published=True)
    mark = fingerprint(root, edition_id)

    def change(e):
        e.setdefault("corrections", []).append({"date": date, "what": {"ja": what[0], "en": what[1]},
                                                "why": {"ja": why[0], "en": why[1]}, "fingerprint": mark})
    _set_entry(root, edition_id, change)
    return mark


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.edition", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_new = sub.add_parser("new", help="scaffold the next edition")
    p_new.add_argument("id")
    p_new.add_argument("--fy", type=int, required=True, help="the fiscal year of its actuals (令和5年度 = 2023)")
    sub.add_parser("publish", help="publish an edition").add_argument("id")
    p_fix = sub.add_parser("correct", help="record a correction to a published edition")
    p_fix.add_argument("id")
    p_fix.add_argument("--date", default=datetime.date.today().isoformat())
    for name in ("what-ja", "what-en", "why-ja", "why-en"):
        p_fix.add_argument(f"--{name}", required=True)
    sub.add_parser("fingerprint", help="print an edition's fingerprint").add_argument("id")
    sub.add_parser("check", help="check that every published edition is unchanged")
    args = parser.parse_args(argv)
    try:
        if args.command == "new":
            files = new(root, args.id, args.fy)
            print(f"版 {args.id} を作成しました（作成中） / scaffolded edition {args.id} (draft): {len(files)} files")
            print(f"  data/editions/{args.id}/  docs/editions/{args.id}/  ({REGISTER}: state: draft)")
        elif args.command == "publish":
            print(f"版 {args.id} を公開済みにしました / published edition {args.id}: fingerprint {publish(root, args.id)}")
        elif args.command == "correct":
            mark = correct(root, args.id, args.date, (args.what_ja, args.what_en), (args.why_ja, args.why_en))
            print(f"訂正を記録しました / recorded the correction to {args.id}: fingerprint {mark}")
        elif args.command == "check":
            for entry in read_register(root).entries:
                check_unchanged(root, entry)
        else:
            _entry(root, args.id)
            print(fingerprint(root, args.id))
    except DataError as err:
        print(err, file=sys.stderr)
        annotate(str(err))
        return 1
    return 0
