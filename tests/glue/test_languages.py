"""The languages built are the site's own, and no language is taken for Japanese by default."""
from types import SimpleNamespace

import pytest

from macros.core.errors import DataError
from macros.core.model import Text
from macros.core.site import Site
from macros.glue.languages import build_language, built_languages, check_languages


def _config(theme: str, *locales: str) -> dict:
    i18n = SimpleNamespace(config=SimpleNamespace(languages=[SimpleNamespace(locale=l, build=True) for l in locales]))
    return {"theme": {"language": theme}, "plugins": {"i18n": i18n} if locales else {}}


def _site(*languages: str) -> Site:
    return Site(Text("架空町", ""), languages, (Text("基本目標", ""),), {"scheme": "s"}, "kaku")


def test_the_build_language_is_ja_or_en_and_nothing_else():
    """check_languages refuses any other when the build starts; taking one later is a mistake of the engine."""
    assert build_language(_config("ja")) == "ja" and build_language(_config("en")) == "en"
    with pytest.raises(ValueError):
        build_language(_config("ko"))


def test_mkdocs_yml_builds_the_languages_of_the_site_file():
    check_languages(_config("ja", "ja", "en"), _site("ja", "en"))
    check_languages(_config("ja", "ja"), _site("ja"))
    check_languages(_config("ja"), _site("ja"))   # no i18n plugin: the theme's language alone
    assert built_languages(_config("ja")) == ("ja",)
    for config, site in ((_config("ja", "ja", "en"), _site("ja")), (_config("ja", "ja"), _site("ja", "en")),
                         (_config("ja", "ja", "zh"), _site("ja", "en"))):
        with pytest.raises(DataError) as err:
            check_languages(config, site)
        assert "\n" not in str(err.value) and "data/site.yaml" in str(err.value)
