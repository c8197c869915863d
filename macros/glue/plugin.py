"""The site's MkDocs plugin (mkdocs.yml: plugins: sousei-report): every build event, its options, its state.

MkDocs builds each language as a build of its own (mkdocs-static-i18n runs the further languages
inside the default one's on_post_build), and `mkdocs serve` rebuilds in the same process: because
the plugin has `on_startup`, MkDocs keeps this one instance for the life of the process. What belongs
to one build is reset by `on_config`, the first event of every build; what is kept on purpose across
builds is named in __init__.
mkdocs-macros only renders the macros pages call (glue/page_macros.py), which read this instance.

Each event states its priority: MkDocs runs the handlers of an event from the highest priority to the
lowest (default 0; Material's search 0, mkdocs-macros 0, mkdocs-static-i18n −100, its page hooks 50).
MAINTAINERS.md has the same list as a table.
"""
from __future__ import annotations

import functools
import html as html_module
from pathlib import Path

import jinja2
from mkdocs.config import base, config_options
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from . import (annotations, assets, content_security_policy, edition_pages, languages, link_warnings, page_content,
               page_jinja, search_index, status_stylesheet)
from .contact import contact_links
from .deferred import DeferredHtml
from .loaded import LoadedData
from .notice import notice
from .sections import size_section_bodies
from ..core.errors import DataError, problem
from ..core.register import read_register
from ..core.site import Site, load_site
from ..render.labels import label
from ..render.renderer import Fragment, SearchEntry, make_env
from ..tools import translations

class ReportConfig(base.Config):
    """The plugin's options in mkdocs.yml; `!ENV` there lets the Makefile and the workflows set them."""
    # Draft editions (data/editions.yaml: state: draft) are built only for a preview (SHOW_DRAFTS=true).
    drafts = config_options.Type(bool, default=False)
    # `mkdocs serve` builds every page, as the deployed site has them (PREVIEW_FULL=true).
    full_preview = config_options.Type(bool, default=False)


def _one_line(event):
    """The one place a DataError becomes MkDocs' PluginError: one line printed, the build stopped, no traceback."""
    @functools.wraps(event)
    def run(*args, **kwargs):
        try:
            return event(*args, **kwargs)
        except DataError as err:
            raise PluginError(str(err)) from None
    return run


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled theme templates, kept for the life of the process.

    MkDocs makes a new Jinja environment for every build, and each language is a build of its own,
    so Material's templates were compiled again and again: a third of a live-preview rebuild. Jinja
    keys each entry by template name and source checksum, so an edited template is compiled afresh.
    (Jinja ships file-system and memcached caches only; this is the dict version of them.)
    """

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


def language(config) -> str:
    """The language being built (glue/languages.py; on_config has checked the site builds only its own)."""
    return languages.build_language(config)


def site_root(config) -> Path:
    """The site's folder, where its mkdocs.yml is (data/, docs/ and node_modules/ beside it): the engine
    may be shared by several sites, so it never looks for a site next to its own files."""
    return Path(config["config_file_path"]).resolve().parent


def check_pages(docs: Path, site: Site) -> None:
    """On a site published in English, every Japanese page needs its English page (a fallback would be
    served labelled lang="en"); a Japanese-only site has none."""
    if not site.bilingual:
        for en in sorted(docs.rglob("*.en.md")):
            rel = en.relative_to(docs.parent).as_posix()
            raise DataError(rel, None, "translation", problem(
                "英語版は公開しない設定です（data/site.yaml: languages: [ja]）",
                "the site is not published in English (data/site.yaml: languages: [ja])",
                "このファイルを削除するか、languages を [ja, en] にしてください",
                "delete this file, or set languages to [ja, en]"))
        return
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


def announce(data, docs: Path) -> None:
    """The data notes and the stale translations, as notices (they never fail a strict build)."""
    lang = "en" if data.site.bilingual else "ja"   # a Japanese-only site's notes have no English
    for n in data.notes:
        about = n.kpi_id or (n.where.get(lang) if n.where else None)
        kpi = data.report.kpi(n.kpi_id) if n.kpi_id else None
        where = {"location": (kpi.source.file, kpi.source.line)} if kpi else {}
        notice.info("data note: %s%s", f"{about}: " if about else "", n.text.get(lang), extra=where)
    for en in translations.stale(docs):
        rel = en.relative_to(docs.parent).as_posix()
        notice.warning("stale translation: %s was translated from an older version of its Japanese page "
                       "(update it, then run: make stamp PAGES=%s)", rel, rel,
                       extra={"location": (rel, None)})


class ReportPlugin(BasePlugin[ReportConfig]):
    """Loads and checks the data, chooses the pages a build makes, and finishes each page after Markdown."""

    def __init__(self) -> None:
        # Kept for the life of the process (a live preview's rebuilds): whether it is a live preview,
        # the data (reloaded when a file under data/ changes; on_config finds the site), the report's
        # templates (render/), the theme's compiled templates and the inline scripts written in them
        # (read again when one changes).
        self.serving = False
        self.data: LoadedData | None = None
        self.templates = make_env()
        self.theme_cache = MemoryBytecodeCache()
        self.theme_scripts = content_security_policy.ThemeScripts()
        self._announced: object = None   # the loading of the data whose notes were printed
        # page url → the search results its fragments carry (the KPIs), for the index written once every
        # language is built; a page's results are replaced whenever it is built, and only the pages of
        # the finished build's index are read.
        self.fragment_search: dict[str, list[SearchEntry]] = {}
        self._start_build()

    def _start_build(self) -> None:
        """What one build (one language) keeps: nothing of the last build is carried over."""
        self.pages = DeferredHtml()   # generated HTML carried past Markdown (glue/deferred.py)
        self.shows_latest: set[str] = set()   # root pages showing the latest edition's page (latest_edition_page)
        self.included: dict[str, list[Path]] = {}   # page src_uri → the files its macros rendered into it
        self.shown = edition_pages.ShownEditions()   # the edition whose page a macro is rendering inside another
        self.page_macros: dict = {}   # the macros pages may call (glue/page_macros.py sets them)
        self.banner = None            # page → its edition banner's HTML, or "" (glue/page_macros.py sets it)
        self.banners: dict[str, str] = {}   # page url → the banner it opens with, kept apart from its content

    @property
    def editions(self):
        """Every edition this build shows (drafts only when the site shows them)."""
        return self.data.editions(include_drafts=self.config.drafts)

    @property
    def abridged(self) -> bool:
        """Whether this build is a live preview that leaves out the editions' own copies of today's pages."""
        return self.serving and not self.config.full_preview

    @staticmethod
    def of(config) -> ReportPlugin:
        """The instance in this configuration (the macros reach the build's state through it)."""
        return next(p for p in config.plugins.values() if isinstance(p, ReportPlugin))

    @event_priority(0)
    def on_startup(self, *, command, dirty) -> None:
        """Priority 0, the only handler: once a process, before any configuration is read."""
        annotations.install()   # before on_config, where the data is loaded: its errors are annotated too
        self.serving = command == "serve"

    @event_priority(10)
    @_one_line
    def on_config(self, config):
        """Priority 10: before mkdocs-macros (0) calls define_env, whose macros read the data loaded here
        and the build's state reset here (each language's build starts with its on_config)."""
        self._start_build()
        root = site_root(config)
        if self.data is None or self.data.root != root:
            self.data = LoadedData(root)
        docs = Path(config.docs_dir).resolve()
        link_warnings.install(config.docs_dir)
        site = load_site(root)
        languages.check_languages(config, site)
        check_pages(docs, site)
        status_stylesheet.install(config, site.scheme)
        from plotly.offline import get_plotlyjs_version
        assets.check_version(root, get_plotlyjs_version())
        all_editions = self.editions
        # For the footer (overrides/partials/copyright.html): only the configured addresses, and whose they are;
        # for 404.html (made once, in both languages) the site's languages.
        config.extra["configured_contacts"] = contact_links(config)
        config.extra["municipality"] = site.municipality
        config.extra["site_languages"] = list(site.languages)
        if self._announced is not all_editions:   # once for each loading of the data
            self._announced = all_editions
            announce(all_editions.latest(include_drafts=True).data, docs)
        return config

    @event_priority(-10)
    def on_pre_build(self, *, config) -> None:
        """Priority −10: after mkdocs-macros' on_pre_build (0). Pages may then call only the site's macros
        (glue/page_jinja.py, in the Jinja environment mkdocs-macros made in on_config, after define_env);
        the heading links are titled in the language being built (mkdocs-static-i18n has set it in
        on_config; it may not override markdown_extensions per language, and each page's Markdown is
        made from mdx_configs)."""
        page_jinja.install(config.plugins["macros"].env, self.page_macros)
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = label(language(config), "permalink_title")

    @event_priority(0)
    @_one_line
    def on_files(self, files, *, config):
        """Priority 0: before mkdocs-static-i18n (−100) sorts the pages by language. A draft edition's pages
        are left out unless the site is a preview (drafts), so a draft is never deployed by accident; the
        live preview builds the pages at today's addresses and, if it is a draft, the newest edition, so an
        edit shows as fast with ten editions as with one (full_preview builds them all)."""
        entries = read_register(Path(config.docs_dir).parent).entries
        shown = [e.id for e in entries if e.published or self.config.drafts]
        if self.abridged:
            latest_published = [e.id for e in entries if e.published][-1:]
            # The newest edition only; none when it is the published one the top-level pages already show.
            shown = [] if shown[-1:] == latest_published else shown[-1:]
        for f in [f for f in files if edition_pages.edition_of(f.src_uri) not in (None, *shown)]:
            files.remove(f)
        return files

    @event_priority(0)
    def on_env(self, env, *, config, files):
        """Priority 0, the only handler: the theme's compiled templates are kept between builds, and its
        inline scripts are compiled in this build's environment for the Content-Security-Policy."""
        env.bytecode_cache = self.theme_cache
        self.theme_scripts.start(env, config.theme.dirs)
        return env

    @event_priority(-10)
    def on_page_markdown(self, markdown, *, page, config, files):
        """Priority −10: after mkdocs-macros (0) has rendered the page (and so knows whether it shows an
        edition): an edition's page opens with its edition banner (render/edition_comparison.py)."""
        banner = self.banner(page) if self.banner else ""
        if not banner:
            return markdown
        self.banners[page.url] = str(banner)
        return self.pages.defer(banner) + "\n\n" + markdown

    @event_priority(0)
    @_one_line
    def on_page_content(self, html, *, page, config, files):
        """Priority 0, the only handler: the page's own content is checked (glue/page_content.py); its
        generated HTML is put back, and the search plugin is handed an empty page (glue/deferred.py)."""
        page_content.check(page, html, config["docs_dir"], self.included.get(page.file.src_uri, []))
        _titles_as_text(page)
        banner = self.banners.pop(page.url, "")

        def for_readers(full: str, put_back: list[Fragment]) -> str:
            # MkDocs 1.6 collects a page's anchors while it renders Markdown; the KPI blocks come back
            # after that: their anchors are added, so links to #kpi-… pass MkDocs' anchor check.
            page.present_anchor_ids.update(anchor for f in put_back for anchor in f.anchors)
            self.fragment_search[page.url] = [entry for f in put_back for entry in f.search]
            # The edition banner is left out of the estimate: which editions exist must not change how an
            # edition's page is laid out (an old edition stays as published, but for its banner).
            if banner and full.startswith(banner):
                return banner + size_section_bodies(full[len(banner):])
            return size_section_bodies(full)
        return self.pages.after_markdown(page, html, readers=for_readers)

    @event_priority(-1000)
    def on_page_context(self, context, *, page, config, nav):
        """Priority −1000, last: the search plugin (0) has recorded the page, so readers get the whole page
        back; and the theme's inline scripts are rendered with the page's finished context (CSP)."""
        self.pages.before_theme(page)
        self.theme_scripts.render(page.file.src_uri, context)
        return context

    @event_priority(-1000)
    def on_template_context(self, context, *, template_name, config):
        """Priority −1000, last: the theme's inline scripts of a template page (404.html), as for a page."""
        self.theme_scripts.render(template_name, context)
        return context

    @event_priority(-1000)
    def on_post_page(self, output, *, page, config):
        """Priority −1000, last of all page handlers: the hashes cover every script the others have written."""
        where = page.file.src_uri
        return content_security_policy.add_hashes(output, f"docs/{where}", self.serving,
                                                  self.theme_scripts.known.pop(where, set()))

    @event_priority(-1000)
    def on_post_template(self, output_content, *, template_name, config):
        """Priority −1000, last: the Content-Security-Policy of a template page (404.html)."""
        if not template_name.endswith(".html"):
            return output_content
        return content_security_policy.add_hashes(output_content, template_name, self.serving,
                                                  self.theme_scripts.known.pop(template_name, set()))

    @event_priority(-200)
    @_one_line
    def on_post_build(self, *, config) -> None:
        """Priority −200: after mkdocs-static-i18n (−100), which builds the further languages inside the
        default one's on_post_build: once every language is built, the downloads and the search index
        of each language are written into the root of the site."""
        i18n = config.plugins.get("i18n")
        # mkdocs-static-i18n says it is running a further language's build only through its `building`
        # flag (no public API; MAINTAINERS.md, tests/glue/test_upstream.py).
        if i18n is not None and i18n.building:
            return
        site = Path(config.site_dir)
        all_editions = self.editions
        self.data.write_downloads(all_editions, site / "data")
        status_stylesheet.write(site, all_editions.latest().data.scheme)
        assets.copy_assets(self.data.root, site)
        if i18n is not None:
            prefixes = {lang.locale: "" if lang.default else f"{lang.locale}/" for lang in i18n.config.languages}
            names = {e.id: {"ja": e.name.ja, "en": e.name.en} for e in all_editions.all}
            search_index.split_index(site, prefixes, self.fragment_search, names, all_editions.latest().id)


def _titles_as_text(page) -> None:
    """A title (or subtitle) in front matter is text, but the theme prints page titles as HTML (the
    navigation, the header, the footer): escaped here, it reads as written there, like a title taken
    from the page's heading, which Markdown has escaped already. Before any page is put into the theme."""
    for key in ("title", "subtitle"):
        value = page.meta.get(key)
        if isinstance(value, str):
            page.meta[key] = html_module.escape(value)
