"""The installable package: every source package is listed, and resources install with it."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_on_disk_is_listed() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT / "src").parts)
        for init in (ROOT / "src").rglob("__init__.py")
    } | {"dojo_desktop.resources"}
    assert listed == on_disk


@pytest.mark.slow
def test_wheel_carries_resources_and_migrations(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                    "-q", "-w", str(tmp_path), str(ROOT)], check=True, timeout=300)
    wheel = next(tmp_path.glob("dojo_desktop-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in ("dojo_desktop/resources/sounds/award_positive.wav",
                     "dojo_desktop/resources/sounds/award_needs_work.wav",
                     "dojo_desktop/resources/icons/app.svg",
                     "dojo_desktop/store/migrations/env.py",
                     "dojo_desktop/store/migrations/script.py.mako",
                     "dojo_desktop/store/migrations/versions/0001_initial.py",
                     "dojo_server/db/migrations/versions/0004_family_mail.py",
                     "dojo_server/portal/templates/base.html",
                     "dojo_server/portal/static/portal.css",
                     "dojo_server/portal/locale/ar/LC_MESSAGES/messages.mo",
                     "dojo_server/portal/locale/es/LC_MESSAGES/messages.mo"):
        assert expected in names
