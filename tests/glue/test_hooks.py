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


def test_kpi_anchors_in_generated_html_are_valid_link_targets(root):
    """A Markdown link to strategy-1.md#kpi-1-1-1-1 passes MkDocs' anchor check: the KPI anchors,
    which come back into the page after Markdown, are added to the page's anchors."""
    from types import SimpleNamespace

    from macros.core.report import load_report
    from macros.glue.deferred import PAGES
    from macros.glue.hooks import on_page_content
    from macros.glue.plugin import defer
    from macros.render.pages import PageFragments

    data = load_report(root)
    f = PageFragments(data, "en", lambda target: target)
    page = SimpleNamespace(url="strategy-1/", present_anchor_ids={"measure-1-1-1"}, meta={},
                           file=SimpleNamespace(src_uri="strategy-1.md", src_path="strategy-1.md",
                                                abs_src_path=str(root / "docs" / "strategy-1.md")))
    html = "<h3 id=\"measure-1-1-1\">m</h3>" + defer(f.kpi_table(data.report.measure("1-1-1"))).replace("\n\n", "<p>", 1)
    on_page_content(html.rstrip() + "</p>", page, {"docs_dir": str(root / "docs")}, None)
    PAGES.reset()   # the page is not built further
    assert page.present_anchor_ids == {"measure-1-1-1", "kpi-1-1-1-1", "kpi-1-1-1-2"}
