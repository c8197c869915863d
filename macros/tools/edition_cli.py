"""Start, publish and correct editions of the report (data/editions.yaml). Staff use the Makefile's
targets, which build every page strictly before a step that records anything (guide/README.md §7):

  make new-edition EDITION=ID FY=FY   (new ID --fy FY) scaffold the next edition from the latest one: the
                   period's KPIs with empty actuals and printed progress, the narratives copied as drafts,
                   the English pages marked stale until translated; registered as state: draft
  make publish-edition EDITION=ID     (publish ID) list every gap left in the edition (an empty actual
                   without its reason, a stale English page, anything a published edition may not have), or,
                   if there is none, record state: published and the fingerprint of its files
  make correct EDITION=ID WHAT_JA=… WHAT_EN=… WHY_JA=… WHY_EN=…   (correct ID …) record a correction to a
                   published edition (date, what, why) with its new fingerprint
  make check       (check) every published edition's figures load, then its files are exactly as published
                   or as last corrected; a changed file is named
  fingerprint ID   print the fingerprint of an edition's files

Every mistake is one line (file, line, field, what is wrong, what to do); nothing is written unless the
whole step can be done.
"""
from __future__ import annotations

import argparse
import datetime
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

from ruamel.yaml import YAML

from ..core.errors import DataError, problem
from ..core.fiscal import is_valid_fy
from ..core.model import NoteKind
from ..core.register import (CORRECT_COMMAND, REGISTER, Entry, check_unchanged, digest, edition_dirs,
                             edition_files, fingerprint, read_register)
from ..core.levels import kpi_records
from ..core.report import load_report
from ..core.status_schemes import entered_ids
from ..core.site import load_site
from . import translations
from .workflow_commands import annotate

ROOT = Path.cwd()   # the site: make runs the tools in the site's folder (the engine may be shared)
ID = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")
# How far back the project's history is searched for the files as they were recorded (a change is named).
_HISTORY_DEPTH = 200
# What an edition reports about itself, not the period's plan: left out of the next edition's scaffold
# (remarks: the departments' memos about this edition's figures, from the workbook's 備考 column; status and
# status_reason: the city's judgement of this edition's actual, under the entered scheme).
_EDITION_FIELDS = ("history", "summary_table", "notes", "actual_unknown", "revised", "remarks", "status",
                   "status_reason")


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


def _fail(field: str, what_ja: str, what_en: str, fix_ja: str, fix_en: str) -> DataError:
    return DataError(REGISTER, None, field, problem(what_ja, what_en, fix_ja, fix_en))


def published_text(edition_id: str) -> tuple[str, str]:
    """2025-02 → 令和7年2月 / February 2025 (the month of publication, as the report prints it)."""
    year, month = int(edition_id[:4]), int(edition_id[5:])
    era = f"令和{year - 2018}年" if year >= 2019 else f"平成{year - 1988}年"
    return f"{era.replace('令和1年', '令和元年')}{month}月", datetime.date(year, month, 1).strftime("%B %Y")


def _scaffold_strategy(text: str, edition_id: str, base_id: str, top_level: str) -> str:
    """The period's plan from the latest edition's strategy file: actuals and printed figures emptied
    (top_level: the name of the plan's top level, data/site.yaml)."""
    y = _yaml()
    doc = y.load(text)
    doc["published_status_counts"] = None
    for kpi in kpi_records(doc):
        kpi["actual"] = None
        kpi["published_progress_pct"] = None
        for name in _EDITION_FIELDS:
            kpi.pop(name, None)
    out = io.StringIO()
    y.dump(doc, out)
    header = (f"# {top_level} — 版 {edition_id}（{base_id} から作成）。actual（実績値）と published_progress_pct（報告書に\n"
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
    if (src_data / "context.yaml").is_file():   # a site may have no context page
        written[dst_data / "context.yaml"] = (src_data / "context.yaml").read_text(encoding="utf-8")
    top_level = load_site(root).levels[0].ja
    for path in sorted((src_data / "strategies").glob("*.yaml")):
        written[dst_data / "strategies" / path.name] = _scaffold_strategy(path.read_text(encoding="utf-8"),
                                                                          edition_id, latest.id, top_level)
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


def gaps(root: Path, edition_id: str) -> list[DataError]:
    """Everything that keeps a draft from being published, all at once: each KPI whose actual is empty
    without its reason (actual_unknown), each English page not translated from the current Japanese
    page, and whatever else a published edition may not have (the edition loaded as published)."""
    entry = _entry(root, edition_id)
    found = []
    loaded = load_report(root, edition_id, published=False)
    choices = entered_ids(loaded.scheme) if loaded.scheme.name == "entered" else ()
    for k in loaded.report.kpis():
        name_en = k.name.en or k.name.ja
        if k.actual is None and not any(n.kind is NoteKind.ACTUAL_UNKNOWN for n in k.notes):
            found.append(DataError(k.source.file, k.source.line, f"{k.id}.actual", problem(
                f"公開する版の実績値が空です（{k.name.ja}）", f"the actual of a published edition is empty ({name_en})",
                "実績値を入れるか、不明な理由を actual_unknown: {ja: …, en: …} に書いてください",
                "fill in the actual, or give the reason it is unknown in actual_unknown: {ja: …, en: …}")))
        if choices and k.entered_status is None:
            found.append(DataError(k.source.file, k.source.line, f"{k.id}.status", problem(
                f"状況がまだ記入されていません（{k.name.ja}）", f"no status has been entered yet ({name_en})",
                f"status: に {', '.join(choices)} のどれかを、status_reason: {{ja: …}} にその理由を書いてください（表でも入力できます）",
                f"give one of {', '.join(choices)} in status: and its reason in status_reason: {{ja: …}} "
                "(or in the workbook)")))
    for en in translations.stale(root / entry.docs_dir):
        rel = en.relative_to(root).as_posix()
        found.append(DataError(rel, None, "translation", problem(
            "英語のページが、今の日本語のページから訳されていません（古い翻訳）",
            "the English page is not translated from the current Japanese page (stale translation)",
            f"英語のページを訳し直し、make stamp PAGES={rel} を実行してください",
            f"update the English page, then run: make stamp PAGES={rel}")))
    if not found:
        load_report(root, edition_id, published=True)   # anything else a published edition may not have
    return found


def publish(root: Path, edition_id: str) -> str:
    """Record the edition as published with its fingerprint; raises Gaps (every gap) or DataError."""
    entry = _entry(root, edition_id)
    if entry.published:
        raise _fail(f"editions[{edition_id}].state", "この版はすでに公開済みです", "this edition is already published",
                    f"公開後の修正は訂正として記録してください（{CORRECT_COMMAND.format(id=edition_id)}）",
                    f"record a later change as a correction ({CORRECT_COMMAND.format(id=edition_id)})")
    found = gaps(root, edition_id)
    if found:
        raise Gaps(edition_id, found)
    mark = fingerprint(root, edition_id)

    def change(e):
        e["state"] = "published"
        e["fingerprint"] = mark
    _set_entry(root, edition_id, change)
    return mark


class Gaps(Exception):
    """Every gap that keeps an edition from being published, one line each, then what to do."""

    def __init__(self, edition_id: str, errors: list[DataError]) -> None:
        self.errors = errors
        super().__init__("\n".join([str(e) for e in errors] + [
            f"版 {edition_id} は公開していません（直すところ {len(errors)} 件。すべて直してから、もう一度 "
            f"make publish-edition EDITION={edition_id}） / edition {edition_id} is not published "
            f"({len(errors)} to fix; fix them all, then run make publish-edition EDITION={edition_id} again)"]))


def changed_files(root: Path):
    """The files of an edition that differ from the ones its fingerprint records: found by looking back in
    the project's history (git) for the newest commit whose files have that fingerprint. [] when unknown."""
    def git(*args: str, data: bytes | None = None) -> bytes:
        return subprocess.run(["git", "-C", str(root), *args], input=data, capture_output=True, check=True,
                              timeout=60).stdout

    def find(entry: Entry) -> list[str]:
        dirs = edition_dirs(entry.id)
        now = edition_files(root, entry.id)
        try:
            commits = git("log", f"-n{_HISTORY_DEPTH}", "--format=%H", "--", *dirs).decode().split()
            for commit in commits:
                listing = git("ls-tree", "-r", "-z", commit, "--", *dirs).split(b"\0")
                blobs = {}
                for row in filter(None, listing):
                    meta, name = row.split(b"\t", 1)
                    blobs[name.decode("utf-8")] = meta.split()[2].decode()
                names = sorted(blobs, key=lambda n: (dirs.index(next(d for d in dirs if n.startswith(d + "/"))),
                                                     PurePosixPath(n)))
                contents = _cat_blobs(git, [blobs[n] for n in names])
                then = dict(zip(names, contents))
                if digest(then) == entry.recorded_fingerprint:
                    return sorted(n for n in set(then) | set(now) if then.get(n) != now.get(n))
        except (OSError, subprocess.SubprocessError, ValueError, StopIteration):
            pass   # no git, or not a repository: the message asks staff to look
        return []
    return find


def _cat_blobs(git, ids: list[str]) -> list[bytes]:
    """The contents of git blobs, in order (one `git cat-file --batch` for them all)."""
    out = git("cat-file", "--batch", data="".join(i + "\n" for i in ids).encode())
    contents, pos = [], 0
    for _ in ids:
        header_end = out.index(b"\n", pos)
        size = int(out[pos:header_end].split()[2])
        contents.append(out[header_end + 1: header_end + 1 + size])
        pos = header_end + 1 + size + 1
    return contents


def check(root: Path) -> None:
    """Every published edition: its figures first (a mistake is reported at its line), then its files
    against the recorded fingerprint (a clean change is named, with the command that records it)."""
    for entry in read_register(root).entries:
        if entry.published:
            load_report(root, entry.id, published=True)
            check_unchanged(root, entry, changed_files(root))


def correct(root: Path, edition_id: str, date: str, what: tuple[str, str], why: tuple[str, str]) -> str:
    entry = _entry(root, edition_id)
    if not entry.published:
        raise _fail(f"editions[{edition_id}].state", "作成中の版は訂正の記録なしに直せます",
                    "a draft edition can be changed without a correction record",
                    "そのまま直して make check で確かめてください", "just edit it and run make check")
    if not re.match(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", date):
        raise _fail("date", f"日付「{date}」は YYYY-MM-DD の形ではありません", f"date {date!r} is not YYYY-MM-DD",
                    "DATE=2025-03-10 のように書いてください（省略すると今日の日付）",
                    "write it as DATE=2025-03-10 (or leave it out for today)")
    if not all(s.strip() for s in what + why):
        raise _fail("correction", "訂正の内容か理由が空です", "what was corrected or why is empty",
                    'WHAT_JA="何を" WHAT_EN="what" WHY_JA="なぜ" WHY_EN="why" をすべて書いてください',
                    'give all of WHAT_JA="…" WHAT_EN="…" WHY_JA="…" WHY_EN="…"')
    load_report(root, edition_id, published=True)   # a correction that does not load is no correction
    mark = fingerprint(root, edition_id)
    if mark == entry.recorded_fingerprint:
        raise _fail(f"editions[{edition_id}]", "この版のファイルは記録したときから変わっていません",
                    "the edition's files are unchanged since they were recorded",
                    "先に誤りを直してから、訂正を記録してください", "fix the mistake first, then record the correction")

    def change(e):
        e.setdefault("corrections", []).append({"date": date, "what": {"ja": what[0], "en": what[1]},
                                                "why": {"ja": why[0], "en": why[1]}, "fingerprint": mark})
    _set_entry(root, edition_id, change)
    return mark


def _given_id(edition_id: str) -> str:
    """The edition id as staff typed it after EDITION=: YYYY-MM, or one line saying how to write it."""
    if not re.match(r"^\d{4}-\d{2}$", edition_id):
        what = (f"版の ID「{edition_id}」は YYYY-MM の形ではありません", f"the edition id {edition_id!r} is not YYYY-MM") \
            if edition_id.strip() else ("版の ID（EDITION）が書かれていません", "the edition id (EDITION) is missing")
        raise _fail("id", *what, "EDITION=2025-02 のように、公開する年と月を書いてください",
                    "give the month of publication, e.g. EDITION=2025-02")
    return edition_id


def _given_fy(fy: str) -> int:
    if not re.match(r"^\d{4}$", fy.strip()):
        what = (f"実績の年度「{fy}」は西暦の4桁の数ではありません", f"the fiscal year {fy!r} is not a 4-digit year") \
            if fy.strip() else ("実績の年度（FY）が書かれていません", "the fiscal year of the actuals (FY) is missing")
        raise _fail("fy", *what, "FY=2023 のように西暦で書いてください（令和5年度 = 2023）",
                    "give it as a Gregorian year, e.g. FY=2023 (令和5年度 = 2023)")
    return int(fy)


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(prog=".venv/bin/python -m macros.edition", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_new = sub.add_parser("new", help="scaffold the next edition")
    p_new.add_argument("id")
    p_new.add_argument("--fy", required=True, help="the fiscal year of its actuals (令和5年度 = 2023)")
    sub.add_parser("publish", help="publish an edition").add_argument("id")
    p_fix = sub.add_parser("correct", help="record a correction to a published edition")
    p_fix.add_argument("id")
    p_fix.add_argument("--date", default="")
    for name in ("what-ja", "what-en", "why-ja", "why-en"):
        p_fix.add_argument(f"--{name}", required=True)
    sub.add_parser("fingerprint", help="print an edition's fingerprint").add_argument("id")
    sub.add_parser("check", help="check that every published edition loads and is unchanged")
    args = parser.parse_args(argv)
    try:
        if args.command == "new":
            files = new(root, _given_id(args.id), _given_fy(args.fy))
            print(f"版 {args.id} を作成しました（作成中） / scaffolded edition {args.id} (draft): {len(files)} files")
            print(f"  data/editions/{args.id}/  docs/editions/{args.id}/  ({REGISTER}: state: draft)")
        elif args.command == "publish":
            print(f"版 {args.id} を公開済みにしました / published edition {args.id}: "
                  f"fingerprint {publish(root, _given_id(args.id))}")
        elif args.command == "correct":
            date = args.date.strip() or datetime.date.today().isoformat()
            mark = correct(root, _given_id(args.id), date, (args.what_ja, args.what_en), (args.why_ja, args.why_en))
            print(f"訂正を記録しました / recorded the correction to {args.id}: fingerprint {mark}")
        elif args.command == "check":
            check(root)
        else:
            _entry(root, _given_id(args.id))
            print(fingerprint(root, args.id))
    except Gaps as gaps_found:
        for err in gaps_found.errors:
            annotate(str(err))
        print(gaps_found, file=sys.stderr)
        return 1
    except DataError as err:
        print(err, file=sys.stderr)
        annotate(str(err))
        return 1
    return 0
