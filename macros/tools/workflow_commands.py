"""GitHub workflow commands (`::error file=…,line=…,title=…::…`): GitHub shows each on the line of the
file in a pull request's "Files changed". Pure text functions, used by the build's logging handler
(glue/annotations.py) and by the command-line checks (tools/edition_cli.py).
"""
from __future__ import annotations

import logging
import os
import re

# "docs/index.md:11: link: …", "data/editions/2024-02/report.yaml: columns: …" (no line), "docs/x.en.md was translated …"
_PLACE = re.compile(r"^(?P<file>(?:docs|data|overrides)/[^\s:]+)(?::(?P<line>\d+))?:?\s")
LEVELS = ((logging.ERROR, "error"), (logging.WARNING, "warning"), (logging.INFO, "notice"))
TITLES = {"error": "ビルドエラー / Build error", "warning": "警告 / Warning", "notice": "お知らせ / Notice"}
# Only our own notices become annotations: MkDocs' routine INFO lines ("Building documentation…") do not.
NOTICE_LOGGERS = ("minereport",)


def enabled(environ=os.environ) -> bool:
    return environ.get("GITHUB_ACTIONS") == "true"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(level: str, message: str, file: str | None = None, line: int | None = None,
                     title: str | None = None) -> str:
    """One workflow command line, escaped as GitHub's toolkit escapes it."""
    props = []
    if file:
        props.append(f"file={_escape_property(file)}")
        if line:
            props.append(f"line={int(line)}")
    props.append(f"title={_escape_property(title or TITLES[level])}")
    return f"::{level} {','.join(props)}::{_escape_data(message)}"


def place(message: str) -> tuple[str | None, int | None]:
    """The file and line a one-line message names at its start, if any."""
    m = _PLACE.match(message)
    if not m:
        return None, None
    return m["file"], int(m["line"]) if m["line"] else None


def annotate(message: str, level: str = "error") -> None:
    """Inside GitHub Actions, print a one-line message once more as a workflow command on its place."""
    if enabled():
        file, line = place(message)
        print(workflow_command(level, message, file, line), flush=True)
