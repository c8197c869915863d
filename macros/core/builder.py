"""Build the typed model from YAML documents that passed their schema (schema.py).

Rules the schemas cannot express are checked here, each with a bilingual one-line error at the
YAML line: ids matching their parents, known units, fiscal years in range, printed cells that
agree with their values, English names filled in.
"""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from .errors import DataError, problem
from .fiscal import MAX_FY, MIN_FY, is_valid_fy, parse_era_note
from .loader import Marked
from .levels import KPI, child_keys
from .model import (Census, CensusPoint, Columns, Context, ContextRow, ContextTable, Direction, EnteredStatus, History, HistoryPoint, Item,
                    Kpi, Meta, Municipalities, Note, NoteKind, ProgressFormula, Revision, Source, StatusCounts,
                    Strategy, SummaryTable, Text, Value, Wording)


def _text(raw: Marked) -> Text:
    return Text(ja=raw["ja"], en=raw.get("en", ""))


def _formula(raw: str | None) -> ProgressFormula | None:
    """progress_formula as written in YAML (the schema allows only the two formulas)."""
    return None if raw is None else ProgressFormula(raw)


class Builder:
    """Turns one validated strategy document into model objects, checking cross-field rules."""

    def __init__(self, doc: Marked, display: str, columns: Columns, units: dict[str, Text],
                 levels: tuple[Text, ...], require_english: bool = True, published: bool = True) -> None:
        self.doc, self.display, self.columns, self.units = doc, display, columns, units
        self.levels = levels   # the plan's levels above the KPIs, from the top (data/site.yaml)
        self.require_english = require_english
        self.published = published   # a published edition may not leave an actual empty without a reason

    def text(self, node: Marked, key: str, ident) -> Text:
        """A ja/en mapping; the English edition never shows a Japanese fallback, so en must be filled."""
        raw = node[key]
        if self.require_english and not str(raw.get("en", "")).strip():
            raise self.fail(raw, "en", f"{ident}.{key}.en", problem(
                "英語名が空です", "the English name is empty",
                "en: に英語名を書いてください", "write the English name in en:"))
        return _text(raw)

    def fail(self, node: Marked, key: str, field: str, prob) -> DataError:
        return DataError(self.display, node.line_of(key) if isinstance(node, Marked) else None, field, prob)

    def strategy(self) -> Strategy:
        d = self.doc
        sid = d["id"]
        printed = d["published_status_counts"]
        counts = StatusCounts(**{k: int(v) for k, v in printed.items()}) if printed is not None else None
        items, own = self._children(d, 0, str(sid))
        return Strategy(sid, self.text(d, "title", sid), items, counts, Source(self.display, d.line), own)

    def _children(self, node: Marked, depth: int, ident: str) -> tuple[tuple[Item, ...], tuple[Kpi, ...]]:
        """The items of the next level below `node` (of level `depth`), or, on the level directly above the
        KPIs, its KPIs; the key they are listed under was checked with the schema (levels.check_shape)."""
        key = child_keys(len(self.levels))[depth]
        if key == "kpis":
            return (), tuple(self.kpi(k, ident) for k in node["kpis"])
        return tuple(self.item(c, ident, depth + 1) for c in node[key]), ()

    def _check_child_id(self, node: Marked, parent_id: str, kind: Text) -> str:
        cid = node["id"]
        if cid.rsplit("-", 1)[0] != str(parent_id):
            raise self.fail(node, "id", f"{cid}.id", problem(
                f"{kind.ja}の ID「{cid}」が親「{parent_id}」に属していません",
                f"{kind.en or kind.ja} id {cid!r} does not belong to its parent {parent_id!r}",
                f"「{parent_id}-番号」の形にするか、正しい親の下へ移してください",
                f"use '{parent_id}-<n>' or move it under the right parent"))
        return cid

    def item(self, node: Marked, parent_id: str, depth: int) -> Item:
        iid = self._check_child_id(node, parent_id, self.levels[depth])
        items, kpis = self._children(node, depth, iid)
        return Item(iid, self.text(node, "title", iid), items, kpis, Source(self.display, node.line),
                    bool(node.get("printed_without_number", False)))

    def kpi(self, k: Marked, mid: str) -> Kpi:
        kid = self._check_child_id(k, mid, KPI)
        if k["unit"] not in self.units:
            raise self.fail(k, "unit", f"{kid}.unit", problem(
                f"単位「{k['unit']}」は data/units.yaml にありません", f"unit {k['unit']!r} is not in data/units.yaml",
                "既存の単位を使うか、data/units.yaml に英語名と一緒に追加してください",
                "use an existing unit or add it to data/units.yaml with its English name"))
        cols = self.columns
        baseline = self.value(k, "baseline", kid, cols.baseline_fy)
        if baseline is not None and baseline.implied and k.get("published_progress_pct") is None:
            # Implied by a printed progress rate: an edition that prints none (a new draft) does not say so.
            baseline = replace(baseline, implied=False)
        actual = self.value(k, "actual", kid, cols.actual_fy)
        target = self.value(k, "target", kid, cols.target_fy)
        history = self.history(k.get("history"), kid) if k.get("history") else None
        notes = tuple(Note(NoteKind(n["kind"]), _text(n)) for n in k.get("notes", []))
        notes += self._unknown_actual(k, kid, actual)
        revisions = tuple(Revision(r["field"], _decimal(r["previous"]), _text(r))
                          for r in k.get("revised", []))
        notes += tuple(Note(NoteKind.REVISED, Text(
            f"{'策定時の値' if r.field == 'baseline' else '目標値'}をこの版で改定（前の版：{r.previous}）：{r.reason.ja}",
            f"The {r.field} is revised in this edition (previous edition: {r.previous}): {r.reason.en}"))
            for r in revisions)
        summary = None
        if k.get("summary_table"):
            s = k["summary_table"]
            summary = SummaryTable(s.get("name"), s.get("baseline"), s.get("published_progress_pct"),
                                   _formula(s.get("progress_formula")))
        published = k.get("published_progress_pct")
        return Kpi(
            id=kid, name=self.text(k, "name", kid), unit=k["unit"], baseline=baseline, actual=actual,
            target=target, progress_formula=_formula(k.get("progress_formula", ProgressFormula.RATIO.value)),
            direction=Direction(k.get("direction", "higher")),
            published_progress_pct=Decimal(published) if published is not None else None,
            source=Source(self.display, k.line), summary_table=summary, history=history, notes=notes,
            revisions=revisions, wording=self.wording(k, kid), entered_status=self.entered_status(k))

    def entered_status(self, k: Marked) -> EnteredStatus | None:
        """A status the municipality enters (the `entered` scheme; checked against it in core/report.py)."""
        if "status" not in k:
            if "status_reason" in k:   # a reason alone would be dropped without a word
                raise self.fail(k, "status_reason", f"{k['id']}.status_reason", problem(
                    "状況の理由（status_reason）だけがあり、状況（status）がありません",
                    "a reason for the status (status_reason) is given, but no status",
                    "status: に状況を書くか、status_reason を削除してください",
                    "give the status in status:, or delete status_reason"))
            return None
        reason = k.get("status_reason")
        return EnteredStatus(str(k["status"]), Text(reason["ja"], reason.get("en", "")) if reason else None,
                             k.line_of("status"))

    def wording(self, k: Marked, kid: str) -> Wording | None:
        """The KPI's `en_wording` (its fields' types checked by the schema): a count noun in the singular and
        the plural, or a measure phrase; one of the two."""
        raw = k.get("en_wording")
        if raw is None:
            return None
        if ("count" in raw) == ("measure" in raw) or ("plural" in raw and "measure" not in raw):
            raise self.fail(k, "en_wording", f"{kid}.en_wording", problem(
                "en_wording には count（数えるもの）か measure（量）のどちらか一方を書きます",
                "en_wording needs either count (what the KPI counts) or measure (what it measures), not both or neither",
                "例：en_wording: {count: [\"visitor\", \"visitors\"]} または en_wording: {measure: \"the share of …\"}",
                "e.g. en_wording: {count: [\"visitor\", \"visitors\"]} or en_wording: {measure: \"the share of …\"}"))
        if "count" in raw:
            return Wording(one=raw["count"][0], other=raw["count"][1], running_total=raw.get("running_total", False),
                           unit=raw.get("unit"))
        return Wording(measure=raw["measure"], plural=raw.get("plural", False), unit=raw.get("unit"))

    def _unknown_actual(self, k: Marked, kid: str, actual: Value | None) -> tuple[Note, ...]:
        """An empty actual is either deliberate (actual_unknown: the reason, shown as a note) or not yet
        filled in, which only a draft edition may have."""
        reason = k.get("actual_unknown")
        if actual is not None and reason is not None:
            raise self.fail(k, "actual_unknown", f"{kid}.actual_unknown", problem(
                "実績値があるのに actual_unknown が書かれています", "actual_unknown is given although the actual is filled in",
                "actual_unknown を削除してください", "delete actual_unknown"))
        if actual is None and reason is None and self.published:
            raise self.fail(k, "actual", f"{kid}.actual", problem(
                "公開する版の実績値が空です", "the actual of a published edition is empty",
                "実績値を入れるか、不明な理由を actual_unknown: {ja: …, en: …} に書いてください",
                "fill in the actual, or give the reason it is unknown in actual_unknown: {ja: …, en: …}"))
        if reason is None:
            return ()
        return (Note(NoteKind.ACTUAL_UNKNOWN, Text(f"実績値は不明です：{reason['ja']}",
                                                    f"The actual is unknown: {reason['en']}")),)

    def _fy(self, node: Marked, key: str, fy: Any, field: str) -> int:
        if not is_valid_fy(fy):
            raise self.fail(node, key, field, problem(
                f"年度「{fy}」は範囲外です（{MIN_FY}〜{MAX_FY}）", f"fiscal year {fy} is out of range ({MIN_FY}–{MAX_FY})",
                "年度は西暦の整数で書いてください（令和4年度 = 2022）",
                "write the fiscal year as a Gregorian integer (令和4年度 = 2022)"))
        return fy

    def value(self, k: Marked, key: str, kid: str, default_fy: int) -> Value | None:
        raw = k[key]
        field = f"{kid}.{key}"
        if raw is None:
            return None
        if not isinstance(raw, Marked):
            return Value(Decimal(raw), default_fy)
        fy = self._fy(raw, "fy", raw.get("fy", default_fy), field + ".fy")
        printed = raw.get("printed")
        if printed is not None:
            self._check_printed(raw, printed, fy, field)
        return Value(Decimal(raw["value"]), fy, printed, bool(raw.get("implied", False)))

    def _check_printed(self, raw: Marked, printed: str, fy: int, field: str) -> None:
        """A printed cell like '11(R1)' must agree with value and fy, so the two cannot drift apart."""
        body, _, note = printed.partition("(")
        note_fy = parse_era_note(note.rstrip(") ")) if note else None
        try:
            printed_value = Decimal(body.replace(",", "").strip())
        except ArithmeticError:
            printed_value = None
        if printed_value != Decimal(raw["value"]) or (note and note_fy != fy):
            raise self.fail(raw, "printed", field + ".printed", problem(
                f"原表の表記「{printed}」が value と fy に一致しません",
                f"printed cell {printed!r} disagrees with value/fy",
                "value と fy を原表の表記に合わせてください", "make value and fy match the printed cell"))

    def history(self, h: Marked, kid: str) -> History:
        points = []
        for i, p in enumerate(h["points"]):
            fy = self._fy(p, "fy", p["fy"], f"{kid}.history.points[{i}].fy")
            points.append(HistoryPoint(fy, Decimal(p["value"]), p.get("period", "fy")))
        return History(_text(h["source"]), tuple(points))


def build_meta(doc: Marked) -> Meta:
    c = doc["columns"]
    return Meta(
        title=_text(doc["title"]), publisher=_text(doc["publisher"]), published=_text(doc["published"]),
        columns=Columns(c["baseline_fy"], c["actual_fy"], c["target_fy"]),
        published_status_counts=(StatusCounts(**doc["published_status_counts"])
                                 if doc["published_status_counts"] is not None else None),
        licence_id=doc["licence"]["id"], licence_url=doc["licence"]["url"],
        short_title=_text(doc["short_title"]) if doc.get("short_title") else None)


def _decimal(number) -> Decimal | None:
    """A number from YAML as written (11.1, not the nearest binary fraction)."""
    return None if number is None else Decimal(str(number))


def build_context(doc: Marked, display: str = "context.yaml") -> Context:
    """The context figures; each table's rows hold one value for each of its columns, and ids are unique."""
    census = municipalities = None
    if "census" in doc:
        c = doc["census"]
        census = Census(
            source=_text(c["source"]),
            population=tuple(CensusPoint(p["year"], p["value"], _text(p["label"])) for p in c["population"]),
            published_change=c["published_change"], published_decline_pct=_decimal(c["published_decline_pct"]))
    if "municipalities" in doc:
        m = doc["municipalities"]
        municipalities = Municipalities(
            source=_text(m["source"]), total=m["total"], increased=m["increased"], decreased=m["decreased"],
            published_increased_pct=_decimal(m.get("published_increased_pct")),
            published_decreased_pct=_decimal(m.get("published_decreased_pct")),
            published_decreased_5pct_or_more_pct=_decimal(m.get("published_decreased_5pct_or_more_pct")))
    tables, seen = [], set()
    for t in doc.get("tables", []):
        if t["id"] in seen:
            raise DataError(display, t.line_of("id"), f"tables[{t['id']}].id", problem(
                f"表の id「{t['id']}」が2回あります", f"the table id {t['id']!r} is used twice",
                "表ごとに別の id にしてください", "give each table its own id"))
        seen.add(t["id"])
        width = len(t["columns"])
        for i, row in enumerate(t["rows"]):
            if len(row["values"]) != width:
                raise DataError(display, row.line_of("values"), f"tables[{t['id']}].rows[{i}].values", problem(
                    f"値が{len(row['values'])}個ありますが、列（columns）は{width}個です",
                    f"{len(row['values'])} value(s) for {width} column(s)",
                    "列ごとに値を1つずつ書いてください（値がなければ null）",
                    "give one value for each column (null for none)"))
        tables.append(ContextTable(
            t["id"], _text(t["caption"]), _text(t["source"]), tuple(_text(c) for c in t["columns"]),
            tuple(ContextRow(_text(r["label"]), tuple(_decimal(v) for v in r["values"])) for r in t["rows"])))
    return Context(census, municipalities, tuple(tables))