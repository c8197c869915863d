"""Text that reaches the CSV downloads and the staff workbook never starts like a formula (OWASP's CSV
injection list and the full-width forms): a KPI name or unit that does is refused when data/ is loaded,
with one line. Numbers are not text: a negative value stays a number."""
import csv
import io
import json
import shutil

import pytest

from macros.core.errors import DataError
from macros.core.export import to_csv, to_json
from macros.core.report import load_report
from macros.core.schema import NO_FORMULA

S1 = "data/editions/2024-02/strategies/strategy-1.yaml"


@pytest.fixture()
def project(tmp_path, root):
    shutil.copytree(root / "data", tmp_path / "data")
    return tmp_path


def patch(project, find: str, replace: str) -> int:
    p = project / S1
    text = p.read_text(encoding="utf-8")
    assert text.count(find) == 1, find
    p.write_text(text.replace(find, replace), encoding="utf-8")
    return text[: text.index(find)].count("\n") + 1


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\\t", "\\r", "＝", "＋", "－", "＠"])
@pytest.mark.parametrize("find,field", [
    ('name: {ja: "三洞入洞者数"', "name.ja"),
    ('en: "Visitors to the three caves"}', "name.en"),
    ('unit: "千人"', "unit"),
])
def test_text_starting_like_a_formula_is_refused_with_one_line(project, start, find, field):
    key, _, value = find.partition('"')
    line = patch(project, find, f'{key}"{start}{value}')
    with pytest.raises(DataError) as err:
        load_report(project)
    msg = str(err.value)
    assert msg.startswith(f"{S1}:{line}: 1-1-1-1.{field}: ") and "formula" in msg and "数式" in msg
    assert "\n" not in msg


def test_the_same_characters_inside_the_text_are_fine(project):
    patch(project, 'name: {ja: "三洞入洞者数"', 'name: {ja: "三洞入洞者数（=秋芳洞+大正洞+景清洞）@-"')
    data = load_report(project)
    assert data.report.kpi("1-1-1-1").name.ja == "三洞入洞者数（=秋芳洞+大正洞+景清洞）@-"


def test_negative_numbers_stay_numbers(project):
    patch(project, "            baseline: 499\n", "            baseline: -3\n")
    data = load_report(project)
    row = next(r for r in csv.DictReader(io.StringIO(to_csv(data).decode("utf-8-sig"))) if r["id"] == "1-1-1-1")
    assert row["baseline"] == "-3"
    item = next(i for i in json.loads(to_json(data)) if i["id"] == "1-1-1-1")
    assert item["baseline"] == -3


def test_the_published_schemas_promise_it(root):
    """The downloads' schemas (published beside them) and the editors' schema carry the same pattern."""
    for name in ("kpis.schema.json", "kpis-all-editions.schema.json"):
        schema = json.loads((root / "macros" / "schema" / name).read_text(encoding="utf-8"))
        row = schema.get("items", {}).get("properties") or schema["$defs"]["row"]["properties"]
        assert all(row[c]["pattern"] == NO_FORMULA for c in ("name_ja", "name_en", "unit")), name
    kpi = json.loads((root / "macros" / "schema" / "strategy.schema.json").read_text(encoding="utf-8"))["$defs"]["kpi"]
    assert kpi["properties"]["unit"]["pattern"] == NO_FORMULA
    assert all(v["pattern"] == NO_FORMULA for v in kpi["properties"]["name"]["properties"].values())
