"""MkDocs hooks (mkdocs.yml: hooks): put generated HTML back into pages after Markdown.

See plugin.defer(). Kept separate because mkdocs-macros has no event after Markdown conversion.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.plugin import restore  # noqa: E402


def on_page_content(html, page, config, files):
    return restore(html)
