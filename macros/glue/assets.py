"""Front-end assets that come from npm: the plotly.js partial bundle, its Japanese locale, MiniSearch.

They are copied into the built site (never loaded from a CDN). The bundle must be the
plotly.js version that plotly.py was made for, so figures built in Python draw the same.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ..core.errors import DataError, problem

BUNDLE_PACKAGE = "plotly.js-basic-dist-min"
BUNDLE_FILE = "plotly-basic.min.js"
LOCALE_PACKAGE = "plotly.js-locales"
# The search engine the site's search worker loads on first use (overrides/assets/javascripts/search-worker.js).
SEARCH_PACKAGE = "minisearch"
SEARCH_FILE = "dist/umd/index.js"


def _missing(what: str) -> DataError:
    return DataError("node_modules", None, what, problem(
        f"{what} がインストールされていません", f"{what} is not installed",
        "npm ci を実行してください（make setup）", "run npm ci (make setup)"))


def bundle_version(root: Path) -> str:
    pkg = root / "node_modules" / BUNDLE_PACKAGE / "package.json"
    if not pkg.is_file():
        raise _missing(BUNDLE_PACKAGE)
    return json.loads(pkg.read_text(encoding="utf-8"))["version"]


def check_version(root: Path, plotly_py_js_version: str) -> None:
    found = bundle_version(root)
    if found != plotly_py_js_version:
        raise DataError("package.json", None, BUNDLE_PACKAGE, problem(
            f"plotly.js {found} は plotly.py が想定する {plotly_py_js_version} と異なります",
            f"plotly.js {found} differs from the {plotly_py_js_version} that plotly.py expects",
            f"package.json を {plotly_py_js_version} に合わせてください", f"pin {plotly_py_js_version} in package.json"))


def locale_script(root: Path, lang: str) -> str:
    """plotly.js-locales ships CommonJS modules; wrap one in Plotly.register for the browser."""
    src = root / "node_modules" / LOCALE_PACKAGE / f"{lang}.js"
    if not src.is_file():
        raise _missing(LOCALE_PACKAGE)
    body = src.read_text(encoding="utf-8")
    body = re.sub(r"^'use strict';\s*", "", body)
    body = body.replace("module.exports = ", "window.Plotly.register(", 1).rstrip().rstrip(";") + ");\n"
    return "/* plotly.js-locales " + lang + " (MIT), registered for the browser. */\n" + body


def copy_assets(root: Path, site_dir: Path) -> None:
    out = site_dir / "assets" / "vendor"
    out.mkdir(parents=True, exist_ok=True)
    bundle = root / "node_modules" / BUNDLE_PACKAGE / BUNDLE_FILE
    if not bundle.is_file():
        raise _missing(BUNDLE_PACKAGE)
    (out / BUNDLE_FILE).write_bytes(bundle.read_bytes())
    (out / "plotly-locale-ja.js").write_text(locale_script(root, "ja"), encoding="utf-8")
    search = root / "node_modules" / SEARCH_PACKAGE / SEARCH_FILE
    if not search.is_file():
        raise _missing(SEARCH_PACKAGE)
    (out / "minisearch.js").write_bytes(search.read_bytes())
