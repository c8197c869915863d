"""macros/glue/edition_pages.py: which edition a page shows, and links rebased for the page that shows it."""
import pytest

from macros.glue import edition_pages


@pytest.mark.parametrize("src, edition, name", [
    ("editions/2024-02/strategy-1.md", "2024-02", "strategy-1.md"),
    ("editions/2024-02/index.en.md", "2024-02", "index.md"),
    ("strategy-1.en.md", None, "strategy-1.md"),
    ("methodology.md", None, "methodology.md"),
])
def test_edition_and_page_name_of_a_source(src, edition, name):
    assert edition_pages.edition_of(src) == edition and edition_pages.page_name(src) == name


@pytest.mark.parametrize("name, url", [("index.md", ""), ("strategy-1.md", "strategy-1/"), ("kpis.md", "kpis/")])
def test_page_url(name, url):
    assert edition_pages.page_url(name) == url


def test_links_written_in_an_edition_work_from_the_top_level():
    md = ('[データ](../../data.md) [KPI](kpis.md#kpi-1-1-1-1) [外](https://example.org/x.md) '
          '[見出し](#summary) [絶対](/data/) ![図](img/a.png "題")')
    shown_at_top = edition_pages.rebase_links(md, "editions/2024-02", "", mirrored="editions/2024-02")
    assert shown_at_top == ('[データ](data.md) [KPI](kpis.md#kpi-1-1-1-1) [外](https://example.org/x.md) '
                            '[見出し](#summary) [絶対](/data/) ![図](img/a.png "題")')
    elsewhere = edition_pages.rebase_links(md, "editions/2024-02", "")
    assert "[KPI](editions/2024-02/kpis.md#kpi-1-1-1-1)" in elsewhere and "[データ](data.md)" in elsewhere
    assert edition_pages.rebase_links(md, "editions/2024-02", "editions/2024-02") == md


def test_the_edition_being_shown_wins_over_the_pages_own():
    shown = edition_pages.ShownEditions()
    assert shown.shown_edition("strategy-1.md") is None
    with shown.showing("2024-02"):
        assert shown.shown_edition("strategy-1.md") == "2024-02"
        with shown.showing("2025-02"):
            assert shown.shown_edition("editions/2024-02/print.md") == "2025-02"
    assert shown.shown_edition("editions/2024-02/print.md") == "2024-02"
