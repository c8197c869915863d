"""Build the second language in a forked process while this process builds the default one.

mkdocs-static-i18n builds each further language as a whole nested `build()` inside the default
language's post_build, one after the other, so half of every bilingual build leaves the second core
idle. Here the second language starts in a forked child as soon as the default build has its
navigation (data loaded and validated once, before the fork). When i18n's loop reaches that
language, it is handed the child's search entries instead of building it again.

The site written is the same (a test compares both ways file by file). One file needs care: i18n's
sitemap lists the pages of every language built so far, so in a sequential build the last language
writes the full one. A child forked after the default language's pages exist writes that same full
sitemap; the parent, which would write a sitemap of its own language only, writes none.

Only for `mkdocs build` and `gh-deploy` in a single-threaded process with fork(): `mkdocs serve`
runs server threads, and forking a threaded process can deadlock. Only for two languages: with a
third, each child's sitemap would lack the other child's pages. PARALLEL_LANGUAGES=0 turns it off.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
import traceback
from dataclasses import dataclass

import mkdocs_static_i18n.plugin as i18n_module
from mkdocs import utils
from mkdocs.exceptions import Abort
from mkdocs_static_i18n.utils import I18nLoggingFilter

log = logging.getLogger("mkdocs.plugins.parallel_languages")

_sequential_build = i18n_module.build
SITEMAP = "sitemap.xml"


@dataclass
class _Child:
    process: multiprocessing.Process
    results: multiprocessing.connection.Connection


_children: dict[str, _Child] = {}
_command: dict[str, str] = {}
_sitemap_skipped: list = []  # themes whose sitemap this process left to a child


def enabled() -> bool:
    return (_command.get("name") in ("build", "gh-deploy")
            and os.environ.get("PARALLEL_LANGUAGES", "1") != "0"
            and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


def on_startup(command: str) -> None:
    _command["name"] = command


def start(config) -> None:
    """After the default language's nav (i18n's on_nav): fork the child that builds the other one."""
    i18n = config.plugins.get("i18n")
    if (i18n is None or i18n.building or _children or not enabled()
            or i18n.current_language != i18n.default_language):
        return
    others = [locale for locale in i18n.build_languages if locale != i18n.current_language]
    if len(others) != 1:
        return
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_build_in_child, args=(config, i18n, others[0], send),
                              name=f"build-{others[0]}", daemon=True)
    process.start()
    send.close()
    _children[others[0]] = _Child(process, receive)
    log.info("Building '%s' in a parallel process", others[0])
    config.theme.static_templates.discard(SITEMAP)
    _sitemap_skipped.append(config.theme)


def _build_in_child(config, i18n, locale: str, send) -> None:
    """The same steps i18n takes for a further language, then its search entries go to the parent."""
    i18n.current_language = locale
    i18n.building = True  # i18n's own post_build then only collects this language's search entries
    utils.clean_directory = lambda path: path  # the parent is writing the same site directory
    quiet = I18nLoggingFilter()
    quiet.filtered_prefixes.update({"Documentation built in", "Building documentation to directory",
                                    "Cleaning site directory"})
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    try:
        _sequential_build(config, dirty="--dirty" in sys.argv)  # as i18n decides it
        send.send(("ok", i18n.search_entries))
    except Abort as err:  # already logged by build(), as in a sequential build
        send.send(("abort", str(err)))
    except BaseException as err:  # noqa: BLE001 - a bug: show its traceback, as mkdocs would
        traceback.print_exc()
        send.send(("abort", f"{type(err).__name__} in the {locale} build: {err}"))
    finally:
        send.close()


def _collect(config, dirty: bool = False) -> None:
    """Stands in for build() in i18n's loop: the child has built this language already."""
    i18n = config.plugins["i18n"]
    child = _children.pop(i18n.current_language, None)
    if child is None:
        return _sequential_build(config, dirty=dirty)
    try:
        status, payload = child.results.recv()
    except EOFError:
        status, payload = "abort", f"the {i18n.current_language} build stopped without a result"
    child.process.join()
    if status != "ok":
        stop()
        raise Abort(payload)
    i18n.search_entries.extend(payload)
    _restore_sitemap()


def _restore_sitemap() -> None:
    while _sitemap_skipped:
        _sitemap_skipped.pop().static_templates.add(SITEMAP)


def stop() -> None:
    """After an error: children still building must not go on writing the site."""
    while _children:
        _, child = _children.popitem()
        child.process.terminate()
        child.process.join()
    _restore_sitemap()


i18n_module.build = _collect
