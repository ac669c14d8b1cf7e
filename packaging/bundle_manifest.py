"""What a built bundle holds: the libraries it was built from and every file in it.

    python packaging/bundle_manifest.py BUNDLE_DIR > dist/dojo-desktop.manifest

Run by build.sh with the build environment's Python, so the versions are the ones the bundle
was made from. ``packaging/linux/bundle-manifest.txt`` is the manifest of a Linux build of
this commit; the packaging tests compare each new build with it, so two machines that build
the same commit ship the same files at the same versions.
"""

from __future__ import annotations

import importlib.metadata
import re
import sys
from pathlib import Path

LEFT_OUT = {"pip"}  # the build environment's installer, never part of the bundle


def distributions() -> list[str]:
    """``name==version`` of each library in this environment, names normalised (PEP 503)."""
    found = set()
    for dist in importlib.metadata.distributions():
        name = re.sub(r"[-_.]+", "-", dist.metadata["Name"]).lower()
        if name not in LEFT_OUT:
            found.add(f"{name}=={dist.version}")
    return sorted(found)


def files(bundle: Path) -> list[str]:
    """Each file's path in the bundle; a symbolic link as ``path -> target``."""
    listed = []
    for path in bundle.rglob("*"):
        name = path.relative_to(bundle).as_posix()
        if path.is_symlink():
            listed.append(f"{name} -> {path.readlink().as_posix()}")
        elif path.is_file():
            listed.append(name)
    return sorted(listed)


def manifest(bundle: Path) -> str:
    return "\n".join(["# libraries", *distributions(), "# files", *files(bundle)]) + "\n"


def parse(text: str) -> dict[str, list[str]]:
    """The manifest's sections by heading (``libraries``, ``files``)."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in text.splitlines():
        if line.startswith("# "):
            current = sections.setdefault(line[2:], [])
        elif line:
            current.append(line)
    return sections


if __name__ == "__main__":
    sys.stdout.write(manifest(Path(sys.argv[1])))
