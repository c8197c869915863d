"""macros/glue/link_warnings.py: MkDocs' link warnings become one-line, bilingual, located errors."""
import logging

import pytest

from macros.glue.link_warnings import LinkWarnings

PAGE = "# 見出し\n\n本文は[データについて](deta.md)を参照。\n\n[先頭へ](#top)と[方法](methodology.md#nope)。\n"


def reworded(tmp_path, message: str) -> str:
    (tmp_path / "index.md").write_text(PAGE, encoding="utf-8")
    record = logging.LogRecord("mkdocs.structure.pages", logging.WARNING, __file__, 1, message, (), None)
    assert LinkWarnings(str(tmp_path)).filter(record) is True  # kept: strict mode still counts it
    assert record.levelno == logging.WARNING
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
