"""macros/glue/link_warnings.py: MkDocs' link warnings become one-line, bilingual, located errors."""
import logging

import pytest

from macros.glue.link_warnings import LinkWarnings

PAGE = "# 見出し\n\n本文は[データについて](deta.md)を参照。\n\n[先頭へ](#top)と[方法](methodology.md#nope)。\n"


def reworded(tmp_path, message: str) -> str:
    (tmp_path / "index.md").write_text(PAGE, encoding="utf-8")
    record = logging.LogRecord("mkdocs.structure.pages", logging.WARNING, __file__, 1, message, (), None)
    assert LinkWarnings(str(tmp_path)).filter(record) is True  # kept: strict mode still counts it
    if record.getMessage() != message:
        assert (record.levelno, record.levelname) == (logging.ERROR, "ERROR")   # what the guide says to look for
    return record.getMessage()


def test_a_link_to_a_missing_page_names_file_line_and_fix_in_both_languages(tmp_path):
    text = reworded(tmp_path, "Doc file 'index.md' contains a link 'deta.md', but the target is not found "
                              "among documentation files.")
    assert text.startswith("docs/index.md:3: link: リンク「deta.md」")
    assert "points to no page" in text and "してください" in text and "\n" not in text


def test_a_suggestion_from_mkdocs_becomes_the_fix(tmp_path):
    text = reworded(tmp_path, "Doc file 'index.md' contains a link 'deta.md', but the target is not found "
                              "among documentation files. Did you mean 'data.md'?")
    assert "「data.md」ではありませんか" in text and "did you mean 'data.md'?" in text


@pytest.mark.parametrize("message, line", [
    ("Doc file 'index.md' contains a link '#top', but there is no such anchor on this page.", 5),
    ("Doc file 'index.md' contains a link 'methodology.md#nope', but the doc 'methodology.md' does not "
     "contain an anchor '#nope'.", 5),
])
def test_a_missing_heading_is_told_apart_from_a_missing_page(tmp_path, message, line):
    text = reworded(tmp_path, message)
    assert text.startswith(f"docs/index.md:{line}: link:")
    assert "見出し" in text and "heading" in text
    # the reason is kept whole although it contains a full stop inside a file name
    assert "does not contain an anchor '#nope'" in text or "no such anchor on this page" in text


def test_absolute_and_unrecognised_links(tmp_path):
    absolute = reworded(tmp_path, "Doc file 'index.md' contains an absolute link '/data/', it was left as is.")
    assert absolute.startswith("docs/index.md: link:") and "absolute path" in absolute
    relative = reworded(tmp_path, "Doc file 'index.md' contains an unrecognized relative link 'data/', "
                                  "it was left as is. Did you mean 'data.md'?")
    assert "points to no page" in relative and "did you mean 'data.md'?" in relative


def test_a_link_made_by_a_macro_has_no_line_and_other_messages_are_untouched(tmp_path):
    assert reworded(tmp_path, "Doc file 'index.md' contains a link 'kpis.md#x', but there is no such anchor "
                              "on this page.").startswith("docs/index.md: link:")
    other = "Excluding 'README.md' from the site because it conflicts with 'index.md'."
    assert reworded(tmp_path, other) == other


def _docs(tmp_path, pages: dict[str, str]):
    for name, text in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return LinkWarnings(str(tmp_path))


def _warn(filter_: LinkWarnings, src: str, link: str) -> logging.LogRecord:
    return logging.LogRecord("mkdocs.structure.pages", logging.WARNING, __file__, 1,
                             f"Doc file '{src}' contains a link '{link}', but the target is not found among "
                             "documentation files.", (), None)


EDITION = {"data.md": "# データ\n", "editions/2025-02/kpis.md": "# KPI\n", "editions/2025-02/index.md": "# 版\n",
           "editions/2025-02/strategy-1.md": "# 1\n\n[データ](data.md) と [一覧](kpi.md)\n[誤り](../../deta.md)\n",
           "editions/2025-02/print.md": "{{ print_page() }}\n", "strategy-1.md": "{{ latest_edition_page() }}\n"}


@pytest.mark.parametrize("link, meant", [("data.md", "../../data.md"), ("kpi.md", "kpis.md")])
def test_the_fix_names_the_page_meant(tmp_path, link, meant):
    f = _docs(tmp_path, EDITION)
    record = _warn(f, "editions/2025-02/strategy-1.md", link)
    assert f.filter(record) is True
    text = record.getMessage()
    assert text.startswith(f"docs/editions/2025-02/strategy-1.md:3: link: リンク「{link}」"), text
    assert f"「{meant}」ではありませんか" in text and f"did you mean '{meant}'?" in text


def test_a_page_that_shows_others_does_not_repeat_their_mistake(tmp_path):
    """print.md and today's strategy-1.md show the edition's strategy-1.md: one error, at its line."""
    f = _docs(tmp_path, EDITION)
    first = _warn(f, "editions/2025-02/print.md", "kpi.md")
    assert f.filter(first) is True
    assert first.getMessage().startswith("docs/editions/2025-02/strategy-1.md:3: link:")
    assert f.filter(_warn(f, "editions/2025-02/strategy-1.md", "kpi.md")) is False
    assert f.filter(_warn(f, "strategy-1.md", "kpi.md")) is False        # rebased at today's address
    rebased = _warn(f, "strategy-1.md", "deta.md")                       # ../../deta.md, rebased
    assert f.filter(rebased) is True
    assert rebased.getMessage().startswith("docs/editions/2025-02/strategy-1.md:4: link: リンク「../../deta.md」")
    assert "「../../data.md」ではありませんか" in rebased.getMessage()


def test_mkdocs_suggestion_is_given_from_the_page_where_the_link_was_written(tmp_path):
    """Today's index.md shows the edition's page: MkDocs suggests from the top level, the fix says it from the edition."""
    f = _docs(tmp_path, dict(EDITION, **{"editions/2025-02/index.md": "# 版\n\n[CSV](/data/#downloads)\n"}))
    records = [logging.LogRecord("mkdocs.structure.pages", logging.WARNING, __file__, 1,
                                 f"Doc file '{src}' contains an absolute link '/data/#downloads', it was left as is. "
                                 f"Did you mean '{hint}'?", (), None)
               for src, hint in (("index.md", "data.md#downloads"), ("editions/2025-02/index.md", "../../data.md#downloads"))]
    assert f.filter(records[0]) is True and f.filter(records[1]) is False
    assert records[0].getMessage().startswith("docs/editions/2025-02/index.md:3: link:")
    assert "「../../data.md#downloads」ではありませんか" in records[0].getMessage()
