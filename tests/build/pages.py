"""Reading the built site's pages in the build tests."""
from __future__ import annotations

from pathlib import Path


def page(site: Path, lang: str, path: str) -> str:
    """The HTML of a built page: path like "strategy-1" in the Japanese site, or under en/ in English."""
    base = site if lang == "ja" else site / "en"
    return (base / path / "index.html").read_text(encoding="utf-8")
