"""MkDocs hooks (mkdocs.yml: hooks): the project's own Markdown extension, and generated HTML put
back into pages after Markdown (see plugin.defer(); mkdocs-macros has no event after conversion).
"""
import re
import sys
from pathlib import Path

import jinja2
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from macros.glue import link_warnings, parallel_languages  # noqa: E402
from macros.glue.plugin import restore  # noqa: E402
from macros.glue.search_view import without_permalinks  # noqa: E402
from macros.glue.sections import SectionsExtension, size_section_bodies  # noqa: E402

# Pages' HTML for readers, kept while the search plugin indexes the shorter search view.
_for_readers: dict[str, str] = {}


def on_config(config):
    # Listed here, not in mkdocs.yml: mkdocs loads markdown_extensions before this file puts the
    # project on sys.path.
    if not any(isinstance(ext, SectionsExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(SectionsExtension())
    link_warnings.install(config.docs_dir)
    return config


def on_startup(command, dirty):
    parallel_languages.on_startup(command)


@event_priority(-110)
def on_nav(nav, config, files):
    """After i18n's on_nav (priority -100): the default language's pages exist for the sitemap."""
    parallel_languages.start(config)
    return nav


def on_build_error(error):
    parallel_languages.stop()


_ID = re.compile(r'<tbody class="kpi-row[^"]*" id="([^"]+)"')


def on_page_content(html, page, config, files):
    """Fragments go back in; until the search plugin has read the page, it holds the search view.
    The KPI anchors in them become valid link targets for MkDocs' anchor check (strategy-1.md#kpi-1-1-1-1)."""
    full, search = restore(html)
    if getattr(page, "present_anchor_ids", None) is not None:
        page.present_anchor_ids.update(_ID.findall(full))
    _for_readers[page.url] = size_section_bodies(full)
    return without_permalinks(search)


@event_priority(-100)
def on_page_context(context, page, config, nav):
    """Last: once the search plugin (priority 0) has indexed the search view, readers get the whole page."""
    page.content = _for_readers.pop(page.url)
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
