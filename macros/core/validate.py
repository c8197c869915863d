"""Check raw YAML against the JSON Schemas, then build the typed model.

Structure (required/unknown fields, types, enums, id patterns) is checked by
the JSON Schema under data/schema/ — the same file editors' editors use — and
each schema error is turned into one bilingual line with its YAML line number.
Cross-record rules (ids matching their parents, known units, fiscal years)
are checked here in Python.
"""
from __future__ import annotations

import json
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema

from .errors import DataError, problem
from .fiscal import MAX_FY, MIN_FY, is_valid_fy, parse_era_note
from .loader import Marked, MarkedList
from .model import (Columns, Direction, History, HistoryPoint, Kpi, Measure, Meta, Note,
                    Policy, ProgressFormula, Source, StatusCounts, Strategy, SummaryTable, Text, Value)

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schema"


@lru_cache(maxsize=None)
def _validator(schema_name: str) -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMA_DIR / schema_name).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(inline_refs(schema))


def inline_refs(schema: dict) -> dict:
    """The schema with each local {"$ref": "#/$defs/name"} replaced by the definition itself.

    jsonschema resolves a $ref every time it meets one, and a strategy file meets thousands (every
    KPI name, value and note): inlined once here, validation takes 40% less time and reports the
    same errors. The schemas are not recursive; a recursive one fails here rather than looping.
    """
    defs = schema.get("$defs", {})

    def walk(node, seen: tuple[str, ...]):
        if isinstance(node, dict):
            ref = node.get("$ref")
            if ref is not None:
                if len(node) != 1 or not ref.startswith("#/$defs/"):
                    raise ValueError(f"only a lone local $ref (#/$defs/name) is supported, not {node}")
                name = ref.removeprefix("#/$defs/")
                if name in seen:
                    raise ValueError(f"recursive $ref {ref} in a schema")
                return walk(defs[name], seen + (name,))
            return {k: walk(v, seen) for k, v in node.items() if k != "$defs"}
        if isinstance(node, list):
            return [walk(v, seen) for v in node]
        return node
    return walk(schema, ())


def _line_at(doc: Any, path: list) -> int | None:
    """The YAML line of the deepest node on `path` that we have a mark for."""
    node, line = doc, getattr(doc, "line", None)
    for step in path:
        if isinstance(node, Marked) and step in node:
            line = node.line_of(step)
            node = node[step]
        elif isinstance(node, MarkedList) and isinstance(step, int) and step < len(node):
            line = node.item_lines[step]
            node = node[step]
        else:
            break
    return line


def _field_name(doc: Any, path: list) -> str:
    """'1-1-1-1.target' rather than 'policies[0].measures[0].kpis[0].target': name the nearest record by its id."""
    node, start = doc, 0
    for i, step in enumerate(path):
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), (str, int)) and i + 1 < len(path):
            start = i + 1
    prefix = ""
    if start:
        owner = doc
        for step in path[:start]:
            owner = owner[step]
        prefix = f"{owner['id']}."
    parts = [f"[{p}]" if isinstance(p, int) else f".{p}" for p in path[start:]]
    return (prefix + "".join(parts).lstrip(".")).rstrip(".") or "(top)"


_TYPE_JA = {"string": "文字列", "integer": "整数", "number": "数値", "boolean": "true か false",
            "object": "項目の集まり", "array": "一覧（- で始まる行）", "null": "空（null）"}


def _describe(err: jsonschema.ValidationError) -> tuple[str, Any]:
    """Bilingual what/fix for one schema error, and the field path to report."""
    path = list(err.absolute_path)
    v = err.validator
    if v == "required":
        name = err.message.split("'")[1]
        return problem(f"必須の項目「{name}」がありません", f"required field '{name}' is missing",
                       f"「{name}:」を追加してください", f"add '{name}:'"), path + [name]
    if v == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        names = ", ".join(map(str, extra))
        return problem(f"知らない項目「{names}」があります", f"unknown field '{names}'",
                       "綴りを確認するか、削除してください（使える項目は data/schema/ を参照）",
                       "check the spelling or remove it (see data/schema/ for the allowed fields)"), path + extra[:1]
    if v == "type":
        want = err.validator_value if isinstance(err.validator_value, str) else err.validator_value[0]
        return problem(f"値「{err.instance}」の型が違います（{_TYPE_JA.get(want, want)}が必要）",
                       f"value {err.instance!r} has the wrong type ({want} expected)",
                       "値を直してください（数値に引用符やカンマを付けない）",
                       "correct the value (no quotes or commas around numbers)"), path
    if v == "enum":
        allowed = ", ".join(map(str, err.validator_value))
        return problem(f"値「{err.instance}」は使えません", f"value {err.instance!r} is not allowed",
                       f"次のいずれかにしてください: {allowed}", f"use one of: {allowed}"), path
    if v == "pattern":
        return problem(f"ID「{err.instance}」の形式が違います", f"id {err.instance!r} is malformed",
                       "「1-2-3」のように半角数字とハイフンで書いてください",
                       "write it like 1-2-3 with ASCII digits and hyphens"), path
    if v == "oneOf":
        return problem(f"値「{err.instance}」が数値になっていません", f"value {err.instance!r} is not a number",
                       "数値、空欄は null、年度付きは {value: 11, fy: 2019} と書いてください",
                       "write a number, null for no value, or {value: 11, fy: 2019} with a year"), path
    if v in ("minItems", "minLength"):
        return problem("空になっています", "it is empty", "内容を書いてください", "fill it in"), path
    if v in ("minimum", "maximum"):
        return problem(f"値「{err.instance}」が範囲外です", f"value {err.instance!r} is out of range",
                       "値を確認してください", "check the value"), path
    return problem(f"値が正しくありません（{err.message}）", f"invalid value ({err.message})",
                   "data/schema/ の定義を確認してください", "check the definition in data/schema/"), path


def check_schema(doc: Any, schema_name: str, display: str) -> None:
    """Raise a DataError for the first (shallowest) schema error."""
    errors = list(_validator(schema_name).iter_errors(doc))   # Marked dict/list subclasses are accepted as is
    if not errors:
        return
    # Shallowest first; at the same place an unknown field (often a typo) explains a "missing" one.
    rank = {"additionalProperties": 0, "required": 1}
    err = min(errors, key=lambda e: (len(e.absolute_path), rank.get(e.validator, 2), str(list(e.absolute_path))))
    # oneOf hides the real cause; prefer the most specific sub-error when it is unambiguous.
    if err.validator == "oneOf" and isinstance(err.instance, dict):
        subs = [e for e in err.context if e.validator not in ("type",)]
        if subs:
            err = min(subs, key=lambda e: len(e.absolute_path))
            err.path.extendleft(reversed(list(err.parent.absolute_path)) if err.parent else [])
    prob, path = _describe(err)
    raise DataError(display, _line_at(doc, path), _field_name(doc, path), prob)


# --- building the model ------------------------------------------------------------

def _text(raw: Marked) -> Text:
    return Text(ja=raw["ja"], en=raw.get("en", ""))


def _formula(raw: str | None) -> ProgressFormula | None:
    """progress_formula as written in YAML (the schema allows only the two formulas)."""
    return None if raw is None else ProgressFormula(raw)


class Builder:
    """Turns one validated strategy document into model objects, checking cross-field rules."""

    def __init__(self, doc: Marked, display: str, columns: Columns, units: dict[str, Text],
                 require_english: bool = True) -> None:
        self.doc, self.display, self.columns, self.units = doc, display, columns, units
        self.require_english = require_english

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
        policies = tuple(self.policy(p, sid) for p in d["policies"])
        counts = StatusCounts(**{k: int(v) for k, v in d["published_status_counts"].items()})
        return Strategy(sid, self.text(d, "title", sid), policies, counts, Source(self.display, d.line))

    def _check_child_id(self, node: Marked, parent_id: str, kind_ja: str, kind_en: str) -> str:
        cid = node["id"]
        if cid.rsplit("-", 1)[0] != str(parent_id):
            raise self.fail(node, "id", f"{cid}.id", problem(
                f"{kind_ja}の ID「{cid}」が親「{parent_id}」に属していません",
                f"{kind_en} id {cid!r} does not belong to its parent {parent_id!r}",
                f"「{parent_id}-番号」の形にするか、正しい親の下へ移してください",
                f"use '{parent_id}-<n>' or move it under the right parent"))
        return cid

    def policy(self, p: Marked, sid: int) -> Policy:
        pid = self._check_child_id(p, str(sid), "戦略方針", "policy")
        measures = tuple(self.measure(m, pid) for m in p["measures"])
        return Policy(pid, self.text(p, "title", pid), measures, Source(self.display, p.line))

    def measure(self, m: Marked, pid: str) -> Measure:
        mid = self._check_child_id(m, pid, "具体的施策", "measure")
        kpis = tuple(self.kpi(k, mid) for k in m["kpis"])
        return Measure(mid, self.text(m, "title", mid), kpis, Source(self.display, m.line),
                       bool(m.get("printed_without_number", False)))

    def kpi(self, k: Marked, mid: str) -> Kpi:
        kid = self._check_child_id(k, mid, "KPI", "KPI")
        if k["unit"] not in self.units:
            raise self.fail(k, "unit", f"{kid}.unit", problem(
                f"単位「{k['unit']}」は data/units.yaml にありません", f"unit {k['unit']!r} is not in data/units.yaml",
                "既存の単位を使うか、data/units.yaml に英語名と一緒に追加してください",
                "use an existing unit or add it to data/units.yaml with its English name"))
        cols = self.columns
        baseline = self.value(k, "baseline", kid, cols.baseline_fy)
        actual = self.value(k, "actual", kid, cols.actual_fy)
        target = self.value(k, "target", kid, cols.target_fy)
        history = self.history(k.get("history"), kid) if k.get("history") else None
        notes = tuple(Note(n["kind"], Text(n["ja"], n["en"])) for n in k.get("notes", []))
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
            source=Source(self.display, k.line), summary_table=summary, history=history, notes=notes)

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
                f"原表の表記「{printed}」が value / fy と一致しません",
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
        published_status_counts=StatusCounts(**doc["published_status_counts"]),
        licence_id=doc["licence"]["id"], licence_url=doc["licence"]["url"])
