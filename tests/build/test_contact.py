"""The footer and the accessibility page link the configured contact addresses, and only those."""
from __future__ import annotations

import re

import pytest

from macros.core.site import load_site
from tests.conftest import SITE_LANGUAGES, run_build, site_env

CONTACT = "https://example.org/mine-city/contact"
FEEDBACK = "https://github.com/example-owner/example-repo/issues"


@pytest.fixture(scope="module")
def configured(root, tmp_path_factory):
    out = tmp_path_factory.mktemp("configured")
    result = run_build(root, out, env=site_env({"CONTACT_URL": CONTACT, "FEEDBACK_URL": FEEDBACK}))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def municipality(root):
    """The publisher's name in each language, as data/site.yaml gives it."""
    return load_site(root).municipality


@pytest.fixture(scope="module")
def unconfigured(site):
    """The real site, built once per test run with neither address set (tests/conftest.py's
    UNSET_FOR_BUILDS)."""
    return site


def _page(site, lang, path=""):
    return (site / ("" if lang == "ja" else "en") / path / "index.html").read_text(encoding="utf-8")


def _footer(html: str) -> str:
    return html[html.index('<footer class="md-footer"'):]


def _contact_section(html: str) -> str:
    """The accessibility page's contact section after its heading (whose permalink is a link too)."""
    start = html.index("</h2>", html.index('id="contact"'))
    return html[start:html.index('<footer class="md-footer"')]


@pytest.mark.parametrize("lang", SITE_LANGUAGES)
def test_configured_addresses_are_linked_from_the_footer_and_the_accessibility_page(configured, municipality, lang):
    town = municipality.get(lang)
    for path in ("", "accessibility", "kpis"):
        footer = _footer(_page(configured, lang, path))
        assert f'href="{CONTACT}"' in footer and f'href="{FEEDBACK}"' in footer, (lang, path)
        assert re.search(rf'href="{re.escape(CONTACT)}">[^<]*{re.escape(town)}', footer), (lang, path)
    section = _contact_section(_page(configured, lang, "accessibility"))
    assert f'href="{CONTACT}"' in section and f'href="{FEEDBACK}"' in section
    assert "GitHub" in section and town in section


@pytest.mark.parametrize("lang", SITE_LANGUAGES)
def test_no_address_is_shown_that_was_not_configured(unconfigured, municipality, lang):
    for path in ("", "accessibility"):
        html = _page(unconfigured, lang, path)
        assert "md-copyright__contact" not in html
        assert not re.search(r'href="[^"]*/issues"', html)
    section = _contact_section(_page(unconfigured, lang, "accessibility"))
    assert "<a " not in section
    assert municipality.get(lang) in section
