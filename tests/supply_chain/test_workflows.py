"""The GitHub Actions workflows pass zizmor's audit (pinned in requirements.in) with no finding,
offline and at its pedantic level: actions pinned by commit, least-privilege permissions per job,
no persisted checkout credentials."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
ZIZMOR = Path(sys.executable).with_name("zizmor")
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
TAG_COMMENT = re.compile(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def _zizmor(*args: str) -> subprocess.CompletedProcess:
    assert ZIZMOR.is_file(), f"{ZIZMOR} is missing: run `make setup` (zizmor is pinned in requirements.txt)"
    return subprocess.run([str(ZIZMOR), "--offline", "--persona=pedantic", "--no-progress", *args,
                           str(WORKFLOWS)], capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_zizmor_reports_nothing():
    result = _zizmor("--format=json")
    assert result.returncode in (0, 10, 11, 12, 13, 14), result.stderr  # 1x: findings, by severity
    findings = json.loads(result.stdout)
    if findings:
        plain = _zizmor("--format=plain")
        raise AssertionError(f"zizmor: {len(findings)} finding(s)\n{plain.stdout}")
    assert result.returncode == 0


def test_zizmor_does_find_an_unpinned_action(tmp_path):
    """The audit is live: the same run over a workflow with a tag-pinned action reports it."""
    bad = tmp_path / "bad.yml"
    bad.write_text((WORKFLOWS / "check.yml").read_text(encoding="utf-8").replace(
        "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1", "actions/checkout@v7"),
        encoding="utf-8")
    assert "actions/checkout@v7\n" in bad.read_text(encoding="utf-8")
    result = subprocess.run([str(ZIZMOR), "--offline", "--no-progress", "--format=json", str(bad)],
                            capture_output=True, text=True, timeout=120)
    assert "unpinned-uses" in {f["ident"] for f in json.loads(result.stdout)}


def _uses_lines() -> list[tuple[str, str]]:
    return [(path.name, line.strip()) for path in sorted(WORKFLOWS.glob("*.yml"))
            for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"\s*(- )?uses:", line)]


def test_every_pinned_action_names_its_release():
    """A commit alone says nothing to a reader: the release tag it was taken from follows it."""
    lines = _uses_lines()
    assert len(lines) >= 8
    for name, line in lines:
        target = line.split("uses:", 1)[1].split("#")[0].strip()
        if target.startswith("$/"):  # this repository's own reusable workflow
            continue
        assert PINNED.match(target) and TAG_COMMENT.search(line), f"{name}: {line}"


def test_every_job_declares_its_permissions():
    for path in sorted(WORKFLOWS.glob("*.yml")):
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert workflow.get("permissions") == {}, f"{path.name}: the workflow grants nothing by default"
        for job_id, job in workflow["jobs"].items():
            assert "permissions" in job, f"{path.name}: job {job_id} must say which permissions it uses"


def test_only_main_is_deployed():
    """workflow_dispatch lets anyone with write access start a run on any branch: every job of the deploy
    workflow runs only on main, so the published site always comes from main."""
    deploy = yaml.safe_load((WORKFLOWS / "deploy.yml").read_text(encoding="utf-8"))
    jobs = deploy["jobs"]
    assert {"build", "deploy"} <= set(jobs)
    assert all(job.get("if") == "github.ref == 'refs/heads/main'" for job in jobs.values())
