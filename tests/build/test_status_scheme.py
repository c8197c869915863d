"""A site built with another status scheme: the engine's synthetic towns, the Japanese-only one graded as
its site file says (S/A/B/C/−), the bilingual one given progress bands. Every page that shows statuses
shows that scheme's labels and symbols, the counts add up to the KPIs, and the colours the site is given
pass AA contrast."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from macros.core.report import load_report
from macros.core.site import load_site
from macros.core.status_schemes import GRAPHIC_MIN, PAGE_BACKGROUND, TEXT_MIN, contrast
from macros.render.labels import status_name
from macros.render.status_css import PATH
from tests.build.pages import page
from tests.conftest import ROOT, made_once, run_build, strict_build, town_copy

TOWNS = ROOT / "tests" / "towns"
# Each town, and the status block its copy is given (None: its own site file's, the graded scheme).
SCHEMES = {
    "ja_only": None,
    "two_levels": "status:\n  scheme: bands\n  thresholds: [80, 50, 20]\n",
}


def _with_scheme(project: Path, block: str | None) -> Path:
    if block is None:
        return project
    site_yaml = project / "data" / "site.yaml"
    text = site_yaml.read_text(encoding="utf-8")
    changed = re.sub(r"^status:\n(?:  .*\n)+", block, text, count=1, flags=re.M)
    assert changed != text
    site_yaml.write_text(changed, encoding="utf-8")
    return project


def _built(town: str, out: Path) -> None:
    project = _with_scheme(town_copy(town, out / "project"), SCHEMES[town])
    strict_build(project, out / "site")


@pytest.fixture(scope="module", params=sorted(SCHEMES))
def built(request, tmp_path_factory):
    """(the town's data, its built site, its languages)."""
    base = made_once(tmp_path_factory, f"scheme-{request.param}", lambda out: _built(request.param, out))
    return load_report(base / "project"), base / "site", load_site(base / "project").languages


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


def test_every_badge_names_a_category_of_the_scheme_by_symbol_and_words(built):
    data, site, languages = built
    scheme = data.scheme
    for lang in languages:
        for path in ("", "strategy-1", "kpis", "methodology"):
            found = statuses(page(site, lang, path))
            assert found.badges, path
            for code, words in found.badges:
                assert code in scheme.ids, (path, code)
                assert words == status_name(lang, code, scheme), (path, code, words)


def test_the_overview_counts_add_up_to_the_kpis(built):
    data, site, languages = built
    for lang in languages:
        found = statuses(page(site, lang, ""))
        assert [code for code, _n in found.summary] == list(data.scheme.ids)
        assert sum(n for _c, n in found.summary) == len(data.report.kpis())
        assert dict(found.summary) == {c: data.total.get(c) for c in data.scheme.ids}
    assert len({c for c in data.scheme.ids if data.total.get(c)}) >= 3   # the town's figures reach several


def test_the_kpi_list_rows_and_filter_follow_the_scheme(built):
    data, site, _languages = built
    found = statuses(page(site, "ja", "kpis"))
    assert found.filters == list(data.scheme.ids)
    assert sorted(found.rows) == sorted(data.evaluations[k.id].status for k in data.report.kpis())


def test_the_methodology_explains_the_scheme_with_an_example_of_each_category(built):
    data, site, languages = built
    for lang in languages:
        html = page(site, lang, "methodology")
        examples = re.findall(r'<tr data-status="([^"]+)"', html)
        assert examples == list(data.scheme.ids)
        for c in data.scheme.categories:
            assert c.rule.get(lang) in html.replace("&#39;", "'"), c.id


def test_the_scheme_s_stylesheet_is_linked_and_its_colours_pass_aa(built):
    data, site, _languages = built
    css = (site / PATH).read_text(encoding="utf-8")
    assert f'href="../{PATH}"' in page(site, "ja", "methodology")
    colours = dict(re.findall(r"--st-([A-Za-z0-9_-]+): (#[0-9a-f]{6});", css))
    for c in data.scheme.ids:
        assert contrast(colours[f"{c}-fg"], colours[f"{c}-bg"]) >= TEXT_MIN, c
        assert contrast(colours[c], PAGE_BACKGROUND) >= GRAPHIC_MIN, c


def test_a_site_of_the_default_scheme_needs_no_stylesheet_of_its_own(site):
    """The four categories' colours are in the site's own stylesheet: no scheme stylesheet is written."""
    if load_site(ROOT).scheme.name != "four-categories":
        pytest.skip("this site chooses another status scheme")
    assert not (site / PATH).exists()
    assert PATH not in page(site, "ja", "")


def test_an_entered_scheme_without_the_kpis_statuses_stops_the_build_at_the_first_kpi(tmp_path):
    """A published edition needs every status the city enters (a draft may wait: tests/build/test_new_site.py)."""
    project = _with_scheme(town_copy("two_levels", tmp_path / "project"), "status:\n  scheme: entered\n")
    first = load_report(TOWNS / "two_levels").report.kpis()[0]
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    lines = [line for line in (result.stdout + result.stderr).splitlines() if ".status:" in line]
    assert lines and re.search(rf"data/editions/[^/]+/strategies/strategy-1\.yaml:\d+: {first.id}\.status: ", lines[0])
    assert "Traceback" not in result.stdout + result.stderr


def test_the_downloads_statuses_are_the_scheme_s_and_their_schema_says_so(built):
    data, site, _languages = built
    rows = json.loads((site / "data" / "kpis.json").read_text(encoding="utf-8"))
    jsonschema.validate(rows, json.loads((site / "data" / "kpis.schema.json").read_text(encoding="utf-8")))
    assert sorted(r["status"] for r in rows) == sorted(e.status for e in data.evaluations.values())
    assert {r["status"] for r in rows} <= set(data.scheme.ids)
