"""Every HTML file of the built site passes the W3C Nu Html Checker (vnu.jar from npm).

What the project generates must have zero errors. Errors that come from Material's own
templates are listed in ALLOWED, each matched precisely (exact message, file pattern, and the
markup it was reported on) with the reason; they are to be fixed in overrides/, and an entry
that no longer matches anything fails the test so the list cannot go stale.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import TOP_LEVEL_PAGES

VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ERROR_TYPES = {"error", "non-document-error"}


@dataclass(frozen=True)
class Allowed:
    message: str      # the checker's message, exactly
    file: str         # regex on the site-relative path of the page
    extract: str      # regex on the markup the checker quotes
    reason: str

    def matches(self, rel: str, msg: dict) -> bool:
        return (msg.get("message") == self.message and re.fullmatch(self.file, rel) is not None
                and re.search(self.extract, msg.get("extract", "")) is not None)


ALLOWED = [
    Allowed(
        message="Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
                "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, “search”, "
                "“tel”, “text”, “time”, “url”, or “week”.",
        file=r"(en/)?([^/]+/)*(index|404)\.html",
        extract=r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" '
                r'id="__(drawer|search)" autocomplete="off">',
        reason="material/templates/base.html lines 99-100 (mkdocs-material 9.x): the drawer and search "
               "toggles are checkboxes with autocomplete=\"off\" (keeps Firefox from restoring their state); "
               "to be fixed in overrides/."),
    Allowed(
        message="Bad value “” for attribute “tabindex” on element “label”: The empty string is not a valid integer.",
        file=r"(en/)?([^/]+/)*(index|404)\.html",
        extract=r'<label class="md-nav__link" for="__nav_[0-9_]+" id="__nav_[0-9_]+_label" tabindex="">',
        reason="material/templates/partials/nav-item.html lines 107 and 119: with navigation.sections a "
               "section label gets tabindex=\"\" ({% set tabindex = \"0\" if not is_section %}); to be fixed "
               "by overriding partials/nav-item.html in overrides/."),
]


def _run_vnu(files: list[Path]) -> list[dict]:
    if not shutil.which("java"):
        pytest.fail("java is not installed (make setup-browser installs it)")
    assert VNU.is_file(), f"{VNU} is missing (run make setup-node)"
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--skip-non-html",
                             *map(str, files)], capture_output=True, text=True, timeout=600)
    report = result.stderr.strip() or result.stdout.strip()
    try:
        return json.loads(report)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu.jar gave no JSON report (exit {result.returncode}):\n{report[:3000]}")


@pytest.fixture(scope="module")
def vnu_messages(site) -> list[tuple[str, dict]]:
    files = sorted(site.rglob("*.html"))
    assert len(files) >= TOP_LEVEL_PAGES
    out = []
    for msg in _run_vnu(files):
        path = Path(unquote(urlsplit(msg.get("url", "")).path)) if msg.get("url") else None
        rel = path.relative_to(site).as_posix() if path and path.is_relative_to(site) else str(path)
        out.append((rel, msg))
    return out


def _describe(rel: str, msg: dict) -> str:
    extract = " ".join(msg.get("extract", "").split())[:160]
    return f"{rel}:{msg.get('lastLine')}: {msg.get('message')}  [{extract}]"


def test_no_html_errors_in_what_the_project_generates(vnu_messages):
    errors = [(rel, m) for rel, m in vnu_messages if m.get("type") in ERROR_TYPES
              and not any(a.matches(rel, m) for a in ALLOWED)]
    # One markup mistake often yields many messages on one line: show the first of each line.
    by_line: dict[tuple, list] = {}
    for rel, m in errors:
        by_line.setdefault((rel, m.get("lastLine")), []).append(m)
    shown = [_describe(rel, ms[0]) + (f"  (+{len(ms) - 1} more on this line)" if len(ms) > 1 else "")
             for (rel, _), ms in by_line.items()]
    assert not errors, f"{len(errors)} HTML errors on {len(by_line)} lines:\n" + "\n".join(shown[:60])


def test_allow_list_has_no_stale_entries(vnu_messages):
    stale = [a for a in ALLOWED
             if not any(m.get("type") in ERROR_TYPES and a.matches(rel, m) for rel, m in vnu_messages)]
    assert not stale, "allow-list entries that match nothing any more (remove them):\n" + \
        "\n".join(f"- {a.message} ({a.reason})" for a in stale)


def test_allow_list_entry_matching_is_precise():
    msg = {"message": ALLOWED[1].message,
           "extract": '<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">'}
    assert ALLOWED[1].matches("en/strategy-1/index.html", msg)
    assert not ALLOWED[1].matches("data/kpis.html", {**msg, "extract": "<label tabindex=\"\">"})
    assert not ALLOWED[0].matches("index.html", msg)
