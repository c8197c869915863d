"""mkdocs-macros wiring: the macros pages call, the checks made when a build starts, the downloads.

mkdocs-macros calls define_env at the start of each build (one per language); each macro reads the
page language, and the edition the page shows (glue/editions.py), when it is called. Every edition
is loaded once per process and reloaded only when its files under data/ change (live preview): that
cache belongs to the process, not to one build. HTML fragments go through glue/deferred.py, which
the hooks (glue/hooks.py) finish after Markdown; each edition's page opens with its edition banner
(on_post_page_macros).
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from . import assets, contact, editions, page_content, page_errors, page_jinja, preview, print_page
from .notice import notice
from ..tools import translations
from ..tools.pdf import PDF_PATH
from ..core.errors import DataError, problem
from ..core.model import Status
from ..core.export import all_editions_csv, all_editions_json, download_schema, to_csv, to_json
from ..core.editions import Edition, Editions, load_editions
from ..core.report import LoadedReport, load_report
from ..render.editions import EditionLink
from ..render.labels import label, status_icon, status_label
from ..render.pages import PageFragments
from ..render.renderer import make_env
from .deferred import defer

ROOT = Path(__file__).resolve().parents[2]
_cache: dict = {}
_templates = make_env()
_banner: dict = {}             # the edition banner of the build under way (define_env sets it)
_shows_latest: set[str] = set()   # root pages that show the latest edition's page (latest_edition_page)
_page_macros: dict = {}        # the macros pages may call: this module's, not mkdocs-macros' own (define_env)


def _signature(paths) -> tuple:
    """Which files there are and when each last changed: a cache key that an edit invalidates."""
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in paths if p.is_file()))


def _edition_loader(root: Path):
    """Loads one edition, or returns it as loaded before if none of its files nor the shared ones
    (data/*.yaml, data/schema/) changed: a live-preview edit reloads one edition, not ten."""
    shared = _signature(list((root / "data").glob("*.yaml")) + list((root / "data" / "schema").glob("*")))
    editions_cache = _cache.setdefault("per_edition", {})

    def load(root_: Path, edition_id: str, published: bool) -> LoadedReport:
        key = (edition_id, published, shared, _signature((root / "data" / "editions" / edition_id).rglob("*")))
        if editions_cache.get(edition_id, (None,))[0] != key:
            editions_cache[edition_id] = (key, load_report(root_, edition_id, published=published))
        return editions_cache[edition_id][1]
    return load


def load_all(root: Path = ROOT, include_drafts: bool = False) -> Editions:
    """Every edition (drafts only when the site shows them), loaded again only when data/ changes."""
    sig = (_signature((root / "data").rglob("*")), include_drafts)
    if _cache.get("sig") != sig:
        _cache["editions"] = load_editions(root, include_drafts=include_drafts, load=_edition_loader(root))
        _cache["sig"] = sig
        _cache["announced"] = False
    return _cache["editions"]


def show_drafts(config) -> bool:
    """Draft editions are built only for a preview (mkdocs.yml: extra.show_drafts, env SHOW_DRAFTS)."""
    return str(config["extra"].get("show_drafts", False)).lower() in ("1", "true", "yes")


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
            "ID を data/editions/<版>/strategies/ の id と同じにしてください", "use an id that exists in data/editions/<edition>/strategies/"))
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


def _announce(all_editions: Editions, docs: Path) -> None:
    if _cache.get("announced"):
        return
    _cache["announced"] = True
    data = all_editions.latest(include_drafts=True).data
    for n in data.notes:
        about = n.kpi_id or (n.where.en if n.where else None)
        kpi = data.report.kpi(n.kpi_id) if n.kpi_id else None
        where = {"location": (kpi.source.file, kpi.source.line)} if kpi else {}
        notice.info("data note: %s%s", f"{about}: " if about else "", n.text.en, extra=where)
    for en in translations.stale(docs):
        rel = en.relative_to(docs.parent).as_posix()
        notice.warning("stale translation: %s was translated from an older version of its Japanese page "
                       "(update it, then run: make stamp PAGES=%s)", rel, rel,
                       extra={"location": (rel, None)})


def define_env(env) -> None:
    docs = Path(env.conf["docs_dir"]).resolve()
    # mkdocs-macros' own macros (macros_info, context, …) print its variables, the configuration
    # among them: pages may call only the macros defined below.
    builtin = set(env.macros)
    page_errors.register()
    try:
        _check_pages(docs)
        from plotly.offline import get_plotlyjs_version
        assets.check_version(ROOT, get_plotlyjs_version())
        all_editions = load_all(include_drafts=show_drafts(env.conf))
        links = contact.contact_links(env.conf)
    except DataError as err:
        raise PluginError(str(err)) from None
    _announce(all_editions, docs)
    latest = all_editions.latest()
    # For the footer (overrides/partials/copyright.html): only the configured addresses.
    env.conf["extra"]["configured_contacts"] = links

    def edition() -> Edition:
        """The edition this page shows (glue/editions.py): its own, the one it includes, or the latest."""
        shown = editions.shown_edition(env.page.file.src_uri)
        return all_editions.get(shown) if shown else latest

    def fragments() -> PageFragments:
        here = env.page.url if env.page.url.endswith("/") or not env.page.url else posixpath.dirname(env.page.url) + "/"
        lang = _language(env)
        # Targets are paths in the page's own language: the English pages live under en/.
        lang_root = "" if lang == "ja" else f"{lang}/"
        # On an edition's own pages, links to the report's pages stay in that edition.
        own = editions.edition_of(env.page.file.src_uri)
        edition_root = f"{editions.EDITIONS_DIR}/{own}/" if own else ""

        def href(target: str, in_edition: str | None = None) -> str:
            """A relative URL to a site path; `in_edition` names the edition whose copy of the page is meant."""
            path, _, anchor = target.partition("#")
            if in_edition:
                path = f"{editions.EDITIONS_DIR}/{in_edition}/{path}"
            elif edition_root and _report_page(path):
                path = edition_root + path
            path = lang_root + path
            rel = posixpath.relpath("/" + path, "/" + here) if here else path
            rel = rel if rel != "." else "./"
            if path.endswith("/") and not rel.endswith("/"):
                rel += "/"
            return rel + (f"#{anchor}" if anchor else "")
        shown = edition()
        return PageFragments(shown.data, lang, href, _templates, editions=all_editions, edition=shown)

    # The names of an edition's pages (the same in every edition), read once per build.
    report_pages = {editions.page_name(p.name) for p in (docs / editions.EDITIONS_DIR / latest.id).glob("*.md")}

    def _report_page(path: str) -> bool:
        """Whether a link target is one of an edition's pages (strategy-1/ → docs/editions/<id>/strategy-1.md)."""
        name = path.split("#")[0].rstrip("/")
        return ((name or "index") if name.endswith(".md") else (name or "index") + ".md") in report_pages

    def banner() -> str:
        """Which edition the page shows and the same page in the other editions (pages of an edition only)."""
        src = env.page.file.src_uri
        if editions.edition_of(src) is None and src not in _shows_latest:
            return ""
        name = editions.page_name(src)
        f = fragments()
        links = [EditionLink(x, f.href(editions.page_url(name), in_edition=x.id)
                             if (docs / editions.EDITIONS_DIR / x.id / name).is_file() else None)
                 for x in all_editions.all]
        return defer(f.edition_banner(links))

    _banner["make"] = banner

    # What each kind of id names, by the level's index in data/site.yaml `levels` (None: any level below the top).
    lookups = {"strategy": (lambda r, i: r.strategy(i), 0), "policy": (lambda r, i: r.policy(i), 1),
               "measure": (lambda r, i: r.measure(i), -1), "item": (lambda r, i: r.item(i), None)}

    def by_id(name: str, kind: str, render, html: bool) -> None:
        """A macro taking one id: look it up (a clear error if unknown), render, defer HTML past Markdown."""
        def macro(ident):
            find, level = lookups[kind]
            report = edition().data.report
            obj = find(report, ident)
            if obj is None:
                kind_ja = "項目" if level is None else report.levels[level].ja
                raise _unknown(env, name, kind_ja, kind, ident)
            out = render(fragments(), obj)
            return defer(out) if html else out
        macro.__name__ = macro.__qualname__ = name   # so a wrong call names the macro in its error
        env.macro(macro, name)

    by_id("strategy_title", "strategy", lambda f, s: f.strategy_title(s.id), html=False)
    by_id("strategy_status", "strategy", lambda f, s: f.status_summary(s.id), html=True)
    by_id("heading", "item", lambda f, i: f.item_heading(i.id), html=False)
    by_id("policy_heading", "policy", lambda f, p: f.item_heading(p.id), html=False)
    by_id("measure_heading", "measure", lambda f, m: f.item_heading(m.id), html=False)
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

    def _render_included(path: Path, markdown: str) -> str:
        """Markdown of another file, rendered for this page: its links rebased, errors on its own lines."""
        here = posixpath.dirname(env.page.file.src_uri)
        there = posixpath.dirname(path.relative_to(docs).as_posix())
        # A top-level page showing an edition's page: links within that edition stay at the top level.
        mirrored = there if editions.edition_of(env.page.file.src_uri) is None and editions.edition_of(there + "/") else None
        page_content.included(env.page, path)
        with page_errors.including(path, docs):
            return env.render(editions.rebase_links(markdown, there, here, mirrored), force_rendering=True)

    @env.macro
    def latest_edition_page() -> str:
        """This root page's namesake in the latest published edition (docs/editions/<id>/), shown here."""
        name = print_page.source_name(editions.page_name(env.page.file.src_uri), _language(env))
        path = docs / editions.EDITIONS_DIR / latest.id / name
        if not path.is_file():
            raise DataError(page_errors.page_path(env.page), None, "latest_edition_page", problem(
                f"最新の版に {name} がありません", f"the latest edition has no {name}",
                f"docs/editions/{latest.id}/{name} を作るか、このページを削除してください",
                f"create docs/editions/{latest.id}/{name}, or delete this page"))
        source = path.read_text(encoding="utf-8")
        env.page.meta.update(print_page.front_matter(source))   # its description, search settings
        _shows_latest.add(env.page.file.src_uri)
        with editions.showing(latest.id):
            return _render_included(path, print_page.without_front_matter(source))

    @env.macro
    def include_page(name: str, section: str | None = None) -> str:
        """Another page's Markdown in this page's language, rendered by these macros (the print page).
        The name is relative to the folder of the page that includes it."""
        current = Path(page_errors.page_path(env.page).removeprefix("docs/"))
        path = (docs / current.parent / print_page.source_name(name, _language(env))).resolve()
        def line() -> int | None:   # of the call, read only when it is wrong
            return page_errors.source_line(env.page, r"include_page\(\s*[\"']" + re.escape(name))
        # Only a page of this site: a path out of docs/ (../../etc/passwd, a symbolic link) would be published.
        if not (name.endswith(".md") and path.suffix == ".md" and path.is_relative_to(docs)):
            raise DataError(page_errors.page_path(env.page), line(), "include_page", problem(
                f"「{name}」は docs/ の中のページ（.md）ではありません", f"{name!r} is not a page (.md) inside docs/",
                "このページからの相対パスで docs/ にあるページを指定してください",
                "name a page inside docs/, relative to this page"))
        if not path.is_file():
            raise DataError(page_errors.page_path(env.page), line(), "include_page", problem(
                f"ページ「{name}」は docs/ にありません", f"there is no page {name!r} in docs/",
                "docs/ にあるページのファイル名にしてください", "name a page that exists in docs/"))
        markdown = print_page.without_front_matter(path.read_text(encoding="utf-8"))
        # The live preview keeps the part's heading and links its page instead of repeating its text.
        note = _preview_note(path.name + (f"#{section}" if section else "")) if preview.abridged() else None
        if section is None:
            kept = markdown if note is None else print_page.title_line(markdown) + note
            return print_page.demote(_render_included(path, kept), name[:-3])
        part = print_page.section(markdown, section)
        if part is None:
            raise DataError(page_errors.page_path(env.page), line(), "include_page", problem(
                f"ページ「{name}」に見出し {{#{section}}} がありません", f"{name} has no heading {{#{section}}}",
                "ページにある h2 見出しの id にしてください", "use the id of an h2 heading of that page"))
        kept = part if note is None else part.split("\n", 1)[0] + "\n" + note
        return print_page.as_part(_render_included(path, kept), section)

    def _preview_note(target: str) -> str:
        """The preview's note in place of a print part's text: a Markdown admonition linking its page."""
        lang = _language(env)
        text = label(lang, "preview.print_part", page=target)
        return f'\n!!! note "{label(lang, "preview.title")}"\n    {text}\n'

    @env.macro
    def pdf_download() -> str:
        """The link to this language's PDF of the full report (made after the build: macros/tools/pdf.py)."""
        lang = _language(env)
        target = PDF_PATH[lang].removeprefix(f"{lang}/")   # href() puts the English path under en/
        text = "PDF版をダウンロード（A4・日本語）" if lang == "ja" else "Download the PDF (A4, English)"
        # An edition's own print page links its own PDF (made beside it by macros/tools/pdf.py).
        own = editions.edition_of(env.page.file.src_uri)
        return defer(Markup('<p class="pdf-download"><a href="{}" type="application/pdf" download>{}</a></p>')
                     .format(fragments().href(target, in_edition=own), text))

    @env.macro
    def site_address() -> str:
        """The published address of this language's home page."""
        root = env.conf["site_url"] or ""
        return Markup.escape(root + ("en/" if _language(env) == "en" and root else ""))

    @env.macro
    def kpi_count() -> int:
        return len(edition().data.report.kpis())

    @env.macro
    def status_name(code: str) -> str:
        """A status as every table, card and chart key names it ('↓ Not achieved (worse)'): pages that
        explain the statuses quote the same words."""
        if code not in {s.value for s in Status}:
            line = page_errors.source_line(env.page, r"status_name\(\s*[\"']" + re.escape(code))
            raise DataError(page_errors.page_path(env.page), line, "status_name", problem(
                f"状況「{code}」はありません", f"there is no status {code!r}",
                "achieved, improved, unchanged, worse のいずれかにしてください",
                "use achieved, improved, unchanged or worse"))
        lang = _language(env)
        return Markup.escape(f"{status_icon(lang, Status(code))} {status_label(lang, Status(code))}")

    @env.macro
    def report_meta(field: str) -> str:
        meta = edition().data.report.meta
        if field not in ("title", "publisher", "published"):
            line = page_errors.source_line(env.page, r"report_meta\(\s*[\"']" + re.escape(field))
            raise DataError(page_errors.page_path(env.page), line, "report_meta", problem(
                f"項目「{field}」はありません", f"there is no field {field!r}",
                "title, publisher, published のいずれかにしてください", "use title, publisher or published"))
        value = getattr(meta, field)
        return Markup.escape(value.get(_language(env)) if hasattr(value, "get") else value)

    _page_macros.clear()
    _page_macros.update({name: f for name, f in env.macros.items() if name not in builtin})


def on_pre_page_macros(env) -> None:
    """Before a page is rendered: its Jinja may only call the site's macros (glue/page_jinja.py).
    mkdocs-macros makes its Jinja environment after define_env, so the check is added here."""
    page_jinja.install(env.env, _page_macros)
    page_content.forget_included(env.page)


def on_post_page_macros(env) -> None:
    """After a page's macros: an edition's page opens with its edition banner (render/editions.py)."""
    make = _banner.get("make")
    html = make() if make else ""
    if html:
        env.markdown = html + "\n\n" + env.markdown


def _downloads(all_editions: Editions) -> dict[str, bytes]:
    """The data downloads, made again only when the editions were loaded again (load_all's cache)."""
    kept = _cache.get("downloads")
    if kept is None or kept[0] is not all_editions:
        data = all_editions.latest().data
        kept = (all_editions, {"kpis.csv": to_csv(data), "kpis.json": to_json(data).encode("utf-8"),
                               "kpis-all-editions.csv": all_editions_csv(all_editions),
                               "kpis-all-editions.json": all_editions_json(all_editions).encode("utf-8")})
        _cache["downloads"] = kept
    return kept[1]


def on_post_build(env) -> None:
    """Write the language-neutral downloads once, into the root of the built site."""
    if _language(env) != "ja":
        return
    all_editions = load_all(include_drafts=show_drafts(env.conf))
    out = Path(env.conf["site_dir"]) / "data"
    out.mkdir(parents=True, exist_ok=True)
    for name, content in _downloads(all_editions).items():
        (out / name).write_bytes(content)
    levels = all_editions.all[-1].data.report.levels
    for schema in sorted((ROOT / "data" / "schema").glob("*.json")):
        raw = schema.read_bytes()
        (out / schema.name).write_bytes(download_schema(raw, levels) if schema.name.startswith("kpis") else raw)
    try:
        assets.copy_assets(ROOT, Path(env.conf["site_dir"]))
    except DataError as err:   # e.g. a front-end package missing from node_modules: one line, no traceback
        raise PluginError(str(err)) from None
