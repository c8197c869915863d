"""make new-site and make plan-sheet: the answers file and the KPI-definition workbook are checked with one
line per mistake (file:line, or sheet!cell), nothing is written unless all is valid, and the site's files
follow the plan's languages and depth. The strict build of a generated site: tests/build/test_new_site.py."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from macros.core.errors import DataError
from macros.tools import new_site as ns
from macros.tools.plan_sheet import SHEET, PlanErrors, main as plan_sheet_main, read_plan, write_sheet
from tests.tools.new_site_cases import (ANSWER_CASES, CELL_CASES, LEVELS, ROWS, answers, cell_lines, col, dump,
                                        edit_sheet, folder)


def one_line_error(err) -> str:
    text = str(err)
    assert "\n" not in text and " / " in text and "Traceback" not in text
    return text


# --- the answers -----------------------------------------------------------------------------------

@pytest.mark.parametrize("case", ANSWER_CASES, ids=[c.what_ja for c in ANSWER_CASES])
def test_a_wrong_answer_is_named_at_its_line(tmp_path, case):
    path = folder(tmp_path, answers())
    path.write_text(dump(case.edit(answers())), encoding="utf-8")
    with pytest.raises(DataError) as err:
        ns.load_answers(path, "answers.yaml")
    text = one_line_error(err.value)
    assert text.startswith(case.where) and case.words in text
    assert err.value.line is not None


def test_broken_yaml_in_the_answers_is_one_line(tmp_path):
    path = folder(tmp_path, answers())
    path.write_text("municipality: {ja: 試験村\nlevels: [\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        ns.load_answers(path, "answers.yaml")
    assert one_line_error(err.value).startswith("answers.yaml:")


def test_a_japanese_only_site_needs_no_english(tmp_path):
    doc = answers(languages=("ja",))
    loaded = ns.load_answers(folder(tmp_path, doc), "answers.yaml")
    assert loaded["languages"] == ["ja"] and "en" not in loaded["municipality"]


# --- the workbook ----------------------------------------------------------------------------------

def _plan_errors(path: Path, levels=LEVELS, bilingual=True) -> list[str]:
    with pytest.raises(PlanErrors) as err:
        read_plan(path, "plan.xlsx", levels, bilingual)
    for line in err.value.lines:
        assert "\n" not in line and " / " in line
    return err.value.lines


def test_the_workbook_reads_back_into_the_plans_tree(tmp_path):
    folder(tmp_path, answers())
    tops = read_plan(tmp_path / "plan.xlsx", "plan.xlsx", LEVELS, True)
    assert [t.id for t in tops] == ["1", "2"]
    assert [(i.id, i.title) for i in tops[0].items] == [("1-1", {"ja": "起業", "en": "Start-ups"})]
    kpis = tops[0].items[0].kpis
    assert [k["id"] for k in kpis] == ["1-1-1", "1-1-2"]
    assert kpis[1]["name"] == {"ja": "支援団体数", "en": "Support groups"} and kpis[1]["unit"] == "団体"
    lower = tops[1].items[0].kpis[0]
    assert lower["direction"] == "lower" and str(lower["baseline"]) == "35.5" and lower["target"] == 30


@pytest.mark.parametrize("case", CELL_CASES, ids=[c.what_ja for c in CELL_CASES])
def test_a_wrong_cell_is_named_with_its_sheet_and_cell(tmp_path, case):
    ref, lines = cell_lines(tmp_path, case)
    for line in lines:
        assert "\n" not in line and " / " in line
    assert len(lines) == 1 and lines[0].startswith(f"plan.xlsx: KPI!{ref}") and case.words in lines[0]


def test_every_wrong_cell_is_listed_at_once(tmp_path):
    folder(tmp_path, answers())
    edit_sheet(tmp_path / "plan.xlsx", {f"{col('baseline')}2": "x", f"{col('direction')}4": "?"})
    lines = _plan_errors(tmp_path / "plan.xlsx")
    assert [line.split(" (")[0] for line in lines] == [f"plan.xlsx: KPI!{col('baseline')}2",
                                                       f"plan.xlsx: KPI!{col('direction')}4"]


def test_a_workbook_made_for_other_levels_is_refused_at_its_heading(tmp_path):
    folder(tmp_path, answers())
    three = LEVELS + [{"ja": "事業", "en": "Project"}]
    lines = _plan_errors(tmp_path / "plan.xlsx", three)
    assert lines[0].startswith(f"plan.xlsx: KPI!{col('level-3-number', three)}1") and "見出しが" in lines[0]


def test_an_empty_workbook_and_a_file_that_is_not_one(tmp_path):
    write_sheet(tmp_path / "plan.xlsx", LEVELS, True)
    with pytest.raises(DataError) as err:
        read_plan(tmp_path / "plan.xlsx", "plan.xlsx", LEVELS, True)
    assert "KPIが1行もありません" in one_line_error(err.value)
    (tmp_path / "fake.xlsx").write_text("not a workbook", encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_plan(tmp_path / "fake.xlsx", "fake.xlsx", LEVELS, True)
    assert one_line_error(err.value).startswith("fake.xlsx: file:")


def test_a_unit_without_english_on_a_bilingual_site_is_named_at_its_cell(tmp_path):
    rows = [ROWS[0] | {"unit": "匹"}]
    path = folder(tmp_path, answers(), rows)
    with pytest.raises(PlanErrors) as err:
        ns.new_site(tmp_path / "site", path)
    assert err.value.lines[0].startswith(f"plan.xlsx: KPI!{col('unit_en')}2 (匹)")
    assert not (tmp_path / "site").exists()


# --- writing the site ------------------------------------------------------------------------------

def test_nothing_is_written_when_anything_is_wrong(tmp_path):
    path = folder(tmp_path, answers())
    edit_sheet(tmp_path / "plan.xlsx", {f"{col('target')}3": "many"})
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(PlanErrors):
        ns.new_site(tmp_path / "site", path)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_folder_that_exists_and_is_not_empty_is_refused(tmp_path):
    path = folder(tmp_path, answers())
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "keep.txt").write_text("mine", encoding="utf-8")
    assert ns.main([str(tmp_path / "site"), str(path)]) == 2
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["keep.txt"]


def _keys(node) -> set[str]:
    if isinstance(node, dict):
        return set(node) | set().union(*map(_keys, node.values()))
    if isinstance(node, list):
        return set().union(set(), *map(_keys, node))
    return set()


@pytest.fixture(scope="module")
def japanese_only(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A Japanese-only two-level site written into an empty folder."""
    base = tmp_path_factory.mktemp("ja-only")
    path = folder(base, answers(languages=("ja",)))
    (base / "site").mkdir()
    return base / "site", ns.new_site(base / "site", path)


def test_a_japanese_only_site_has_no_english_page_or_field(japanese_only):
    site, files = japanese_only
    assert not list((site / "docs").rglob("*.en.md"))
    docs = sorted(p.relative_to(site).as_posix() for p in (site / "docs").rglob("*.md"))
    assert docs == sorted(f for f in files if f.startswith("docs/"))
    for rel in (f for f in files if f.startswith("data/")):
        doc = yaml.safe_load((site / rel).read_text(encoding="utf-8"))
        assert not {"en", "one", "romaji"} & _keys(doc), rel
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    assert "locale: en" not in config and "lang: [ja]" in config


def test_a_new_site_carries_the_engine_and_its_record(japanese_only):
    site, _files = japanese_only
    from macros.tools.update_engine import RECORD, engine_files
    record = json.loads((site / RECORD).read_text(encoding="utf-8"))
    assert record["files"] == engine_files(site) == engine_files(ns.ENGINE)
    assert (site / "Makefile").is_file() and (site / "macros" / "tools" / "new_site.py").is_file()


def test_a_new_sites_own_files_never_name_the_engines_first_town(japanese_only):
    site, files = japanese_only
    for rel in files:
        text = (site / rel).read_text(encoding="utf-8")
        assert not [w for w in ("美祢", "Mine City", "mine-report") if w in text], rel


def test_the_pages_follow_the_plan_and_mark_what_is_to_be_written(japanese_only):
    site, _files = japanese_only
    page = (site / "docs/editions/2025-03/strategy-1.md").read_text(encoding="utf-8")
    assert page.count('{{ heading("') == 1 and '{{ kpis("1-1") }}' in page
    assert page.count(ns.PLACEHOLDER["ja"]) == 2
    strategy = yaml.safe_load((site / "data/editions/2025-03/strategies/strategy-1.yaml").read_text(encoding="utf-8"))
    assert [m["id"] for m in strategy["measures"]] == ["1-1"]
    assert [k["id"] for k in strategy["measures"][0]["kpis"]] == ["1-1-1", "1-1-2"]
    assert all(k["actual"] is None for k in strategy["measures"][0]["kpis"])
    register = yaml.safe_load((site / "data/editions.yaml").read_text(encoding="utf-8"))
    assert register["editions"] == [{"id": "2025-03", "period": 1, "state": "draft"}]
    glossary = yaml.safe_load((site / "data/glossary.yaml").read_text(encoding="utf-8"))
    assert [t["ja"] for t in glossary] == ["基本目標", "施策"]


def test_a_three_level_plan_nests_policies_measures_and_kpis(tmp_path):
    three = LEVELS + [{"ja": "事業", "en": "Project"}]
    rows = [r | {"level-3-number": 1} | ({"level-3-name": "事業A", "level-3-name_en": "Project A"}
                                         if "level-2-name" in r else {}) for r in ROWS]
    doc = answers(levels=three)
    tops = read_plan(folder(tmp_path, doc, rows).with_name("plan.xlsx"), "plan.xlsx", three, True)
    strategy = ns._strategy(tops[0], 3)
    kpis = strategy["policies"][0]["measures"][0]["kpis"]
    assert [k["id"] for k in kpis] == ["1-1-1-1", "1-1-1-2"] and "measures" not in strategy
    page = ns._strategy_page(tops[0], "ja", three)
    assert '{{ heading("1-1") }}' in page and '{{ heading("1-1-1") }}' in page and '{{ kpis("1-1-1") }}' in page


def test_plan_sheet_writes_the_workbook_the_answers_name_and_never_overwrites(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text(dump(answers()), encoding="utf-8")
    assert plan_sheet_main([str(path), "--example"]) == 0
    tops = read_plan(tmp_path / "plan.xlsx", "plan.xlsx", LEVELS, True)
    example = yaml.safe_load((ns.SCAFFOLD / "plan.example.yaml").read_text(encoding="utf-8"))
    assert sum(len(i.kpis) for t in tops for i in t.items) == len(example)
    assert plan_sheet_main([str(path)]) == 2


def test_the_example_answers_are_valid(tmp_path):
    text = (ns.SCAFFOLD / "answers.example.yaml").read_text(encoding="utf-8")
    (tmp_path / "answers.yaml").write_text(text, encoding="utf-8")
    loaded = ns.load_answers(tmp_path / "answers.yaml", "answers.yaml", need_sheet=False)
    assert loaded["plan"]["sheet"] == "plan.xlsx"


def test_a_hostile_workbook_is_refused_as_the_kpi_workbook_is(tmp_path):
    """The definition workbook goes through the KPI workbook's guards (sheet_limits): a DTD with entities
    is refused with one line, and a styled empty cell on the last row costs nothing."""
    from openpyxl.styles import PatternFill

    from tests.tools.sheet_cases import with_laughs
    folder(tmp_path, answers())
    path = tmp_path / "plan.xlsx"
    wb = load_workbook(path)
    wb[SHEET].cell(row=1_048_576, column=1).fill = PatternFill("solid", fgColor="FFFF00")
    wb.save(path)
    assert sum(len(i.kpis) for t in read_plan(path, "plan.xlsx", LEVELS, True) for i in t.items) == len(ROWS)
    path.write_bytes(with_laughs(path.read_bytes()))
    with pytest.raises(DataError) as err:
        read_plan(path, "plan.xlsx", LEVELS, True)
    assert "DTD" in one_line_error(err.value) and err.value.file == "plan.xlsx"


def test_a_levels_label_in_the_answers_reaches_the_site_file(tmp_path):
    """How a level names its items (`label:`, data/site.yaml) is an answer too; a Japanese-only site keeps
    its Japanese only."""
    from macros.core.site import load_site
    for languages in (("ja", "en"), ("ja",)):
        base = tmp_path / "-".join(languages)
        base.mkdir()
        doc = answers(languages=languages)
        doc["levels"][1] = doc["levels"][1] | {"label": {"ja": "（{id}）{name}", "en": "{name} ({id})"}}
        ns.new_site(base / "site", folder(base, doc))
        labels = load_site(base / "site").level_labels
        assert labels[0] is None
        assert (labels[1].ja, labels[1].en) == ("（{id}）{name}", "{name} ({id})" if "en" in languages else "")


@pytest.mark.parametrize("text", ["基本目標", "{{ 7*7 }}<script>alert(1)</script>", "{% include 'x' %}{## c ##}",
                                  "{{ a }}{% endraw %}{{ 7*7 }}",
                                  "[x](javascript:alert(1)) *a* _b_ `c` &amp; \\"])
def test_words_from_the_answers_read_in_a_page_as_typed(text):
    """A level's name or a table's caption written into a generated page is neither a macro (Jinja, as the
    pages are rendered) nor HTML, a link or emphasis (Markdown): the reader sees exactly what was typed."""
    import markdown
    from html.parser import HTMLParser
    from jinja2 import Environment

    rendered = Environment(comment_start_string="{##", comment_end_string="##}").from_string(
        f"## {ns._literal(text)} {{#x}}").render()
    html = markdown.markdown(rendered, extensions=["attr_list"])

    class Page(HTMLParser):
        tags, text = [], ""

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)

        def handle_data(self, data):
            self.text += data

    page = Page(convert_charrefs=True)
    page.feed(html)
    assert page.tags == ["h2"] and page.text == text
