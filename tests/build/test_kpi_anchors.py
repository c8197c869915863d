"""Every KPI has an address: the same anchor (kpi-<id>) on its strategy page in both languages, a
visible link to itself, and the KPI list and the data notes link to it."""
import re
from pathlib import Path

import pytest

from macros.core.report import load_report

KPI_BLOCK = re.compile(r'<tbody class="kpi-row[^"]*"[^>]*? id="kpi-([\d-]+)"[^>]*>(.*?)</tbody>', re.S)


@pytest.fixture(scope="module")
def data(root):
    return load_report(root)


def page(site: Path, lang: str, path: str) -> str:
    return ((site if lang == "ja" else site / "en") / path / "index.html").read_text(encoding="utf-8")


def test_each_kpi_has_the_same_anchor_in_both_languages_and_a_link_to_itself(site, data):
    for s in data.report.strategies:
        want = [k.id for k in s.kpis()]
        for lang in ("ja", "en"):
            blocks = KPI_BLOCK.findall(page(site, lang, f"strategy-{s.id}"))
            assert [kid for kid, _ in blocks] == want, (lang, s.id)
            for kid, body in blocks:
                assert f'<a class="kpi-row__link" href="#kpi-{kid}"' in body, (lang, kid)


@pytest.mark.parametrize("lang,where", [("ja", "kpis"), ("en", "kpis"), ("ja", "data"), ("en", "data")])
def test_links_to_kpis_land_on_an_existing_anchor(site, data, lang, where):
    html = page(site, lang, where)
    links = re.findall(r'href="\.\./strategy-(\d)/#kpi-([\d-]+)"', html)
    if where == "kpis":
        assert sorted(kid for _, kid in links) == sorted(k.id for k in data.report.kpis())
    assert links
    for sid, kid in set(links):
        assert f'id="kpi-{kid}"' in page(site, lang, f"strategy-{sid}"), (where, kid)
