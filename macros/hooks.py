"""MkDocs hooks (mkdocs.yml: hooks): the project's own Markdown extension, and generated HTML put
back into pages after Markdown (see plugin.defer(); mkdocs-macros has no event after conversion).
"""
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.plugin import restore  # noqa: E402
from macros.render.search_view import without_permalinks  # noqa: E402
from macros.sections import SectionsExtension, size_section_bodies  # noqa: E402

# Pages' HTML for readers, kept while the search plugin indexes the shorter search view.
_for_readers: dict[str, str] = {}


def on_config(config):
    # Listed here, not in mkdocs.yml: mkdocs loads markdown_extensions before this file puts the
    # project on sys.path.
    if not any(isinstance(ext, SectionsExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(SectionsExtension())
    return config


def on_page_content(html, page, config, files):
    """Fragments go back in; until the search plugin has read the page, it holds the search view."""
    full, search = restore(html)
    _for_readers[page.url] = size_section_bodies(full)
    return without_permalinks(search)


@event_priority(-100)
def on_page_context(context, page, config, nav):
    """Last: once the search plugin (priority 0) has indexed the search view, readers get the whole page."""
    page.content = _for_readers.pop(page.url)
    return context
