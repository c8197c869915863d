"""A town that is not 美祢市, published in Japanese only (tests/towns/ja_only/: one level above its KPIs,
the graded status scheme, no context page), built strictly by this engine: no English page, link or
switch is built, every page is Japanese, and nothing names 美祢.

The town's folder holds only its own files (data/, docs/, mkdocs.yml); the engine (macros/, overrides/)
and the front-end packages are linked in from this repository, as a shared engine would be. What the
pages must show is read from the town's data, not written here.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest

from macros.core.register import read_register
from macros.core.report import load_report
from macros.core.site import load_site
from macros.tools.pdf import edition_path, pdf_paths
from tests.conftest import ROOT, strict_build, town_copy

TOWN = ROOT / "tests" / "towns" / "ja_only"
CONTACT = "https://example.org/kaku/contact"
TEXT_SUFFIXES = {".html", ".json", ".csv", ".xml", ".js", ".css", ".txt"}


@pytest.fixture(scope="module")
def town(tmp_path_factory) -> Path:
    return town_copy("ja_only", tmp_path_factory.mktemp("town") / "kaku")


@pytest.fixture(scope="module")
def site(town, tmp_path_factory) -> Path:
    """In this module, the town's built site (in place of the real site of tests/conftest.py)."""
    return strict_build(town, tmp_path_factory.mktemp("town-site") / "site", env={"CONTACT_URL": CONTACT})


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _text_files(site: Path):
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            yield path, path.read_text(encoding="utf-8-sig")


@pytest.mark.reference_site
def test_the_town_is_not_mine_city():
    site = load_site(TOWN)
    assert site.languages == ("ja",) and site.municipality.ja != load_site(ROOT).municipality.ja


def test_a_one_level_plan_graded_without_context_shows_each_kpis_computed_grade(site):
    """The engine's own town differs from 美祢's in every way a town may: one level above its KPIs, the
    graded scheme (S/A/B/C/−), no context page. Each KPI's row on its page carries its computed grade."""
    data = load_report(TOWN)
    assert len(data.report.levels) == 1 and data.scheme.name == "graded" and data.report.context is None
    assert not (site / "context").exists()
    grades = {data.evaluations[k.id].status for k in data.report.kpis()}
    assert len(grades) >= 3   # the town's figures reach several grades
    for s in data.report.strategies:
        html = (site / f"strategy-{s.id}" / "index.html").read_text(encoding="utf-8")
        shown = dict(re.findall(r'id="kpi-([0-9-]+)" data-status="([^"]+)"', html))
        assert shown == {k.id: data.evaluations[k.id].status for k in s.kpis()}, s.id


def test_no_english_page_is_built(site):
    assert not (site / "en").exists()
    assert not list(site.rglob("*.en.*")) and not (site / "search" / "en.json").exists()
    assert len(_pages(site)) >= 10


def test_every_page_is_japanese_and_links_no_english(site):
    for page in _pages(site):
        html = page.read_text(encoding="utf-8")
        assert re.findall(r"<html\b[^>]*\blang=\"([^\"]*)\"", html) == ["ja"], page
        assert 'lang="en"' not in html, page
        assert 'hreflang="en"' not in html and not re.search(r'href="[^"]*/en/', html), page


def test_the_404_page_speaks_only_japanese(site):
    html = (site / "404.html").read_text(encoding="utf-8")
    assert "ページが見つかりません" in html and "Page not found" not in html


def test_nothing_names_mine_city(site):
    words = re.compile(r"美祢|Mine\b|mine-report")
    found = [f"{path.relative_to(site)}: {m.group(0)}" for path, text in _text_files(site)
             for m in words.finditer(text)]
    assert not found, "\n".join(found[:20])


def test_the_town_names_itself(site):
    town = load_site(TOWN).municipality.ja
    footer = (site / "index.html").read_text(encoding="utf-8").split('<footer class="md-footer"')[1]
    assert re.search(rf'href="{re.escape(CONTACT)}">[^<]*{town}', footer)


def test_the_print_pages_link_the_pdf_named_in_the_site_file(site):
    (ja_pdf,) = pdf_paths(load_site(TOWN)).values()
    assert ja_pdf.startswith("pdf/kaku-hyoka-")
    edition = read_register(TOWN).latest().id
    for page, target in (("print/index.html", ja_pdf), (f"editions/{edition}/print/index.html",
                                                        edition_path(ja_pdf, "ja", edition))):
        html = (site / page).read_text(encoding="utf-8")
        links = re.findall(r'href="([^"]+\.pdf)"', html)
        assert len(links) == 1, page
        resolved = (site / page).parent.joinpath(links[0]).resolve()
        assert resolved == (site / target).resolve(), (page, links[0])


def test_the_downloads_hold_the_towns_kpis(site):
    kpis = load_report(TOWN).report.kpis()
    rows = list(csv.DictReader(io.StringIO((site / "data" / "kpis.csv").read_text(encoding="utf-8-sig"))))
    assert [r["id"] for r in rows] == [k.id for k in kpis]
    assert {r["unit"] for r in rows} == {k.unit for k in kpis} and not any(r["name_en"] for r in rows)


def test_the_build_reports_the_data_notes_in_japanese(site):
    """A Japanese-only site's notes have no English: the build prints them in Japanese, never empty."""
    log = (site.parent / f"{site.name}.log").read_text(encoding="utf-8")
    notes = re.findall(r"data note: (.*)", log)
    assert notes and all(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", n) for n in notes), notes


def test_the_downloads_validate_against_their_published_schemas(site):
    """A Japanese-only site's rows have no English name (null), and its schemas, published beside them, say so."""
    for name in ("kpis", "kpis-all-editions"):
        schema = json.loads((site / "data" / f"{name}.schema.json").read_text(encoding="utf-8"))
        rows = json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8"))
        assert rows and all(r["name_en"] is None for r in rows)
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(rows))
        assert not errors, (name, errors[:3])
