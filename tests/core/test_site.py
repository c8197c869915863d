"""data/site.yaml: the town's settings are read, and a Japanese-only site needs no English."""
from pathlib import Path

import pytest

from macros.core.errors import DataError
from macros.core.site import load_site

ROOT = Path(__file__).resolve().parents[2]


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "site.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_the_real_site_file_loads():
    site = load_site(ROOT)
    assert site.languages[0] == "ja"
    assert 1 <= len(site.levels) <= 3
    assert all(level.ja for level in site.levels)


def test_japanese_only_needs_no_english(tmp_path):
    root = _write(tmp_path, "municipality: {ja: 架空町}\nlanguages: [ja]\n"
                            "levels: [{ja: 基本目標}, {ja: 施策}]\nstatus: {scheme: four-categories}\nfiles: {pdf: kaku}\n")
    site = load_site(root)
    assert not site.bilingual and [l.ja for l in site.levels] == ["基本目標", "施策"]


def test_a_bilingual_site_names_the_missing_english_at_its_line(tmp_path):
    root = _write(tmp_path, "municipality: {ja: 架空町, en: Kaku Town}\nlanguages: [ja, en]\n"
                            "levels:\n  - {ja: 基本目標, en: Goal}\n  - {ja: 施策}\nstatus: {scheme: four-categories}\nfiles: {pdf: kaku}\n")
    with pytest.raises(DataError) as err:
        load_site(root)
    assert str(err.value).startswith("data/site.yaml:5: levels[1]:")


def test_four_levels_are_refused(tmp_path):
    root = _write(tmp_path, "municipality: {ja: 架空町}\nlanguages: [ja]\n"
                            "levels: [{ja: a}, {ja: b}, {ja: c}, {ja: d}]\nstatus: {scheme: four-categories}\nfiles: {pdf: kaku}\n")
    with pytest.raises(DataError) as err:
        load_site(root)
    assert "data/site.yaml:3" in str(err.value)


LABELLED = ("municipality: {ja: 架空町, en: Kaku Town}\nlanguages: [ja, en]\nlevels:\n"
            "  - {ja: 基本目標, en: Goal, label: {ja: '第{n}の{name}'}}\n"
            "  - {ja: 施策, en: Policy, label: {ja: '（{id}）{name}', en: '{name} ({id})'}}\n"
            "status: {scheme: four-categories}\nfiles: {pdf: kaku}\n")


def test_a_level_may_say_how_its_items_are_named(tmp_path):
    site = load_site(_write(tmp_path, LABELLED))
    assert [(lb.ja, lb.en) for lb in site.level_labels] == [("第{n}の{name}", ""), ("（{id}）{name}", "{name} ({id})")]
    assert len(load_site(ROOT).level_labels) == len(load_site(ROOT).levels)   # one for each level, or None


@pytest.mark.parametrize("label,shown", [("'{num}'", "{num}"), ("'{name.__class__}'", "{name.__class__}"),
                                         ("'{}'", "{}"), ("'施策{n'", "{ }")])
def test_a_label_with_another_placeholder_is_one_line_at_its_level(tmp_path, label, shown):
    root = _write(tmp_path, LABELLED.replace("'（{id}）{name}'", label))
    with pytest.raises(DataError) as err:
        load_site(root)
    message = str(err.value)
    assert message.startswith("data/site.yaml:5: levels[1].label.ja: ") and "\n" not in message
    assert f"「{shown}」は使えません" in message and "{name}" in message and "{id}" in message
