"""macros/glue/parallel_languages.py: when languages are built in parallel, and the fallback.

That both ways write the same site is tested on the real build (tests/build/test_reproducible.py);
that errors in the English build still stop it, by the broken-input corpus (tests/broken/).
"""
from types import SimpleNamespace

import pytest

from macros.glue import parallel_languages as pl


@pytest.fixture(autouse=True)
def _clean(monkeypatch):
    monkeypatch.delenv("PARALLEL_LANGUAGES", raising=False)
    # As in `mkdocs build`; the test session itself may have threads left by other tests.
    monkeypatch.setattr(pl.threading, "active_count", lambda: 1)
    monkeypatch.setattr(pl, "_command", {})
    monkeypatch.setattr(pl, "_children", {})


@pytest.mark.parametrize("command, expected", [("build", True), ("gh-deploy", True), ("serve", False)])
def test_only_one_off_builds_fork(command, expected):
    pl.on_startup(command)
    assert pl.enabled() is expected


def test_it_can_be_turned_off(monkeypatch):
    pl.on_startup("build")
    monkeypatch.setenv("PARALLEL_LANGUAGES", "0")
    assert not pl.enabled()


def test_never_forks_a_process_with_other_threads(monkeypatch):
    pl.on_startup("build")
    assert pl.enabled()
    monkeypatch.setattr(pl.threading, "active_count", lambda: 2)  # e.g. mkdocs serve's server thread
    assert not pl.enabled()


def test_a_language_without_a_child_is_built_as_before(monkeypatch):
    built = []
    monkeypatch.setattr(pl, "_sequential_build", lambda config, dirty=False: built.append(dirty))
    i18n = SimpleNamespace(current_language="en", search_entries=[])
    pl._collect(SimpleNamespace(plugins={"i18n": i18n}), dirty=True)
    assert built == [True]


def test_a_failed_child_stops_the_build_with_its_message():
    import multiprocessing

    from mkdocs.exceptions import Abort

    receive, send = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(target=lambda: send.send(("abort", "Aborted with 1 warnings")))
    process.start()
    pl._children["en"] = pl._Child(process, receive)
    i18n = SimpleNamespace(current_language="en", search_entries=[])
    with pytest.raises(Abort, match="Aborted with 1 warnings"):
        pl._collect(SimpleNamespace(plugins={"i18n": i18n}))
    assert i18n.search_entries == [] and not pl._children


def test_a_childs_search_entries_go_to_i18n_and_the_parent_writes_the_sitemap_again(monkeypatch):
    import multiprocessing

    entries = [{"location": "en/", "title": "Home", "text": "…"}]
    receive, send = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(target=lambda: send.send(("ok", entries)))
    process.start()
    pl._children["en"] = pl._Child(process, receive)
    theme = SimpleNamespace(static_templates={"404.html"})
    monkeypatch.setattr(pl, "_sitemap_skipped", [theme])
    i18n = SimpleNamespace(current_language="en", search_entries=[{"location": "", "title": "トップ", "text": ""}])
    pl._collect(SimpleNamespace(plugins={"i18n": i18n}))
    assert [e["location"] for e in i18n.search_entries] == ["", "en/"]
    assert theme.static_templates == {"404.html", pl.SITEMAP}
    assert process.exitcode == 0


def test_a_third_language_is_built_as_before(monkeypatch):
    """Each child's sitemap would lack the other child's pages."""
    pl.on_startup("build")
    i18n = SimpleNamespace(building=False, current_language="ja", default_language="ja",
                           build_languages=["ja", "en", "fr"])
    pl.start(SimpleNamespace(plugins={"i18n": i18n}))
    assert not pl._children
