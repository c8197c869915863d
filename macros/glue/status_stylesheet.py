"""The stylesheet of a status scheme other than the built-in four categories (render/status_css.py):
listed in extra_css, and written into the built site after the build (mkdocs-static-i18n cannot
sort a generated File of mkdocs, which has no source path)."""
from __future__ import annotations

from pathlib import Path

from ..core.status_schemes import Scheme
from ..render.status_css import PATH, needs_stylesheet, stylesheet


def install(config, scheme: Scheme) -> None:
    """List the scheme's stylesheet in the pages (once; each language's build starts from the same list)."""
    if needs_stylesheet(scheme) and PATH not in config.extra_css:
        config.extra_css.append(PATH)


def write(site_dir: Path, scheme: Scheme) -> None:
    """Write the scheme's stylesheet into the built site, if it needs one."""
    if needs_stylesheet(scheme):
        out = site_dir / PATH
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(stylesheet(scheme), encoding="utf-8")
