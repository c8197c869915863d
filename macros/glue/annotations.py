"""Inside GitHub Actions, every one-line error, warning and notice is also printed as a workflow
command (`::error file=…,line=…,title=…::…`), so GitHub shows it on the line of the file in a pull
request's "Files changed" and in the check's summary.

The build's messages already name their place ("data/strategies/strategy-1.yaml:18: 1-1-1-1.actual: …");
a logging handler reads that place back from each message. A message may also carry its place as
`extra={"location": (file, line)}` (data notes, which are about a KPI rather than a line of text).
Nothing changes outside GitHub Actions (GITHUB_ACTIONS is not "true").
"""
from __future__ import annotations

import logging
import os
import re
import sys
from typing import TextIO

# "docs/index.md:11: link: …", "data/report.yaml: columns: …" (no line), "docs/x.en.md was translated …"
_PLACE = re.compile(r"^(?P<file>(?:docs|data|overrides)/[^\s:]+)(?::(?P<line>\d+))?:?\s")
_LEVELS = ((logging.ERROR, "error"), (logging.WARNING, "warning"), (logging.INFO, "notice"))
TITLES = {"error": "ビルドエラー / Build error", "warning": "警告 / Warning", "notice": "お知らせ / Notice"}
# Only our own notices become annotations: MkDocs' routine INFO lines ("Building documentation…") do not.
_NOTICE_LOGGERS = ("minereport",)


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


class WorkflowCommands(logging.Handler):
    """Prints each record of the build's loggers once more as a GitHub workflow command."""

    def __init__(self, stream: TextIO | None = None) -> None:
        super().__init__(logging.INFO)
        self.stream = stream

    def emit(self, record: logging.LogRecord) -> None:
        level = next((name for lvl, name in _LEVELS if record.levelno >= lvl), None)
        if level is None or (level == "notice" and not record.name.startswith(_NOTICE_LOGGERS)):
            return
        try:
            message = " ".join(record.getMessage().split())
        except Exception:   # a malformed record must never break the build's own logging
            return
        file, line = getattr(record, "location", None) or place(message)
        stream = self.stream or sys.stdout
        stream.write(workflow_command(level, message, file, line) + "\n")
        stream.flush()


_handler = WorkflowCommands()


def install(environ=os.environ) -> bool:
    """Attach the handler to MkDocs' logger and to the project's notices, once per process."""
    if not enabled(environ):
        return False
    for name in ("mkdocs", *_NOTICE_LOGGERS):
        logger = logging.getLogger(name)
        if _handler not in logger.handlers:
            logger.addHandler(_handler)
    return True
