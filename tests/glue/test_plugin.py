"""macros/glue/plugin.py: the site's MkDocs plugin, found by its entry point, with typed options from
mkdocs.yml, its state on the instance and reset per build, and its errors as one line."""
from types import SimpleNamespace

import jinja2
import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from macros.core.errors import DataError, problem
from macros.glue import plugin as plugin_module
from macros.glue.plugin import MemoryBytecodeCache, ReportPlugin


def _config(root, monkeypatch, **environ):
    """The project's mkdocs.yml as MkDocs reads it, with these environment variables (for its !ENV tags)."""
    for name in ("SHOW_DRAFTS", "PREVIEW_FULL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return load_config(str(root / "mkdocs.yml"))


def test_mkdocs_finds_the_plugin_by_its_entry_point_and_reads_its_options_typed(root, monkeypatch):
    config = _config(root, monkeypatch)
    plugin = ReportPlugin.of(config)
    assert type(plugin).__module__ == "macros.glue.plugin"
    assert plugin.config.drafts is False and plugin.config.full_preview is False
    # The Makefile and the workflows set them through the environment (mkdocs.yml: !ENV).
    plugin = ReportPlugin.of(_config(root, monkeypatch, SHOW_DRAFTS="true", PREVIEW_FULL="true"))
    assert plugin.config.drafts is True and plugin.config.full_preview is True


def test_the_live_preview_leaves_out_the_editions_copies_unless_full_preview(root, monkeypatch):
    plugin = ReportPlugin.of(_config(root, monkeypatch))
    plugin.on_startup(command="build", dirty=False)
    assert not plugin.abridged
    plugin.on_startup(command="serve", dirty=False)
    assert plugin.abridged
    plugin = ReportPlugin.of(_config(root, monkeypatch, PREVIEW_FULL="true"))
    plugin.on_startup(command="serve", dirty=False)
    assert not plugin.abridged


@pytest.mark.reference_site
def test_nothing_of_one_build_is_carried_into_the_next(root, monkeypatch):
    """`mkdocs serve` keeps the instance across rebuilds (it has on_startup): each build starts afresh."""
    config = _config(root, monkeypatch)
    plugin = ReportPlugin.of(config)
    plugin.on_config(config)   # the first build
    plugin.shows_latest.add("index.md")
    plugin.banners["strategy-1/"] = "<aside>…</aside>"
    plugin.included["print.md"] = [root / "docs" / "index.md"]
    token = plugin.pages.defer("<p>x</p>")
    old_pages, editions = plugin.pages, plugin.editions
    plugin.on_config(config)
    assert plugin.shows_latest == set() and plugin.included == {} and plugin.banner is None and plugin.banners == {}
    assert plugin.pages is not old_pages and plugin.pages.restore(token) == token
    assert plugin.editions is editions   # the data is kept: nothing under data/ changed


def test_a_data_error_in_an_event_is_one_line_without_a_traceback(root, monkeypatch):
    config = _config(root, monkeypatch)

    def broken(docs, site):
        raise DataError("docs/a.md", None, "translation", problem("ない", "missing", "作る", "create it"))
    monkeypatch.setattr(plugin_module, "check_pages", broken)
    with pytest.raises(PluginError) as info:
        ReportPlugin.of(config).on_config(config)
    assert str(info.value) == "docs/a.md: translation: ない — 作る / missing — create it"
    assert info.value.__cause__ is None and info.value.__suppress_context__


@pytest.mark.reference_site
def test_missing_asset_package_is_a_one_line_plugin_error(root, tmp_path, monkeypatch):
    def missing(root, site):
        raise DataError("node_modules", None, "minisearch", problem("ない", "missing", "npm ci", "run npm ci"))
    monkeypatch.setattr(plugin_module.assets, "copy_assets", missing)
    config = _config(root, monkeypatch)
    config.site_dir = str(tmp_path)
    with pytest.raises(PluginError) as info:
        ReportPlugin.of(config).on_post_build(config=config)
    assert str(info.value).startswith("node_modules: minisearch: ない — npm ci / missing — run npm ci")
    assert (tmp_path / "data" / "kpis.csv").is_file()   # the downloads were written before the assets
    assert (tmp_path / "data" / "kpis-all-editions.csv").is_file()


def test_every_event_states_its_priority_and_why():
    events = [name for name in dir(ReportPlugin) if name.startswith("on_")]
    assert len(events) >= 10
    for name in events:
        method = getattr(ReportPlugin, name)
        assert hasattr(method, "mkdocs_priority"), name
        assert "Priorit" in (method.__doc__ or "").split(":")[0], name


def test_a_template_compiled_in_one_build_is_not_compiled_again_in_the_next(monkeypatch):
    cache, compiled = MemoryBytecodeCache(), []
    real_compile = jinja2.Environment._compile
    monkeypatch.setattr(jinja2.Environment, "_compile", lambda self, *a: compiled.append(1) or real_compile(self, *a))

    def env_with(templates: dict) -> jinja2.Environment:   # a build's new environment, with the kept cache
        return jinja2.Environment(loader=jinja2.DictLoader(templates), bytecode_cache=cache)
    assert env_with({"t.html": "Hello {{ x }}"}).get_template("t.html").render(x="ja") == "Hello ja"
    assert env_with({"t.html": "Hello {{ x }}"}).get_template("t.html").render(x="en") == "Hello en"
    assert len(compiled) == 1
    # an edited template is compiled afresh
    assert env_with({"t.html": "Hi {{ x }}"}).get_template("t.html").render(x="ja") == "Hi ja"
    assert len(compiled) == 2


@pytest.mark.reference_site
def test_kpi_anchors_in_generated_html_are_valid_link_targets(root):
    """A Markdown link to strategy-1.md#kpi-1-1-1-1 passes MkDocs' anchor check: the KPI anchors,
    which come back into the page after Markdown, are added to the page's anchors."""
    from macros.core.report import load_report
    from macros.render.pages import PageFragments

    plugin = ReportPlugin()
    data = load_report(root)
    f = PageFragments(data, "en", lambda target: target)
    page = SimpleNamespace(url="strategy-1/", present_anchor_ids={"measure-1-1-1"}, meta={},
                           file=SimpleNamespace(src_uri="strategy-1.md", src_path="strategy-1.md",
                                                abs_src_path=str(root / "docs" / "strategy-1.md")))
    kpis = f.kpis(data.report.measure("1-1-1"))
    token = plugin.pages.defer(kpis)
    html = "<h3 id=\"measure-1-1-1\">m</h3>" + token.replace("\n\n", "<p>", 1)
    plugin.on_page_content(html.rstrip() + "</p>", page=page, config={"docs_dir": str(root / "docs")}, files=None)
    assert page.present_anchor_ids == {"measure-1-1-1", "kpi-1-1-1-1", "kpi-1-1-1-2"}
    # and their search results are kept for the index written after the build
    assert [e.anchor for e in plugin.fragment_search["strategy-1/"]] == ["kpi-1-1-1-1", "kpi-1-1-1-2"]
