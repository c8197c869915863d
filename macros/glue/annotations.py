"""Inside GitHub Actions, every one-line error, warning and notice is also printed as a workflow
command (`::error file=…,line=…,title=…::…`), so GitHub shows it on the line of the file in a pull
request's "Files changed" and in the check's summary.

The build's messages already name their place ("data/editions/2024-02/strategies/strategy-1.yaml:18: 1-1-1-1.actual: …");
a logging handler reads that place back from each message. A message may also carry its place as
`extra={"location": (file, line)}` (data notes, which are about a KPI rather than a line of text).
Nothing changes outside GitHub Actions (GITHUB_ACTIONS is not "true").
"""
from __future__ import annotations

import logging
import os
import sys
from typing import TextIO

from ..tools.workflow_commands import (LEVELS, NOTICE_LOGGERS, enabled, place,  # noqa: F401 (tests import them here)
                                      workflow_command)


class WorkflowCommands(logging.Handler):
    """Prints each record of the build's loggers once more as a GitHub workflow command."""

    def __init__(self, stream: TextIO | None = None) -> None:
        super().__init__(logging.INFO)
        self.stream = stream

    def emit(self, record: logging.LogRecord) -> None:
        level = next((name for lvl, name in LEVELS if record.levelno >= lvl), None)
        if level is None or (level == "notice" and not record.name.startswith(NOTICE_LOGGERS)):
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
    for name in ("mkdocs", *NOTICE_LOGGERS):
        logger = logging.getLogger(name)
        if _handler not in logger.handlers:
            logger.addHandler(_handler)
    return True
