"""mkdocs-macros wiring: the only module here that knows about MkDocs.

define_env runs once per language build; the page language is read at call
time. Data is loaded once per process and reloaded only when a file under
data/ changes (live preview).
"""
from __future__ import annotations

import itertools
import logging
import posixpath
import re
import sys
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from . import assets, page_errors
from ..tools import translations
from ..core.errors import DataError, problem
from ..core.export import to_csv, to_json
from ..core.report import LoadedReport, load_report
from ..render.pages import PageFragments
from ..render.renderer import make_env
from .search_view import without_search_excluded

ROOT = Path(__file__).resolve().parents[2]
# Warnings about the source report and stale translations must be seen but must not fail `--strict`
# (which counts every warning on the "mkdocs" logger), so they go to a logger of their own.
notice = logging.getLogger("minereport")
if not notice.handlers:
    _h = logging.StreamHandler(sys.stderr)
    _h.setFormatter(logging.Formatter("NOTICE  -  %(message)s"))
    notice.addHandler(_h)
    notice.propagate = False
    notice.setLevel(logging.INFO)

_cache: dict = {}
_templates = make_env()

# Generated HTML skips Markdown: a macro leaves a plain-text token in the page, and the hooks
# (macros/glue/hooks.py) put the HTML back after conversion. Python-Markdown re-parses raw HTML blocks
# tag by tag, which was most of the build time for large reports. Each fragment is kept twice: as
# readers get it, and as the search plugin is shown it (glue/search_view.py).
_fragments: dict[str, tuple[str, str]] = {}
TOKEN = re.compile(r"(MINEHTML\d{8}Z)")   # a literal start: the regex engine skips ahead (fast on long pages)
_serial = itertools.count()


def defer(html: Markup) -> str:
    token = f"MINEHTML{next(_serial):08d}Z"
    _fragments[token] = (str(html), without_search_excluded(str(html)))
    return f"\n\n{token}\n\n"


def restore(html: str) -> tuple[str, str]:
    """The page's HTML with its fragments put back: (for readers, for the search index)."""
    pieces = TOKEN.split(html)            # text, token, text, token, …, text
    for i in range(1, len(pieces), 2):     # Markdown made each token a paragraph of its own
        if pieces[i - 1].endswith("<p>") and pieces[i + 1].startswith("</p>"):
            pieces[i - 1], pieces[i + 1] = pieces[i - 1][:-3], pieces[i + 1][4:]
    views = [_fragments.pop(t) for t in pieces[1::2]]
    full, search = pieces[:], pieces
    full[1::2] = [v[0] for v in views]
    search[1::2] = [v[1] for v in views]
    return "".join(full), "".join(search)


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
    i18n = env.conf.plugins.get("i18n")
    lang = getattr(i18n, "current_language", None) or env.conf["theme"]["language"]
    return "en" if lang == "en" else "ja"


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
        notice.info("data note: %s%s", f"{n.kpi_id}: " if n.kpi_id else "", n.text.en)
    for en in translations.stale(docs):
        notice.warning("stale translation: %s was translated from an older version of its Japanese page "
                       "(update it, then run: python -m macros.translations --stamp %s)",
                       en.relative_to(docs.parent).as_posix(), en.relative_to(docs.parent).as_posix())


def define_env(env) -> None:
    docs = Path(env.conf["docs_dir"])
    try:
        _check_pages(docs)
        from plotly.offline import get_plotlyjs_version
        assets.check_version(ROOT, get_plotlyjs_version())
        data = load_cached()
    except DataError as err:
        raise PluginError(str(err)) from None
    _announce(data, docs)

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
                 "census_table", "census_chart"):
        def whole(name=name):
            return defer(getattr(fragments(), name)())
        whole.__name__ = whole.__qualname__ = name
        env.macro(whole, name)

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
    assets.copy_assets(ROOT, Path(env.conf["site_dir"]))
