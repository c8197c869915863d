"""Plans with one to three levels above the KPIs (data/site.yaml `levels`): the shape of a strategy file,
the model built from it, the download columns and schemas, and the level names in the labels."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from macros.core.builder import Builder
from macros.core.errors import DataError
from macros.core.export import columns, download_schema
from macros.core.levels import check_shape, kpi_records
from macros.core.loader import load_yaml
from macros.core.model import Columns, Text
from macros.core.schema import SCHEMA_DIR, check_schema
from macros.render.labels import with_levels

ROOT = Path(__file__).resolve().parents[2]
THREE = (Text("重点戦略", "Priority Strategy"), Text("戦略方針", "Strategic Policy"), Text("具体的施策", "Measure"))
TWO = (Text("基本目標", "Basic Goal"), Text("施策", "Policy"))
ONE = (Text("基本目標", "Basic Goal"),)
KPI = "{id: %s, name: {ja: 指標%s, en: Indicator %s}, unit: 件, baseline: 1, actual: 2, target: 3}"
DOCS = {
    3: "id: 1\ntitle: {ja: 一, en: One}\npublished_status_counts: null\npolicies:\n"
       "  - id: 1-1\n    title: {ja: 方針, en: P}\n    measures:\n"
       "      - id: 1-1-1\n        title: {ja: 施策, en: M}\n        kpis:\n"
       f"          - {KPI % ('1-1-1-1', 1, 1)}\n",
    2: "id: 1\ntitle: {ja: 一, en: One}\npublished_status_counts: null\nmeasures:\n"
       "  - id: 1-1\n    title: {ja: 施策, en: M}\n    kpis:\n"
       f"      - {KPI % ('1-1-1', 1, 1)}\n      - {KPI % ('1-1-2', 2, 2)}\n"
       "  - id: 1-2\n    title: {ja: 施策2, en: M2}\n    kpis:\n"
       f"      - {KPI % ('1-2-1', 3, 3)}\n",
    1: "id: 1\ntitle: {ja: 一, en: One}\npublished_status_counts: null\nkpis:\n"
       f"  - {KPI % ('1-1', 1, 1)}\n  - {KPI % ('1-2', 2, 2)}\n",
}
LEVELS = {3: THREE, 2: TWO, 1: ONE}


def _doc(tmp_path: Path, text: str):
    path = tmp_path / "strategy-1.yaml"
    path.write_text(text, encoding="utf-8")
    return load_yaml(path, "strategy-1.yaml")


def _strategy(tmp_path: Path, count: int):
    doc = _doc(tmp_path, DOCS[count])
    check_shape(doc, LEVELS[count], "strategy-1.yaml")
    check_schema(doc, "strategy.schema.json", "strategy-1.yaml")
    return Builder(doc, "strategy-1.yaml", Columns(2019, 2024, 2027), {"件": Text("件", "number")},
                   LEVELS[count]).strategy()


@pytest.mark.parametrize("count", [1, 2, 3])
def test_a_plan_of_each_depth_builds_with_ids_of_one_part_per_level(tmp_path, count):
    s = _strategy(tmp_path, count)
    assert s.kpis() and all(k.id.count("-") == count for k in s.kpis())
    assert [k["id"] for k in kpi_records(_doc(tmp_path, DOCS[count]))] == [k.id for k in s.kpis()]
    holders = s.measures()
    assert all(h.id.count("-") == count - 1 for h in holders)
    assert [k for h in holders for k in h.kpis] == s.kpis()


def test_two_levels_have_no_middle_items(tmp_path):
    s = _strategy(tmp_path, 2)
    assert [i.id for i in s.all_items()] == ["1-1", "1-2"]
    assert all(not i.items and i.depth == 1 for i in s.all_items())


@pytest.mark.parametrize("count,written", [(2, 3), (3, 2), (1, 2), (2, 1)])
def test_a_file_of_another_depth_is_named_with_the_levels_and_the_key_to_use(tmp_path, count, written):
    doc = _doc(tmp_path, DOCS[written])
    with pytest.raises(DataError) as err:
        check_shape(doc, LEVELS[count], "strategy-1.yaml")
    line = str(err.value)
    want = {3: "policies", 2: "measures", 1: "kpis"}[count]
    assert "strategy-1.yaml" in line and f"'{want}:'" in line and f"「{want}:」" in line
    assert f"{count} levels" in line and "data/site.yaml" in line and LEVELS[count][0].ja in line
    assert err.value.line is not None and err.value.line >= 4


def test_a_kpi_id_with_too_many_parts_for_its_parent_is_refused(tmp_path):
    doc = _doc(tmp_path, DOCS[2].replace("id: 1-1-2,", "id: 1-1-2-1,"))
    check_shape(doc, TWO, "strategy-1.yaml")
    check_schema(doc, "strategy.schema.json", "strategy-1.yaml")
    with pytest.raises(DataError, match="1-1-2-1.*parent '1-1'"):
        Builder(doc, "strategy-1.yaml", Columns(2019, 2024, 2027), {"件": Text("件", "number")}, TWO).strategy()


def test_download_columns_follow_the_levels():
    assert columns(3)[:4] == ("id", "strategy", "policy", "measure")
    assert columns(2)[:4] == ("id", "strategy", "measure", "name_ja")
    assert columns(1)[:3] == ("id", "strategy", "name_ja")


def test_download_schema_is_kept_for_three_levels_and_rewritten_for_fewer():
    raw = (SCHEMA_DIR / "kpis.schema.json").read_bytes()
    assert download_schema(raw, THREE) == raw
    one = json.loads(download_schema(raw, ONE))["$defs"]["row"]
    assert one["required"][:3] == ["id", "strategy", "name_ja"]
    assert one["properties"]["id"]["pattern"] == "^[0-9]+-[0-9]+$"
    two = json.loads(download_schema(raw, TWO))["$defs"]["row"]
    assert two["properties"]["measure"]["pattern"] == "^[0-9]+-[0-9]+$"
    assert "施策のID" in two["properties"]["measure"]["description"]


def test_a_levels_own_label_replaces_the_engines_words_and_english_falls_back():
    labels = (Text("第{n}の{name}", ""), Text("（{id}）{name}", "{name} ({id})"))
    ja, en = with_levels("ja", TWO, labels), with_levels("en", TWO, labels)
    assert ja["strategy_label"].format(n=2, id=2) == "第2の基本目標"
    assert ja["measure_label"].format(n=1, id="2-1") == "（2-1）施策"
    assert en["strategy_label"].format(n=2, id=2) == "Basic Goal 2"          # no English label: the engine's
    assert en["measure_label"].format(n=1, id="2-1") == "Policy (2-1)"
    assert ja["table_caption"].format(id="2-1") == "施策 2-1 のKPI"         # captions keep the engine's words


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_labels_name_the_plans_levels(lang):
    words = with_levels(lang, TWO)
    assert words["strategy_label"].format(n=2) == ("基本目標2" if lang == "ja" else "Basic Goal 2")
    assert words["measure_label"].format(id="2-1") == ("施策 2-1" if lang == "ja" else "Policy 2-1:")
    assert words["table_caption"].format(id="2-1") == ("施策 2-1 のKPI" if lang == "ja" else "KPIs of Policy 2-1")
    three = with_levels(lang, THREE)
    assert three["policy_label"].format(n=1) == ("【戦略方針1】" if lang == "ja" else "Strategic Policy 1:")
    assert not any(mark in text for text in three.values() for mark in ("{top}", "{middle}", "{bottom}"))
