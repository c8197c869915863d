"""The built site carries the whole report: every KPI, every narrative section, the computed counts."""
import re

import pytest

from macros.core.report import load_report
from tests.build.pages import page

SECTIONS = ("current", "evaluation", "issues", "direction")


@pytest.fixture(scope="module")
def data(root):
    return load_report(root)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_kpi_and_every_measure_section_is_on_its_strategy_page(site, data, lang):
    for s in data.report.strategies:
        html = page(site, lang, f"strategy-{s.id}")
        for m in s.measures():
            assert f'id="measure-{m.id}"' in html, m.id
            assert f'id="chart-{m.id}"' in html, m.id
            for section in SECTIONS:
                assert f'id="m-{m.id}-{section}"' in html, (m.id, section)
        for k in s.kpis():
            assert f'id="kpi-{k.id}"' in html, k.id
        for p in (i for i in s.all_items() if i.items):
            assert f'id="policy-{p.id}"' in html, p.id


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_kpi_list_has_every_kpi(site, data, lang):
    html = page(site, lang, "kpis")
    assert len(re.findall(r'<tbody class="kpi-row kpi-row--\w+" data-status="', html)) == len(data.report.kpis())


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_top_page_shows_the_computed_counts(site, data, lang):
    html = page(site, lang, "")
    table = re.search(r'<table class="status-summary__table">.*?</table>', html, re.S).group(0)
    cells = re.findall(r'<td class="kpi-num">(\d+)</td>', table)
    t = data.total
    assert cells == [str(t.achieved), str(t.improved), str(t.unchanged), str(t.worse), str(t.total)]


def test_japanese_pages_show_japanese_fiscal_years_and_english_pages_fy(site):
    ja, en = page(site, "ja", "strategy-1"), page(site, "en", "strategy-1")
    assert "令和4年度" in ja and "FY2022" not in ja
    assert "FY2022" in en and "令和4年度" not in en


def test_narrative_text_is_on_the_pages(site):
    """A few sentences from the report itself, one per strategy page (as transcribed)."""
    samples = {1: "なお、令和4年度には美祢市観光協会を中心とした【みねDMO】が認定DMOを取得しています。",
               2: "ファミリーサポートセンター", 3: "ふるさと納税", 4: "安全・安心メール", 5: "ジオツアー"}
    for sid, text in samples.items():
        assert text in page(site, "ja", f"strategy-{sid}"), sid


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_search_index_has_kpi_names_and_prose_but_not_charts(site, data, lang):
    """Each language's search index (macros/glue/search_index.py) is made from the pages as readers
    see them, without their data-search-exclude parts: KPI names are in it, chart captions are not,
    and readers still get the whole page."""
    import json
    index = json.loads((site / "search" / f"{lang}.json").read_text(encoding="utf-8"))
    prefix = "" if lang == "ja" else "en/"
    docs = [d for d in index["docs"] if d[0].startswith(f"{prefix}strategy-1/")]
    text = " ".join(title + " " + body for _, title, body in docs)
    s1 = data.report.strategy(1)
    for k in s1.kpis():
        assert k.name.get(lang).split("<br>")[0][:6] in text, k.id
    caption = "図:具体的施策 1-1-1" if lang == "ja" else "Figure: progress rates of the KPIs of Measure 1-1-1"
    assert caption not in text                               # the index text is NFKC: ： became :
    assert caption.replace(":", "：") in page(site, lang, "strategy-1") or caption in page(site, lang, "strategy-1")
