"""The macros pages call, registered with mkdocs-macros (mkdocs.yml: macros, module_name: macros).

mkdocs-macros calls define_env at the start of each build (one per language), after the plugin
(glue/plugin.py) has loaded and checked the data; each macro reads the page language, and the edition
the page shows (glue/edition_pages.py), when it is called. HTML fragments go through the build's
glue/deferred.py, which the plugin finishes after Markdown; it also opens each edition's page with the
edition banner made here.
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

from markupsafe import Markup

from . import edition_pages, page_errors, print_page
from .plugin import ReportPlugin, language
from ..tools.pdf import pdf_paths
from ..core.errors import DataError, problem
from ..core.status_schemes import SCHEMES
from ..core.edition_series import Edition
from ..render.edition_comparison import EditionLink
from ..render.labels import label, status_name as label_status_name
from ..render.status_rules import for_scheme
from ..render.pages import WHOLE_REPORT, PageFragments


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


def define_env(env) -> None:
    plugin = ReportPlugin.of(env.conf)
    docs = Path(env.conf["docs_dir"]).resolve()
    # mkdocs-macros' own macros (macros_info, context, …) print its variables, the configuration
    # among them: pages may call only the macros defined below.
    builtin = set(env.macros)
    page_errors.register()
    all_editions = plugin.editions
    latest = all_editions.latest()
    links = env.conf["extra"]["configured_contacts"]
    defer = plugin.pages.defer

    def edition() -> Edition:
        """The edition this page shows (glue/edition_pages.py): its own, the one it includes, or the latest."""
        shown = plugin.shown.shown_edition(env.page.file.src_uri)
        return all_editions.get(shown) if shown else latest

    def fragments(page=None) -> PageFragments:
        page = page or env.page
        here = page.url if page.url.endswith("/") or not page.url else posixpath.dirname(page.url) + "/"
        lang = language(env.conf)
        # Targets are paths in the page's own language: the English pages live under en/.
        lang_root = "" if lang == "ja" else f"{lang}/"
        # On an edition's own pages, links to the report's pages stay in that edition.
        own = edition_pages.edition_of(page.file.src_uri)
        edition_root = f"{edition_pages.EDITIONS_DIR}/{own}/" if own else ""

        def href(target: str, in_edition: str | None = None) -> str:
            """A relative URL to a site path; `in_edition` names the edition whose copy of the page is meant."""
            path, _, anchor = target.partition("#")
            if in_edition:
                path = f"{edition_pages.EDITIONS_DIR}/{in_edition}/{path}"
            elif edition_root and _report_page(path):
                path = edition_root + path
            path = lang_root + path
            rel = posixpath.relpath("/" + path, "/" + here) if here else path
            rel = rel if rel != "." else "./"
            if path.endswith("/") and not rel.endswith("/"):
                rel += "/"
            return rel + (f"#{anchor}" if anchor else "")
        shown = edition()
        return PageFragments(shown.data, lang, href, plugin.templates, editions=all_editions, edition=shown)

    # The names of an edition's pages (the same in every edition), read once per build.
    report_pages = {edition_pages.page_name(p.name) for p in (docs / edition_pages.EDITIONS_DIR / latest.id).glob("*.md")}

    def _report_page(path: str) -> bool:
        """Whether a link target is one of an edition's pages (strategy-1/ → docs/editions/<id>/strategy-1.md)."""
        name = path.split("#")[0].rstrip("/")
        return ((name or "index") if name.endswith(".md") else (name or "index") + ".md") in report_pages

    def banner(page) -> str:
        """Which edition the page shows and the same page in the other editions (pages of an edition only)."""
        src = page.file.src_uri
        if edition_pages.edition_of(src) is None and src not in plugin.shows_latest:
            return ""
        name = edition_pages.page_name(src)
        f = fragments(page)
        links = [EditionLink(x, f.href(edition_pages.page_url(name), in_edition=x.id)
                             if (docs / edition_pages.EDITIONS_DIR / x.id / name).is_file() else None)
                 for x in all_editions.all]
        return f.banner.edition_banner(links)

    plugin.banner = banner

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

    def context_table_macro(name: str, render) -> None:
        """A macro taking a table id of the edition's context.yaml `tables:` (a clear error if unknown)."""
        def macro(table_id):
            context = edition().data.report.context
            table = context.table(str(table_id)) if context else None
            if table is None:
                known = ", ".join(t.id for t in context.tables) if context else ""
                line = page_errors.source_line(env.page, rf"{name}\(\s*[\"']?{re.escape(str(table_id))}")
                raise DataError(page_errors.page_path(env.page), line, name, problem(
                    f"context.yaml の tables に id「{table_id}」の表がありません" + (f"（あるのは {known}）" if known else ""),
                    f"context.yaml has no table {table_id!r} in its tables" + (f" (it has {known})" if known else ""),
                    "context.yaml の tables にある表の id にしてください", "use the id of a table in context.yaml's tables"))
            return defer(render(fragments(), table))
        macro.__name__ = macro.__qualname__ = name
        env.macro(macro, name)

    context_table_macro("context_table", lambda f, t: f.context_table(t))
    context_table_macro("context_chart", lambda f, t: f.context_chart(t))

    # Whole-report fragments take no arguments: one macro each (render/pages.py WHOLE_REPORT).
    for name, show in WHOLE_REPORT.items():
        def whole(show=show):
            return defer(show(fragments()))
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
        mirrored = there if edition_pages.edition_of(env.page.file.src_uri) is None and edition_pages.edition_of(there + "/") else None
        plugin.included.setdefault(env.page.file.src_uri, []).append(path)
        markdown = for_scheme(markdown, edition().data.scheme.name)
        with page_errors.including(path, docs):
            return env.render(edition_pages.rebase_links(markdown, there, here, mirrored), force_rendering=True)

    @env.macro
    def latest_edition_page() -> str:
        """This root page's namesake in the latest published edition (docs/editions/<id>/), shown here."""
        name = print_page.source_name(edition_pages.page_name(env.page.file.src_uri), language(env.conf))
        path = docs / edition_pages.EDITIONS_DIR / latest.id / name
        if not path.is_file():
            raise DataError(page_errors.page_path(env.page), None, "latest_edition_page", problem(
                f"最新の版に {name} がありません", f"the latest edition has no {name}",
                f"docs/editions/{latest.id}/{name} を作るか、このページを削除してください",
                f"create docs/editions/{latest.id}/{name}, or delete this page"))
        source = path.read_text(encoding="utf-8")
        env.page.meta.update(print_page.front_matter(source))   # its description, search settings
        plugin.shows_latest.add(env.page.file.src_uri)
        with plugin.shown.showing(latest.id):
            return _render_included(path, print_page.without_front_matter(source))

    @env.macro
    def include_page(name: str, section: str | None = None) -> str:
        """Another page's Markdown in this page's language, rendered by these macros (the print page).
        The name is relative to the folder of the page that includes it."""
        current = Path(page_errors.page_path(env.page).removeprefix("docs/"))
        path = (docs / current.parent / print_page.source_name(name, language(env.conf))).resolve()
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
        if section is None:
            return print_page.demote(_render_included(path, markdown), name[:-3])
        part = print_page.section(markdown, section)
        if part is None:
            raise DataError(page_errors.page_path(env.page), line(), "include_page", problem(
                f"ページ「{name}」に見出し {{#{section}}} がありません", f"{name} has no heading {{#{section}}}",
                "ページにある h2 見出しの id にしてください", "use the id of an h2 heading of that page"))
        return print_page.as_part(_render_included(path, part), section)

    @env.macro
    def pdf_download() -> str:
        """The link to this language's PDF of the full report (made after the build: macros/tools/pdf.py)."""
        lang = language(env.conf)
        target = pdf_paths(latest.data.site)[lang].removeprefix(f"{lang}/")   # href() puts the English path under en/
        # An edition's own print page links its own PDF (made beside it by macros/tools/pdf.py).
        own = edition_pages.edition_of(env.page.file.src_uri)
        return defer(Markup('<p class="pdf-download"><a href="{}" type="application/pdf" download>{}</a></p>')
                     .format(fragments().href(target, in_edition=own), label(lang, "pdf_download")))

    @env.macro
    def site_address() -> str:
        """The published address of this language's home page."""
        root = env.conf["site_url"] or ""
        return Markup.escape(root + ("en/" if language(env.conf) == "en" and root else ""))

    @env.macro
    def kpi_count() -> int:
        return len(edition().data.report.kpis())

    @env.macro
    def status_name(code: str) -> str:
        """A status as every table, card and chart key names it ('↓ Not achieved (worse)'): pages that
        explain the statuses quote the same words."""
        scheme = edition().data.scheme
        if code not in scheme.ids:
            *rest, last = scheme.ids
            line = page_errors.source_line(env.page, r"status_name\(\s*[\"']" + re.escape(code))
            raise DataError(page_errors.page_path(env.page), line, "status_name", problem(
                f"状況「{code}」はありません", f"there is no status {code!r}",
                f"{', '.join(scheme.ids)} のいずれかにしてください",
                f"use {', '.join(rest) + ' or ' if rest else ''}{last}"))
        return Markup.escape(label_status_name(language(env.conf), code, scheme))

    def _scheme_named(name: str, macro: str) -> None:
        if name not in SCHEMES:
            line = page_errors.source_line(env.page, macro + r"\(\s*[\"']" + re.escape(name))
            raise DataError(page_errors.page_path(env.page), line, macro, problem(
                f"判定方法「{name}」はありません", f"there is no status scheme {name!r}",
                f"{', '.join(SCHEMES)} のいずれかにしてください", f"use one of {', '.join(SCHEMES)}"))

    @env.macro
    def status_rules(written_for: str | None = None) -> str:
        """The statuses explained from the site's scheme: its rules, an example of each, the counts.
        With a scheme's name, the page's own words for that scheme follow (to the next heading) and
        are shown instead while the site uses it."""
        if written_for is not None:
            _scheme_named(written_for, "status_rules")
            if written_for == edition().data.scheme.name:
                return ""
        return fragments().statuses.generated_rules(defer)

    @env.macro
    def scheme_note(written_for: str) -> str:
        """The page's own words for one scheme follow (to the next heading): left out under another."""
        _scheme_named(written_for, "scheme_note")
        return ""

    @env.macro
    def status_codes() -> str:
        """The downloads' status codes with their names, as inline Markdown."""
        return fragments().statuses.status_codes()

    @env.macro
    def report_meta(field: str) -> str:
        meta = edition().data.report.meta
        if field not in ("title", "publisher", "published"):
            line = page_errors.source_line(env.page, r"report_meta\(\s*[\"']" + re.escape(field))
            raise DataError(page_errors.page_path(env.page), line, "report_meta", problem(
                f"項目「{field}」はありません", f"there is no field {field!r}",
                "title, publisher, published のいずれかにしてください", "use title, publisher or published"))
        value = getattr(meta, field)
        return Markup.escape(value.get(language(env.conf)) if hasattr(value, "get") else value)

    plugin.page_macros.update({name: f for name, f in env.macros.items() if name not in builtin})


def on_pre_page_macros(env) -> None:
    """mkdocs-macros' hook before it renders a page: words the page wrote for another status scheme than
    the site's are left out (render/status_rules.py), so the macros never see them."""
    plugin = ReportPlugin.of(env.conf)
    env.markdown = for_scheme(env.markdown, plugin.editions.latest(include_drafts=True).data.scheme.name)
