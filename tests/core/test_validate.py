"""Validation of a strategy file: each mistake stops with one line naming file, line and field."""
import shutil

import pytest

from macros.core.errors import DataError
from macros.core.report import load_report

GOOD = "data/editions/2024-02/strategies/strategy-1.yaml"


@pytest.fixture()
def project(tmp_path, root):
    shutil.copytree(root / "data", tmp_path / "data")
    return tmp_path


def break_file(project, find, replace, path=GOOD, count=1):
    p = project / path
    text = p.read_text(encoding="utf-8")
    assert find in text, find
    p.write_text(text.replace(find, replace, count), encoding="utf-8")
    return text[: text.index(find)].count("\n") + 1   # the line of the change


def error_of(project) -> str:
    with pytest.raises(DataError) as err:
        load_report(project)
    return str(err.value)


@pytest.mark.parametrize("find,replace,field,words", [
    ("            target: 540\n", "            taget: 540\n", "taget", "unknown field"),
    ("            target: 540\n", "", "target", "required field 'target' is missing"),
    ("            actual: 382\n", "            actual: \"382\"\n", "actual", "not a number"),
    ("            unit: \"千人\"", "            unit: \"千匹\"", "unit", "not in data/units.yaml"),
    ("            published_progress_pct: 70.7\n", "            published_progress_pct: 70.7\n            direction: up\n",
     "direction", "not allowed"),
    ("          - id: 1-1-1-1", "          - id: 1-1-1-A", "id", "malformed"),
    ("          - id: 1-1-1-1", "          - id: 1-1-2-9", "1-1-2-9.id", "does not belong"),
    ("{value: 11, fy: 2019, printed: \"11(R1)\"}", "{value: 11, fy: 1850}", "fy", "out of range"),
    ("{value: 11, fy: 2019, printed: \"11(R1)\"}", "{value: 12, fy: 2019, printed: \"11(R1)\"}", "printed", "disagrees"),
    ("{ja: \"三洞入洞者数\", en: \"Visitors to the three caves\"}", "{ja: \"三洞入洞者数\", en: \"\"}", "name.en", "English name is empty"),
])
def test_strategy_mistakes(project, find, replace, field, words):
    line = break_file(project, find, replace)
    msg = error_of(project)
    assert msg.startswith(f"{GOOD}:") and field in msg and words in msg and "\n" not in msg
    reported = int(msg.split(":")[1])
    # The changed line, or for a missing field the line where its record starts.
    assert line - 6 <= reported <= line + 1, (reported, line, msg)


def test_duplicate_kpi_id_across_files(project):
    break_file(project, "          - id: 2-1-1-1", "          - id: 2-1-1-2", "data/editions/2024-02/strategies/strategy-2.yaml")
    msg = error_of(project)
    assert "duplicate" in msg and "2-1-1-2" in msg and msg.startswith("data/editions/2024-02/strategies/strategy-2.yaml:")


def test_unknown_unit_names_the_remedy_in_both_languages(project):
    break_file(project, "            unit: \"千人\"", "            unit: \"千匹\"")
    msg = error_of(project)
    assert "data/units.yaml に英語名と一緒に追加" in msg and "add it to data/units.yaml" in msg


def test_inlined_refs_report_the_same_errors_as_the_schema_itself(root):
    """The validator inlines $defs for speed (validate.inline_refs); it must judge exactly as before."""
    import json

    import jsonschema
    import yaml

    from macros.core.schema import inline_refs

    schema = json.loads((root / "macros/schema/strategy.schema.json").read_text(encoding="utf-8"))
    doc = yaml.safe_load((root / GOOD).read_text(encoding="utf-8"))
    kpi = doc["policies"][0]["measures"][0]["kpis"][0]
    kpi.update(baseline="499", actual={"value": 1, "fy": "R1"}, taget=1)   # three kinds of mistake
    del kpi["name"]["ja"]
    cls = jsonschema.validators.validator_for(schema)

    def errors(s):
        return sorted((list(e.absolute_path), e.validator, e.message) for e in cls(s).iter_errors(doc))
    assert len(errors(schema)) >= 4
    assert errors(inline_refs(schema)) == errors(schema)
    assert "$ref" not in json.dumps(inline_refs(schema))


def test_inline_refs_refuses_a_recursive_schema():
    from macros.core.schema import inline_refs
    with pytest.raises(ValueError, match="recursive"):
        inline_refs({"$defs": {"a": {"items": {"$ref": "#/$defs/a"}}}, "items": {"$ref": "#/$defs/a"}})


@pytest.mark.parametrize("name", ["strategy", "report", "units", "context", "text-notes"])
def test_every_data_schema_is_a_valid_json_schema(root, name):
    import json

    import jsonschema
    schema = json.loads((root / f"macros/schema/{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema).check_schema(schema)
