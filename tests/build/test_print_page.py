"""The full report on one page (docs/print.md) holds every included page whole, in reading order."""
import re

import pytest

from macros.glue.print_page import PART_CLASS

INCLUDED = ["context", "strategy-1", "strategy-2", "strategy-3", "strategy-4", "strategy-5"]


def _page(site, lang, path):
    base = site if lang == "ja" else site / "en"
    return (base / path / "index.html").read_text(encoding="utf-8")


def _article(html):
    return html[html.index('<article class="md-content__inner'):html.index("</article>")]


def _ids(html):
    return re.findall(r'\sid="([^"]+)"', _article(html))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_included_page_is_whole_on_the_print_page(site, lang):
    full = _page(site, lang, "print")
    ids = _ids(full)
    assert len(ids) == len(set(ids)), "an id repeats on the print page"
    for name in INCLUDED:
        own = _ids(_page(site, lang, name))
        # the included page's own title gets the part's id; every other id of its content is kept
        missing = [i for i in own if i not in ids and not i.startswith("__")]
        assert len(missing) <= 1, f"{name}: ids missing on the print page: {missing}"
        assert f'class="{PART_CLASS}" id="{name}"' in full, name


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_parts_come_in_the_report_order_each_on_a_new_sheet(site, lang):
    full = _article(_page(site, lang, "print"))
    parts = re.findall(rf'<h2 class="{PART_CLASS}" id="([^"]+)"', full)
    assert parts == ["contents", "context", "summary"] + INCLUDED[1:]
    # every chart carries its rendering for paper
    assert full.count('class="kpi-chart__loading"') == len(re.findall(r'<div class="print-chart[^"_]*" hidden>', full)) > 30
    assert '<div class="toc">' in full
