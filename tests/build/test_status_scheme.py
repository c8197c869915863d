"""美祢's site built with another status scheme (a copy whose data/site.yaml chooses it): every page that
shows statuses shows that scheme's labels and symbols, the counts add up to the KPIs, and the colours
the site is given pass AA contrast."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from macros.core.report import load_report
from macros.core.status_schemes import GRAPHIC_MIN, PAGE_BACKGROUND, TEXT_MIN, contrast
from macros.render.labels import status_name
from macros.render.status_css import PATH
from tests.build.pages import page
from tests.conftest import copy_project, run_build, strict_build

# Two more full builds of the site: slow by design.
pytestmark = pytest.mark.slow

SCHEMES = {
    "graded": "status:\n  scheme: graded\n  band_pct: 10\n",
    "bands": "status:\n  scheme: bands\n  thresholds: [80, 50, 20]\n",
}


def _with_scheme(project: Path, block: str) -> Path:
    site_yaml = project / "data" / "site.yaml"
    text = site_yaml.read_text(encoding="utf-8")
    changed = re.sub(r"^status:\n(?:  .*\n)+", block, text, count=1, flags=re.M)
    assert changed != text
    site_yaml.write_text(changed, encoding="utf-8")
    return project


@pytest.fixture(scope="module", params=sorted(SCHEMES))
def built(request, tmp_path_factory):
    project = _with_scheme(copy_project(tmp_path_factory.mktemp(request.param)), SCHEMES[request.param])
    return load_report(project), strict_build(project, project.parent / "site")


class _Statuses(HTMLParser):
    """The statuses a page shows: each badge's class and words, the summary table's rows (words, count),
    the KPI rows' data-status, and the filter's choices."""

    def __init__(self):
        super().__init__()
        self.badges, self.summary, self.rows, self.filters = [], [], [], []
        self._stack: list[tuple[str, str]] = []   # (tag, what) of the open elements we read
        self._text = ""
        self._in_summary = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class") or ""
        if tag == "table" and "status-summary__table" in cls:
            self._in_summary = True
        if tag == "tbody" and "data-status" in a:
            self.rows.append(a["data-status"])
        if tag == "input" and a.get("name") == "status" and a.get("value"):
            self.filters.append(a["value"])
        if tag == "span" and re.search(r"\bkpi-status--", cls):
            self._stack.append((tag, cls.split("kpi-status--")[1].split()[0]))
            self._text = ""
        elif self._stack:
            self._stack.append((tag, ""))
        if self._in_summary and tag == "tr":
            self._summary_row: list[str] = []
        if self._in_summary and tag == "td" and "kpi-num" in cls:
            self._count_cell = ""

    def handle_endtag(self, tag):
        if self._stack:
            _tag, what = self._stack.pop()
            if what:
                self.badges.append((what, " ".join(self._text.split())))
                if self._in_summary:
                    self._summary_row.append(what)
        if tag == "td" and self._in_summary and hasattr(self, "_count_cell"):
            if self._summary_row:
                self.summary.append((self._summary_row[0], int(self._count_cell)))
            del self._count_cell
        if tag == "table":
            self._in_summary = False

    def handle_data(self, data):
        if self._stack:
            self._text += data
        if hasattr(self, "_count_cell"):
            self._count_cell += data


def statuses(html: str) -> _Statuses:
    parser = _Statuses()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_badge_names_a_category_of_the_scheme_by_symbol_and_words(built, lang):
    data, site = built
    scheme = data.scheme
    for path in ("", "strategy-1", "kpis", "methodology"):
        found = statuses(page(site, lang, path))
        assert found.badges, path
        for code, words in found.badges:
            assert code in scheme.ids, (path, code)
            assert words == status_name(lang, code, scheme), (path, code, words)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_overview_counts_add_up_to_the_kpis(built, lang):
    data, site = built
    found = statuses(page(site, lang, ""))
    assert [code for code, _n in found.summary] == list(data.scheme.ids)
    assert sum(n for _c, n in found.summary) == len(data.report.kpis())
    assert dict(found.summary) == {c: data.total.get(c) for c in data.scheme.ids}


def test_the_kpi_list_rows_and_filter_follow_the_scheme(built):
    data, site = built
    found = statuses(page(site, "ja", "kpis"))
    assert found.filters == list(data.scheme.ids)
    assert sorted(found.rows) == sorted(data.evaluations[k.id].status for k in data.report.kpis())


def test_the_methodology_explains_the_scheme_with_an_example_of_each_category(built):
    data, site = built
    html = page(site, "en", "methodology")
    examples = re.findall(r'<tr data-status="([^"]+)"', html)
    assert examples == list(data.scheme.ids)
    for c in data.scheme.categories:
        assert c.rule.en in html.replace("&#39;", "'"), c.id


def test_the_scheme_s_stylesheet_is_linked_and_its_colours_pass_aa(built):
    data, site = built
    css = (site / PATH).read_text(encoding="utf-8")
    assert f'href="../{PATH}"' in page(site, "ja", "methodology")
    colours = dict(re.findall(r"--st-([A-Za-z0-9_-]+): (#[0-9a-f]{6});", css))
    for c in data.scheme.ids:
        assert contrast(colours[f"{c}-fg"], colours[f"{c}-bg"]) >= TEXT_MIN, c
        assert contrast(colours[c], PAGE_BACKGROUND) >= GRAPHIC_MIN, c


def test_the_real_site_needs_no_stylesheet_of_its_own(site):
    assert not (site / PATH).exists()
    assert PATH not in page(site, "ja", "")


def test_an_entered_scheme_without_the_kpis_statuses_stops_the_build_at_the_first_kpi(tmp_path):
    (tmp_path / "project").mkdir()
    project = _with_scheme(copy_project(tmp_path / "project"), "status:\n  scheme: entered\n")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    lines = [line for line in (result.stdout + result.stderr).splitlines() if ".status:" in line]
    assert lines and re.search(r"data/editions/[^/]+/strategies/strategy-1\.yaml:\d+: 1-1-1-1\.status: ", lines[0])
    assert "Traceback" not in result.stdout + result.stderr


def test_the_downloads_statuses_are_the_scheme_s_and_their_schema_says_so(built):
    data, site = built
    rows = json.loads((site / "data" / "kpis.json").read_text(encoding="utf-8"))
    jsonschema.validate(rows, json.loads((site / "data" / "kpis.schema.json").read_text(encoding="utf-8")))
    assert sorted(r["status"] for r in rows) == sorted(e.status for e in data.evaluations.values())
    assert {r["status"] for r in rows} <= set(data.scheme.ids)
