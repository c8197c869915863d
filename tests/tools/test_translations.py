"""The English edition: page-for-page parity with the Japanese, and stale-translation detection."""
import re
import shutil

import pytest

from macros.tools import translations
from tests.conftest import needs_english

MACRO = re.compile(r"\{\{\s*([a-z_]+\([^)]*\))\s*\}\}")
HEADING_ID = re.compile(r"\{#([A-Za-z0-9_-]+)\}")


@needs_english
def test_every_page_has_its_translation_and_no_orphans(root):
    docs = root / "docs"
    assert translations.missing(docs) == []
    assert translations.orphans(docs) == []
    assert len(translations.pairs(docs)) >= 12


@needs_english
def test_same_macro_calls_and_heading_ids_in_both_languages(root):
    for ja, en in translations.pairs(root / "docs"):
        ja_text, en_text = ja.read_text(encoding="utf-8"), en.read_text(encoding="utf-8")
        assert MACRO.findall(ja_text) == MACRO.findall(en_text), ja.name
        assert HEADING_ID.findall(ja_text) == HEADING_ID.findall(en_text), ja.name


@pytest.mark.reference_site
def test_english_pages_are_in_english(root):
    """A Japanese page copied under /en/ would be mislabelled lang="en": check the prose is English."""
    for _ja, en in translations.pairs(root / "docs"):
        text = MACRO.sub("", en.read_text(encoding="utf-8"))
        kana_kanji = len(re.findall(r"[\u3040-\u30ff\u4e00-\u9fff]", text))
        latin = len(re.findall(r"[A-Za-z]", text))
        assert kana_kanji < latin * 0.15, (en.name, kana_kanji, latin)


def test_all_translations_are_current(root):
    assert translations.stale(root / "docs") == []


@needs_english
def test_editing_the_japanese_makes_the_translation_stale_until_stamped(tmp_path, root):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy2(root / "docs/glossary.md", docs / "glossary.md")
    shutil.copy2(root / "docs/glossary.en.md", docs / "glossary.en.md")
    assert translations.stale(docs) == []
    (docs / "glossary.md").write_text((docs / "glossary.md").read_text(encoding="utf-8") + "\n追記。\n", encoding="utf-8")
    assert translations.stale(docs) == [docs / "glossary.en.md"]
    translations.stamp(docs / "glossary.en.md")
    assert translations.stale(docs) == []


@pytest.mark.reference_site
def test_stale_translation_is_listed_by_the_build_without_failing_it(tmp_path, root):
    from tests.conftest import copy_project, run_build
    project = copy_project(tmp_path / "p" if (tmp_path / "p").mkdir() is None else tmp_path)
    page = project / "docs/glossary.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n追記。\n", encoding="utf-8")
    result = run_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "stale translation: docs/glossary.en.md" in result.stderr
