"""The lock file of what goes into the installers: complete, hashed, and in step with
pyproject.toml on every platform an installer is built on."""

from __future__ import annotations

import re
import tomllib

import pytest
from bundle_kit import BUILD_PLATFORMS, LOCK, ROOT, locked_entries, locked_for
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version


def test_every_entry_is_pinned_with_sha256_hashes() -> None:
    entries = locked_entries()
    assert len(entries) > 20
    for name, _version, _marker, hashes in entries:
        assert hashes, f"{name} has no hash"
        assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), name


@pytest.mark.parametrize("environment", BUILD_PLATFORMS, ids=lambda e: e["sys_platform"])
def test_the_lock_satisfies_pyproject_on_each_build_platform(environment: dict[str, str]) -> None:
    """A dependency added or raised in pyproject.toml without `bash packaging/lock.sh` fails
    here, not on a release runner."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [Requirement(r) for r in [*project["dependencies"],
                                       *project["optional-dependencies"]["packaging"]]]
    locked = locked_for(environment)
    for requirement in wanted:
        if requirement.marker is not None and not requirement.marker.evaluate(environment):
            continue
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is not in {LOCK.name}: run bash packaging/lock.sh"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"{name}=={locked[name]} does not meet {requirement}: run bash packaging/lock.sh")


def test_the_lock_never_ships_the_pyside6_release_that_aborts_on_python_311() -> None:
    assert locked_for(BUILD_PLATFORMS[0])["pyside6"] != Version("6.12.0")
