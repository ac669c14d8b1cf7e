"""For the packaging tests: the lock file, ELF facts about a bundle, its self-test, and
display/sound servers."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))
import bundle_rules as bundle_rules  # noqa: E402 (re-exported for the tests)

BUILD = os.environ.get("DOJO_BUILD_PACKAGES", "")
needs_builds = pytest.mark.skipif(
    not BUILD, reason="builds the bundle and the .deb, which takes minutes: set "
    "DOJO_BUILD_PACKAGES=1 to build and test them (=reuse tests what dist/ already holds)")


LOCK = PACKAGING / "bundle-requirements.txt"  # what goes into the installers
# Where installers are built (release.yml): the same Python on each runner's platform.
BUILD_PLATFORMS = [
    {"sys_platform": sys_platform, "platform_system": system, "python_version": "3.11",
     "python_full_version": "3.11.7", "implementation_name": "cpython",
     "platform_python_implementation": "CPython", "os_name": os_name,
     "platform_machine": machine, "extra": ""}
    for sys_platform, system, os_name, machine in (("linux", "Linux", "posix", "x86_64"),
                                                   ("win32", "Windows", "nt", "AMD64"),
                                                   ("darwin", "Darwin", "posix", "arm64"))]


def locked_entries() -> list[tuple[str, Version, Marker | None, list[str]]]:
    """(name, version, marker, hashes) of each entry; the text folded over its backslashes."""
    text = re.sub(r"\\\n\s*", " ", LOCK.read_text(encoding="utf-8"))
    entries = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        spec, *hashes = re.split(r"\s+--hash=", line.strip())
        requirement = Requirement(spec)
        pins = [s for s in requirement.specifier if s.operator == "=="]
        assert len(pins) == 1 and len(requirement.specifier) == 1, f"not pinned: {spec}"
        entries.append((canonicalize_name(requirement.name), Version(pins[0].version),
                        requirement.marker, hashes))
    return entries


def locked_for(environment: dict[str, str]) -> dict[str, Version]:
    return {name: version for name, version, marker, _ in locked_entries()
            if marker is None or marker.evaluate(environment)}


def elf_files(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def external_libraries(folder: Path) -> dict[str, list[str]]:
    """Each soname some ELF file in ``folder`` needs that ``folder`` does not hold -> users."""
    inside = {path.name for path in folder.rglob("*")}
    outside: dict[str, list[str]] = {}
    for path in elf_files(folder):
        for soname in bundle_rules.needed_libraries(str(path)):
            if soname not in inside:
                outside.setdefault(soname, []).append(str(path.relative_to(folder)))
    return outside


def search_paths(path: Path) -> list[str]:
    out = subprocess.run(["readelf", "-d", "-W", str(path)], capture_output=True, text=True,
                         check=True).stdout
    return re.findall(r"\((?:RUNPATH|RPATH)\)\s+Library (?:runpath|rpath): \[([^\]]*)\]", out)


def newest_symbol_version(folder: Path, prefix: str) -> tuple[int, ...]:
    """The newest ``prefix`` symbol version (GLIBC_, GLIBCXX_) any file in ``folder`` needs."""
    newest: tuple[int, ...] = (0,)
    pattern = re.compile(rf"\b{re.escape(prefix)}(\d+(?:\.\d+)*)\b")
    for path in elf_files(folder):
        out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True).stdout
        for version in pattern.findall(out):
            newest = max(newest, tuple(int(part) for part in version.split(".")))
    return newest


def run_self_test(program: Path, data_dir: Path, env: dict[str, str],
                  timeout: float = 120) -> dict[str, object]:
    """``DOJO_SMOKE_TEST=1 program DATA_DIR``: the report, after checking it exited 0."""
    done = subprocess.run([str(program), str(data_dir)], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **env, "DOJO_SMOKE_TEST": "1"})
    report: dict[str, object] = json.loads(
        (data_dir / "smoke-report.json").read_text(encoding="utf-8"))
    assert done.returncode == 0, f"{report}\n{done.stderr[-1500:]}"
    return report


def _wait_for(path: Path, process: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + 15
    while not path.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    if not path.exists():
        process.kill()
        process.wait(timeout=10)
        pytest.fail(f"{what} did not start")


@contextmanager
def _server(command: list[str], ready: Path, what: str,
            env: dict[str, str]) -> Iterator[None]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, **env})
    try:
        _wait_for(ready, process, what)
        yield
    finally:
        process.terminate()
        process.wait(timeout=15)


@contextmanager
def pulse_server(folder: Path) -> Iterator[dict[str, str]]:
    """A private PulseAudio daemon with a null sink; yields the environment that finds it."""
    binary = shutil.which("pulseaudio")
    if binary is None:
        pytest.skip("PulseAudio is not installed (apt-get install pulseaudio)")
    runtime = folder / "pulse-runtime"
    runtime.mkdir(mode=0o700)
    env = {"XDG_RUNTIME_DIR": str(runtime), "PULSE_RUNTIME_PATH": str(runtime / "pulse")}
    with _server([binary, "-n", "--daemonize=no", "--exit-idle-time=-1", "--disable-shm=yes",
                  "-L", "module-null-sink sink_name=dojo_test",
                  "-L", "module-native-protocol-unix"],
                 runtime / "pulse" / "native", "PulseAudio", env):
        yield env


@contextmanager
def wayland_compositor(folder: Path) -> Iterator[dict[str, str]]:
    """Weston without a screen (headless backend); yields the environment that finds it."""
    binary = shutil.which("weston")
    if binary is None:
        pytest.skip("Weston is not installed (apt-get install weston)")
    runtime = folder / "wayland-runtime"
    runtime.mkdir(mode=0o700)
    env = {"XDG_RUNTIME_DIR": str(runtime), "WAYLAND_DISPLAY": "dojo-test"}
    with _server([binary, "--backend=headless-backend.so", "--socket=dojo-test",
                  "--idle-time=0"], runtime / "dojo-test", "Weston", env):
        yield env
