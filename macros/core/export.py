"""Open-data downloads, the same columns in CSV and JSON: one row per KPI of the latest edition
(kpis.csv / kpis.json, columns unchanged for their users), and one row per KPI per published edition
(kpis-all-editions.*: the same columns with `edition` first)."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from .edition_series import Editions
from .report import LoadedReport
from .status_schemes import Scheme

COLUMNS = ("id", "strategy", "policy", "measure", "name_ja", "name_en", "unit", "baseline", "baseline_fy",
           "actual", "actual_fy", "target", "target_fy", "progress_formula", "direction", "progress_pct",
           "published_progress_pct", "status")
ALL_EDITIONS_COLUMNS = ("edition",) + COLUMNS


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
        out.append({
            "id": k.id, "strategy": int(parts[0]), "policy": "-".join(parts[:2]), "measure": "-".join(parts[:3]),
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
    return _json(rows(data), COLUMNS)


def to_csv(data: LoadedReport) -> bytes:
    return _csv(rows(data), COLUMNS)


def all_editions_json(editions: Editions) -> str:
    return _json(all_edition_rows(editions), ALL_EDITIONS_COLUMNS)


def all_editions_csv(editions: Editions) -> bytes:
    return _csv(all_edition_rows(editions), ALL_EDITIONS_COLUMNS)


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
