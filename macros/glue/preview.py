"""The live preview (`mkdocs serve`): what it leaves out, so that an edit shows within seconds.

A deployed build (`mkdocs build`) builds every page. The preview rebuilds both languages after each
edit, and leaves out two kinds of pages that only repeat text the preview already shows:

- every edition's own copy under /editions/<id>/, except the draft edition being prepared
  (the pages at today's addresses show the latest published edition);
- the body of each part of the print page (the report's pages, included once more): the print page
  keeps each part's heading and says, in a note, that the text is on the page it links to.

PREVIEW_FULL=true builds the preview as the deployed site.
"""
from __future__ import annotations

import os

_state = {"serving": False}


def start(command: str) -> None:
    """Called when MkDocs starts (hooks.on_startup): `mkdocs serve` is the live preview."""
    _state["serving"] = command == "serve"


def full() -> bool:
    """PREVIEW_FULL=true: the preview builds every page, as the deployed site does."""
    return os.environ.get("PREVIEW_FULL", "").lower() in ("1", "true", "yes")


def abridged() -> bool:
    """Whether this build is a live preview that leaves out the repeated pages."""
    return _state["serving"] and not full()
