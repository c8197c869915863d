"""MkDocs hooks (mkdocs.yml: hooks): the project's own Markdown extension, and generated HTML put
back into pages after Markdown (see plugin.defer(); mkdocs-macros has no event after conversion).
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.plugin import restore  # noqa: E402
from macros.sections import SectionsExtension  # noqa: E402


def on_config(config):
    # Listed here, not in mkdocs.yml: mkdocs loads markdown_extensions before this file puts the
    # project on sys.path.
    if not any(isinstance(ext, SectionsExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(SectionsExtension())
    return config


def on_page_content(html, page, config, files):
    return restore(html)
