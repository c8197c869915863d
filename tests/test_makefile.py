"""The Makefile passes every value given to make to its command as one quoted argument, after checking its form.

Each test runs the real Makefile in a scratch folder, with PY replaced by a script that records the
arguments it was given (the targets' setup step is skipped with -o), so a value that would run a command
shows up as a file in that folder.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RECORDER = "import json, sys\nopen('args.json', 'a').write(json.dumps(sys.argv[1:]) + '\\n')\n"


def make(tmp_path: Path, target: str, **values: str) -> tuple[subprocess.CompletedProcess, list[list[str]]]:
    shutil.copy2(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "rec.py").write_text(RECORDER, encoding="utf-8")
    args = ["make", "--no-print-directory", "-s", "-o", "setup-python", "-o", "setup", "-o", "setup-browser", "-o", "build", "-o", "check", "-o", "check-pages", target,
            "PY=python3 rec.py"] + [f"{k}={v}" for k, v in values.items()]
    run = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    rec = tmp_path / "args.json"
    calls = [json.loads(line) for line in rec.read_text().splitlines()] if rec.exists() else []
    return run, calls


@pytest.mark.parametrize("target,values,expected", [
    ("import-sheet", {"SHEET": "評価 シート (1).xlsx"}, ["-m", "macros.sheet", "import", "評価 シート (1).xlsx"]),
    ("sheet", {"SHEET": "it's \"ours\" $HOME.xlsx"}, ["-m", "macros.sheet", "export", "it's \"ours\" $HOME.xlsx"]),
    ("new-edition", {"EDITION": "2025-02", "FY": "2023"}, ["-m", "macros.edition", "new", "2025-02", "--fy", "2023"]),
    ("publish-edition", {"EDITION": "2025-02"}, [["-m", "macros.edition", "fingerprint", "2025-02"],
                                                 ["-m", "macros.edition", "publish", "2025-02"]]),
    ("correct", {"EDITION": "2024-02", "WHAT_JA": "誤記; touch x", "WHAT_EN": "a \"typo\" $HOME", "WHY_JA": "`touch x`",
                 "WHY_EN": "$(touch x)"},
     [["-m", "macros.edition", "fingerprint", "2024-02"],
      ["-m", "macros.edition", "correct", "2024-02", "--date", "", "--what-ja", "誤記; touch x", "--what-en",
       "a \"typo\" $HOME", "--why-ja", "`touch x`", "--why-en", "$(touch x)"]]),
    ("stamp", {"PAGES": "docs/a.en.md docs/b.en.md"}, ["-m", "macros.translations", "--stamp", "docs/a.en.md",
                                                         "docs/b.en.md"]),
    ("pdf", {"PDF_FLAGS": "--require"}, ["-m", "macros.tools.pdf", "site/", "--require"]),
    ("pdf", {}, ["-m", "macros.tools.pdf", "site/"]),
    ("update-engine", {"FROM": "../エンジン$HOME@v0.5.0"}, ["-m", "macros.tools.update_engine", "../エンジン$HOME@v0.5.0"]),
    ("update-engine", {"FROM": "https://example.org/engine.git@v1", "OVERWRITE": "yes"},
     ["-m", "macros.tools.update_engine", "https://example.org/engine.git@v1", "--overwrite"]),
    ("new-site", {"DIR": "../架空 町 $HOME", "ANSWERS": "回答 (1).yaml"},
     ["-m", "macros.tools.new_site", "../架空 町 $HOME", "回答 (1).yaml"]),
    ("plan-sheet", {"ANSWERS": "it's $HOME.yml"}, ["-m", "macros.tools.plan_sheet", "it's $HOME.yml"]),
    ("plan-sheet", {"ANSWERS": "answers.yaml", "EXAMPLE": "yes"},
     ["-m", "macros.tools.plan_sheet", "answers.yaml", "--example"]),
])
def test_each_value_reaches_the_command_as_given(tmp_path, target, values, expected):
    run, calls = make(tmp_path, target, **values)
    assert run.returncode == 0, run.stderr
    assert calls == (expected if isinstance(expected[0], list) else [expected])
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("target,values,name", [
    ("new-edition", {"EDITION": "2025-02; touch x", "FY": "2023"}, "EDITION"),
    ("new-edition", {"EDITION": "2025-02", "FY": "2023 `touch x`"}, "FY"),
    ("publish-edition", {"EDITION": "$(touch x)2025-02"}, "EDITION"),
    ("correct", {"EDITION": "2024-02", "DATE": "2025-03-10; touch x"}, "DATE"),
    ("publish-edition", {"EDITION": "2025-02\ntouch x"}, "EDITION"),
    ("import-sheet", {"SHEET": "a.xlsx; touch x"}, "SHEET"),
    ("import-sheet", {"SHEET": "--help.xlsx"}, "SHEET"),
    ("stamp", {"PAGES": "docs/a.en.md; touch x"}, "PAGES"),
    ("pdf", {"PDF_FLAGS": "--require; touch x"}, "PDF_FLAGS"),
    ("lock", {"LOCK_ARGS": "--upgrade; touch x"}, "LOCK_ARGS"),
    ("test-browser", {"PYTEST_WORKERS": "2 && touch x"}, "PYTEST_WORKERS"),
    ("update-engine", {"FROM": "../engine; touch x"}, "FROM"),
    ("update-engine", {"FROM": "--upload-pack=touch x"}, "FROM"),
    ("update-engine", {"FROM": "../engine", "OVERWRITE": "yes; touch x"}, "OVERWRITE"),
    ("new-site", {"DIR": "--help", "ANSWERS": "answers.yaml"}, "DIR"),
    ("new-site", {"DIR": "../town\ntouch x", "ANSWERS": "answers.yaml"}, "DIR"),
    ("new-site", {"DIR": "../town", "ANSWERS": "answers.yaml; touch x"}, "ANSWERS"),
    ("new-site", {"ANSWERS": "answers.yaml"}, "DIR"),
    ("plan-sheet", {"ANSWERS": "-answers.yaml"}, "ANSWERS"),
    ("plan-sheet", {"ANSWERS": "answers.yaml", "EXAMPLE": "yes; touch x"}, "EXAMPLE"),
])
def test_a_value_of_the_wrong_form_is_refused_and_never_runs(tmp_path, target, values, name):
    run, calls = make(tmp_path, target, **values)
    assert run.returncode != 0
    assert not (tmp_path / "x").exists(), "the injected command ran"
    assert calls == [] and not (tmp_path / ".venv-lock").exists()
    # make's own "*** … Error 2" line; make[1] when the suite itself runs under make (make test).
    lines = [line for line in run.stderr.splitlines() if not re.match(r"make(\[\d+\])?: \*\*\*", line)]
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith(f"make: {name}: ") and " / " in lines[0] and re.search(r"[\u3040-\u30ff]", lines[0])


def test_no_recipe_pastes_a_value_given_to_make():
    """$(SHEET) in a recipe would be pasted into the command before the shell reads it; "$$SHEET" is not."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    exported = re.search(r"^VALUES := ((?:[A-Z_]+ ?)+)$", text, re.M).group(1).split()
    assert {"SHEET", "EDITION", "FY", "PAGES", "PDF_FLAGS"} <= set(exported)
    recipes = [line for line in text.splitlines() if line.startswith("\t")]
    pasted = [line for line in recipes for name in exported if f"$({name})" in line or f"${{{name}}}" in line]
    assert not pasted
    for name in exported:
        assert re.search(rf"^{name}_FORM := \^", text, re.M), f"{name} has no form to check"
        assert f"$(call check,{name}," in text, f"{name} is never checked"


@pytest.mark.parametrize("target", ["serve", "test", "test-editor", "test-browser", "test-slow"])
def test_the_preview_and_the_tests_follow_the_check_not_the_deploy_build(target):
    """make serve shows drafts, and the tests build the site to deploy themselves: both run after the check
    (which builds drafts), never after the deploy build, which refuses a site whose only edition is a draft
    (a new site from make new-site)."""
    run = subprocess.run(["make", "-n", "-p", target], cwd=ROOT, capture_output=True, text=True, timeout=60)
    rule = next(line for line in run.stdout.splitlines() if line.startswith(f"{target}:"))
    prerequisites = rule.split(":", 1)[1].split()
    assert "check" in prerequisites and "build" not in prerequisites, rule
