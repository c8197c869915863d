"""The open-data downloads written by the build: <site>/data/kpis.csv and kpis.json, and the JSON Schema
of their rows published beside them (macros/schema/kpis.schema.json)."""
from __future__ import annotations

import csv
import io
import json
from collections import Counter
from decimal import Decimal

import jsonschema
import pytest
import yaml

from macros.core.export import columns

COLUMNS = ["id", "strategy", "policy", "measure", "name_ja", "name_en", "unit", "baseline", "baseline_fy",
           "actual", "actual_fy", "target", "target_fy", "progress_formula", "direction", "progress_pct",
           "published_progress_pct", "status"]
KPI_COUNT = 78
# 【KPI達成状況】(p.48) of the source report: the published totals, not values computed here.
PUBLISHED_COUNTS = {"achieved": 26, "improved": 19, "unchanged": 13, "worse": 20}


@pytest.fixture(scope="module")
def csv_bytes(site) -> bytes:
    return (site / "data" / "kpis.csv").read_bytes()


@pytest.fixture(scope="module")
def csv_rows(csv_bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(csv_bytes.decode("utf-8-sig"), newline="")))


@pytest.fixture(scope="module")
def items(site) -> list:
    # Exact decimals, and pairs kept in file order (to check the key order).
    text = (site / "data" / "kpis.json").read_text(encoding="utf-8")
    return json.loads(text, parse_float=Decimal, object_pairs_hook=lambda pairs: pairs)


def _as_dict(pairs) -> dict:
    return dict(pairs)


def test_csv_starts_with_utf8_bom(csv_bytes):
    assert csv_bytes.startswith(b"\xef\xbb\xbf")
    assert not csv_bytes.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")


def test_csv_header_and_row_count(csv_rows):
    assert csv_rows[0] == COLUMNS
    body = csv_rows[1:]
    assert len(body) == KPI_COUNT
    assert all(len(r) == len(COLUMNS) for r in body), [r for r in body if len(r) != len(COLUMNS)]


def test_json_is_78_objects_with_the_columns_in_order(items):
    assert isinstance(items, list) and len(items) == KPI_COUNT
    for pairs in items:
        assert [k for k, _ in pairs] == COLUMNS


@pytest.fixture(scope="module")
def published_schema(site) -> dict:
    """The schema as a reader downloads it, from beside kpis.json."""
    return json.loads((site / "data" / "kpis.schema.json").read_text(encoding="utf-8"))


def test_the_published_schemas_are_the_engines(site):
    """Every contract of the engine (macros/schema/) is published beside the downloads, as it is."""
    from macros.core.schema import SCHEMA_DIR
    schemas = sorted(SCHEMA_DIR.glob("*.json"))
    assert len(schemas) >= 10
    for schema in schemas:
        assert (site / "data" / schema.name).read_bytes() == schema.read_bytes(), schema.name


def test_the_published_schema_names_the_exported_columns_in_order(published_schema):
    row = published_schema["$defs"]["row"]
    assert list(columns(3)) == COLUMNS   # the schema describes a three-level plan's rows (美祢's)
    assert row["required"] == COLUMNS and list(row["properties"]) == COLUMNS
    assert row["additionalProperties"] is False


def test_json_validates_against_the_published_schema(site, root, published_schema):
    plain = json.loads((site / "data" / "kpis.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(published_schema)
    errors = sorted(jsonschema.Draft202012Validator(published_schema).iter_errors(plain), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:20])
    assert len(plain) == KPI_COUNT


def test_the_published_schema_rejects_a_wrong_row(site, published_schema):
    row = json.loads((site / "data" / "kpis.json").read_text(encoding="utf-8"))[0]
    validator = jsonschema.Draft202012Validator(published_schema)
    for wrong in ({**row, "status": "good"}, {**row, "baseline": "382"}, {**row, "extra": 1},
                  {k: v for k, v in row.items() if k != "unit"}, {**row, "id": "1-1"}):
        assert not validator.is_valid([wrong]), wrong

def test_json_rows_agree_with_the_data(site, root):
    plain = json.loads((site / "data" / "kpis.json").read_text(encoding="utf-8"))
    ids = [row["id"] for row in plain]
    assert len(set(ids)) == len(ids), "duplicate KPI ids"
    units = yaml.safe_load((root / "data" / "units.yaml").read_text(encoding="utf-8"))
    for row in plain:
        parts = row["id"].split("-")
        assert (row["strategy"], row["policy"], row["measure"]) == (
            int(parts[0]), "-".join(parts[:2]), "-".join(parts[:3])), row["id"]
        assert row["unit"] in units, row
        for col in ("baseline", "actual", "target"):
            assert (row[col] is None) == (row[col + "_fy"] is None), (row["id"], col)


def _same(cell: str, value) -> bool:
    if value is None:
        return cell == ""
    if isinstance(value, bool):
        return cell == ("true" if value else "false")
    if isinstance(value, (int, Decimal)):
        return Decimal(cell) == Decimal(value)
    return cell == value


def test_csv_and_json_have_the_same_content(csv_rows, items):
    assert len(csv_rows) - 1 == len(items)
    diffs = []
    for row, pairs in zip(csv_rows[1:], items):
        obj = _as_dict(pairs)
        for col, cell in zip(COLUMNS, row):
            if not _same(cell, obj[col]):
                diffs.append(f"{obj['id']}.{col}: csv {cell!r} json {obj[col]!r}")
    assert not diffs, "\n".join(diffs[:30])


def test_status_counts_match_the_reports_published_totals(items, root):
    counts = Counter(_as_dict(p)["status"] for p in items)
    assert dict(counts) == PUBLISHED_COUNTS
    report = yaml.safe_load((root / "data" / "editions" / "2024-02" / "report.yaml").read_text(encoding="utf-8"))
    assert report["published_status_counts"] == PUBLISHED_COUNTS


def _yaml_formulas(root) -> dict[str, str]:
    """Each KPI's progress_formula as the editors wrote it (b/c when not written)."""
    out = {}
    for path in sorted((root / "data" / "editions" / "2024-02" / "strategies").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for p in doc["policies"]:
            for m in p["measures"]:
                for k in m["kpis"]:
                    out[k["id"]] = k.get("progress_formula", "b/c")
    return out


def test_progress_formula_replaces_cumulative_in_the_same_place(csv_rows, items, root):
    """※ says how progress is computed, not that a KPI is a running total (issue 13)."""
    assert "cumulative" not in csv_rows[0]
    assert csv_rows[0].index("progress_formula") == 13   # where the earlier `cumulative` column was
    formulas = {_as_dict(p)["id"]: _as_dict(p)["progress_formula"] for p in items}
    assert formulas == _yaml_formulas(root)
    assert set(formulas.values()) == {"b/c", "(b-a)/(c-a)"}
    # A rate, not a total, and still marked ※ in the report.
    assert formulas["4-1-2-2"] == "(b-a)/(c-a)"
