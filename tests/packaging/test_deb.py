"""The .deb: its layout, lintian, its Depends, both signatures, and a real install with dpkg."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from bundle_kit import PACKAGING, external_libraries, needs_builds, run_self_test

pytestmark = [
    pytest.mark.slow, needs_builds,
    pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg (Debian, Ubuntu)"),
]
SIZE_GOAL = 40_000_000  # bytes; about 35 MB built (xz)
LINUX = PACKAGING / "linux"


def run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, cwd=cwd,
                          timeout=900)


def field(deb: Path, name: str) -> str:
    return run("dpkg-deb", "-f", deb, name).stdout.strip()


def depends_groups(deb: Path) -> list[list[str]]:
    """Depends as groups of alternative package names (versions dropped)."""
    return [[re.sub(r"\s*\(.*\)", "", alt).strip() for alt in group.split("|")]
            for group in field(deb, "Depends").split(",")]


def installed(package: str) -> bool:
    status = run("dpkg-query", "-W", "-f=${Status}", package).stdout
    return status == "install ok installed"


def require(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (apt-get install {' '.join(missing)})")


def test_layout_and_size(deb_file: Path) -> None:
    size = deb_file.stat().st_size
    print(f"{deb_file.name}: {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB)")
    assert size <= SIZE_GOAL
    assert "data.tar.xz" in run("ar", "t", deb_file).stdout
    listing = run("dpkg-deb", "-c", deb_file).stdout
    for entry in ("./opt/dojo-desktop/dojo-desktop",
                  "./usr/bin/dojo-desktop -> /opt/dojo-desktop/dojo-desktop",
                  "./usr/share/applications/dojo-desktop.desktop",
                  "./usr/share/icons/hicolor/scalable/apps/dojo-desktop.svg",
                  "./usr/share/man/man1/dojo-desktop.1.gz",
                  "./usr/share/doc/dojo-desktop/copyright"):
        assert entry in listing, entry
    assert field(deb_file, "Package") == "dojo-desktop"


def test_lintian_finds_no_errors(deb_file: Path) -> None:
    require("lintian")
    lines = run("lintian", "--no-tag-display-limit", deb_file).stdout.splitlines()
    warnings = sorted({re.sub(r" \[.*", "", line) for line in lines if line.startswith("W:")})
    print("lintian warnings:", *warnings, sep="\n  ")
    assert [line for line in lines if line.startswith("E:")] == []


def test_depends_name_exactly_the_system_libraries_the_bundle_needs(
        bundle_dir: Path, deb_file: Path) -> None:
    groups = depends_groups(deb_file)
    owners: dict[str, str] = {}
    for soname in external_libraries(bundle_dir):
        found = run("dpkg", "-S", f"*/{soname}").stdout.splitlines()
        owners[soname] = found[0].split(":")[0] if found else ""
    unowned = [soname for soname, owner in owners.items() if not owner]
    assert unowned == [], "install the packages that provide these to check them"
    undeclared = {s: o for s, o in owners.items() if not any(o in g for g in groups)}
    assert undeclared == {}, "add these packages to packaging/linux/depends"
    unneeded = [g for g in groups if not set(g) & set(owners.values())]
    assert unneeded == [], "nothing in the bundle needs these"


@pytest.fixture
def gnupg_home() -> Iterator[Path]:
    """A throwaway GnuPG home (short path: gpg-agent's socket must fit in 108 bytes)."""
    home = Path(tempfile.mkdtemp(prefix="gpg-"))
    home.chmod(0o700)
    try:
        yield home
    finally:
        run("gpgconf", "--homedir", home, "--kill", "all")
        shutil.rmtree(home, ignore_errors=True)


def test_signatures_verify_and_one_changed_byte_fails(
        deb_file: Path, gnupg_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require("gpg", "debsigs", "debsig-verify")
    monkeypatch.setenv("GNUPGHOME", str(gnupg_home))
    assert run("gpg", "--batch", "--passphrase", "", "--quick-gen-key",
               "Dojo Desktop test release <release@dojo-desktop.example>", "rsa3072", "sign",
               "1d").returncode == 0
    key = next(line.split(":")[4] for line in run("gpg", "--with-colons", "--list-keys")
               .stdout.splitlines() if line.startswith("pub:"))
    signed = run("bash", LINUX / "sign_deb.sh", key, deb_file)
    assert signed.returncode == 0, signed.stderr
    folder = deb_file.parent
    assert run("gpg", "--verify", folder / "SHA256SUMS.asc", folder / "SHA256SUMS").returncode == 0
    assert run("sha256sum", "--check", "SHA256SUMS", cwd=folder).returncode == 0
    (tmp_path / "release.asc").write_text(run("gpg", "--armor", "--export", key).stdout)
    root = tmp_path / "root"
    assert run("bash", LINUX / "debsig_policy.sh", tmp_path / "release.asc", root).returncode == 0
    verify: list[str | Path] = ["debsig-verify", "--policies-dir", root / "etc/debsig/policies",
              "--keyrings-dir", root / "usr/share/debsig/keyrings"]
    good = run(*verify, deb_file)
    assert good.returncode == 0, good.stdout + good.stderr
    packets = subprocess.run(["gpg", "--list-packets"], input=subprocess.run(
        ["ar", "p", str(deb_file), "_gpgorigin"], capture_output=True, check=True).stdout,
        capture_output=True, check=True).stdout.decode()
    assert "digest algo 8," in packets, "debsigs signature uses SHA-256"

    tampered = tmp_path / "tampered" / deb_file.name
    tampered.parent.mkdir()
    data = bytearray(deb_file.read_bytes())
    data[len(data) // 2] ^= 0x01  # inside data.tar.xz, which is almost all of the file
    tampered.write_bytes(data)
    shutil.copy(folder / "SHA256SUMS", tampered.parent)
    assert run(*verify, tampered).returncode == 13, "debsig-verify: failed verification"
    assert run("sha256sum", "--check", "SHA256SUMS", cwd=tampered.parent).returncode != 0


def test_installs_runs_and_removes_with_dpkg(deb_file: Path, tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("installing with dpkg needs root")
    if installed("dojo-desktop"):
        pytest.skip("dojo-desktop is installed on this machine; the test would replace it")
    missing = [" | ".join(g) for g in depends_groups(deb_file) if not any(map(installed, g))]
    if missing:
        pytest.skip(f"Depends not installed: {', '.join(missing)} (scripts/test installs them)")
    install = run("dpkg", "-i", deb_file)
    assert install.returncode == 0, install.stdout + install.stderr
    try:
        launcher = Path("/usr/bin/dojo-desktop")
        assert launcher.resolve() == Path("/opt/dojo-desktop/dojo-desktop")
        report = run_self_test(launcher, tmp_path / "data", {"QT_QPA_PLATFORM": "offscreen"})
        assert report["ok"] is True, report
        assert Path("/usr/share/icons/hicolor/scalable/apps/dojo-desktop.svg").is_file()
        if shutil.which("desktop-file-validate"):
            desktop = "/usr/share/applications/dojo-desktop.desktop"
            assert run("desktop-file-validate", desktop).stdout == ""
    finally:
        removed = run("dpkg", "--purge", "dojo-desktop")
    assert removed.returncode == 0, removed.stdout + removed.stderr
    assert not Path("/opt/dojo-desktop").exists()
    assert not Path("/usr/bin/dojo-desktop").exists()
