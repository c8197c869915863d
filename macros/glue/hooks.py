"""MkDocs hooks (mkdocs.yml: hooks): the project's own Markdown extension, the link warnings, and
generated HTML put back into pages after Markdown (macros/glue/deferred.py; mkdocs-macros has no
event after conversion).
"""
import html as html_module
import re
import sys
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from macros.core.errors import DataError  # noqa: E402
from macros.glue import (annotations, editions, link_warnings, page_content, preview, search_index,  # noqa: E402
                         status_stylesheet, upstream)
from macros.glue.deferred import PAGES  # noqa: E402
from macros.render.labels import label  # noqa: E402
from macros.glue.sections import SectionsExtension, size_section_bodies  # noqa: E402


def on_config(config):
    # Listed here, not in mkdocs.yml: mkdocs loads markdown_extensions before this file puts the
    # project on sys.path.
    if not any(isinstance(ext, SectionsExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(SectionsExtension())
    link_warnings.install(config.docs_dir)
    status_stylesheet.install(config)
    upstream.matches("material_templates")   # a notice when Material is not the version overrides/ copies
    return config


def on_startup(command, dirty):
    # Before any plugin's on_config, where the data is loaded: its errors are annotated too.
    annotations.install()
    preview.start(command)


def on_pre_build(config):
    """A new build (each language is one): nothing deferred in the last one is carried over, and the
    heading links are titled in the language being built (mkdocs-static-i18n may not override
    markdown_extensions per language; each page's Markdown is made from mdx_configs when it renders)."""
    PAGES.reset()
    lang = "en" if config.theme["language"] == "en" else "ja"
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = label(lang, "permalink_title")


_ID = re.compile(r'<tbody class="kpi-row[^"]*" id="([^"]+)"')
_BANNER = re.compile(r'\s*<aside class="edition-banner.*?</aside>', re.S)


def on_page_content(html, page, config, files):
    """Fragments go back in; until the search plugin has recorded the page, it holds an empty one.
    The KPI anchors in them become valid link targets for MkDocs' anchor check (strategy-1.md#kpi-1-1-1-1)."""
    try:   # the page's own content, before the site's fragments are put back (glue/page_content.py)
        page_content.check(page, html, config["docs_dir"])
    except DataError as err:
        raise PluginError(str(err)) from None
    _titles_as_text(page)

    def for_readers(full: str) -> str:
        # MkDocs 1.6 collects a page's anchors in Page.present_anchor_ids while it renders Markdown; the
        # KPI blocks come back after that. Guarded: with another MkDocs, links to #kpi-… warn (strict fails).
        if upstream.matches("kpi_anchors") and getattr(page, "present_anchor_ids", None) is not None:
            page.present_anchor_ids.update(_ID.findall(full))
        # The edition banner is left out of the estimate: which editions exist must not change how an
        # edition's page is laid out (an old edition stays as published, but for its banner).
        banner = _BANNER.match(full)
        if banner is None:
            return size_section_bodies(full)
        return banner.group(0) + size_section_bodies(full[banner.end():])
    return PAGES.after_markdown(page, html, readers=for_readers)


def _titles_as_text(page) -> None:
    """A title (or subtitle) in front matter is text, but the theme prints page titles as HTML (the
    navigation, the header, the footer): escaped here, it reads as written there, like a title taken
    from the page's heading, which Markdown has escaped already. Before any page is put into the theme."""
    for key in ("title", "subtitle"):
        value = page.meta.get(key)
        if isinstance(value, str):
            page.meta[key] = html_module.escape(value)


@event_priority(-100)
def on_page_context(context, page, config, nav):
    """Last: once the search plugin (priority 0) has recorded the page, readers get the whole page."""
    PAGES.before_theme(page)
    return context


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


_theme_cache = MemoryBytecodeCache()


def on_env(env, config, files):
    env.bytecode_cache = _theme_cache
    return env


@event_priority(-200)
def on_post_build(config):
    """After i18n (priority -100) has written the search index of every language: one per language."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        status_stylesheet.write(config)
        return
    # mkdocs-static-i18n runs the further languages' builds inside the default one's on_post_build
    # and says so only through its `building` flag (no public API): guarded by its exact version.
    if not upstream.matches("i18n_building"):
        raise PluginError("macros/glue/hooks.py: on_post_build: mkdocs-static-i18n のバージョンが想定と異なるため、"
                          "言語別の検索インデックスを作れません — MAINTAINERS.md の i18n_building を確認してください / "
                          "mkdocs-static-i18n is not the version the per-language search index was written for — "
                          "check the reliance i18n_building in MAINTAINERS.md")
    if i18n.building:
        return  # a further language's build inside the default one: its index is not complete yet
    status_stylesheet.write(config)
    prefixes = {lang.locale: "" if lang.default else f"{lang.locale}/" for lang in i18n.config.languages}
    from macros.glue.plugin import load_all, show_drafts
    all_editions = load_all(include_drafts=show_drafts(config))
    names = {e.id: {"ja": e.name.ja, "en": e.name.en} for e in all_editions.all}
    search_index.split_index(Path(config.site_dir), prefixes, names, all_editions.latest().id)


def on_files(files, config):
    """Before mkdocs-static-i18n sorts the pages by language: a draft edition's pages are left out
    unless the site is a preview (extra.show_drafts), so a draft can never be deployed by accident.

    The live preview (glue/preview.py) builds the pages at today's addresses and, if it is a draft, the
    edition being prepared (the newest), so an edit shows as fast with ten editions as with one; the
    banner's links to the editions' own copies then lead nowhere in the preview (PREVIEW_FULL=true
    builds them)."""
    from macros.glue.plugin import show_drafts
    from macros.core.register import read_register
    from macros.core.errors import DataError
    try:
        entries = read_register(Path(config.docs_dir).parent).entries
    except DataError as err:
        raise PluginError(str(err)) from None
    shown = [e.id for e in entries if e.published or show_drafts(config)]
    if preview.abridged():
        latest_published = [e.id for e in entries if e.published][-1:]
        # The newest edition only; none when it is the published one the top-level pages already show.
        shown = [] if shown[-1:] == latest_published else shown[-1:]
    for f in [f for f in files if editions.edition_of(f.src_uri) not in (None, *shown)]:
        files.remove(f)
    return files
