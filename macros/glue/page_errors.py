"""One-line errors for mistakes in Markdown pages (unknown ids, macro typos, broken Jinja).

mkdocs-macros formats a failing page with format_error(), a singledispatch function whose
default prints a Python traceback, logged as a warning (hidden by --quiet). Our formatters
raise a PluginError instead: MkDocs prints its one line as an error and aborts the build.
Line numbers count from the top of the file, front matter included.

A page included in another (include_page, docs/print.md) is rendered `including()` its own file:
a mistake in it is then reported on its own file and line, never as a line of the print page.

format_error is not a documented extension point of mkdocs-macros: the formatters are written for
the version pinned in requirements.txt, and tests/glue/test_upstream.py fails on any other until
they have been checked against it.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

from jinja2 import TemplateSyntaxError, UndefinedError
from mkdocs.exceptions import PluginError
from mkdocs_macros.errors import format_error

from ..core.errors import DataError, problem
from .page_jinja import NotAMacroCall


_including: list = []   # the included pages being rendered, innermost last


@contextmanager
def including(path: Path, docs: Path):
    """While a page's Markdown is rendered inside another page, errors name that page's file."""
    _including.append(SimpleNamespace(file=SimpleNamespace(src_path=path.relative_to(docs).as_posix(),
                                                           abs_src_path=str(path))))
    try:
        yield
    finally:
        _including.pop()


def _located(page):
    return _including[-1] if _including else page


def page_path(page) -> str:
    return f"docs/{_located(page).file.src_path}"


def _source(page) -> str:
    try:
        with open(_located(page).file.abs_src_path, encoding="utf-8") as f:
            return f.read()
    except OSError:
        return ""


def front_matter_offset(page, markdown: str) -> int:
    """Lines before `markdown` in the source file (MkDocs strips the front matter)."""
    source = _source(page)
    body = markdown.strip("\n")
    pos = source.find(body[:200]) if body else -1
    # Blank lines at the start of `markdown` are lines of the template too (an included page's body).
    leading = len(markdown) - len(markdown.lstrip("\n"))
    return max(source[:pos].count("\n") - leading, 0) if pos > 0 else 0


def source_line(page, pattern: str) -> int | None:
    """The first line of the page's source file matching a regular expression."""
    for n, line in enumerate(_source(page).splitlines(), 1):
        if re.search(pattern, line):
            return n
    return None


def _fail(page, line: int | None, field: str, prob) -> None:
    raise PluginError(str(DataError(page_path(page), line, field, prob)))


def _data_error(error: DataError, markdown: str, page) -> str:
    raise PluginError(str(error))


def _already_one_line(error: PluginError, markdown: str, page) -> str:
    # A page included in this one (include_page) failed: its error already names its own file and line.
    raise error


def _undefined(error: UndefinedError, markdown: str, page) -> str:
    message = str(error.message or error)
    name = message.split("'")[1] if message.count("'") >= 2 else message
    # The name as a whole identifier: "kpi" must not be found inside "kpis".
    where = source_line(page, rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])")
    _fail(page, where, "macro", problem(
        f"マクロまたは変数「{name}」は定義されていません", f"macro or variable {name!r} is not defined",
        "綴りを確認してください（使えるマクロは README を参照）", "check the spelling (the README lists the macros)"))


def _syntax(error: TemplateSyntaxError, markdown: str, page) -> str:
    line = (error.lineno or 0) + front_matter_offset(page, markdown) or None
    # An unclosed quote is noticed where the next quote is; point at the call that opened it.
    for n, text in enumerate(_source(page).splitlines(), 1):
        if line is not None and n > line:
            break
        if "{{" in text and text.count('"') % 2 == 1:
            line = n
            break
    _fail(page, line, "macro", problem(
        f"マクロの書き方が正しくありません（{error.message}）", f"invalid macro syntax ({error.message})",
        "{{ と }} の対応、引用符、括弧を確認してください", "check matching {{ }}, quotes and brackets"))


def _not_a_macro_call(error: NotAMacroCall, markdown: str, page) -> str:
    # Something in {{ }} or {% %} that is not a call of the site's macros (glue/page_jinja.py).
    _fail(page, error.lineno + front_matter_offset(page, markdown), "macro", problem(*error.texts))


def _other(error: Exception, markdown: str, page) -> str:
    # e.g. kpi_table() without its id: a TypeError. Name the failing call without a traceback.
    frame_line = None
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.startswith("<template>"):
            frame_line = tb.tb_lineno
        tb = tb.tb_next
    line = frame_line + front_matter_offset(page, markdown) if frame_line else None
    _fail(page, line, "macro", problem(
        f"マクロを実行できません（{type(error).__name__}: {error}）", f"a macro failed ({type(error).__name__}: {error})",
        "マクロ名と引数を README の一覧と照らしてください", "check the macro name and its arguments against the README"))


FORMATTERS = (_data_error, _already_one_line, _undefined, _syntax, _not_a_macro_call, _other)


def register() -> None:
    """Make mkdocs-macros format page errors with ours."""
    for formatter in FORMATTERS:
        format_error.register(formatter)
