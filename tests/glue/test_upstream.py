"""Each reliance on another package beyond its public API, run against the installed package itself.

Every package is pinned with its hashes (requirements.txt), so the build does not check versions: these
tests do. When one fails after an upgrade, the reliance named in RELIANCES (and in MAINTAINERS.md) must
be looked at again: re-copy a template, adjust a pattern, or drop the reliance; then set its version here.
"""
from __future__ import annotations

import difflib
import logging
import re
from importlib.metadata import version
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs_macros.errors import format_error

from macros.core.errors import DataError, problem
from macros.glue import link_warnings, page_errors

ROOT = Path(__file__).resolve().parents[2]
MATERIAL = Path(__import__("material").__file__).parent / "templates"


# reliance → (distribution, the version it was written and tested for, where it is and what it relies on)
RELIANCES = {
    "link_warnings": ("mkdocs", "1.6.1", "glue/link_warnings.py matches the English text of MkDocs' link warnings"),
    "page_errors": ("mkdocs-macros-plugin", "1.5.0", "glue/page_errors.py extends its internal format_error"),
    "kpi_anchors": ("mkdocs", "1.6.1", "glue/plugin.py adds the KPI anchors to Page.present_anchor_ids"),
    "i18n_building": ("mkdocs-static-i18n", "1.3.1",
                      "glue/plugin.py on_post_build reads the plugin's `building` flag to find the last language's build"),
    "xdist_scope": ("pytest-xdist", "3.8.0",
                    "tests/conftest.py's OneSweepScheduling overrides LoadFileScheduling._split_scope to give the "
                    "page sweep's readers to one worker"),
    "material_templates": ("mkdocs-material", "9.8.1",
                           "overrides/main.html and overrides/partials/ are copies of Material's templates "
                           "(the tests below show the differences)"),
}


@pytest.mark.parametrize("reliance", sorted(RELIANCES))
def test_the_installed_package_is_the_version_each_reliance_was_written_for(reliance):
    distribution, expected, where = RELIANCES[reliance]
    assert version(distribution) == expected, (
        f"{distribution} changed: check the reliance '{reliance}' ({where}; MAINTAINERS.md), then update RELIANCES")


# --- MkDocs' link warnings, as the real MkDocs words them ---------------------------------------

PAGES = {
    "index.md": "# Home\n\n[a](missing.md) [b](other.md#nope) [c](#nowhere) [d](/abs/) [e](folder/)\n",
    "other.md": "# Other\n",
}


def test_every_link_warning_of_the_installed_mkdocs_is_reworded(tmp_path, caplog):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "folder").mkdir()
    for name, text in PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nvalidation: {omitted_files: warn, absolute_links: warn, unrecognized_links: warn, anchors: warn}\n",
        encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    link_warnings.install(config.docs_dir)
    try:
        with caplog.at_level(logging.WARNING, logger=link_warnings.LOGGER):
            build(config)
    finally:
        logger = logging.getLogger(link_warnings.LOGGER)
        for f in [f for f in logger.filters if isinstance(f, link_warnings.LinkWarnings)]:
            logger.removeFilter(f)
    messages = [r.getMessage() for r in caplog.records if r.name == link_warnings.LOGGER]
    assert len(messages) == 5, messages
    for m in messages:   # every one matched MkDocs' wording: none is left in its English original
        assert re.match(r"docs/index\.md:3: link: ", m) and " / " in m, m


# --- mkdocs-macros' format_error ----------------------------------------------------------------

def test_page_errors_are_formatted_by_ours_in_the_installed_mkdocs_macros():
    page_errors.register()
    for error_type, formatter in ((DataError, page_errors._data_error), (Exception, page_errors._other)):
        assert format_error.dispatch(error_type) is formatter
    error = DataError("docs/x.md", 3, "macro", problem("ja", "en", "fix", "fix"))
    with pytest.raises(PluginError, match="docs/x.md:3"):
        format_error(error, markdown="", page=None)


# --- templates copied from Material -------------------------------------------------------------

JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in JINJA_COMMENT.sub("", text).splitlines() if line.strip()]


def _block(text: str, name: str) -> str:
    return re.search(r"\{% block " + name + r" %\}(.*?)\{% endblock %\}", text, re.S).group(1)


# What each copy changes: the upstream lines it drops (the lines it adds are its own, explained in
# the file). Anything else that differs is a change in Material since the copy was made.
COPIES = [
    ("partials/alternate.html", lambda t: t, "partials/alternate.html", lambda t: t,
     {'<a href="{{ alt.link | url }}" hreflang="{{ alt.lang }}" class="md-select__link">'}),
    ("partials/search.html", lambda t: t, "partials/search.html", lambda t: t,
     {'<div class="md-search" data-md-component="search" role="dialog">',
      '{{ lang.t("search.result.initializer") }}'}),
    ("partials/header.html", lambda t: t, "partials/header.html", lambda t: t,
     {'<a href="{{ config.extra.homepage | d(nav.homepage.url, true) | url }}" title="{{ config.site_name | e }}" class="md-header__button md-logo" aria-label="{{ config.site_name }}" data-md-component="logo">'}),
    ("partials/nav.html", lambda t: t, "partials/nav.html", lambda t: t,
     {'<a href="{{ config.extra.homepage | d(nav.homepage.url, true) | url }}" title="{{ config.site_name | e }}" class="md-nav__button md-logo" aria-label="{{ config.site_name }}" data-md-component="logo">'}),
    # main.html's site_meta: Material's, escaped with | e, without the alternate links (see the file), the
    # page author (no page sets one), the RSS links (no RSS plugin) and the generator tag (extra.generator: false).
    ("base.html", lambda t: _block(t, "site_meta"), "main.html", lambda t: _block(t, "site_meta"), {
        '<meta name="description" content="{{ page.meta.description }}">',
        '<meta name="description" content="{{ config.site_description }}">',
        "{% if page.meta and page.meta.author %}", '<meta name="author" content="{{ page.meta.author }}">',
        "{% elif config.site_author %}", '<meta name="author" content="{{ config.site_author }}">',
        "{% if config.extra.alternate is iterable %}", "{% for alt in config.extra.alternate %}",
        '<link rel="alternate" href="{{ alt.link | url }}" hreflang="{{ alt.lang | d(lang.t(\'language\')) }}">',
        "{% endfor %}", "{% endif %}", '{% if "rss" in config.plugins %}',
        '<link rel="alternate" type="application/rss+xml" title="{{ lang.t(\'rss.created\') }}" href="{{ \'feed_rss_created.xml\' | url }}">',
        '<link rel="alternate" type="application/rss+xml" title="{{ lang.t(\'rss.updated\') }}" href="{{ \'feed_rss_updated.xml\' | url }}">',
        '<meta name="generator" content="mkdocs-{{ mkdocs_version }}, mkdocs-material-9.8.1">'}),
    # main.html's htmltitle: Material's, escaped after striptags (a title decoded inside <title> could close it).
    ("base.html", lambda t: _block(t, "htmltitle"), "main.html", lambda t: _block(t, "htmltitle"), {
        "<title>{{ page.meta.title }} - {{ config.site_name }}</title>",
        "<title>{{ page.title | striptags }} - {{ config.site_name }}</title>",
        "<title>{{ config.site_name }}</title>"}),
]


@pytest.mark.parametrize("upstream_name, cut_upstream, ours_name, cut_ours, dropped", COPIES)
def test_copied_templates_differ_from_the_installed_material_only_where_intended(
        upstream_name, cut_upstream, ours_name, cut_ours, dropped):
    theirs = _lines(cut_upstream((MATERIAL / upstream_name).read_text(encoding="utf-8")))
    ours = _lines(cut_ours((ROOT / "overrides" / ours_name).read_text(encoding="utf-8")))
    removed = {line[2:] for line in difflib.ndiff(theirs, ours) if line.startswith("- ")}
    assert removed <= dropped, f"Material's {upstream_name} changed since it was copied: {sorted(removed - dropped)}"


def test_material_still_has_the_markup_material_fixes_js_relies_on():
    """overrides/assets/javascripts/material-fixes.js: toggles made buttons, scrolling tables made focusable."""
    header = (MATERIAL / "partials" / "header.html").read_text(encoding="utf-8")
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    nav = (MATERIAL / "partials" / "nav.html").read_text(encoding="utf-8")
    nav_item = (MATERIAL / "partials" / "nav-item.html").read_text(encoding="utf-8")
    css = next((MATERIAL / "assets" / "stylesheets").glob("main.*.min.css")).read_text(encoding="utf-8")
    bundle = next((MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    assert '<label class="md-header__button md-icon" for="__drawer">' in header
    assert '<label class="md-header__button md-icon" for="__search">' in header
    assert 'data-md-toggle="drawer"' in base and 'data-md-toggle="search"' in base
    assert '<label class="md-nav__title" for="__drawer">' in nav and 'class="md-nav__toggle md-toggle' in nav_item
    assert "max-width:76.234375em" in css             # the drawer breakpoint material-fixes.js repeats
    assert "md-typeset__scrollwrap" in bundle and "document$" in bundle


def test_material_still_labels_the_contents_list_with_the_toggle_edition_pages_get():
    """overrides/main.html (site_nav block): a page outside the navigation (docs/editions/) gets the
    `__toc` toggle that Material's contents title is the label of, and that its nav item otherwise makes."""
    toc = (MATERIAL / "partials" / "toc.html").read_text(encoding="utf-8")
    nav_item = (MATERIAL / "partials" / "nav-item.html").read_text(encoding="utf-8")
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    ours = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    assert '<label class="md-nav__title" for="__toc">' in toc
    assert '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">' in nav_item
    assert '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">' in ours
    assert "{% block site_nav %}" in base


def test_the_installed_mkdocs_static_i18n_has_the_building_flag_the_search_index_reads():
    """glue/plugin.py splits the search index only after the last language's build: it tells that build
    by mkdocs-static-i18n's `building` flag, which the plugin sets while it runs the further languages."""
    from mkdocs_static_i18n.plugin import I18n
    plugin = I18n()
    assert hasattr(plugin, "building") and plugin.building is False
    import inspect
    import mkdocs_static_i18n.plugin as source
    assert "self.building = True" in inspect.getsource(source)


# --- mkdocs-macros renders every page text in the environment the page check is added to ---------

MACROS_MODULE = """
def define_env(env):
    env.macro(lambda: "HELLO", "hello")
"""

# As glue/plugin.py adds the check: in on_pre_build, after mkdocs-macros made its environment in on_config.
HOOK = """
from mkdocs.plugins import event_priority
from macros.glue import page_jinja

@event_priority(-10)
def on_pre_build(config):
    macros = config.plugins["macros"]
    page_jinja.install(macros.env, {"hello": macros.macros["hello"]})
"""


@pytest.mark.parametrize("page, refused", [
    ("# Home\n\n{{ hello() }}\n", None),
    ("# Home\n\n{{ config }}\n", "config"),
    ('---\ntitle: "{{ config.site_name }}"\n---\n\n# Home\n', "config.site_name"),   # a title, rendered apart
    ("# Home\n\n{{ macros_info() }}\n", "macros_info"),                            # mkdocs-macros' own macro
])
def test_the_installed_mkdocs_macros_renders_pages_through_the_checked_environment(tmp_path, caplog, page, refused):
    """glue/page_jinja.py checks what mkdocs-macros' Jinja environment (its `env`) compiles, added as
    glue/plugin.py adds it: the real plugin must render a page and its title there."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(page, encoding="utf-8")
    (tmp_path / "pagecheck.py").write_text(MACROS_MODULE, encoding="utf-8")
    (tmp_path / "pagecheck_hook.py").write_text(HOOK, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - macros:\n      module_name: pagecheck\n"
                                         "      on_error_fail: true\nhooks:\n  - pagecheck_hook.py\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    if refused is None:
        build(config)
        assert "HELLO" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
        return
    with caplog.at_level(logging.WARNING), pytest.raises((SystemExit, PluginError)) as stopped:
        build(config)   # mkdocs-macros exits (on_error_fail) after logging the error, or our formatter raises
    assert not (tmp_path / "site" / "index.html").exists()
    said = str(stopped.value) + "\n".join(r.getMessage() for r in caplog.records)
    assert refused in said and ("macro" in said or "NotAMacroCall" in said), said   # ours, or mkdocs-macros' words


# --- pytest-xdist's scope of a test (tests/conftest.py) --------------------------------------------

def test_the_page_sweeps_readers_are_one_unit_of_work_and_other_files_their_own():
    from xdist.scheduler import LoadFileScheduling

    from tests.conftest import SLOWEST_FIRST, SWEEP_READERS, OneSweepScheduling
    scheduler = object.__new__(OneSweepScheduling)   # _split_scope reads nothing of the instance
    assert LoadFileScheduling._split_scope(scheduler, "tests/a/test_b.py::test_c[x]") == "tests/a/test_b.py"
    assert {scheduler._split_scope(f"{f}::test_x[desktop]") for f in SWEEP_READERS} == {SLOWEST_FIRST[0]}
    assert scheduler._split_scope("tests/browser/test_print.py::test_y") == "tests/browser/test_print.py"
    assert all((ROOT / f).is_file() for f in SWEEP_READERS)
