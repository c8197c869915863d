"""Editors' mistakes in YAML become one readable bilingual line with file and line."""
from decimal import Decimal

import pytest

from macros.core.errors import DataError
from macros.core.loader import MAX_BYTES, load_yaml


def load(tmp_path, text: str | bytes):
    p = tmp_path / "x.yaml"
    p.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_yaml(p, "data/x.yaml")


def test_floats_are_exact_decimals_with_their_printed_precision(tmp_path):
    doc = load(tmp_path, "a: 60.0\nb: 42.2\nc: 7\n")
    assert doc["a"] == Decimal("60.0") and str(doc["a"]) == "60.0" and doc["b"] == Decimal("42.2") and doc["c"] == 7


def test_line_numbers_are_kept(tmp_path):
    doc = load(tmp_path, "# comment\na:\n  b: 1\n  c:\n    - d: 2\n")
    assert doc.line_of("a") == 2 and doc["a"].line_of("c") == 4 and doc["a"]["c"].item_lines == [5]


@pytest.mark.parametrize("text,line,words", [
    ("a: 1\na: 2\n", 2, "the same key appears twice"),
    ("a:\n\tb: 1\n", 2, "tab"),
    ("a: [1, 2\nb: 3\n", None, "invalid YAML syntax"),
    ("", 1, "empty"),
    ("# only a comment\n", 1, "empty"),
    ("a: .nan\n", 1, "not a finite number"),
])
def test_yaml_mistakes(tmp_path, text, line, words):
    with pytest.raises(DataError) as err:
        load(tmp_path, text)
    msg = str(err.value)
    assert msg.startswith("data/x.yaml") and words in msg and "\n" not in msg
    if line:
        assert msg.startswith(f"data/x.yaml:{line}:")


def test_wrong_encoding(tmp_path):
    with pytest.raises(DataError) as err:
        load(tmp_path, "a: 1\nname: 三洞\n".encode("cp932"))
    assert str(err.value).startswith("data/x.yaml:2: encoding:") and "UTF-8" in str(err.value)


def test_bom_is_accepted(tmp_path):
    assert load(tmp_path, "\ufeffa: 1\n")["a"] == 1


def test_missing_file(tmp_path):
    with pytest.raises(DataError) as err:
        load_yaml(tmp_path / "none.yaml", "data/none.yaml")
    assert "does not exist" in str(err.value)


def test_message_is_bilingual_with_field_and_remedy():
    from macros.core.errors import problem
    e = DataError("data/a.yaml", 3, "1-1-1-1.unit", problem("単位が違います", "wrong unit", "直してください", "fix it"))
    assert str(e) == "data/a.yaml:3: 1-1-1-1.unit: 単位が違います — 直してください / wrong unit — fix it"


BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(ord('a') + i + 1)}: &{chr(ord('a') + i + 1)} [{', '.join(['*' + chr(ord('a') + i)] * 9)}]\n"
    for i in range(8))


@pytest.mark.parametrize("text,line", [
    ("base: &b {ja: 人, en: people}\nunit: *b\n", 1),
    ("base: &b {ja: 人}\nother:\n  <<: *b\n  en: people\n", 1),
    ("x: &x [1, *x]\n", 1),
    (BILLION_LAUGHS, 1),
])
def test_anchors_and_aliases_are_refused(tmp_path, text, line):
    with pytest.raises(DataError) as err:
        load(tmp_path, text)
    msg = str(err.value)
    assert msg.startswith(f"data/x.yaml:{line}: YAML:") and "alias" in msg and "\n" not in msg


def test_an_anchor_never_repeated_is_harmless(tmp_path):
    assert load(tmp_path, "a: &a 1\nb: 2\n") == {"a": 1, "b": 2}


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path):
    text = "a: " + "x" * MAX_BYTES + "\n"
    with pytest.raises(DataError) as err:
        load(tmp_path, text)
    msg = str(err.value)
    assert msg.startswith("data/x.yaml: file:") and f"{MAX_BYTES:,}" in msg and "too large" in msg
    assert load(tmp_path, "a: " + "x" * (MAX_BYTES - 10) + "\n")["a"].startswith("x")
