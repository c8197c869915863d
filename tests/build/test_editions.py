"""Editions, proven with a synthetic second edition (tests/synthetic_editions.py) in throwaway copies.

The same project is built with its one real edition and then with a second one added the way staff
add one (scaffold, fill in, translate, publish): addresses, the switch between editions, the
comparisons, the downloads, search, drafts, and the old edition's pages left exactly as they were.
"""
from __future__ import annotations

import csv
import io
import json
import posixpath
import re
from pathlib import Path

import pytest

from macros.core.edition_series import load_editions
from tests.conftest import ROOT, SECOND_EDITION, copy_project, run_build
from tests.synthetic_editions import add_edition

FIRST, SECOND = "2024-02", SECOND_EDITION
BANNER = re.compile(r'<aside class="edition-banner.*?</aside>\n?', re.S)
EDITION_PAGES = ["", "context/", "kpis/", "print/", "strategy-1/", "strategy-2/", "strategy-3/", "strategy-4/",
                 "strategy-5/"]


def _project(base: Path) -> Path:
    (base / "project").mkdir()
    return copy_project(base / "project")


def _build(project: Path, site: Path, **env) -> Path:
    result = run_build(project, site, env=env or None)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def two(two_editions):
    """(project, site) with the real edition and a published synthetic second one (tests/conftest.py)."""
    return two_editions


@pytest.fixture(scope="module")
def one(site):
    """(project, site) with the real edition only: the real site, built once per test run. It is the
    same as a copy's build (tests/build/test_reproducible.py compares them byte for byte)."""
    return ROOT, site


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    """A second edition scaffolded but left a draft: (project, deployed site, preview site)."""
    base = tmp_path_factory.mktemp("draft-edition")
    project = _project(base)
    add_edition(project, SECOND, 2023, publish=False)
    return project, _build(project, base / "site"), _build(project, base / "preview", SHOW_DRAFTS="true")


def page(site: Path, path: str, lang: str = "ja") -> str:
    prefix = "" if lang == "ja" else "en/"
    return (site / prefix / path / "index.html").read_text(encoding="utf-8")


def banner(html: str) -> str:
    m = BANNER.search(html)
    assert m, "no edition banner"
    return m.group(0)


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("path", EDITION_PAGES)
def test_every_edition_has_permanent_addresses_and_the_latest_stays_at_todays(two, lang, path):
    _project, site = two
    for edition in (FIRST, SECOND):
        assert f"{edition}" in page(site, f"editions/{edition}/{path}", lang)
    root = banner(page(site, path, lang))
    assert ("令和7年2月版" if lang == "ja" else "February 2025 edition") in text(root.split("</p>")[0])


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_switch_links_the_same_page_in_every_edition(two, lang):
    _project, site = two
    prefix = "" if lang == "ja" else "en/"
    for here in ("strategy-2/", f"editions/{FIRST}/strategy-2/", f"editions/{SECOND}/kpis/"):
        html = banner(page(site, here, lang))
        targets = re.findall(r'<a href="([^"]+)"', html)
        resolved = {posixpath.normpath(posixpath.join(prefix + here, t)) for t in targets}
        name = here.rstrip("/").split("/")[-1]
        expected = {f"{prefix}editions/{e}/{name}" for e in (FIRST, SECOND)}
        # every other edition is a link to its copy of this page; the one shown is marked, not linked
        assert resolved <= expected and len(resolved) == 1, (here, targets)
        assert 'aria-current="page"' in html
        for target in resolved:
            assert (site / target / "index.html").is_file()


def test_an_old_editions_pages_are_unchanged_but_for_the_switch(one, two):
    (_p1, site1), (_p2, site2) = one, two
    compared = 0
    for lang in ("ja", "en"):
        for path in EDITION_PAGES:
            before = page(site1, f"editions/{FIRST}/{path}", lang)
            after = page(site2, f"editions/{FIRST}/{path}", lang)
            assert BANNER.sub("", before) == BANNER.sub("", after), f"{lang} {path}"
            assert "令和7年2月版" in banner(after) or "February 2025 edition" in banner(after)
            compared += 1
    assert compared == 18
    # the first edition's files are untouched by the second one's scaffold
    p1, p2 = one[0], two[0]
    for sub in ("data/editions", "docs/editions"):
        for f in sorted((p1 / sub / FIRST).rglob("*")):
            if f.is_file():
                assert (p2 / f.relative_to(p1)).read_bytes() == f.read_bytes()


def test_each_kpi_shows_the_previous_edition_and_the_change(two):
    project, site = two
    editions = load_editions(project)
    latest = editions.get(SECOND)
    html = page(site, "strategy-1/")
    rows = re.findall(r'<tbody class="kpi-row[^"]*" id="kpi-([^"]+)"[^>]*data-changed="(yes|no)"', html)
    assert len(rows) == len(latest.data.report.strategy(1).kpis())
    changed = 0
    for kid, flag in rows:
        c = editions.change(latest, kid)
        assert (flag == "yes") == c.status_changed, kid
        changed += c.status_changed
    assert 0 < changed < len(rows)   # the synthetic data moves some KPIs and not others
    block = html[html.index('id="kpi-1-1-1-1"'):]
    block = block[:block.index("</tbody>")]
    assert "前の版（令和6年2月版）" in block and "382千人（令和4年度）" in block and "70.7%" in block
    en = page(site, "strategy-1/", "en")
    en_block = en[en.index('id="kpi-1-1-1-1"'):]
    assert "Previous edition (February 2024 edition)" in en_block[:en_block.index("</tbody>")]


def test_the_first_edition_has_nothing_to_compare_with(two):
    _project, site = two
    html = page(site, f"editions/{FIRST}/strategy-1/")
    assert "data-changed" not in html and "kpi-row__previous" not in html
    assert 'name="changed"' not in page(site, f"editions/{FIRST}/kpis/")


def test_the_kpi_list_offers_the_status_changed_filter(two, one):
    assert 'name="changed"' in page(two[1], "kpis/") and 'name="changed"' in page(two[1], "kpis/", "en")
    assert 'name="changed"' not in page(one[1], "kpis/")


def test_the_overview_sets_the_editions_counts_side_by_side(two):
    project, site = two
    editions = load_editions(project)
    html = page(site, "")
    table = html[html.index('<div class="edition-counts">'):]
    table = table[:table.index("</table>")]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", table, re.S)
    numbers = [[int(n) for n in re.findall(r'<td class="kpi-num"[^>]*>(\d+)</td>', cells)] for _h, cells in rows]
    expected = [[t.achieved, t.improved, t.unchanged, t.worse, t.total]
                for t in (editions.get(FIRST).data.total, editions.get(SECOND).data.total)]
    assert numbers == expected and [text(h) for h, _c in rows] == ["令和6年2月版 令和4年度", "令和7年2月版 令和5年度"]
    assert '<div class="edition-counts">' not in page(site, f"editions/{FIRST}/")


def test_a_kpis_actuals_across_editions_are_one_series_on_its_chart(two):
    project, site = two
    new_actual = load_editions(project).get(SECOND).data.report.kpi("1-1-2-2").actual
    html = page(site, "strategy-1/")
    figure = html[html.index('id="history-1-1-2-2"'):]
    table = figure[figure.index("<table>"):figure.index("</table>")]
    assert "令和4年度" in table and "令和5年度" in table and ">18<" in table
    assert f">{new_actual.amount}<" in table
    assert "評価報告書の各版の実績値" in figure[:figure.index("</figure>")]
    assert 'id="history-1-1-2-2"' not in page(site, f"editions/{FIRST}/strategy-1/")
    # the first edition's narrative figures stay on the series when the new narrative gives none
    caves = html[html.index('id="history-1-1-1-1"'):]
    caves_table = caves[caves.index("<table>"):caves.index("</table>")]
    assert all(year in caves_table for year in ("令和元年", "令和2年", "令和3年", "令和4年度", "令和5年度"))


def test_the_all_editions_download_has_a_row_per_kpi_per_edition(one, two):
    (_p1, site1), (_p2, site2) = one, two
    rows = list(csv.DictReader(io.StringIO((site2 / "data" / "kpis-all-editions.csv").read_bytes().decode("utf-8-sig"))))
    assert [r["edition"] for r in rows] == [FIRST] * 78 + [SECOND] * 78
    assert {r["actual_fy"] for r in rows if r["edition"] == SECOND and r["id"] == "1-1-1-1"} == {"2023"}
    header = lambda site, name: (site / "data" / name).read_bytes().decode("utf-8-sig").splitlines()[0]
    assert header(site2, "kpis-all-editions.csv") == "edition," + header(site1, "kpis.csv")
    # the current-edition files keep their exact columns and hold the latest edition
    assert header(site2, "kpis.csv") == header(site1, "kpis.csv")
    latest = {r["id"]: r for r in csv.DictReader(io.StringIO((site2 / "data" / "kpis.csv").read_bytes().decode("utf-8-sig")))}
    assert latest["1-1-1-1"]["actual_fy"] == "2023"
    items = json.loads((site2 / "data" / "kpis-all-editions.json").read_text(encoding="utf-8"))
    assert len(items) == 156 and list(items[0])[0] == "edition"


def test_all_editions_download_follows_its_schema(two):
    import jsonschema
    _project, site = two
    schema = json.loads((site / "data" / "kpis-all-editions.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads((site / "data" / "kpis-all-editions.json").read_text(encoding="utf-8")), schema)


@pytest.mark.parametrize("lang, name", [("ja", "（令和6年2月版）"), ("en", " (February 2024 edition)")])
def test_search_labels_earlier_editions_and_indexes_the_latest_once(two, lang, name):
    _project, site = two
    docs = json.loads((site / "search" / f"{lang}.json").read_text(encoding="utf-8"))["docs"]
    prefix = "" if lang == "ja" else "en/"
    earlier = [d for d in docs if d[0].startswith(f"{prefix}editions/{FIRST}/")]
    assert earlier and all(d[1].endswith(name) for d in earlier)
    assert not [d for d in docs if d[0].startswith(f"{prefix}editions/{SECOND}/")]
    latest = [d for d in docs if d[0].startswith(f"{prefix}strategy-1/")]
    assert latest and not any(d[1].endswith(name) for d in latest)


def test_a_draft_is_built_only_for_the_preview_with_its_banner(draft):
    _project, deployed, preview = draft
    assert not (deployed / "editions" / SECOND).exists() and not (deployed / "en" / "editions" / SECOND).exists()
    assert SECOND not in (deployed / "sitemap.xml").read_text(encoding="utf-8")
    assert "令和6年2月版" in banner(page(deployed, "strategy-1/"))            # the site still shows the published one
    assert "令和7年2月版" not in page(deployed, "strategy-1/")
    ja, en = banner(page(preview, f"editions/{SECOND}/strategy-1/")), banner(page(preview, f"editions/{SECOND}/", "en"))
    assert "作成中" in ja and "まだ公開されていません" in ja
    assert "Draft" in en and "not published yet" in en
    assert "令和6年2月版" in banner(page(preview, "strategy-1/"))           # a draft never takes today's addresses
    rows = list(csv.DictReader(io.StringIO((preview / "data" / "kpis-all-editions.csv").read_bytes().decode("utf-8-sig"))))
    assert {r["edition"] for r in rows} == {FIRST}                          # a draft is never in the downloads


def test_a_correction_is_shown_on_every_page_of_its_edition(tmp_path):
    from macros.tools import edition_cli
    project = _project(tmp_path)
    s1 = project / "data" / "editions" / FIRST / "strategies" / "strategy-1.yaml"
    s1.write_text(s1.read_text(encoding="utf-8").replace("            actual: 382\n", "            actual: 383\n", 1),
                  encoding="utf-8")
    assert edition_cli.main(["correct", FIRST, "--date", "2025-03-10", "--what-ja", "三洞入洞者数の実績値",
                             "--what-en", "The actual of visitors to the three caves was corrected.",
                             "--why-ja", "集計の誤り", "--why-en", "A counting error."], root=project) == 0
    site = _build(project, tmp_path / "site")
    for path in ("strategy-1/", "strategy-5/", f"editions/{FIRST}/kpis/"):
        assert "2025-03-10：三洞入洞者数の実績値（理由：集計の誤り）" in text(banner(page(site, path)))
    assert "10 March 2025: The actual of visitors to the three caves was corrected. Reason: A counting error." \
        in text(banner(page(site, "strategy-1/", "en")))
    assert ">383<" in page(site, "strategy-1/")
