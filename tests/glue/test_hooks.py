"""macros/glue/hooks.py: the theme's compiled templates are reused by the next build (live preview)."""
import jinja2

from macros.glue.hooks import MemoryBytecodeCache, on_env


def env_with(templates: dict, cache) -> jinja2.Environment:
    env = on_env(jinja2.Environment(loader=jinja2.DictLoader(templates)), config=None, files=None)
    assert env.bytecode_cache is not None
    env.bytecode_cache = cache
    return env


def test_a_template_compiled_in_one_build_is_not_compiled_again_in_the_next(monkeypatch):
    cache, compiled = MemoryBytecodeCache(), []
    real_compile = jinja2.Environment._compile
    monkeypatch.setattr(jinja2.Environment, "_compile", lambda self, *a: compiled.append(1) or real_compile(self, *a))
    assert env_with({"t.html": "Hello {{ x }}"}, cache).get_template("t.html").render(x="ja") == "Hello ja"
    assert env_with({"t.html": "Hello {{ x }}"}, cache).get_template("t.html").render(x="en") == "Hello en"
    assert len(compiled) == 1
    # an edited template is compiled afresh
    assert env_with({"t.html": "Hi {{ x }}"}, cache).get_template("t.html").render(x="ja") == "Hi ja"
    assert len(compiled) == 2
