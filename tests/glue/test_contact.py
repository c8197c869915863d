"""Contact addresses come from one place in mkdocs.yml, and only configured ones are used."""
import pytest

from macros.core.errors import DataError
from macros.glue.contact import contact_links, issues_url


def test_issues_url_of_a_github_repository():
    assert issues_url("https://github.com/mine-city/report") == "https://github.com/mine-city/report/issues"
    assert issues_url("https://github.com/mine-city/report.git") == "https://github.com/mine-city/report/issues"
    assert issues_url("https://github.com/mine-city/report/") == "https://github.com/mine-city/report/issues"
    assert issues_url("https://gitlab.com/mine-city/report") == ""
    assert issues_url(None) == ""


def test_only_configured_addresses():
    assert contact_links({"extra": {}}) == {}
    assert contact_links({"extra": {"contact": {"url": ""}, "feedback": {"url": " "}}}) == {}
    assert contact_links({"extra": {"contact": {"url": "https://example.org/contact"}}}) == \
        {"contact": "https://example.org/contact"}


def test_feedback_defaults_to_the_repositorys_issue_tracker_and_an_explicit_one_wins():
    conf = {"extra": {}, "repo_url": "https://github.com/o/r"}
    assert contact_links(conf) == {"feedback": "https://github.com/o/r/issues"}
    conf["extra"] = {"feedback": {"url": "https://example.org/feedback"}}
    assert contact_links(conf) == {"feedback": "https://example.org/feedback"}


def test_a_value_that_is_not_a_web_address_is_one_readable_error():
    with pytest.raises(DataError) as err:
        contact_links({"extra": {"contact": {"url": "www.city.mine.lg.jp"}}})
    line = str(err.value)
    assert "\n" not in line and "extra.contact.url" in line and "https://" in line and "ウェブのアドレス" in line
