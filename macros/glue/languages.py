"""The languages a build publishes: the site's own (data/site.yaml: languages), as mkdocs.yml builds them.

The engine knows Japanese and English. A site is Japanese only or Japanese and English; mkdocs.yml's
mkdocs-static-i18n languages must be the same list, and no other language is ever taken for Japanese.
"""
from __future__ import annotations

from ..core.errors import DataError, problem
from ..core.site import Site

KNOWN = ("ja", "en")


def build_language(config) -> str:
    """The language of the build under way (mkdocs-static-i18n sets the theme's language for each,
    its documented reconfigure_material option): ja or en, never a silent default. check_languages,
    when the build starts, has made sure that only the site's languages are built."""
    lang = config["theme"]["language"]
    if lang not in KNOWN:
        raise ValueError(f"the engine builds ja and en pages, not {lang!r}")
    return lang


def built_languages(config) -> tuple[str, ...]:
    """The languages mkdocs.yml builds: mkdocs-static-i18n's (build: true), or the theme's alone."""
    i18n = config["plugins"].get("i18n")
    if i18n is None:
        return (config["theme"]["language"],)
    return tuple(lang.locale for lang in i18n.config.languages if lang.build)


def check_languages(config, site: Site) -> None:
    """mkdocs.yml builds exactly the languages data/site.yaml publishes."""
    built = built_languages(config)
    if set(built) != set(site.languages):
        listed, wanted = ", ".join(built), ", ".join(site.languages)
        raise DataError("mkdocs.yml", None, "plugins.i18n.languages", problem(
            f"作成する言語（{listed}）が data/site.yaml の languages（{wanted}）と違います",
            f"the languages built ({listed}) differ from data/site.yaml's languages ({wanted})",
            "i18n の languages を data/site.yaml と同じにしてください",
            "list the same languages in the i18n plugin as in data/site.yaml"))
