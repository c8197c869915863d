"""The project's notices: seen on every build, yet not counted by `--strict`.

Strict mode fails on any warning of the "mkdocs" logger. Facts about the source report, stale
translations and packages newer than the code was written for must be seen but must not fail the
build, so they go to a logger of their own that prints "NOTICE  -  …".
"""
from __future__ import annotations

import logging
import sys

notice = logging.getLogger("minereport")
if not notice.handlers:
    _h = logging.StreamHandler(sys.stderr)
    _h.setFormatter(logging.Formatter("NOTICE  -  %(message)s"))
    notice.addHandler(_h)
    notice.propagate = False
    notice.setLevel(logging.INFO)
