"""npm never runs a package's install script: vnu-jar's postinstall (the only one in the lock) would
download a Java runtime without a checksum. Java comes from Debian; vnu.jar ships in the package."""
from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_npm_ci_ignores_install_scripts():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    commands = re.findall(r"^\t.*\bnpm (?:ci|install)\b.*$", makefile, re.M)
    assert commands and all("--ignore-scripts" in c for c in commands)
    assert "ignore-scripts=true" in (ROOT / ".npmrc").read_text(encoding="utf-8").splitlines()


def test_the_packages_with_install_scripts_are_known():
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    scripted = sorted(name for name, p in lock["packages"].items() if p.get("hasInstallScript"))
    assert scripted == ["node_modules/vnu-jar"], "a new install script: check what it does, and that the package works without it"
