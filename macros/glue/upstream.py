"""Where this project relies on another package beyond its public API, and the version it was made for.

Each reliance is written for one exact version. Before it is used, `matches()` compares that version
with the installed one; when they differ it prints a notice (once a process) naming what is switched
off, and the caller falls back to the package's own behaviour: a plainer message, never a wrong site.
The tests in tests/glue/test_upstream.py run each reliance against the installed package itself.
MAINTAINERS.md lists every reliance with its reason.
"""
from __future__ import annotations

from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version

from .notice import notice

# reliance → (distribution, version it was written and tested for, what falls back when it differs)
RELIANCES = {
    "link_warnings": ("mkdocs", "1.6.1",
                      "link warnings are shown in MkDocs' own words (glue/link_warnings.py matches its English text)"),
    "page_errors": ("mkdocs-macros-plugin", "1.5.0",
                    "macro errors are shown as mkdocs-macros prints them (glue/page_errors.py extends its format_error)"),
    "kpi_anchors": ("mkdocs", "1.6.1",
                    "links to a KPI (#kpi-…) are not known to MkDocs' anchor check, which then warns "
                    "(glue/hooks.py adds them to Page.present_anchor_ids)"),
    "i18n_building": ("mkdocs-static-i18n", "1.3.1",
                      "the search index per language cannot tell the last language's build from the others "
                      "(glue/hooks.py on_post_build reads the plugin's `building` flag): the build stops"),
    "material_templates": ("mkdocs-material", "9.8.1",
                           "overrides/main.html and overrides/partials/ are copies of Material 9.8.1's templates: "
                           "compare them with the new version (tests/glue/test_upstream.py shows the differences)"),
}

_announced: set[str] = set()


@lru_cache(maxsize=None)
def installed(distribution: str) -> str | None:
    """The installed version, read once a process: `matches` is asked on every page, and reading the
    packages' metadata took 2 ms a time. A package changed under a running process needs a restart anyway."""
    try:
        return version(distribution)
    except PackageNotFoundError:
        return None


def matches(reliance: str) -> bool:
    """True if the installed package is the version the reliance was written for; else a notice, once."""
    distribution, expected, fallback = RELIANCES[reliance]
    found = installed(distribution)
    if found == expected:
        return True
    if reliance not in _announced:
        _announced.add(reliance)
        notice.warning("%s %s is installed, not %s: %s", distribution, found or "(none)", expected, fallback)
    return False
