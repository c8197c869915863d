"""Check raw YAML against the JSON Schemas under macros/schema/ (the engine's contracts for a site's data/).

Structure (required/unknown fields, types, enums, id patterns) is checked by the JSON Schema — the
same file editors' editors use — and each schema error is turned into one bilingual line with its
YAML line number. Rules across records are checked while the model is built (builder.py).
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema

from .errors import DataError, problem
from .loader import Marked, MarkedList

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "schema"
BOTH_LANGUAGES = ("ja", "en")


@lru_cache(maxsize=None)
def _validator(schema_name: str | Path, languages: tuple[str, ...] = BOTH_LANGUAGES) -> jsonschema.protocols.Validator:
    """The validator of a schema in SCHEMA_DIR, or of the schema file at a Path (another contract of the engine)."""
    path = schema_name if isinstance(schema_name, Path) else SCHEMA_DIR / schema_name
    schema = json.loads(path.read_text(encoding="utf-8"))
    if "en" not in languages:
        schema = english_optional(schema)
    cls = jsonschema.validators.validator_for(schema)
    return cls(inline_refs(schema))


def english_optional(schema):
    """The schema for a Japanese-only site: no English field (en, note_en, …) is required. The schemas
    describe a bilingual site; a Japanese-only one may leave every English field out."""
    if isinstance(schema, dict):
        return {k: ([f for f in v if f != "en" and not str(f).endswith("_en")] if k == "required" and isinstance(v, list)
                    else english_optional(v)) for k, v in schema.items()}
    if isinstance(schema, list):
        return [english_optional(v) for v in schema]
    return schema


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


# The pattern of text that reaches the CSV downloads and the staff workbook (a KPI's name and unit):
# OWASP's CSV-injection list, = + - @ tab CR, and their full-width forms, which spreadsheets also accept.
# macros/schema/strategy.schema.json refuses it; the download schemas promise it (DECISIONS.md).
NO_FORMULA = "^(?![=+\\-@\\t\\r＝＋－＠])"

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
                       "綴りを確認するか、削除してください（使える項目は macros/schema/ を参照）",
                       "check the spelling or remove it (see macros/schema/ for the allowed fields)"), path + extra[:1]
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
    if v == "pattern" and err.validator_value == NO_FORMULA:
        return problem(f"「{str(err.instance)[:80]}」は表計算ソフトで数式として読まれる文字（= + - @ ＝ ＋ － ＠ タブ 改行）で始まっています",
                       f"{str(err.instance)[:80]!r} starts with a character a spreadsheet reads as a formula"
                       " (= + - @ ＝ ＋ － ＠, a tab or a line break)",
                       "先頭の文字を削除するか、別の書き方にしてください（例:「+5%」は「5%増」）",
                       "remove the first character or reword it (e.g. '+5%' as '5% more')"), path
    if v == "pattern" and "description" in err.schema:   # a pattern that says what it wants
        want = err.schema["description"]
        return problem(f"「{err.instance}」の形式が違います（{want.split(' / ')[0]}）",
                       f"{err.instance!r} is malformed ({want.split(' / ')[-1]})",
                       "その形式で書いてください", "write it in that form"), path
    if v == "dependentRequired":
        owner, needed = next((prop, d) for prop, deps in err.validator_value.items() if prop in err.instance
                             for d in deps if d not in err.instance)
        return problem(f"「{needed}」がありません（「{owner}」には「{needed}」も必要です）",
                       f"'{needed}' is missing ('{owner}' needs it)",
                       f"「{needed}:」を追加するか、「{owner}:」を削除してください", f"add '{needed}:', or remove '{owner}:'"), path
    if v == "pattern":
        return problem(f"ID「{err.instance}」の形式が違います", f"id {err.instance!r} is malformed",
                       "「1-2-3」のように半角数字とハイフンで書いてください",
                       "write it like 1-2-3 with ASCII digits and hyphens"), path
    if v == "oneOf":
        return problem(f"値「{err.instance}」が数値になっていません", f"value {err.instance!r} is not a number",
                       "数値、空欄は null、年度付きは {value: 11, fy: 2019} と書いてください",
                       "write a number, null for no value, or {value: 11, fy: 2019} with a year"), path
    if v == "minItems" and err.instance:
        n, has = err.validator_value, len(err.instance)
        return problem(f"{has}個しか書かれていません（{n}個必要）", f"it has {has} item(s); {n} are needed",
                       "足りない項目を書き足してください", "add the missing items"), path
    if v == "maxItems":
        n, has = err.validator_value, len(err.instance)
        return problem(f"{has}個書かれています（{n}個まで）", f"it has {has} items; at most {n}",
                       "余分な項目を削除してください", "remove the extra items"), path
    if v in ("minItems", "minLength"):
        return problem("空になっています", "it is empty", "内容を書いてください", "fill it in"), path
    if v in ("minimum", "maximum"):
        return problem(f"値「{err.instance}」が範囲外です", f"value {err.instance!r} is out of range",
                       "値を確認してください", "check the value"), path
    return problem(f"値が正しくありません（{err.message}）", f"invalid value ({err.message})",
                   "macros/schema/ の定義を確認してください", "check the definition in macros/schema/"), path


def check_schema(doc: Any, schema_name: str | Path, display: str, languages: tuple[str, ...] = BOTH_LANGUAGES) -> None:
    """Raise a DataError for the first (shallowest) schema error. `languages`: the site's (site.py);
    English fields are required only of a site published in English."""
    errors = list(_validator(schema_name, tuple(languages)).iter_errors(doc))   # Marked dict/list subclasses are accepted as is
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
