"""A Japanese-only site (data/site.yaml: languages: [ja]) needs no English anywhere in its data."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from macros.core.errors import DataError
from macros.core.model import Text
from macros.core.report import load_report
from macros.core.schema import check_schema, english_optional

ROOT = Path(__file__).resolve().parents[2]


def _without_english(node):
    if isinstance(node, dict):
        return {k: _without_english(v) for k, v in node.items() if k != "en" and not str(k).endswith("_en")}
    if isinstance(node, list):
        return [_without_english(v) for v in node]
    return node


@pytest.fixture(scope="module")
def japanese_only(tmp_path_factory) -> Path:
    """美祢's data with every English field removed, no glossary and no context figures, published in Japanese only."""
    root = tmp_path_factory.mktemp("ja-only")
    shutil.copytree(ROOT / "data", root / "data")
    for path in (root / "data").rglob("*.yaml"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(_without_english(doc), allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = yaml.safe_load((root / "data" / "site.yaml").read_text(encoding="utf-8"))
    site["languages"] = ["ja"]
    (root / "data" / "site.yaml").write_text(yaml.safe_dump(site, allow_unicode=True), encoding="utf-8")
    (root / "data" / "glossary.yaml").unlink()
    for context in (root / "data" / "editions").glob("*/context.yaml"):
        context.unlink()
    return root


@pytest.mark.reference_site
def test_a_japanese_only_site_loads_with_no_english_glossary_or_context(japanese_only):
    data = load_report(japanese_only)
    assert data.site.languages == ("ja",)
    assert data.report.kpis() and all(k.name.ja and k.name.en == "" for k in data.report.kpis())
    assert data.report.context is None and data.glossary == ()
    assert not [n for n in data.notes if n.kind.value == "census"]


@pytest.mark.reference_site
def test_the_same_data_published_in_english_names_the_first_missing_english(japanese_only, tmp_path):
    shutil.copytree(japanese_only / "data", tmp_path / "data")
    shutil.copy(ROOT / "data" / "site.yaml", tmp_path / "data" / "site.yaml")   # languages: [ja, en]
    with pytest.raises(DataError) as err:
        load_report(tmp_path)
    message = str(err.value)
    assert "\n" not in message and re.match(r"data/[\w/.-]+\.yaml:\d+: ", message) and "'en'" in message


def test_english_fields_are_optional_only_for_a_japanese_only_site():
    schema = {"type": "object", "required": ["ja", "en", "note_en"],
              "properties": {"x": {"required": ["en", "id"]}}}
    assert english_optional(schema) == {"type": "object", "required": ["ja"],
                                        "properties": {"x": {"required": ["id"]}}}
    check_schema({"件": {}}, "units.schema.json", "data/units.yaml", ("ja",))
    with pytest.raises(DataError) as err:
        check_schema({"件": {}}, "units.schema.json", "data/units.yaml")
    assert "'en'" in str(err.value)


def test_no_other_language_is_taken_for_japanese():
    text = Text("目標", "Target")
    assert (text.get("ja"), text.get("en")) == ("目標", "Target")
    with pytest.raises(ValueError):
        text.get("ko")
