"""Pages may only call the site's macros: in a page, `{{ … }}` holds one call of a registered macro
with literal arguments, and nothing else (no `{% … %}` statement, variable, attribute, filter or
expression). Comments (`{## … ##}`) are dropped by Jinja's lexer and stay allowed.

Pages are written by editors, possibly in a pull request from a fork: they are untrusted input.
Rendered as they are, `{{ cycler.__init__.__globals__.os.popen("id").read() }}` runs a command at
build time and `{{ config }}` publishes the build's configuration. DECISIONS.md says why this is an
allowlist checked with Jinja's own parser rather than Jinja's sandbox.

The check is a Jinja extension (`preprocess`, Jinja's public extension API) added to the environment
mkdocs-macros renders pages with, so it sees every text that environment compiles: each page, a
title taken from front matter, and the pages include_page and latest_edition_page render. It runs
before anything is executed; a refusal is a `NotAMacroCall`, which glue/page_errors.py turns into
one line naming the file and line.
"""
from __future__ import annotations

import threading

from jinja2 import Environment, nodes
from jinja2.ext import Extension

# Argument values a macro may be given. Arithmetic on numbers is let through on purpose: an id
# written without quotes, kpis(1-1-2), is a subtraction; the macro then says to quote the id.
LITERALS = (str, int, float, bool, type(None))
ARITHMETIC = (nodes.Neg, nodes.Pos, nodes.Add, nodes.Sub)


class NotAMacroCall(Exception):
    """Something other than a call of the site's macros in a page; `lineno` counts in the rendered text."""

    def __init__(self, lineno: int, what_ja: str, what_en: str, fix_ja: str, fix_en: str) -> None:
        self.lineno = lineno
        self.texts = (what_ja, what_en, fix_ja, fix_en)
        super().__init__(f"line {lineno}: {what_en} — {fix_en}")


FIX_JA = 'kpis("1-1-1") のように、マクロ名と引用符で囲んだ値だけを書いてください'
FIX_EN = 'write a macro name and quoted values only, as in kpis("1-1-1")'


def _is_literal(node: nodes.Node) -> bool:
    if isinstance(node, nodes.Const):
        return isinstance(node.value, LITERALS)
    if isinstance(node, (nodes.Neg, nodes.Pos)):
        return _is_number(node.node)
    if isinstance(node, (nodes.Add, nodes.Sub)):
        return _is_number(node.left) and _is_number(node.right)
    return False


def _is_number(node: nodes.Node) -> bool:
    if isinstance(node, nodes.Const):
        return isinstance(node.value, (int, float)) and not isinstance(node.value, bool)
    return isinstance(node, ARITHMETIC) and _is_literal(node)


def _describe(node: nodes.Node) -> str:
    """A short name for what was written, e.g. "config", "cycler.__init__", "a filter"."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_describe(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        return f"{_describe(node.node)}[…]"
    if isinstance(node, nodes.Call):
        return f"{_describe(node.node)}(…)"
    if isinstance(node, nodes.Filter):
        return f"… | {node.name}"
    return type(node).__name__.lower()


def _check_output(node: nodes.Node, macros) -> None:
    if isinstance(node, nodes.TemplateData):
        return
    if not (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name)):
        raise NotAMacroCall(
            node.lineno, f"{{{{ }}}} に書けるのはサイトのマクロの呼び出しだけです（{_describe(node)}）",
            f"only a call of one of the site's macros may stand in {{{{ }}}} (found: {_describe(node)})",
            FIX_JA, FIX_EN)
    name = node.node.name
    if name not in macros:
        raise NotAMacroCall(
            node.lineno, f"マクロ「{name}」は定義されていません", f"macro {name!r} is not defined",
            "綴りを確認してください（使えるマクロは README を参照）", "check the spelling (the README lists the macros)")
    values = [*node.args, *(k.value for k in node.kwargs)]
    if node.dyn_args or node.dyn_kwargs or not all(_is_literal(v) for v in values):
        raise NotAMacroCall(
            node.lineno, f"マクロ {name} の引数が値ではありません", f"the arguments of {name} are not plain values",
            FIX_JA, FIX_EN)


def check(environment: Environment, source: str, macros) -> None:
    """Raise NotAMacroCall for the first thing in `source` that is not text or an allowed macro call.

    A syntax error is Jinja's own TemplateSyntaxError, as when the page is rendered."""
    for node in environment.parse(source).body:
        if not isinstance(node, nodes.Output):
            raise NotAMacroCall(
                node.lineno, "{% %} の文はページに書けません", "a {% %} statement may not be used in a page",
                "削除してください（ページに書けるのは {{ マクロ(\"値\") }} だけです）",
                'remove it (a page may only contain {{ macro("value") }} calls)')
        for child in node.nodes:
            _check_output(child, macros)


def _delimiters(environment: Environment) -> tuple:
    return (environment.block_start_string, environment.variable_start_string, environment.comment_start_string,
            environment.line_statement_prefix, environment.line_comment_prefix)


class MacroCallsOnly(Extension):
    """Checks every text the environment compiles, before it is compiled (see the module docstring).
    The macros allowed are `environment.page_macros`, set by `install`."""

    _busy = threading.local()
    # Texts that passed, with the macros and delimiters they passed with: a live preview renders every
    # page again at each change, and parsing them all again was most of what this check costs.
    _passed: dict[tuple, bool] = {}

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.extend(page_macros={})

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        # check() parses the source, which preprocesses it again: that inner call passes it through.
        if getattr(self._busy, "on", False):
            return source
        macros = self.environment.page_macros
        key = (source, frozenset(macros), _delimiters(self.environment))
        if key in self._passed:
            return source
        self._busy.on = True
        try:
            check(self.environment, source, macros)
        finally:
            self._busy.on = False
        if len(self._passed) > 1000:   # a few builds' worth of pages
            self._passed.clear()
        self._passed[key] = True
        return source


def install(environment: Environment, macros) -> None:
    """Let pages rendered by `environment` call the macros in `macros` (a mapping: name → function) only."""
    if MacroCallsOnly.identifier not in environment.extensions:
        environment.add_extension(MacroCallsOnly)
    environment.page_macros = macros
