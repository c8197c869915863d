"""`make new-site DIR=<new folder> ANSWERS=answers.yaml`: a new municipality's site, from one answers file.

The answers (macros/scaffold/answers.schema.json; an example beside it) say who publishes what: the
municipality, the report's title, the publisher, the languages, the plan's levels, the first edition and
its columns, the status scheme. The plan itself (its items and KPIs) comes from the KPI-definition
workbook the answers name (plan_sheet.py; `make plan-sheet` writes an empty one).

The new folder holds the engine (update_engine.ENGINE_PATHS, copied from this engine, with the record
`make update-engine` reads), data/ with the first edition as a draft, docs/ with its pages and the pages
about the site, mkdocs.yml from the one template in macros/scaffold/, and a README for the town. Every
mistake in the answers or the workbook is named at its line or cell, and nothing is written unless all is
valid: the site is made in a temporary folder beside DIR and moved into place whole.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from string import Template

import yaml

from ..core.builder import build_context
from ..core.errors import DataError, problem
from ..core.fiscal import wareki
from ..core.loader import Marked, load_yaml
from ..core.schema import check_schema
from ..core.site import level_label
from .plan_sheet import SHEET, Item, PlanErrors, read_plan
from .translations import stamp
from .update_engine import engine_files, version_of, write_record

ENGINE = Path(__file__).resolve().parents[2]
SCAFFOLD = ENGINE / "macros" / "scaffold"
LICENCE = {"id": "CC-BY-4.0", "url": "https://creativecommons.org/licenses/by/4.0/deed.ja"}
# The forms of the answers the schema cannot explain: an edition id (year-month), the PDFs' file name
# (data/site.yaml files.pdf) and the workbook, a file beside the answers (or below them).
EDITION_FORM = r"[0-9]{4}-(0[1-9]|1[0-2])"
PDF_FORM = r"[a-z0-9][a-z0-9-]{0,40}"
SHEET_FORM = r"(?!/)(?!.*\.\.)[^\\]+\.xlsx"
PLACEHOLDER = {"ja": "【作成中】", "en": "[To be written]"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


class NewSiteError(Exception):
    """One or more lines, each in Japanese and English, for the person making the site."""


def _fail(ja: str, en: str) -> NewSiteError:
    return NewSiteError(f"new-site: {ja} / {en}")


def plain(value):
    """YAML-loaded data (Marked mappings, exact decimals) as plain dicts, lists and numbers for yaml.safe_dump."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


# --- the answers -----------------------------------------------------------------------------------

def load_answers(path: Path, display: str, need_sheet: bool = True) -> dict:
    """The answers, checked against their schema and each other (and that the workbook they name exists,
    unless it is yet to be made); a DataError at the line otherwise."""
    doc = load_yaml(path, display)
    check_schema(doc, SCAFFOLD / "answers.schema.json", display)
    bilingual = "en" in doc["languages"]
    texts = [("municipality", doc["municipality"]), ("plan", doc["plan"]), ("publisher", doc["publisher"])]
    texts += [(f"levels[{i}]", lv) for i, lv in enumerate(doc["levels"])]
    for i, lv in enumerate(doc["levels"]):
        level_label(lv, i, doc["levels"].item_lines[i], display)
    texts += [("short_title", doc["short_title"])] if "short_title" in doc else []
    texts += [("period.title", doc["period"]["title"])] if "title" in doc.get("period", {}) else []
    for name, text in texts:
        if bilingual and "en" not in text:
            raise DataError(display, text.line, f"{name}.en", problem(
                "英語の名前がありません（languages に en があります）", "there is no English name (languages include en)",
                f"「{name}」に en: を書くか、languages を [ja] にしてください", f"add en: to {name}, or set languages: [ja]"))
    cols, first = doc["columns"], doc["first_edition"]
    for owner, key, form, example in ((first, "id", EDITION_FORM, "2025-03"), (doc["files"], "pdf", PDF_FORM, "kaku-report"),
                                      (doc["plan"], "sheet", SHEET_FORM, "plan.xlsx")):
        if not re.fullmatch(form, owner[key]):
            name = {"id": "first_edition.id", "pdf": "files.pdf", "sheet": "plan.sheet"}[key]
            raise DataError(display, owner.line_of(key), name, problem(
                f"「{owner[key]}」はこの項目の形にあっていません", f"{owner[key]!r} does not have this field's form",
                f"{example} のように書いてください", f"write it like {example}"))
    if not cols["baseline_fy"] < cols["target_fy"]:
        raise DataError(display, cols.line_of("target_fy"), "columns.target_fy", problem(
            "目標の年度が策定時の年度より後ではありません", "the target year is not after the baseline year",
            "年度を確かめてください", "check the years"))
    if not cols["baseline_fy"] <= first["actual_fy"] <= cols["target_fy"]:
        raise DataError(display, first.line_of("actual_fy"), "first_edition.actual_fy", problem(
            "実績値の年度が策定時から目標までの間にありません", "the actuals' year is not between the baseline and the target",
            "年度を確かめてください", "check the year"))
    if "context" in doc:   # checked as the build checks the edition's context.yaml, at the answers' lines
        try:
            check_schema(doc["context"], "context.schema.json", display, tuple(doc["languages"]))
            build_context(doc["context"], display)
        except DataError as err:   # named from the answers' top: context.tables[…]
            field = "context" if err.field == "(top)" else f"context.{err.field}"
            raise DataError(err.file, err.line, field, err.problem) from None
    sheet = path.parent / doc["plan"]["sheet"]
    if need_sheet and not sheet.is_file():
        raise DataError(display, doc["plan"].line_of("sheet"), "plan.sheet", problem(
            f"KPIの定義の表「{doc['plan']['sheet']}」がありません",
            f"the KPI-definition workbook {doc['plan']['sheet']!r} does not exist",
            "回答ファイルからの相対パスで書くか、make plan-sheet で作ってください",
            "give its path relative to the answers file, or make one with make plan-sheet"))
    return plain(doc)


# --- the site's files, as text ---------------------------------------------------------------------

def _units(tops: list[Item], bilingual: bool, display: str) -> dict:
    """data/units.yaml: every unit the KPIs use, described from the engine's table (or the workbook's English)."""
    known = yaml.safe_load((SCAFFOLD / "units.yaml").read_text(encoding="utf-8"))
    units, errors = {}, []
    for kpi in _kpis(tops):
        unit = kpi["unit"]
        if unit in units:
            continue
        entry = dict(known.get(unit, {}))
        if bilingual and kpi.get("unit_en"):
            entry = {"en": kpi["unit_en"]} | {k: v for k, v in entry.items() if k not in ("en", "one")}
        if bilingual and "en" not in entry:
            errors.append(str(DataError(display, None, f"{SHEET}!{kpi['unit_cell']} ({unit})", problem(
                f"単位「{unit}」の英語がありません", f"there is no English for the unit {unit!r}",
                "単位（英語）の列に書いてください", "write it in the column Unit (English)"))))
            continue
        units[unit] = entry if bilingual else {k: v for k, v in entry.items() if k not in ("en", "one")}
    if errors:
        raise PlanErrors(errors)
    return units


def _kpis(items: list[Item]):
    for item in items:
        yield from item.kpis
        yield from _kpis(item.items)


def _strategy(top: Item, depth: int) -> dict:
    """One strategy file: the nesting key of each level below the top, as the plan's depth says."""
    keys = {3: ("policies", "measures"), 2: ("measures",), 1: ()}[depth]

    def node(item: Item, below: tuple[str, ...]) -> dict:
        out = {"id": int(item.id) if "-" not in item.id else item.id, "title": item.title}
        if item is top:
            out["published_status_counts"] = None
        if below:
            out[below[0]] = [node(i, below[1:]) for i in item.items]
        else:
            out["kpis"] = [_kpi(k) for k in item.kpis]
        return out
    return node(top, keys)


def _kpi(k: dict) -> dict:
    out = {"id": k["id"], "name": k["name"], "unit": k["unit"]}
    if k.get("direction") == "lower":
        out["direction"] = "lower"
    return out | {"baseline": k["baseline"], "actual": None, "target": k["target"]}


def _yaml(data, comment: str = "") -> str:
    body = yaml.safe_dump(plain(data), allow_unicode=True, sort_keys=False, width=120, default_flow_style=None)
    return (f"# {comment}\n" if comment else "") + body


def _published(edition_id: str) -> dict:
    year, month = map(int, edition_id.split("-"))
    return {"ja": f"{wareki(year).removesuffix('年度')}年{month}月", "en": f"{MONTHS[month - 1]} {year}"}


def _texts(value: dict, langs: list[str]) -> dict:
    return {lang: value[lang] for lang in langs}


def data_files(answers: dict, tops: list[Item], units: dict) -> dict[str, str]:
    langs = answers["languages"]
    levels = answers["levels"]
    first = answers["first_edition"]
    edition = first["id"]
    cols = answers["columns"]
    title = _texts(answers["plan"], langs)
    period = answers.get("period", {})
    site = {"municipality": _texts(answers["municipality"], langs), "languages": langs,
            "levels": [{**_texts(lv, langs), **({"label": {k: v for k, v in lv["label"].items() if k in langs}}
                                                 if "label" in lv else {})} for lv in levels],
            "status": answers["status"],
            "files": answers["files"]}
    register = {"periods": [{"id": 1, "title": _texts(period.get("title", answers["plan"]), langs),
                             "first_fy": period.get("first_fy", cols["baseline_fy"] + 1),
                             "last_fy": period.get("last_fy", cols["target_fy"])}],
                "editions": [{"id": edition, "period": 1, "state": "draft"}]}
    report = {"title": title, "short_title": _texts(answers.get("short_title", answers["plan"]), langs),
              "publisher": _texts(answers["publisher"], langs),
              "published": _texts(_published(edition), langs),
              "columns": {"baseline_fy": cols["baseline_fy"], "actual_fy": first["actual_fy"],
                          "target_fy": cols["target_fy"]},
              "published_status_counts": None,
              "licence": answers.get("licence", LICENCE)}
    glossary = []
    for n, lv in enumerate(levels, 1):
        where = "最上位" if n == 1 else f"上から{n}番目"
        term = {"ja": lv["ja"]} | ({"reading": lv["reading"]} if "reading" in lv else {})
        if "en" in langs:
            term["en"] = lv["en"]
        term["definition"] = {"ja": f"総合戦略の計画の{where}の階層です。"
                                    + ("その下にKPI（重要業績評価指標）を定めています。" if n == len(levels) else "")}
        if "en" in langs:
            term["definition"]["en"] = (f"Level {n} of the strategy's plan, counted from the top."
                                        + (" The KPIs are set under it." if n == len(levels) else ""))
        glossary.append(term)
    files = {
        "data/site.yaml": _yaml(site, "このサイトの自治体と計画の決まりごと（make new-site が書きました）。"),
        "data/editions.yaml": _yaml(register, "報告書の版。最初の版は作成中（draft）です。公開は make publish-edition。"),
        f"data/editions/{edition}/report.yaml": _yaml(report),
        "data/units.yaml": _yaml(units, "KPI の単位。新しい単位を使う KPI を追加するときは、ここにも追加してください。"),
        "data/glossary.yaml": _yaml(glossary, "用語集。計画の階層の名前から始めています。"),
    }
    depth = len(levels)
    for top in tops:
        files[f"data/editions/{edition}/strategies/strategy-{top.id}.yaml"] = _yaml(
            _strategy(top, depth), f"{levels[0]['ja']}{top.id}。実績値（actual）は make sheet / make import-sheet で入れます。")
    if "context" in answers:
        files[f"data/editions/{edition}/context.yaml"] = _yaml(answers["context"])
    return files


def _item_lines(item: Item, lang: str, levels: list[dict]) -> list[str]:
    """The Markdown of one item below the top: its heading, a placeholder for its text, its KPIs."""
    level = levels[item.id.count("-")]
    what = (f"{PLACEHOLDER['ja']}この{_literal(level['ja'])}の取組内容・評価・課題・今後の方向性をここに書いてください。"
            if lang == "ja" else f"{PLACEHOLDER['en']} Describe what is done under this "
            f"{_literal(level['en'].lower())}, how it was evaluated, its issues and its direction here.")
    lines = [f'{{{{ heading("{item.id}") }}}}', "", what, ""]
    if item.items:
        for child in item.items:
            lines += _item_lines(child, lang, levels)
    else:
        lines += [f'{{{{ kpis("{item.id}") }}}}', ""]
    return lines


def _strategy_page(top: Item, lang: str, levels: list[dict]) -> str:
    intro = (f"{PLACEHOLDER['ja']}この{_literal(levels[0]['ja'])}の概要をここに書いてください。" if lang == "ja"
             else f"{PLACEHOLDER['en']} Summarise this {_literal(levels[0]['en'].lower())} here.")
    lines = [f"# {{{{ strategy_title({top.id}) }}}}", "", f"{{{{ strategy_status({top.id}) }}}}", "", intro, ""]
    if top.items:
        for item in top.items:
            lines += _item_lines(item, lang, levels)
    else:
        lines += [f'{{{{ kpis("{top.id}") }}}}', ""]
    return "\n".join(lines).rstrip() + "\n"


LATEST = ("{## このページは最新の公開版（docs/editions/ の一番新しい版）の同名のページを表示します。"
          "本文はそちらを編集してください。 ##}\n{{ latest_edition_page() }}\n")


def _print_page(tops: list[Item], lang: str) -> str:
    """The whole report on one page, for paper and for make pdf: the KPI results and every top-level item's
    page, each included as it is on the site (macros/scaffold/docs/print.md)."""
    parts = ['{{ include_page("index.md", section="summary") }}'] + [
        f'{{{{ include_page("strategy-{t.id}.md") }}}}' for t in tops]
    text = (SCAFFOLD / "docs" / f"print{_suffix(lang)}").read_text(encoding="utf-8")
    return Template(text).substitute(parts="\n\n".join(parts))


def _suffix(lang: str) -> str:
    return ".md" if lang == "ja" else f".{lang}.md"


def doc_files(answers: dict, tops: list[Item]) -> dict[str, str]:
    langs, levels, edition = answers["languages"], answers["levels"], answers["first_edition"]["id"]
    base = f"docs/editions/{edition}"
    files = {}
    for lang in langs:
        s = _suffix(lang)
        top = _literal(levels[0][lang])
        if lang == "ja":
            index = (f"# {{{{ report_meta(\"title\") }}}}\n\n{{{{ report_meta(\"publisher\") }}}}　{{{{ report_meta(\"published\") }}}}\n\n"
                     "## KPIの達成状況 {#summary}\n\n全{{ kpi_count() }}件のKPIについて、実績値を目標値と比べた結果です。\n\n"
                     f"{{{{ status_summary() }}}}\n\n## {top} {{#strategies}}\n\n{{{{ strategy_cards() }}}}\n")
            kpis = "# KPI一覧\n\n全{{ kpi_count() }}件のKPIです。\n\n{{ kpi_list() }}\n"
        else:
            index = (f"# {{{{ report_meta(\"title\") }}}}\n\n{{{{ report_meta(\"publisher\") }}}}, {{{{ report_meta(\"published\") }}}}\n\n"
                     "## KPI status {#summary}\n\nEach of the {{ kpi_count() }} KPIs, its actual compared with its target.\n\n"
                     f"{{{{ status_summary() }}}}\n\n## {top} {{#strategies}}\n\n{{{{ strategy_cards() }}}}\n")
            kpis = "# All KPIs\n\nAll {{ kpi_count() }} KPIs.\n\n{{ kpi_list() }}\n"
        files[f"{base}/index{s}"] = index
        files[f"{base}/kpis{s}"] = kpis
        files[f"{base}/print{s}"] = _print_page(tops, lang)
        for item in tops:
            files[f"{base}/strategy-{item.id}{s}"] = _strategy_page(item, lang, levels)
        names = ["index", "kpis", "print"] + [f"strategy-{t.id}" for t in tops]
        if "context" in answers:
            files[f"{base}/context{s}"] = _context_page(answers["context"], lang)
            names.append("context")
        for name in names:
            files[f"docs/{name}{s}"] = LATEST
        for name in ("methodology", "data", "glossary", "accessibility"):
            text = (SCAFFOLD / "docs" / f"{name}{s}").read_text(encoding="utf-8")
            files[f"docs/{name}{s}"] = Template(text).substitute(_page_values(answers))
    return files


def _literal(text: str) -> str:
    """Words from the answers as a page's Markdown shows them: never a macro, an HTML tag, an entity, a link
    or emphasis (the pages are rendered by Jinja, then Markdown). Braces become character references, so
    Jinja finds no delimiter at all (a {% raw %} block would end at an {% endraw %} in the words)."""
    escaped = re.sub(r"([\\`*_\[\]()!])", r"\\\1", html.escape(text, quote=False))
    return escaped.replace("{", "&#123;").replace("}", "&#125;")


def _context_page(context: dict, lang: str) -> str:
    """The context page: the census table and chart when the answers give census figures, then each generic
    table (a bar chart of its first column too, when its figures are none negative), under a placeholder."""
    ja = lang == "ja"
    lines = ["# 社会情勢" if ja else "# Social context", "",
             f"{PLACEHOLDER['ja']}戦略の前提となる社会情勢をここに書いてください。" if ja else
             f"{PLACEHOLDER['en']} Describe the social context of the strategy here.", ""]
    if "census" in context:
        lines += ["## 国勢調査人口 {#census}" if ja else "## Census population {#census}", "",
                  "{{ census_table() }}", "", "{{ census_chart() }}", ""]
    for table in context.get("tables", []):
        lines += [f"## {_literal(table['caption'][lang])} {{#{table['id']}}}", "", f'{{{{ context_table("{table["id"]}") }}}}', ""]
        if all(row["values"][0] is None or row["values"][0] >= 0 for row in table["rows"]):
            lines += [f'{{{{ context_chart("{table["id"]}") }}}}', ""]
    return "\n".join(lines).rstrip() + "\n"


def _page_values(answers: dict) -> dict:
    licence = answers.get("licence", LICENCE)
    return {"licence_id": licence["id"], "licence_url": licence["url"]}


def _q(text: str) -> str:
    """A YAML scalar that reads back as exactly `text` (JSON's double-quoted strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


def mkdocs_yml(answers: dict, tops: list[Item]) -> str:
    langs, levels = answers["languages"], answers["levels"]
    short = answers.get("short_title", answers["plan"])
    about = [("評価の方法", "Methodology", "methodology.md"), ("データについて", "About the data", "data.md"),
             ("用語集", "Glossary", "glossary.md"), ("アクセシビリティ", "Accessibility", "accessibility.md")]
    items = [(f"{levels[0]['ja']}{t.id} {t.title['ja']}",
              f"{levels[0].get('en', '')} {t.id}: {t.title.get('en', '')}", f"strategy-{t.id}.md") for t in tops]
    nav = ["  - トップ: index.md", "  - 計画の評価:"]
    nav += [f"      - {_q(ja)}: {md}" for ja, _en, md in items] + ["      - KPI一覧: kpis.md"]
    nav += ["      - 社会情勢: context.md"] if "context" in answers else []
    nav += ["      - 報告書全文（印刷用）: print.md", "  - このサイトについて:"]
    nav += [f"      - {_q(ja)}: {md}" for ja, _en, md in about]
    i18n = ["        - locale: ja", "          default: true", "          name: 日本語", "          build: true"]
    if "en" in langs:
        i18n += ["        - locale: en", "          name: English", "          build: true",
                 f"          site_name: {_q(short['en'])}", f"          site_author: {_q(answers['municipality']['en'])}",
                 f"          site_description: {_q(answers['plan']['en'] + ': every KPI generated from open data.')}",
                 f"          copyright: {_q(answers['municipality']['en'])}", "          nav_translations:",
                 "            トップ: Home", "            計画の評価: Evaluation of the plan", "            KPI一覧: All KPIs",
                 "            社会情勢: Social context",
                 "            報告書全文（印刷用）: Full report (print)",
                 "            このサイトについて: About this site"]
        i18n += [f"            {_q(ja)}: {_q(en)}" for ja, en, _md in items + about]
    values = {"site_name": _q(short["ja"]), "site_author": _q(answers["municipality"]["ja"]),
              "site_description": _q(f"{answers['plan']['ja']}。KPIの達成状況をデータから生成して公開しています。"),
              "copyright": _q(answers["municipality"]["ja"]), "search_languages": "[" + ", ".join(langs) + "]",
              "i18n_languages": "\n".join(i18n) + "\n", "nav": "\n".join(nav) + "\n"}
    return Template((SCAFFOLD / "mkdocs.yml.template").read_text(encoding="utf-8")).substitute(values)


def readme(answers: dict) -> str:
    values = {"municipality": answers["municipality"]["ja"], "plan": answers["plan"]["ja"],
              "edition": answers["first_edition"]["id"], "top_level": answers["levels"][0]["ja"],
              "english": ("英語のページ（.en.md）も、日本語のページと同じ場所にあります。" if "en" in answers["languages"]
                          else "日本語だけのサイトです（languages: [ja]）。")}
    return Template((SCAFFOLD / "README.md.template").read_text(encoding="utf-8")).substitute(values)


def site_files(answers: dict, tops: list[Item], units: dict) -> dict[str, str]:
    """Every file of the new site that is the site's own (not the engine), as path → text."""
    return (data_files(answers, tops, units) | doc_files(answers, tops)
            | {"mkdocs.yml": mkdocs_yml(answers, tops), "README.md": readme(answers)})


# --- writing the folder ----------------------------------------------------------------------------

def _check_destination(dest: Path) -> None:
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise _fail(f"{dest} は既にあり、空ではありません。新しいフォルダを指定してください",
                    f"{dest} exists and is not empty; name a new folder")


def write_site(dest: Path, files: dict[str, str], engine: Path = ENGINE) -> None:
    """The engine and the site's files into `dest`, made beside it and moved in whole."""
    _check_destination(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o777 & ~umask)   # mkdtemp's folder is private; the site is an ordinary folder
    try:
        for rel in engine_files(engine):
            (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(engine / rel, tmp / rel)
        if (engine / ".gitignore").is_file():
            shutil.copy2(engine / ".gitignore", tmp / ".gitignore")
        for rel, text in files.items():
            (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp / rel).write_text(text, encoding="utf-8")
        for page in sorted((tmp / "docs").rglob("*.en.md")):
            stamp(page)   # written with its Japanese page: a current translation (make stamp)
        write_record(tmp, f"make new-site (engine {version_of(engine)})")
        if dest.exists():
            dest.rmdir()
        os.replace(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def new_site(dest: Path, answers_path: Path, answers_display: str | None = None) -> dict[str, str]:
    """Check everything, then write the site; the site's own files, as written."""
    display = answers_display or answers_path.name
    _check_destination(dest)
    answers = load_answers(answers_path, display)
    sheet = answers_path.parent / answers["plan"]["sheet"]
    bilingual = "en" in answers["languages"]
    tops = read_plan(sheet, answers["plan"]["sheet"], answers["levels"], bilingual)
    units = _units(tops, bilingual, answers["plan"]["sheet"])
    files = site_files(answers, tops, units)
    write_site(dest, files)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="new-site", description=__doc__.splitlines()[0])
    parser.add_argument("dir", help="the new site's folder (must not exist, or be empty)")
    parser.add_argument("answers", help="the answers file (macros/scaffold/answers.example.yaml)")
    args = parser.parse_args(argv)
    dest = Path(args.dir)
    try:
        files = new_site(dest, Path(args.answers), args.answers)
    except (DataError, NewSiteError, PlanErrors) as err:
        print(err, file=sys.stderr)
        return 2
    except OSError as err:
        print(f"new-site: {dest} を書けません（{err.strerror}）— 書き込める場所のフォルダを指定してください / "
              f"cannot write {dest} ({err.strerror}) — name a folder in a place you can write to", file=sys.stderr)
        return 2
    pages, data = (sum(1 for f in files if f.startswith(top)) for top in ("docs/", "data/"))
    print(f"new-site: {dest} を作りました（ページ {pages}、データ {data} ファイル）。"
          f"次に cd {dest} && make serve で確かめてください / made {dest} ({pages} pages, "
          f"{data} data files); next: cd {dest} && make serve")
    return 0


if __name__ == "__main__":
    sys.exit(main())
