"""Open-data downloads, the same columns in CSV and JSON: one row per KPI of the latest edition
(kpis.csv / kpis.json, columns unchanged for their users), and one row per KPI per published edition
(kpis-all-editions.*: the same columns with `edition` first). After the KPI's id, one column per level of
the plan (core/levels.py: strategy, policy, measure with three levels; strategy, measure with two)."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from .edition_series import Editions
from .levels import id_example, roles
from .model import Text
from .report import LoadedReport
from .status_schemes import Scheme

KPI_COLUMNS = ("name_ja", "name_en", "unit", "baseline", "baseline_fy",
               "actual", "actual_fy", "target", "target_fy", "progress_formula", "direction", "progress_pct",
               "published_progress_pct", "status")


def columns(level_count: int) -> tuple[str, ...]:
    """The download's columns for a plan with `level_count` levels above the KPIs."""
    return ("id",) + roles(level_count) + KPI_COLUMNS


def _level_count(data: LoadedReport) -> int:
    return len(data.report.levels)


def _num(d: Decimal | None):
    """Exact decimals as JSON numbers: integers stay integers, 60.0 stays 60.0."""
    if d is None:
        return None
    return int(d) if d == d.to_integral_value() and d.as_tuple().exponent >= 0 else float(d)


def rows(data: LoadedReport) -> list[dict]:
    out = []
    for k in data.report.kpis():
        e = data.evaluations[k.id]
        parts = k.id.split("-")
        v = lambda x: (x.amount if x else None)
        fy = lambda x: (x.fy if x else None)
        # The top level's number, then the id of the item of each level below it that holds the KPI.
        levels = {role: int(parts[0]) if depth == 0 else "-".join(parts[:depth + 1])
                  for depth, role in enumerate(roles(_level_count(data)))}
        out.append({
            "id": k.id, **levels,
            "name_ja": k.name.ja, "name_en": k.name.en or None, "unit": k.unit,   # None: a Japanese-only site
            "baseline": v(k.baseline), "baseline_fy": fy(k.baseline),
            "actual": v(k.actual), "actual_fy": fy(k.actual),
            "target": v(k.target), "target_fy": fy(k.target),
            "progress_formula": k.progress_formula.value, "direction": k.direction.value,
            "progress_pct": e.progress_pct, "published_progress_pct": k.published_progress_pct,
            "status": e.status,
        })
    return out


def all_edition_rows(editions: Editions) -> list[dict]:
    """Every published edition's rows, oldest edition first (drafts are never downloads)."""
    return [{"edition": e.id, **r} for e in editions.all if e.published for r in rows(e.data)]


def _json(items: list[dict], columns: tuple[str, ...]) -> str:
    out = [{c: (_num(r[c]) if isinstance(r[c], Decimal) else r[c]) for c in columns} for r in items]
    return json.dumps(out, ensure_ascii=False, indent=1) + "\n"


def _csv(items: list[dict], columns: tuple[str, ...]) -> bytes:
    """UTF-8 with BOM so that Excel opens it with the right encoding."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(columns)
    for r in items:
        w.writerow(["" if r[c] is None else ("true" if r[c] is True else "false" if r[c] is False else str(r[c]))
                    for c in columns])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_json(data: LoadedReport) -> str:
    return _json(rows(data), columns(_level_count(data)))


def to_csv(data: LoadedReport) -> bytes:
    return _csv(rows(data), columns(_level_count(data)))


def _all_columns(editions: Editions) -> tuple[str, ...]:
    return ("edition",) + columns(_level_count(editions.all[-1].data))


def all_editions_json(editions: Editions) -> str:
    return _json(all_edition_rows(editions), _all_columns(editions))


def all_editions_csv(editions: Editions) -> bytes:
    return _csv(all_edition_rows(editions), _all_columns(editions))


def published_schema(raw: bytes, scheme: Scheme) -> bytes:
    """A schema of macros/schema/ as the site publishes it: a download's `status` column lists the site's
    own categories (the files list the four built-in ones, and are published unchanged for them)."""
    doc = json.loads(raw)
    changed = []

    def walk(node) -> None:
        if isinstance(node, dict):
            status = node.get("properties", {}).get("status") if isinstance(node.get("properties"), dict) else None
            if isinstance(status, dict) and "enum" in status and status["enum"] != list(scheme.ids):
                status["enum"] = list(scheme.ids)
                changed.append(status)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(doc)
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8") if changed else raw


# The download schemas in macros/schema/ (kpis.schema.json, kpis-all-editions.schema.json) describe the
# rows of a three-level plan; a plan with fewer levels publishes them with its own columns and ids.
SCHEMA_LEVELS = 3


def download_schema(raw: bytes, levels: tuple[Text, ...]) -> bytes:
    """A download schema as published for a plan with these levels: as stored for three levels, otherwise
    its rows' level columns and id patterns those of the plan, described with the plan's level names."""
    if len(levels) == SCHEMA_LEVELS:
        return raw
    schema = json.loads(raw)
    row = schema["$defs"]["row"]
    present = roles(len(levels))
    for role in set(roles(SCHEMA_LEVELS)) - set(present):
        row["required"].remove(role)
        del row["properties"][role]
    names = {role: level for role, level in zip(present, levels)}
    row["properties"]["id"].update(
        description=f"KPIのID（{'-'.join(lv.ja for lv in levels)}-KPIの番号、例：{id_example(len(levels))}）"
                    f" / the KPI's ID ({'-'.join(present)}-KPI numbers, e.g. {id_example(len(levels))})",
        pattern="^[0-9]+" + "-[0-9]+" * len(levels) + "$")
    row["properties"]["strategy"]["description"] = f"{levels[0].ja}の番号 / the {levels[0].en or levels[0].ja}'s number"
    for depth, role in enumerate(present[1:], start=1):
        row["properties"][role].update(
            description=f"{names[role].ja}のID / the {names[role].en or names[role].ja}'s ID",
            pattern="^[0-9]+" + "-[0-9]+" * depth + "$")
    return (json.dumps(schema, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
