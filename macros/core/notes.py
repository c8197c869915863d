"""Cross-checks that become data notes: shown on the data-notes page and as build warnings.

Nothing here stops the build: these are facts about the source report, not editors' mistakes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .fiscal import fy_label
from .model import Direction, Kpi, NoteKind, ProgressFormula, Report, Text
from .progress import Evaluation, effective_baseline
from .status_schemes import DEFAULT, Scheme, comparable

TOLERANCE = Decimal("0.05")   # percentage points


@dataclass(frozen=True)
class DataNote:
    kind: NoteKind
    kpi_id: str | None
    text: Text
    where: Text | None = None   # what a note without a KPI is about (e.g. a figure of section I)


def _fmt(d: Decimal | None) -> str:
    return "—" if d is None else f"{d:,}"


def _pct(d: Decimal | None) -> str:
    return "算出不可" if d is None else f"{d}%"


def _pct_en(d: Decimal | None) -> str:
    return "n/a" if d is None else f"{d}%"


def _why_no_progress(k: Kpi) -> Text:
    """The reason in words a reader follows: which value is missing, or why the division has nothing to divide by."""
    if k.actual is None or k.target is None:
        return (Text("実績値がないため", "The actual is missing") if k.actual is None
                else Text("目標値がないため", "The target is missing"))
    if k.from_baseline:     # (b − a) ÷ (c − a)
        return Text("目標値が策定時と同じ値のため",
                    "The target is the same as the baseline, so there is no distance to cover")
    if k.direction is Direction.LOWER:   # c ÷ b
        return Text("実績値が0のため", "The actual is zero")
    same = k.baseline is not None and k.baseline.amount == k.target.amount   # b ÷ c
    return (Text("目標値が策定時と同じ0のため", "The target is 0, the same as the baseline") if same
            else Text("目標値が0のため", "The target is 0"))


_ERA = re.compile(r"\(\s*([RH]\d{1,2})\s*\)")


def _year_note_en(which: str, v, default: int) -> str:
    """'This actual value is for FY2019, not FY2022 like the others in the column (the report prints
    "11(R1)"; R1 is FY2019).'"""
    printed = v.printed or str(v.amount)
    era = _ERA.search(printed)
    gloss = f"; {era.group(1)} is {fy_label(v.fy, 'en')}" if era else ""
    return (f"This {which} value is for {fy_label(v.fy, 'en')}, not {fy_label(default, 'en')} like the others in "
            f"the column (the report prints \"{printed}\"{gloss}).")


def kpi_notes(e: Evaluation, columns, levels: tuple[Text, ...]) -> list[DataNote]:
    """The notes on one KPI; `levels` (data/site.yaml) names the table a KPI is printed in."""
    k: Kpi = e.kpi
    out: list[DataNote] = []
    table_ja, table_en = f"{levels[-1].ja}の表", f"the {levels[-1].en or levels[-1].ja}'s table"

    def add(kind: NoteKind, ja: str, en: str) -> None:
        out.append(DataNote(kind, k.id, Text(ja, en)))

    pub = k.published_progress_pct
    if e.progress_pct is None:
        # One note says why there is no rate and, if the report prints one, what it prints.
        why, printed = _why_no_progress(k), pub is not None
        add(NoteKind.PROGRESS_MISMATCH if printed else NoteKind.NO_PROGRESS,
            f"{why.ja}、進捗率を計算できません。「算出不可」と表示します。"
            + (f"報告書では {_pct(pub)} と印刷されています。" if printed else ""),
            f"{why.en}, so no progress rate can be calculated (shown as n/a)"
            + (f"; the report prints {_pct_en(pub)}." if printed else "."))
    elif pub is not None and abs(e.progress_pct - pub) > TOLERANCE:
        add(NoteKind.PROGRESS_MISMATCH,
            f"報告書の進捗率は {_pct(pub)}、データから計算すると {_pct(e.progress_pct)} です。",
            f"The report prints a progress rate of {_pct_en(pub)}; computed from the data it is {_pct_en(e.progress_pct)}.")
    if k.baseline is not None and k.baseline.implied:
        add(NoteKind.IMPLIED_BASELINE,
            f"策定時の値は原表では空欄です。印刷された進捗率 {_pct(pub)} から逆算した {_fmt(k.baseline.amount)} を用いています。",
            f"The baseline is blank in the report; {_fmt(k.baseline.amount)} is implied by the printed progress rate of {_pct_en(pub)}.")
    if k.baseline is None and k.from_baseline:
        add(NoteKind.BASELINE_ZERO,
            "策定時の値は原表では空欄です。※印の指標（策定時からの伸びで進捗率を算出）のため、策定時を0として進捗率と状況を計算しています。",
            "The baseline is blank in the report; as the KPI is marked ※ (progress measured from the baseline), the baseline is taken as 0.")
    a, c = effective_baseline(k), (k.target.amount if k.target else None)
    # A target equal to the baseline that leaves no progress rate is said in the note above.
    if a is not None and c is not None and k.baseline is not None and not (c == a and e.progress_pct is None):
        better = c > a if k.direction is Direction.HIGHER else c < a
        if not better:
            rel_ja = "と同じ" if c == a else ("より低い" if c < a else "より高い")
            if c == a:
                en = (f"The target ({_fmt(c)}) is the same as the baseline ({_fmt(a)}), "
                      "so keeping the baseline level meets it.")
            else:
                change = "increase" if k.direction is Direction.HIGHER else "decrease"
                en = (f"The target ({_fmt(c)}) is {'lower' if c < a else 'higher'} than the baseline ({_fmt(a)}), "
                      f"so meeting it does not require any {change}.")
            add(NoteKind.TARGET_NOT_BETTER,
                f"目標値 {_fmt(c)} は策定時の値 {_fmt(a)} {rel_ja}値です（改善を求めない目標）。", en)
    for label_ja, label_en, v, default in (("策定時", "baseline", k.baseline, columns.baseline_fy),
                                           ("実績値", "actual", k.actual, columns.actual_fy),
                                           ("目標", "target", k.target, columns.target_fy)):
        if v is not None and not v.implied and v.fy != default:
            add(NoteKind.YEAR_NOTE,
                f"{label_ja}の値は{fy_label(v.fy, 'ja')}の数値です（表の見出しは{fy_label(default, 'ja')}。原表の表記「{v.printed or v.amount}」）。",
                _year_note_en(label_en, v, default))
    s = k.summary_table
    if s is not None:
        if s.name is not None:
            add(NoteKind.SUMMARY_TABLE,
                f"【KPI達成状況】一覧表では名称が「{s.name}」と印刷されています。",
                f"The summary table words the Japanese name slightly differently: \"{s.name}\".")
        if s.baseline is not None:
            add(NoteKind.SUMMARY_TABLE,
                f"【KPI達成状況】一覧表では策定時の値が {_fmt(s.baseline)}（{table_ja}では {_fmt(k.baseline.amount if k.baseline else None)}）です。",
                f"The summary table prints the baseline as {_fmt(s.baseline)} ({table_en}: {_fmt(k.baseline.amount if k.baseline else None)}).")
        if s.published_progress_pct is not None:
            add(NoteKind.SUMMARY_TABLE,
                f"【KPI達成状況】一覧表では進捗率が {s.published_progress_pct}%（{table_ja}では {_pct(pub)}）です。",
                f"The summary table prints the progress rate as {s.published_progress_pct}% ({table_en}: {_pct_en(pub)}).")
        if s.progress_formula is not None and s.progress_formula is not k.progress_formula:
            marked = s.progress_formula is ProgressFormula.FROM_BASELINE
            add(NoteKind.SUMMARY_TABLE,
                "【KPI達成状況】一覧表では※印（策定時からの伸びで進捗率を算出）が" + ("付いています。" if marked else "付いていません。"),
                "The summary table " + ("marks" if marked else "does not mark") + " it with ※ (progress measured from the baseline).")
    for n in k.notes:
        # Notes written in data/ are about the source, except the two an edition records itself and those on
        # how the PDF file's text reads when copied (for the data page only: render/renderer.py).
        kind = n.kind if n.kind in (NoteKind.ACTUAL_UNKNOWN, NoteKind.REVISED, NoteKind.EXTRACTION) else NoteKind.SOURCE
        out.append(DataNote(kind, k.id, n.text))
    return out


def report_notes(report: Report, evaluations: list[Evaluation], counts_by_strategy: dict,
                 scheme: Scheme = DEFAULT) -> list[DataNote]:
    notes: list[DataNote] = []
    for e in evaluations:
        notes.extend(kpi_notes(e, report.meta.columns, report.levels))
    top = report.levels[0]
    for s in report.strategies:
        computed = counts_by_strategy[s.id]
        if comparable(s.published_status_counts, scheme) and computed != s.published_status_counts:
            notes.append(DataNote(NoteKind.COUNTS_MISMATCH, None, Text(
                f"{top.ja}{s.id}の状況別件数が報告書の表と異なります（計算 {computed}、報告書 {s.published_status_counts}）。",
                f"{top.en or top.ja} {s.id}: computed status counts {computed} differ from the report's {s.published_status_counts}.")))
    return notes
