"""mkdocs-macros wiring: the macros pages call, the checks made when a build starts, the downloads.

mkdocs-macros calls define_env at the start of each build (one per language); each macro reads the
page language when it is called. Data is loaded once per process and reloaded only when a file
under data/ changes (live preview): that cache belongs to the process, not to one build. HTML
fragments go through glue/deferred.py, which the hooks (glue/hooks.py) finish after Markdown.
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from . import assets, contact, page_errors, print_page
from .notice import notice
from ..tools import translations
from ..tools.pdf import PDF_PATH
from ..core.errors import DataError, problem
from ..core.export import to_csv, to_json
from ..core.report import LoadedReport, load_report
from ..render.pages import PageFragments
from ..render.renderer import make_env
from .deferred import defer

ROOT = Path(__file__).resolve().parents[2]
_cache: dict = {}
_templates = make_env()


def _signature(root: Path) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in (root / "data").rglob("*") if p.is_file()))


def load_cached(root: Path = ROOT) -> LoadedReport:
    sig = _signature(root)
    if _cache.get("sig") != sig:
        _cache["data"] = load_report(root)
        _cache["sig"] = sig
        _cache["announced"] = False
    return _cache["data"]


def _language(env) -> str:
    """The language being built: mkdocs-static-i18n sets the theme's language for each language's build
    (its documented reconfigure_material option, on in mkdocs.yml)."""
    return "en" if env.conf["theme"]["language"] == "en" else "ja"


def _unknown(env, macro: str, kind_ja: str, kind_en: str, ident) -> DataError:
    page = env.page
    if isinstance(ident, str) or kind_en == "strategy":
        line = page_errors.source_line(page, rf"{macro}\(\s*[\"']?{re.escape(str(ident))}[\"']?\s*\)")
        return DataError(page_errors.page_path(page), line, f"{macro}: {kind_en} id", problem(
            f"{kind_ja}「{ident}」は data/ にありません", f"there is no {kind_en} {ident!r} in data/",
            "ID を data/strategies/ の id と同じにしてください", "use an id that exists in data/strategies/"))
    # kpi_table(1-1-2) without quotes is arithmetic: Jinja passes -2.
    line = page_errors.source_line(page, rf"{macro}\(\s*[^\"'\s)]")
    return DataError(page_errors.page_path(page), line, f"{macro}: {kind_en} id", problem(
        "ID が引用符で囲まれていません", f"the {kind_en} id is not quoted",
        f'{macro}("1-1-2") のように ID を " で囲んでください', f'quote the id, as in {macro}("1-1-2")'))


def _check_pages(docs: Path) -> None:
    """Every Japanese page needs its English page: a fallback would be served labelled lang="en"."""
    for ja in translations.missing(docs):
        rel = ja.relative_to(docs.parent).as_posix()
        raise DataError(rel, None, "translation", problem(
            "英語版のページがありません", "the English page is missing",
            f"{rel[:-3]}.en.md を作成してください", f"create {rel[:-3]}.en.md"))
    for en in translations.orphans(docs):
        rel = en.relative_to(docs.parent).as_posix()
        raise DataError(rel, None, "translation", problem(
            "対応する日本語版のページがありません", "there is no Japanese page for it",
            "ファイル名を日本語版と合わせてください", "name it after its Japanese page"))


def _announce(data: LoadedReport, docs: Path) -> None:
    if _cache.get("announced"):
        return
    _cache["announced"] = True
    for n in data.notes:
        about = n.kpi_id or (n.where.en if n.where else None)
        kpi = data.report.kpi(n.kpi_id) if n.kpi_id else None
        where = {"location": (kpi.source.file, kpi.source.line)} if kpi else {}
        notice.info("data note: %s%s", f"{about}: " if about else "", n.text.en, extra=where)
    for en in translations.stale(docs):
        rel = en.relative_to(docs.parent).as_posix()
        notice.warning("stale translation: %s was translated from an older version of its Japanese page "
                       "(update it, then run: python -m macros.translations --stamp %s)", rel, rel,
                       extra={"location": (rel, None)})


def define_env(env) -> None:
    docs = Path(env.conf["docs_dir"])
    page_errors.register()
    try:
        _check_pages(docs)
        from plotly.offline import get_plotlyjs_version
        assets.check_version(ROOT, get_plotlyjs_version())
        data = load_cached()
        links = contact.contact_links(env.conf)
    except DataError as err:
        raise PluginError(str(err)) from None
    _announce(data, docs)
    # For the footer (overrides/partials/copyright.html): only the configured addresses.
    env.conf["extra"]["configured_contacts"] = links

    def fragments() -> PageFragments:
        here = env.page.url if env.page.url.endswith("/") or not env.page.url else posixpath.dirname(env.page.url) + "/"
        lang = _language(env)
        # Targets are paths in the page's own language: the English pages live under en/.
        lang_root = "" if lang == "ja" else f"{lang}/"

        def href(target: str) -> str:
            path, _, anchor = target.partition("#")
            path = lang_root + path
            rel = posixpath.relpath("/" + path, "/" + here) if here else path
            rel = rel if rel != "." else "./"
            if path.endswith("/") and not rel.endswith("/"):
                rel += "/"
            return rel + (f"#{anchor}" if anchor else "")
        return PageFragments(data, lang, href, _templates)

    lookups = {"strategy": (data.report.strategy, "重点戦略"), "policy": (data.report.policy, "戦略方針"),
               "measure": (data.report.measure, "具体的施策")}

    def by_id(name: str, kind: str, render, html: bool) -> None:
        """A macro taking one id: look it up (a clear error if unknown), render, defer HTML past Markdown."""
        def macro(ident):
            find, kind_ja = lookups[kind]
            obj = find(ident)
            if obj is None:
                raise _unknown(env, name, kind_ja, kind, ident)
            out = render(fragments(), obj)
            return defer(out) if html else out
        macro.__name__ = macro.__qualname__ = name   # so a wrong call names the macro in its error
        env.macro(macro, name)

    by_id("strategy_title", "strategy", lambda f, s: f.strategy_title(s.id), html=False)
    by_id("strategy_status", "strategy", lambda f, s: f.status_summary(s.id), html=True)
    by_id("policy_heading", "policy", lambda f, p: f.policy_heading(p.id), html=False)
    by_id("measure_heading", "measure", lambda f, m: f.measure_heading(m.id), html=False)
    by_id("kpis", "measure", lambda f, m: f.kpis(m), html=True)

    # Whole-report fragments take no arguments: one macro per PageFragments method of the same name.
    for name in ("status_summary", "strategy_cards", "kpi_list", "data_notes", "text_notes",
                 "glossary", "census_table", "census_chart", "progress_examples", "implied_baselines",
                 "comparison_years"):
        def whole(name=name):
            return defer(getattr(fragments(), name)())
        whole.__name__ = whole.__qualname__ = name
        env.macro(whole, name)

    @env.macro
    def contact_links():
        """The publisher's contact page and the site's issue tracker, as far as they are configured."""
        return defer(fragments().contact_links(links))

    @env.macro
    def include_page(name: str, section: str | None = None) -> str:
        """Another page's Markdown in this page's language, rendered by these macros (docs/print.md)."""
        path = docs / print_page.source_name(name, _language(env))
        if not path.is_file():
            line = page_errors.source_line(env.page, r"include_page\(\s*[\"']" + re.escape(name))
            raise DataError(page_errors.page_path(env.page), line, "include_page", problem(
                f"ページ「{name}」は docs/ にありません", f"there is no page {name!r} in docs/",
                "docs/ にあるページのファイル名にしてください", "name a page that exists in docs/"))
        markdown = print_page.without_front_matter(path.read_text(encoding="utf-8"))
        if section is None:
            with page_errors.including(path, docs):
                return print_page.demote(env.render(markdown, force_rendering=True), name[:-3])
        part = print_page.section(markdown, section)
        if part is None:
            line = page_errors.source_line(env.page, r"include_page\(\s*[\"']" + re.escape(name))
            raise DataError(page_errors.page_path(env.page), line, "include_page", problem(
                f"ページ「{name}」に見出し {{#{section}}} がありません", f"{name} has no heading {{#{section}}}",
                "ページにある h2 見出しの id にしてください", "use the id of an h2 heading of that page"))
        with page_errors.including(path, docs):
            return print_page.as_part(env.render(part, force_rendering=True), section)

    @env.macro
    def pdf_download() -> str:
        """The link to this language's PDF of the full report (made after the build: macros/tools/pdf.py)."""
        lang = _language(env)
        target = PDF_PATH[lang].removeprefix(f"{lang}/")   # href() puts the English path under en/
        text = "PDF版をダウンロード（A4・日本語）" if lang == "ja" else "Download the PDF (A4, English)"
        return defer(Markup('<p class="pdf-download"><a href="{}" type="application/pdf" download>{}</a></p>')
                     .format(fragments().href(target), text))

    @env.macro
    def site_address() -> str:
        """The published address of this language's home page."""
        root = env.conf["site_url"] or ""
        return Markup.escape(root + ("en/" if _language(env) == "en" and root else ""))

    @env.macro
    def kpi_count() -> int:
        return len(data.report.kpis())

    @env.macro
    def report_meta(field: str) -> str:
        meta = data.report.meta
        if field not in ("title", "publisher", "published"):
            line = page_errors.source_line(env.page, r"report_meta\(\s*[\"']" + re.escape(field))
            raise DataError(page_errors.page_path(env.page), line, "report_meta", problem(
                f"項目「{field}」はありません", f"there is no field {field!r}",
                "title, publisher, published のいずれかにしてください", "use title, publisher or published"))
        value = getattr(meta, field)
        return Markup.escape(value.get(_language(env)) if hasattr(value, "get") else value)


def on_post_build(env) -> None:
    """Write the language-neutral downloads once, into the root of the built site."""
    if _language(env) != "ja":
        return
    data = load_cached()
    out = Path(env.conf["site_dir"]) / "data"
    out.mkdir(parents=True, exist_ok=True)
    (out / "kpis.csv").write_bytes(to_csv(data))
    (out / "kpis.json").write_text(to_json(data), encoding="utf-8")
    for schema in sorted((ROOT / "data" / "schema").glob("*.json")):
        (out / schema.name).write_bytes(schema.read_bytes())
    try:
        assets.copy_assets(ROOT, Path(env.conf["site_dir"]))
    except DataError as err:   # e.g. a front-end package missing from node_modules: one line, no traceback
        raise PluginError(str(err)) from None
