"""The built search indexes: one per language, nothing in Material's shared index, every KPI at its
anchor, text normalised as the worker normalises a query."""
from __future__ import annotations

import json
import re
import unicodedata

import pytest

from tests.conftest import SITE_LANGUAGES


@pytest.fixture(scope="module")
def indexes(site):
    return {lang: json.loads((site / "search" / f"{lang}.json").read_text(encoding="utf-8"))["docs"]
            for lang in SITE_LANGUAGES}


def test_material_index_holds_configuration_only(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == [] and "config" in index


def test_each_index_holds_its_own_language_only(indexes):
    assert all(indexes.values()) and set(indexes) == set(SITE_LANGUAGES)
    for lang, docs in indexes.items():
        assert all(d[0].startswith("en/") == (lang == "en") for d in docs), lang


@pytest.mark.reference_site
def test_every_kpi_is_an_entry_at_its_anchor(site, indexes):
    for lang, prefix in (("ja", ""), ("en", "en/")):
        locations = {d[0] for d in indexes[lang]}
        for n in range(1, 6):
            page = f"{prefix}strategy-{n}/"
            ids = re.findall(r'\sid="(kpi-\d+(?:-\d+)+)"', (site / page / "index.html").read_text(encoding="utf-8"))
            assert ids, f"no KPI anchors on /{page}"
            missing = [i for i in ids if f"{page}#{i}" not in locations]
            assert not missing, f"/{page}: KPIs without a search entry: {missing}"


def test_text_is_nfkc_normalised(indexes):
    for lang, docs in indexes.items():
        for location, title, text in docs:
            for value in (title, text):
                assert value == unicodedata.normalize("NFKC", value), f"{lang} {location}: not NFKC"


@pytest.mark.reference_site
def test_pages_marked_search_exclude_are_left_out(indexes):
    assert not [d for d in indexes["ja"] if d[0].startswith("kpis/")]
    assert not [d for d in indexes["en"] if d[0].startswith("en/kpis/")]
