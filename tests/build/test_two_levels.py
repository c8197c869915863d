"""A plan with two levels above the KPIs (基本目標 → 施策 → KPI): the synthetic town tests/towns/two_levels/,
built strictly with this repository's engine. Its pages, downloads and workbook name its own levels and
use its ids (1-2 for an item, 1-2-3 for a KPI); nothing of a three-level plan shows through."""
from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator, ValidationError
from openpyxl import load_workbook

from macros.core.export import columns
from macros.core.report import load_report
from macros.core.site import load_site
from macros.tools.sheet_export import export
from macros.tools.sheet_import import import_sheet
from macros.tools.sheet_layout import FIRST_ROW, KPI_SHEET, column_letter
from tests.build.pages import page
from tests.conftest import made_once, strict_build, town_copy
from tests.synthetic_editions import add_edition

# Words of a three-level plan's levels (美祢's), which the town's site.yaml does not name.
OTHER_LEVELS = ("重点戦略", "戦略方針", "具体的施策", "Priority Strategy", "Strategic Policy")


@pytest.fixture(scope="module")
def town(tmp_path_factory) -> tuple[Path, Path]:
    """(project, site): the town built strictly once."""
    base = made_once(tmp_path_factory, "two_levels",
                     lambda out: strict_build(town_copy("two_levels", out / "project"), out / "site"))
    return base / "project", base / "site"


@pytest.fixture(scope="module")
def data(town):
    return load_report(town[0])


class _Page(HTMLParser):
    """The headings (h1–h3) and captions of a page with their ids, every element id, and all text."""

    def __init__(self):
        super().__init__()
        self.headings: list[tuple[str, str, str]] = []   # (tag, id, text)
        self.captions: list[str] = []
        self.ids: list[str] = []
        self.text: list[str] = []
        self._open: list | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"])
        if tag in ("h1", "h2", "h3", "caption", "legend"):
            self._open = [tag, a.get("id", ""), ""]
        elif tag == "a" and self._open and "headerlink" in (a.get("class") or ""):
            self._open.append("skip")

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            tag_, ident, text = self._open[:3]
            (self.captions.append(text.strip()) if tag in ("caption", "legend")
             else self.headings.append((tag_, ident, text.strip())))
            self._open = None
        elif self._open and tag == "a" and self._open[-1] == "skip":
            self._open.pop()

    def handle_data(self, text):
        self.text.append(text)
        if self._open and self._open[-1] != "skip":
            self._open[2] += text


def parsed(site: Path, lang: str, path: str) -> _Page:
    p = _Page()
    p.feed(page(site, lang, path))
    return p


def test_the_town_has_two_levels_and_three_part_kpi_ids(data):
    assert [lv.ja for lv in data.report.levels] == ["基本目標", "施策"]
    items = [i for s in data.report.strategies for i in s.all_items()]
    assert items and all(i.id.count("-") == 1 and i.kpis and not i.items for i in items)
    assert all(k.id.count("-") == 2 for k in data.report.kpis())


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_strategy_pages_name_the_towns_levels_and_its_ids(town, data, lang):
    project, site = town
    levels = load_site(project).levels
    top, item = (lv.get(lang) for lv in levels)
    for s in data.report.strategies:
        p = parsed(site, lang, f"strategy-{s.id}")
        h1 = [text for tag, _id, text in p.headings if tag == "h1"]
        assert h1 == [f"{top}{s.id} {s.title.ja}" if lang == "ja" else f"{top} {s.id}: {s.title.en}"]
        # One h2 per item, anchored and named by its two-part id, in the plan's order.
        h2 = [(ident, text) for tag, ident, text in p.headings if tag == "h2"]
        want = [(f"measure-{i.id}", (f"{item} {i.id} {i.title.ja}" if lang == "ja"
                                     else f"{item} {i.id}: {i.title.en}")) for i in s.all_items()]
        assert h2 == want
        kpi_ids = [i.removeprefix("kpi-") for i in p.ids if i.startswith("kpi-") and i[4:5].isdigit()]
        assert kpi_ids == [k.id for k in s.kpis()]
        for i in s.all_items():
            assert (f"{item} {i.id} のKPI" if lang == "ja" else f"KPIs of {item} {i.id}") in p.captions


def test_a_town_names_its_items_as_its_site_file_says(tmp_path):
    """data/site.yaml `label:` per level: the headings, the cards and the KPI list say the items so; the
    English, given for one level only, keeps the engine's words for the other."""
    project = town_copy("two_levels", tmp_path / "project")
    site_file = project / "data" / "site.yaml"
    site_file.write_text(site_file.read_text(encoding="utf-8").replace(
        "  - {ja: 基本目標, en: Basic Goal}\n  - {ja: 施策, en: Policy}\n",
        "  - {ja: 基本目標, en: Basic Goal, label: {ja: '第{n}の{name}'}}\n"
        "  - {ja: 施策, en: Policy, label: {ja: '（{id}）{name}', en: '{name} ({id})'}}\n"), encoding="utf-8")
    site = strict_build(project, tmp_path / "site")
    report = load_report(project).report
    for s in report.strategies:
        for lang in ("ja", "en"):
            p = parsed(site, lang, f"strategy-{s.id}")
            h1 = [text for tag, _id, text in p.headings if tag == "h1"]
            h2 = [text for tag, _id, text in p.headings if tag == "h2"]
            if lang == "ja":
                assert h1 == [f"第{s.id}の基本目標 {s.title.ja}"]
                assert h2 == [f"（{i.id}）施策 {i.title.ja}" for i in s.all_items()]
            else:
                assert h1 == [f"Basic Goal {s.id}: {s.title.en}"]
                assert h2 == [f"Policy ({i.id}) {i.title.en}" for i in s.all_items()]
    assert "第1の基本目標" in page(site, "ja", "")   # the home page's cards


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_page_names_a_level_the_town_does_not_have(town, lang):
    _project, site = town
    base = site if lang == "ja" else site / "en"
    pages = [p for p in base.rglob("index.html") if lang == "en" or "en" not in p.relative_to(site).parts[:1]]
    assert len(pages) >= 8
    for path in pages:
        p = _Page()
        p.feed(path.read_text(encoding="utf-8"))
        text = "".join(p.text)
        assert not [w for w in OTHER_LEVELS if w in text], path


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_kpi_list_filters_by_the_top_level(town, lang):
    p = parsed(town[1], lang, "kpis")
    assert ("基本目標で絞り込む" if lang == "ja" else "Filter by Basic Goal") in p.captions


class _Tables(HTMLParser):
    """Each table's caption and its rows' cell texts; each bar chart's id, its bars' labels and values."""

    def __init__(self):
        super().__init__()
        self.tables: list[dict] = []
        self.charts: dict[str, list[tuple[str, str]]] = {}
        self._cell: list | None = None
        self._chart: str | None = None
        self._in = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "caption":
            self._in = "caption"
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("th", "td") and self.tables:
            self._cell = [""]
        elif tag == "figure" and "bar-chart" in classes:
            self._chart = a["id"]
            self.charts[self._chart] = []
        elif self._chart and ("bar-chart__label" in classes or "bar-chart__value" in classes):
            self._in = "bar"
            if "bar-chart__label" in classes:
                self.charts[self._chart].append(["", ""])
            self._bar_part = 0 if "bar-chart__label" in classes else 1

    def handle_endtag(self, tag):
        if tag == "caption":
            self._in = ""
        elif tag in ("th", "td") and self._cell is not None:
            self.tables[-1]["rows"][-1].append(self._cell[0].strip())
            self._cell = None
        elif tag == "figure":
            self._chart = None
        elif tag == "span" and self._in == "bar":
            self._in = ""

    def handle_data(self, data):
        if self._in == "caption":
            self.tables[-1]["caption"] += data
        elif self._cell is not None:
            self._cell[0] += data
        elif self._in == "bar":
            self.charts[self._chart][-1][self._bar_part] += data


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_context_page_shows_the_towns_own_tables_from_its_data(town, data, lang):
    """context.yaml's generic tables (tests/towns/two_levels: households, visitors) on the town's context
    page: each with its caption and source, its column headings, every row's label and figures (— where
    there is none), and a bar chart of its first column where the page asks for one."""
    _project, site = town
    p = _Tables()
    p.feed(page(site, lang, "context"))
    shown = {t["caption"]: t["rows"] for t in p.tables}
    for table in data.report.context.tables:
        caption = next(c for c in shown if c.startswith(table.caption.get(lang)))
        assert table.source.get(lang) in caption
        head, *rows = shown[caption]
        assert head == [""] + [c.get(lang) for c in table.columns]
        assert rows == [[r.label.get(lang)] + [f"{v:,}" if v is not None else "—" for v in r.values]
                        for r in table.rows]
    households = data.report.context.table("households")
    assert p.charts["chart-households"] == [[r.label.get(lang), f"{r.values[0]:,}"] for r in households.rows]
    assert "chart-visitors" not in p.charts and len(data.report.context.tables) == 2


def test_downloads_have_one_column_per_level_and_the_towns_ids(town, data):
    _project, site = town
    want = list(columns(2))
    assert want[:3] == ["id", "strategy", "measure"]
    table = list(csv.reader(io.StringIO((site / "data" / "kpis.csv").read_bytes().decode("utf-8-sig"))))
    assert table[0] == want
    rows = [dict(zip(table[0], r)) for r in table[1:]]
    assert [r["id"] for r in rows] == [k.id for k in data.report.kpis()]
    for r in rows:
        assert r["measure"] == r["id"].rsplit("-", 1)[0] and r["strategy"] == r["id"].split("-")[0]
    items = json.loads((site / "data" / "kpis.json").read_text(encoding="utf-8"))
    assert [list(i) for i in items] == [want] * len(rows)
    assert [(i["id"], i["strategy"], i["measure"]) for i in items] == [
        (r["id"], int(r["strategy"]), r["measure"]) for r in rows]
    every = json.loads((site / "data" / "kpis-all-editions.json").read_text(encoding="utf-8"))
    assert [list(i) for i in every] == [["edition"] + want] * len(rows)


@pytest.mark.parametrize("name", ["kpis", "kpis-all-editions"])
def test_the_published_download_schemas_describe_the_towns_rows(town, name):
    _project, site = town
    schema = json.loads((site / "data" / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    rows = json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema).validate(rows)
    row = schema["$defs"]["row"]
    assert [c for c in row["required"] if c != "edition"] == list(columns(2))
    assert "基本目標-施策-KPI" in row["properties"]["id"]["description"]
    # A three-level id is not one of this town's.
    with pytest.raises(ValidationError):
        Draft202012Validator(schema).validate([{**rows[0], "id": "1-1-1-1"}])


def test_the_workbook_round_trip_in_a_two_level_plan(tmp_path):
    """Next year's draft edition is started, exported to the workbook (headed by the town's levels),
    an actual typed in, and imported back into the two-level strategy file."""
    project = town_copy("two_levels", tmp_path / "project")
    add_edition(project, "2026-03", 2025, publish=False)
    draft = yaml.safe_load((project / "data/editions/2026-03/strategies/strategy-1.yaml").read_text(encoding="utf-8"))
    assert [m["id"] for m in draft["measures"]] == ["1-1", "1-2"] and "policies" not in draft
    out = tmp_path / "kpis.xlsx"
    edition_id, n, published = export(project, out)
    report = load_report(project, edition_id, published=False).report
    assert (edition_id, n, published) == ("2026-03", len(report.kpis()), False)
    wb = load_workbook(out)
    ws = wb[KPI_SHEET]
    assert [c.value for c in ws[1]][1:3] == ["基本目標\nBasic Goal", "施策\nPolicy"]
    row = next(r for r in range(FIRST_ROW, ws.max_row + 1) if ws.cell(row=r, column=1).value == "1-2-2")
    assert ws[f"{column_letter('strategy')}{row}"].value == "1 しごとをつくる"
    assert ws[f"{column_letter('measure')}{row}"].value == "1-2 農業の担い手づくり"
    ws[f"{column_letter('actual')}{row}"] = 11
    wb.save(out)
    outcome = import_sheet(project, out)
    assert not outcome.errors and outcome.written == ["data/editions/2026-03/strategies/strategy-1.yaml"]
    after = load_report(project, "2026-03", published=False).report
    assert after.kpi("1-2-2").actual.amount == 11
