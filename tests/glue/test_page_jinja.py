"""Pages may only call the site's macros with literal arguments (macros/glue/page_jinja.py)."""
from __future__ import annotations

import pytest
from jinja2 import Environment, TemplateSyntaxError

from macros.glue import page_jinja

MACROS = {"kpis": lambda i: f"[{i}]", "include_page": lambda name, section=None: name}


def _env() -> Environment:
    env = Environment(comment_start_string="{##", comment_end_string="##}")
    page_jinja.install(env, MACROS)
    return env


@pytest.mark.parametrize("source", [
    "text only",
    '# Title\n\n{{ kpis("1-1-1") }}\n',
    '{{ include_page("index.md", section="summary") }}',
    "{{ kpis(1-1-2) }}",            # an unquoted id: arithmetic on numbers, the macro then asks for quotes
    "{## a comment with {{ config }} ##}",
    "{% raw %}{{ config }}{% endraw %}",
])
def test_allowed(source):
    _env().from_string(source)


@pytest.mark.parametrize("source, line, words", [
    ('{{ cycler.__init__.__globals__.os.popen("id").read() }}', 1, "cycler.__init__.__globals__.os.popen(…).read(…)"),
    ("a\n\n{{ config }}", 3, "found: config"),
    ("{{ self }}", 1, "found: self"),
    ("{{ page.file.abs_src_path }}", 1, "page.file.abs_src_path"),
    ("{{ kpis.__globals__ }}", 1, "kpis.__globals__"),
    ("{{ kpis['__globals__'] }}", 1, "kpis[…]"),
    ('{{ kpis("1") | safe }}', 1, "… | safe"),
    ('{{ "literal" }}', 1, "found: const"),
    ("{{ lipsum() }}", 1, "'lipsum' is not defined"),
    ("{{ macros_info() }}", 1, "'macros_info' is not defined"),
    ("{{ kpis(page.title) }}", 1, "not plain values"),
    ("{{ kpis(*args) }}", 1, "not plain values"),
    ('{{ kpis("x" * 1000000000) }}', 1, "not plain values"),
    ("{{ kpis(10 ** 100000) }}", 1, "not plain values"),
    ("x\n{% for i in range(10) %}{% endfor %}", 2, "statement"),
    ("{% set x = cycler %}", 1, "statement"),
    ('{% include "secret.html" %}', 1, "statement"),
])
def test_refused_with_its_line(source, line, words):
    with pytest.raises(page_jinja.NotAMacroCall) as refused:
        _env().from_string(source)
    assert refused.value.lineno == line and words in str(refused.value)


def test_a_syntax_error_stays_jinja_s_own():
    with pytest.raises(TemplateSyntaxError):
        _env().from_string('{{ kpis("1-1-1) }}')


def test_installing_again_keeps_one_check_and_takes_the_new_macros():
    env = _env()
    page_jinja.install(env, {"other": print})
    assert sum(isinstance(e, page_jinja.MacroCallsOnly) for e in env.extensions.values()) == 1
    with pytest.raises(page_jinja.NotAMacroCall, match="'kpis' is not defined"):
        env.from_string('{{ kpis("1") }}')
