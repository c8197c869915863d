"""The broken-input corpus is built once per test run and shared by its tests and the error catalogue.

Under pytest-xdist the two files may run on different workers: the first to ask builds the corpus and
writes its outcomes beside the run's other shared builds (made_once); the other reads them.
"""
from __future__ import annotations

import dataclasses
import json

import pytest

from tests.broken.test_broken import Outcome, run_all
from tests.conftest import made_once


@pytest.fixture(scope="session")
def outcomes(tmp_path_factory) -> dict[str, Outcome]:
    def make(folder):
        found = {case_id: dataclasses.asdict(o) for case_id, o in run_all().items()}
        (folder / "outcomes.json").write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
    shared = made_once(tmp_path_factory, "broken-corpus", make)
    found = json.loads((shared / "outcomes.json").read_text(encoding="utf-8"))
    return {case_id: Outcome(**o) for case_id, o in found.items()}
