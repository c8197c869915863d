"""The broken-input corpus is built once per session and shared by its tests and the error catalogue."""
from __future__ import annotations

import pytest

from tests.broken.test_broken import Outcome, run_all


@pytest.fixture(scope="session")
def outcomes() -> dict[str, Outcome]:
    return run_all()
