"""The built artefacts, made once per test session (see bundle_kit.needs_builds)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from bundle_kit import BUILD, PACKAGING, ROOT


@pytest.fixture(scope="session")
def bundle_dir() -> Path:
    """dist/dojo-desktop, built by packaging/build.sh (or as it is, with =reuse)."""
    bundle = ROOT / "dist" / "dojo-desktop"
    if BUILD != "reuse" or not bundle.is_dir():
        subprocess.run(["bash", str(PACKAGING / "build.sh"), "bundle"], cwd=ROOT, check=True,
                       timeout=1800)
    return bundle


@pytest.fixture(scope="session")
def deb_file(bundle_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .deb in a folder of its own (tests sign it in place), built from ``bundle_dir``."""
    out = tmp_path_factory.mktemp("deb")
    built = sorted((ROOT / "dist").glob("dojo-desktop_*.deb"))
    if BUILD == "reuse" and built:
        shutil.copy2(built[-1], out)
    else:
        subprocess.run(["bash", str(PACKAGING / "linux" / "build_deb.sh"), str(bundle_dir),
                        str(out)], check=True, timeout=1800)
    return next(out.glob("dojo-desktop_*.deb"))
