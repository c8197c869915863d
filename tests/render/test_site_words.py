"""The municipality's name and the census years come from the site's data, not from the engine."""
from dataclasses import replace

import pytest

from macros.core.model import CensusPoint, Text
from macros.core.report import load_report
from macros.render.pages import PageFragments


@pytest.fixture(scope="module")
def town(root):
    """The real report, published by another town whose censuses are 2005 and 2020."""
    data = load_report(root)
    census = data.report.context.census
    points = (CensusPoint(2005, 5100, Text("平成17年国勢調査人口", "2005 Census")),
              CensusPoint(2020, 4300, Text("令和2年国勢調査人口", "2020 Census")))
    context = replace(data.report.context, census=replace(census, population=points))
    return replace(data, report=replace(data.report, context=context),
                   site=replace(data.site, municipality=Text("架空町", "Kaku Town")))


@pytest.mark.parametrize("lang, name, years, span", [
    ("ja", "架空町", "平成17年・令和2年", "2005年から2020年"),
    ("en", "Kaku Town", "2005 and 2020", "2005–2020")])
def test_census_captions_name_the_town_and_the_census_years(town, lang, name, years, span):
    f = PageFragments(town, lang, lambda t: t)
    table, chart = str(f.census_table()), str(f.census_chart())
    assert name in table and span in table
    assert name in chart and years in chart
    assert "2015" not in table + chart


@pytest.mark.parametrize("lang, name", [("ja", "架空町"), ("en", "Kaku Town")])
def test_contact_words_name_the_town(town, lang, name):
    f = PageFragments(town, lang, lambda t: t)
    assert name in str(f.contact_links({}))
    linked = str(f.contact_links({"contact": "https://example.org/c"}))
    assert name in linked and 'href="https://example.org/c"' in linked
