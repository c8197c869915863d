"""`make new-site` end to end: answers and a KPI-definition workbook made here (a bilingual town of two levels,
three top-level items, ten KPIs), the new site written by the command, then built strictly from inside its
own folder with its own copy of the engine (its first edition is a draft: built as `make check-pages` and
`make serve` build it). Its pages name its levels and nothing of the engine's first town, and a later
`make update-engine` leaves its data/ and docs/ as they are.

The issue's own acceptance is a Japanese-only town of two levels described only by its answers: built here
too, with answers that share nothing with the bilingual town's but the levels' shape."""
from __future__ import annotations

import difflib
import hashlib
import io
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from macros.core.report import load_report
from macros.tools.plan_sheet import write_sheet
from macros.tools.sheet_cli import run
from macros.tools.sheet_export import export
from macros.tools.sheet_layout import KPI_SHEET, column_letter
from macros.tools.update_engine import engine_files, update, write_record
from tests.build.pages import page
from tests.conftest import ROOT, made_once, run_build, strict_build

LEVELS = [{"ja": "基本目標", "en": "Basic Goal", "reading": "きほんもくひょう"}, {"ja": "施策", "en": "Measure"}]
TOPS = {1: ("しごとをつくる", "Creating work"), 2: ("ひとをよぶ", "Bringing people"), 3: ("まちをまもる", "Keeping the town")}
ITEMS = {(1, 1): ("起業の支援", "Start-ups"), (1, 2): ("農地の活用", "Farmland"), (2, 1): ("移住の相談", "Moving here"),
         (3, 1): ("防災", "Disaster prevention"), (3, 2): ("財政", "Finances")}
# (top, item, KPI ja, KPI en, unit, baseline, target, direction)
KPIS = [
    (1, 1, "創業件数", "Businesses started", "件/年", 4, 8, "高いほど良い"),
    (1, 1, "創業支援団体数", "Groups supporting start-ups", "団体", 3, 5, "高いほど良い"),
    (1, 2, "耕作放棄地の面積", "Abandoned farmland", "ha", 35.5, 30, "低いほど良い"),
    (1, 2, "農業体験の開催回数", "Farming days held", "回", 2, 6, "高いほど良い"),
    (2, 1, "移住相談会の開催回数", "Advice sessions held", "回", 2, 6, "高いほど良い"),
    (2, 1, "ふるさと納税の寄附額", "Hometown tax donations", "千円", 12000, 20000, "高いほど良い"),
    (2, 1, "移住の相談件数", "Enquiries about moving here", "件/年", None, 40, "高いほど良い"),
    (3, 1, "自主防災組織の数", "Community disaster groups", "団体", 12, 18, "高いほど良い"),
    (3, 1, "防災訓練の回数", "Disaster drills", "回", 1, 4, "高いほど良い"),
    (3, 2, "基金の残高", "Reserve funds", "千円", 150000, 180000, "高いほど良い"),
]
ENGINES_FIRST_TOWN = re.compile(r"美祢|Mine City|\bMine\b|mine-report")


def _rows() -> list[dict]:
    rows, seen = [], set()
    for top, item, ja, en, unit, baseline, target, direction in KPIS:
        row = {"level-1-number": top, "level-2-number": item, "name": ja, "name_en": en, "unit": unit,
               "baseline": baseline, "target": target, "direction": direction}
        if top not in seen:
            row |= {"level-1-name": TOPS[top][0], "level-1-name_en": TOPS[top][1]}
        if (top, item) not in seen:
            row |= {"level-2-name": ITEMS[top, item][0], "level-2-name_en": ITEMS[top, item][1]}
        seen |= {top, (top, item)}
        rows.append(row)
    return rows


ANSWERS = {
    "municipality": {"ja": "見試町", "en": "Mitameshi Town"},
    "plan": {"ja": "第1期見試町総合戦略 評価報告書", "en": "Evaluation Report on the First Mitameshi Town Strategy",
             "sheet": "plan.xlsx"},
    "publisher": {"ja": "見試町 総務課", "en": "Mitameshi Town, General Affairs"},
    "languages": ["ja", "en"],
    "levels": LEVELS,
    "first_edition": {"id": "2026-02", "actual_fy": 2024},
    "columns": {"baseline_fy": 2022, "target_fy": 2027},
    "status": {"scheme": "four-categories"},
    "files": {"pdf": "mitameshi-report"},
    # The engine still requires an edition's context figures (fictional here).
    "context": {"census": {"source": {"ja": "国勢調査", "en": "National Census"}, "population": [
        {"year": 2015, "value": 5000, "label": {"ja": "平成27年", "en": "2015"}},
        {"year": 2020, "value": 4800, "label": {"ja": "令和2年", "en": "2020"}}],
        "published_change": -200, "published_decline_pct": 4.0},
        "municipalities": {"source": {"ja": "国勢調査", "en": "National Census"}, "total": 1719, "increased": 298,
                           "decreased": 1421},
        "tables": [{"id": "visitors", "caption": {"ja": "観光客数", "en": "Visitors"},
                    "source": {"ja": "町の観光統計", "en": "The town's tourism statistics"},
                    "columns": [{"ja": "観光客数（千人）", "en": "Visitors (thousands)"}],
                    "rows": [{"label": {"ja": "令和4年度", "en": "FY2022"}, "values": [120.5]},
                             {"label": {"ja": "令和5年度", "en": "FY2023"}, "values": [131]}]}]},
}


def _made(out: Path) -> None:
    (out / "answers.yaml").write_text(yaml.safe_dump(ANSWERS, allow_unicode=True, sort_keys=False), encoding="utf-8")
    write_sheet(out / "plan.xlsx", LEVELS, True, _rows())
    run = subprocess.run([sys.executable, "-m", "macros.tools.new_site", str(out / "town"), str(out / "answers.yaml")],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    (out / "town" / "node_modules").symlink_to(ROOT / "node_modules")
    strict_build(out / "town", out / "site", {"SHOW_DRAFTS": "true"})


@pytest.fixture(scope="module")
def town(tmp_path_factory) -> tuple[Path, Path]:
    """(the new site's folder, its built site)."""
    base = made_once(tmp_path_factory, "new_site", _made)
    return base / "town", base / "site"


class _Text(HTMLParser):
    """A page's text, its headings (h1, h2) and its navigation's link texts; the contact paragraph apart."""

    def __init__(self):
        super().__init__()
        self.text, self.contact, self.nav = [], [], []
        self.headings: list[tuple[str, str]] = []
        self._stack: list[str] = []
        self._heading: list | None = None
        self._in_contact = 0
        self._in_nav = 0

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag in ("h1", "h2"):
            self._heading = [tag, ""]
        if "contact-links" in classes:
            self._in_contact += 1
        if tag == "nav" and "md-nav--primary" in classes:
            self._in_nav += 1
        if tag in ("script", "style"):
            self._stack.append(tag)

    def handle_endtag(self, tag):
        if self._heading and tag == self._heading[0]:
            self.headings.append((tag, self._heading[1].replace("¶", "").strip()))
            self._heading = None
        if tag == "p" and self._in_contact:
            self._in_contact -= 1
        if tag in ("script", "style") and self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if self._stack:
            return
        (self.contact if self._in_contact else self.text).append(data)
        if self._heading:
            self._heading[1] += data
        if self._in_nav and data.strip():
            self.nav.append(data.strip())


def _read(html: str) -> _Text:
    p = _Text()
    p.feed(html)
    return p


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_new_site_is_made_only_of_the_answers_and_the_workbook(town):
    project, site = town
    assert len(_pages(site)) >= 20
    strategies = sorted(p.name for p in (project / "data/editions/2026-02/strategies").iterdir())
    assert strategies == [f"strategy-{n}.yaml" for n in TOPS]
    units = yaml.safe_load((project / "data/units.yaml").read_text(encoding="utf-8"))
    assert sorted(units) == sorted({k[4] for k in KPIS})


def test_the_first_draft_is_previewed_but_never_published(town, tmp_path):
    """Only a preview (SHOW_DRAFTS, as make serve and make check-pages) shows a site whose one edition is a draft."""
    project, _site = town
    run = run_build(project, tmp_path / "site")
    assert run.returncode != 0 and not (tmp_path / "site" / "index.html").exists()
    errors = [line for line in (run.stdout + run.stderr).splitlines() if "ERROR" in line]
    assert len(errors) == 1 and "data/editions.yaml: editions: 公開済みの版がありません" in errors[0]


def test_no_page_names_the_engines_first_town_at_all(town):
    _project, site = town
    for path in _pages(site) + sorted(site.rglob("search/*.json")):
        assert not ENGINES_FIRST_TOWN.search(path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_pages_name_the_towns_levels_and_its_items(town, lang):
    _project, site = town
    top, item = (lv[lang] for lv in LEVELS)
    for n, titles in TOPS.items():
        p = _read(page(site, lang, f"strategy-{n}"))
        h1 = [t for tag, t in p.headings if tag == "h1"]
        want_h1 = f"{top}{n} {titles[0]}" if lang == "ja" else f"{top} {n}: {titles[1]}"
        assert h1 == [want_h1]
        h2 = [t for tag, t in p.headings if tag == "h2"]
        assert h2 == [(f"{item} {n}-{i} {ITEMS[n, i][0]}" if lang == "ja" else f"{item} {n}-{i}: {ITEMS[n, i][1]}")
                      for (t, i) in ITEMS if t == n]
        placeholder = "【作成中】" if lang == "ja" else "[To be written]"
        assert "".join(p.text).count(placeholder) == 1 + len(h2)
    nav = _read(page(site, lang, "")).nav
    for n, titles in TOPS.items():
        assert (f"{top}{n} {titles[0]}" if lang == "ja" else f"{top} {n}: {titles[1]}") in nav


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_print_page_holds_the_whole_report(town, lang):
    """One page for paper and make pdf: every top-level item's page and every KPI, in the navigation."""
    _project, site = town
    p = _read(page(site, lang, "print"))
    text = "".join(p.text)
    top = LEVELS[0][lang]
    for n, titles in TOPS.items():
        assert (f"{top}{n} {titles[0]}" if lang == "ja" else f"{top} {n}: {titles[1]}") in text
    for kpi in KPIS:
        assert kpi[2 if lang == "ja" else 3] in text
    assert ("報告書全文（印刷用）" if lang == "ja" else "Full report (print)") in _read(page(site, lang, "")).nav


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_context_page_shows_the_answers_figures(town, lang):
    """The answers' context figures: a context page in the navigation with the census and each table."""
    _project, site = town
    p = _read(page(site, lang, "context"))
    text = "".join(p.text)
    table = ANSWERS["context"]["tables"][0]
    assert table["caption"][lang] in [t for tag, t in p.headings if tag == "h2"]
    assert table["source"][lang] in text and "120.5" in text and "4,800" in text   # the census, a figure of the table
    assert ("社会情勢" if lang == "ja" else "Social context") in _read(page(site, lang, "")).nav


def test_the_glossary_explains_the_levels(town):
    _project, site = town
    text = "".join(_read(page(site, "ja", "glossary")).text)
    assert "基本目標" in text and "きほんもくひょう" in text and "施策" in text


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for base in ("data", "docs") for p in sorted((root / base).rglob("*")) if p.is_file()}


def test_update_engine_keeps_the_sites_data_and_docs(town, tmp_path):
    """An engine update on the new site: the site's engine is made an older one (its VERSION, as recorded),
    and updating it from this engine changes that file back and nothing of data/ or docs/."""
    project, _site = town
    copy = tmp_path / "town"
    subprocess.run(["cp", "-a", str(project), str(copy)], check=True)
    (copy / "macros" / "VERSION").write_text("0.0.1\n", encoding="utf-8")
    write_record(copy, "an older engine")
    before = _tree(copy)
    out = io.StringIO()
    assert update(copy, str(ROOT), out=out) == 0, out.getvalue()
    assert "0 added, 1 changed, 0 removed" in out.getvalue()
    assert _tree(copy) == before
    assert engine_files(copy) == engine_files(ROOT)


def test_the_first_editions_figures_come_in_through_the_kpi_workbook(town, tmp_path, capsys):
    """The staff cycle on the new site: make sheet, a department types an actual, make import-sheet writes
    that one line of the first edition's file (as the new site wrote it) and the draft builds with it."""
    project, _site = town
    copy = tmp_path / "town"
    subprocess.run(["cp", "-a", str(project), str(copy)], check=True)
    path = copy / "kpis.xlsx"
    export(copy, path)
    wb = load_workbook(path)
    wb[KPI_SHEET][f"{column_letter('actual')}2"] = 6
    wb.save(path)
    strategy = copy / "data/editions/2026-02/strategies/strategy-1.yaml"
    before = strategy.read_text(encoding="utf-8")
    assert run(["import", str(path)], root=copy) == 0, capsys.readouterr().err
    after = strategy.read_text(encoding="utf-8")
    assert [l for l in difflib.ndiff(before.splitlines(), after.splitlines()) if l[:1] in "+-"] == \
        ["-     actual: null", "+     actual: 6"]   # ndiff: "- " and "+ " before each line
    assert load_report(copy, "2026-02", published=False).report.kpi("1-1-1").actual.amount == 6


@pytest.mark.slow
@pytest.mark.parametrize("depth", [1, 3])
def test_a_plan_of_one_or_three_levels_builds_too(tmp_path, depth):
    """The same KPIs under one level (基本目標 → KPI) or three (a 事業 under each 施策)."""
    levels = (LEVELS + [{"ja": "事業", "en": "Project"}])[:depth]
    rows = []
    for row in _rows():
        if depth == 1:
            row = {k: v for k, v in row.items() if not k.startswith("level-2")}
        if depth == 3:
            row |= {"level-3-number": 1}
            if "level-2-name" in row:
                row |= {"level-3-name": "事業", "level-3-name_en": "Project"}
        rows.append(row)
    (tmp_path / "answers.yaml").write_text(yaml.safe_dump(ANSWERS | {"levels": levels}, allow_unicode=True),
                                           encoding="utf-8")
    write_sheet(tmp_path / "plan.xlsx", levels, True, rows)
    run = subprocess.run([sys.executable, "-m", "macros.tools.new_site", str(tmp_path / "town"),
                          str(tmp_path / "answers.yaml")], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    (tmp_path / "town" / "node_modules").symlink_to(ROOT / "node_modules")
    site = strict_build(tmp_path / "town", tmp_path / "site", {"SHOW_DRAFTS": "true"})
    p = _read(page(site, "ja", "strategy-1"))
    assert [t for tag, t in p.headings if tag == "h1"] == ["基本目標1 しごとをつくる"]
    h2 = [t for tag, t in p.headings if tag == "h2"]
    # One h2 per item of the second level, named by the level and the item (a three-level plan shows its
    # middle level the way the engine shows it, 【施策1】…).
    assert len(h2) == (0 if depth == 1 else 2)
    assert all("施策" in h and ITEMS[1, i][0] in h for i, h in enumerate(h2, 1))


# A Japanese-only town of two levels, from answers with no English at all and no context figures, whose
# statuses the town enters itself (the entered scheme: its first draft has none entered yet).
JA_ANSWERS = {
    "municipality": {"ja": "架空町"},
    "plan": {"ja": "第1期架空町まち・ひと・しごと創生総合戦略 評価報告書", "sheet": "plan.xlsx"},
    "publisher": {"ja": "架空町 企画財政課"},
    "languages": ["ja"],
    "levels": [{"ja": "基本目標"}, {"ja": "施策"}],
    "first_edition": {"id": "2025-03", "actual_fy": 2024},
    "columns": {"baseline_fy": 2019, "target_fy": 2027},
    "status": {"scheme": "entered"},
    "files": {"pdf": "kaku-hyoka"},
}


def _made_ja(out: Path) -> None:
    (out / "answers.yaml").write_text(yaml.safe_dump(JA_ANSWERS, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rows = [{k: v for k, v in row.items() if not k.endswith("_en")} for row in _rows()]
    write_sheet(out / "plan.xlsx", JA_ANSWERS["levels"], False, rows)
    run = subprocess.run([sys.executable, "-m", "macros.tools.new_site", str(out / "town"), str(out / "answers.yaml")],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    (out / "town" / "node_modules").symlink_to(ROOT / "node_modules")
    strict_build(out / "town", out / "site", {"SHOW_DRAFTS": "true"})


def test_a_japanese_only_town_of_two_levels_builds_from_its_answers_alone(tmp_path_factory):
    base = made_once(tmp_path_factory, "new_site_ja", _made_ja)
    project, site = base / "town", base / "site"
    assert not list((project / "docs").rglob("*.en.md")) and not (site / "en").exists()
    pages = _pages(site)
    assert len(pages) >= 10
    for path in pages + sorted(site.rglob("search/*.json")):
        html = path.read_text(encoding="utf-8")
        assert not ENGINES_FIRST_TOWN.search(html), path
        assert 'hreflang="en"' not in html and 'href="/en/' not in html, path
        if path.suffix == ".html":
            assert re.search(r'<html[^>]* lang="ja"', html), path
    p = _read(page(site, "ja", "strategy-1"))
    assert [t for tag, t in p.headings if tag == "h1"] == ["基本目標1 しごとをつくる"]
    assert [t for tag, t in p.headings if tag == "h2"] == [f"施策 1-{i} {ITEMS[1, i][0]}" for i in (1, 2)]
    assert "架空町" in "".join(_read(page(site, "ja", "")).contact + _read(page(site, "ja", "accessibility")).contact)
    # Nobody has judged a KPI yet: each waits as "not yet entered", as the draft's home page counts.
    strategy = page(site, "ja", "strategy-1")
    assert strategy.count('data-status="none"') >= sum(1 for k in KPIS if k[0] == 1)
    assert not re.search(r'data-status="(?!none")', strategy)
