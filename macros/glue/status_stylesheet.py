"""The stylesheet of a status scheme other than the built-in four categories (render/status_css.py):
listed in extra_css, and written into the built site after the build (mkdocs-static-i18n cannot
sort a generated File of mkdocs, which has no source path)."""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from ..core.errors import DataError
from ..core.site import load_site
from ..render.status_css import PATH, needs_stylesheet, stylesheet


def _scheme(config):
    try:
        return load_site(Path(config.docs_dir).parent).scheme
    except DataError as err:
        raise PluginError(str(err)) from None


def install(config) -> None:
    if needs_stylesheet(_scheme(config)) and PATH not in config.extra_css:
        config.extra_css.append(PATH)


def write(config) -> None:
    scheme = _scheme(config)
    if needs_stylesheet(scheme):
        out = Path(config.site_dir) / PATH
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(stylesheet(scheme), encoding="utf-8")
