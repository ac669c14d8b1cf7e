"""The release workflow: every installer is built on its own runner, signed only for tags, and
with secrets that are named, documented and never written into the file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bundle_kit import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
yaml = pytest.importorskip("yaml")


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return loaded


def steps(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = workflow["jobs"][job]["steps"]
    return found


def test_each_installer_is_built_on_its_own_platform(workflow: dict[str, Any]) -> None:
    runners = {name: job["runs-on"] for name, job in workflow["jobs"].items()}
    assert runners["windows"].startswith("windows-")
    assert runners["macos"].startswith("macos-")
    assert runners["linux"] == "ubuntu-22.04", "the oldest glibc the .deb supports"
    macos = " ".join(step.get("run", "") for step in steps(workflow, "macos"))
    for tool in ("notarytool submit", "stapler staple", "codesign --sign", "DOJO_SMOKE_TEST=1"):
        assert tool in macos
    windows = " ".join(step.get("run", "") for step in steps(workflow, "msi"))
    assert "packaging/windows/sign.sh" in windows and "build_msi.sh" in windows


def test_secrets_are_used_only_when_signing_a_tag(workflow: dict[str, Any]) -> None:
    for name, job in workflow["jobs"].items():
        for step in job["steps"]:
            if "secrets." in str(step):
                assert step.get("if") == "startsWith(github.ref, 'refs/tags/v')", (name, step)


def test_secrets_are_named_and_documented_not_included() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    named = set(re.findall(r"secrets\.([A-Z0-9_]+)", text))
    guide = (ROOT / "packaging" / "README.md").read_text(encoding="utf-8")
    assert named and all(f"`{secret}`" in guide for secret in named)
    assert not re.search(r"BEGIN [A-Z ]*PRIVATE KEY|MII[A-Za-z0-9+/]{40}", text)


def test_scripts_it_runs_exist() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    for script in set(re.findall(r"packaging/[\w/.-]+\.sh", text)):
        assert (ROOT / script).is_file(), script
    assert Path(ROOT / "packaging" / "dojo_desktop.spec").is_file()
