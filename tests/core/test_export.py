import csv
import io
import json

from macros.core.export import columns, rows, to_csv, to_json
from macros.core.report import load_report


def test_csv_has_bom_exact_header_and_one_row_per_kpi(root):
    data = load_report(root)
    raw = to_csv(data)
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(table[0]) == columns(3) == ("id", "strategy", "policy", "measure") + tuple(table[0][4:])
    assert len(table) - 1 == len(data.report.kpis())


def test_json_objects_have_the_columns_in_order_and_computed_values(root):
    data = load_report(root)
    items = json.loads(to_json(data))
    assert all(tuple(i) == columns(len(data.report.levels)) for i in items)
    first = next(i for i in items if i["id"] == "1-1-2-3")
    assert first["actual"] == 11 and first["actual_fy"] == 2019 and first["status"] == "improved"
    assert first["progress_pct"] == float(data.evaluations["1-1-2-3"].progress_pct)
    blank = next(i for i in items if i["id"] == "1-3-1-2")
    assert blank["baseline"] is None and blank["baseline_fy"] is None and blank["progress_pct"] == 0.0


def test_no_value_is_empty_in_csv(root):
    data = load_report(root)
    r = next(r for r in rows(data) if r["id"] == "4-2-2-1")
    assert r["progress_pct"] is None
    line = next(l for l in to_csv(data).decode("utf-8-sig").splitlines() if l.startswith("4-2-2-1,"))
    assert ",,0.0,unchanged" in line
