"""Editors' text is shown as text: markup, quotes, ampersands and Jinja in data are never interpreted.

A project copy gets a KPI name (ja and en), a KPI note and a transcription note containing
<script>alert(1)</script>, a double quote, & and {{ 7*7 }}. The built pages must show them
literally (escaped in the HTML) and the downloads must hold the exact original strings.
"""
from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import copy_project, run_build

PAYLOAD = '<script>alert(1)</script> "q" & {{ 7*7 }}'
NAME_JA = "三洞入洞者数 " + PAYLOAD
NAME_EN = "Cave visitors " + PAYLOAD
NOTE_JA = "注記 " + PAYLOAD
NOTE_EN = "Note " + PAYLOAD
TEXT_NOTE_EN = "Transcription " + PAYLOAD
KPI_ID = "1-1-1-1"
ORIGINAL_NAME = 'name: {ja: "三洞入洞者数", en: "Visitors to the three caves"}'


def _q(s: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


class _Text(HTMLParser):
    """Visible text and attribute values, entity-decoded; script and style content left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.attrs: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.attrs += [v for _, v in attrs if v]
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _text(html: str) -> str:
    p = _Text()
    p.feed(html)
    p.close()
    return " ".join("".join(p.parts).split())


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("escaping")
    project = base / "project"
    project.mkdir()
    copy_project(project)
    s1 = project / "data" / "editions" / "2024-02" / "strategies" / "strategy-1.yaml"
    text = s1.read_text(encoding="utf-8")
    assert text.count(ORIGINAL_NAME) == 1, f"KPI {KPI_ID}'s name changed in data/: update ORIGINAL_NAME"
    text = text.replace(ORIGINAL_NAME, (
        f"name: {{ja: {_q(NAME_JA)}, en: {_q(NAME_EN)}}}\n"
        f"            notes:\n"
        f"              - {{kind: source, ja: {_q(NOTE_JA)}, en: {_q(NOTE_EN)}}}"))
    s1.write_text(text, encoding="utf-8")
    tn = project / "data" / "editions" / "2024-02" / "text-notes" / "strategy-1.yaml"
    tn.write_text(tn.read_text(encoding="utf-8") + (
        f'- where: "1-1-1 課題"\n  kind: typo\n  printed: {_q(PAYLOAD)}\n  reading: {_q(PAYLOAD)}\n'
        f"  note_en: {_q(TEXT_NOTE_EN)}\n"), encoding="utf-8")
    site = base / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def _html(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def test_no_injected_script_anywhere(built):
    pages = _html(built)
    injected = [rel for rel, html in pages.items() if "<script>alert" in html.lower()]
    assert not injected, f"<script>alert(1) left unescaped in: {injected}"


@pytest.mark.parametrize("page, shown", [
    ("strategy-1/index.html", NAME_JA),
    ("en/strategy-1/index.html", NAME_EN),
    ("kpis/index.html", NAME_JA),
    ("en/kpis/index.html", NAME_EN),
])
def test_kpi_name_is_shown_as_text(built, page, shown):
    html = (built / page).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert shown in _text(html), f"{page} does not show {shown!r} literally"
    assert "{{ 7*7 }}" in html   # literal, not rendered to 49 by Jinja


@pytest.mark.parametrize("lang, shown", [("ja", NOTE_JA), ("en", NOTE_EN), ("en", TEXT_NOTE_EN)])
def test_notes_are_shown_as_text(built, lang, shown):
    pages = {rel: html for rel, html in _html(built).items() if rel.startswith("en/") == (lang == "en")}
    showing = [rel for rel, html in pages.items() if shown in _text(html)]
    assert showing, f"no {lang} page shows {shown!r} literally"
    for rel in showing:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[rel]


def test_downloads_hold_the_exact_strings(built):
    rows = list(csv.DictReader(io.StringIO((built / "data" / "kpis.csv").read_bytes().decode("utf-8-sig"),
                                           newline="")))
    row = next(r for r in rows if r["id"] == KPI_ID)
    assert (row["name_ja"], row["name_en"]) == (NAME_JA, NAME_EN)
    item = next(i for i in json.loads((built / "data" / "kpis.json").read_text(encoding="utf-8"))
                if i["id"] == KPI_ID)
    assert (item["name_ja"], item["name_en"]) == (NAME_JA, NAME_EN)
