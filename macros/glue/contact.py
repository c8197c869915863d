"""Where readers can reach the publisher and report a problem with the site: one place in mkdocs.yml.

    extra:
      contact:  {url: …}   # the publisher's contact page
      feedback: {url: …}   # this site's issue tracker; derived from repo_url on GitHub when empty

An address is shown (footer, accessibility page) only when it is configured.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..core.errors import DataError, problem

_GITHUB_REPO = re.compile(r"^https://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+?(?:\.git)?/?$")
_WEB_ADDRESS = re.compile(r"^https?://[^\s/]+\.[^\s]+$")


def issues_url(repo_url: str | None) -> str:
    """A GitHub repository's issue tracker, or '' for anything else."""
    repo_url = (repo_url or "").strip()
    if not _GITHUB_REPO.match(repo_url):
        return ""
    return re.sub(r"(?:\.git)?/?$", "", repo_url) + "/issues"


def _line(config, key: str) -> int | None:
    """The line of extra.<key>.url in mkdocs.yml, for the error message."""
    try:
        lines = Path(config.get("config_file_path")).read_text(encoding="utf-8").splitlines()
    except (OSError, TypeError):
        return None
    for i, text in enumerate(lines):
        if text.strip() == f"{key}:":
            for j in range(i + 1, min(i + 4, len(lines))):
                if lines[j].strip().startswith("url:"):
                    return j + 1
    return None


def _configured(config, extra: dict, key: str) -> str:
    value = (extra.get(key) or {}).get("url") if isinstance(extra.get(key), dict) else None
    url = str(value or "").strip()
    if url and not _WEB_ADDRESS.match(url):
        raise DataError("mkdocs.yml", _line(config, key), f"extra.{key}.url", problem(
            f"「{url}」はウェブのアドレスではありません", f"{url!r} is not a web address",
            "https:// で始まるアドレスにするか、空にしてください", "give an address starting with https://, or leave it empty"))
    return url


def contact_links(config) -> dict[str, str]:
    """{'contact': url, 'feedback': url}, with only the addresses that are configured."""
    extra = config.get("extra") or {}
    links = {"contact": _configured(config, extra, "contact"),
             "feedback": _configured(config, extra, "feedback") or issues_url(config.get("repo_url"))}
    return {k: v for k, v in links.items() if v}
