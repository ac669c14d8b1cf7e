"""The Windows installer, as far as Linux can check it: the MSI builds with wixl and reads back
with msiinfo; sign.sh signs real PE files and the MSI, timestamped by a local RFC 3161 server,
and a one-byte change breaks the signature. Fast: a stand-in bundle, no PyInstaller build."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

import pip
import pytest
from bundle_kit import PACKAGING
from pki import Issued, issue, make_ca
from timestamp_server import timestamp_server

WINDOWS = PACKAGING / "windows"
SETTINGS = {"ServerUrl": "SERVER_URL", "SchoolId": "SCHOOL_ID", "EnrollCode": "ENROLL_CODE",
            "CaBundle": "CA_BUNDLE", "WhiteboardMode": "WHITEBOARD",
            "StartAtLogin": "AUTOSTART", "PrivacyMode": "PRIVACY_MODE",
            "SoundDefault": "SOUND_DEFAULT"}


def require(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (apt-get install wixl msitools osslsigncode)")


def launchers() -> list[Path]:
    """Real Windows PE files that ship inside pip and setuptools."""
    found = [Path(pip.__file__).parent / "_vendor" / "distlib" / "t64.exe"]
    setuptools = importlib.util.find_spec("setuptools")  # found, not imported: it patches
    if setuptools is not None and setuptools.origin is not None:
        found.append(Path(setuptools.origin).parent / "cli-64.exe")
    return [path for path in found if path.is_file()]


def table(msi: Path, name: str) -> list[list[str]]:
    out = subprocess.run(["msiinfo", "export", str(msi), name], capture_output=True, text=True,
                         check=True).stdout
    return [row.split("\t") for row in out.splitlines()[3:]]  # after names, types, key


@pytest.fixture(scope="module")
def msi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The MSI of a stand-in bundle: the launcher as dojo-desktop.exe, and a data file."""
    require("wixl", "wixl-heat", "msibuild", "msiinfo")
    folder = tmp_path_factory.mktemp("msi")
    bundle = folder / "dojo-desktop"
    (bundle / "_internal").mkdir(parents=True)
    shutil.copy(launchers()[0], bundle / "dojo-desktop.exe")
    (bundle / "_internal" / "base_library.zip").write_bytes(b"stand-in")
    out = folder / "dojo-desktop.msi"
    subprocess.run(["bash", str(WINDOWS / "build_msi.sh"), str(bundle), str(out), "1.2.3"],
                   check=True, capture_output=True, timeout=300)
    return out


def test_msi_is_a_per_machine_x64_product_msiinfo_can_read(msi: Path) -> None:
    summary = subprocess.run(["msiinfo", "suminfo", str(msi)], capture_output=True, text=True,
                             check=True).stdout
    assert "Template: x64;1033" in summary
    properties = dict(row[:2] for row in table(msi, "Property"))
    assert properties["ProductName"] == "Dojo Desktop"
    assert properties["ProductVersion"] == "1.2.3"
    assert properties["ALLUSERS"] == "1", "per-machine"
    files = {row[2].split("|")[-1] for row in table(msi, "File")}
    assert {"dojo-desktop.exe", "base_library.zip"} <= files
    shortcuts = table(msi, "Shortcut")
    assert [(s[1], s[4]) for s in shortcuts] == [
        ("ProgramMenuFolder", "[INSTALLDIR]dojo-desktop.exe")]


def test_msi_writes_each_given_property_as_a_policy_that_outlives_upgrades(msi: Path) -> None:
    registry = {row[3]: row for row in table(msi, "Registry")}
    components = {row[0]: row for row in table(msi, "Component")}
    for value_name, msi_property in SETTINGS.items():
        row = registry[value_name]
        assert row[1:3] == ["2", r"SOFTWARE\Policies\DojoDesktop"], "HKLM policy key"
        assert msi_property in row[4]
        component = components[row[5]]
        assert component[4] == msi_property, "written only when the property is given"
        assert int(component[3]) & 16, "permanent: uninstall and upgrade keep what IT set"
    run_key = registry["DojoDesktop"]
    assert run_key[2] == r"SOFTWARE\Microsoft\Windows\CurrentVersion\Run"
    assert "--full-screen" in run_key[4]
    assert components[run_key[5]][4] == 'AUTOSTART = "1"'
    secure = dict(row[:2] for row in table(msi, "Property"))["SecureCustomProperties"]
    assert set(SETTINGS.values()) <= set(secure.split(";"))


def test_every_managed_setting_has_an_msi_property() -> None:
    from dojo_desktop.managed_settings import VALUE_NAMES

    assert set(SETTINGS) == set(VALUE_NAMES.values())
    guide = (PACKAGING / "README.md").read_text(encoding="utf-8")
    for value_name, msi_property in SETTINGS.items():
        assert f"`{value_name}`" in guide and f"`{msi_property}`" in guide


def flip_byte(path: Path, marker: bytes, offset: int) -> None:
    """Change one byte ``offset`` bytes after ``marker`` (inside what the signature covers)."""
    data = bytearray(path.read_bytes())
    data[data.index(marker) + offset] ^= 0x01
    path.write_bytes(data)


def verify(path: Path, ca: Issued, tsa_ca: Issued) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["osslsigncode", "verify", "-CAfile", str(ca.cert),
                           "-TSA-CAfile", str(tsa_ca.cert), "-in", str(path)],
                          capture_output=True, text=True, timeout=120)


def sign(files: list[Path], signer: Issued, ca: Issued, tsa_ca: Issued,
         url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(WINDOWS / "sign.sh"), *map(str, files)], capture_output=True, text=True,
        timeout=300, env={**os.environ, "SIGN_CERT": str(signer.cert), "SIGN_KEY": str(signer.key),
                          "TIMESTAMP_URL": url, "VERIFY_CA": str(ca.cert),
                          "VERIFY_TSA_CA": str(tsa_ca.cert)})


def test_sign_timestamps_and_verifies_and_a_changed_byte_fails(msi: Path, tmp_path: Path) -> None:
    require("osslsigncode", "openssl")
    ca = make_ca(tmp_path, "Dojo Test Root CA")
    signer = issue(ca, tmp_path, "Dojo Test Code Signing", "codeSigning")
    tsa_ca = make_ca(tmp_path, "Dojo Test Timestamp Root")
    tsa = issue(tsa_ca, tmp_path, "Dojo Test Timestamps", "timeStamping")
    other_ca = make_ca(tmp_path, "Someone Else")
    files = [Path(shutil.copy(pe, tmp_path / pe.name)) for pe in launchers()]
    files.append(Path(shutil.copy(msi, tmp_path / msi.name)))
    spare = Path(shutil.copy(launchers()[0], tmp_path / "spare.exe"))
    with timestamp_server(tsa, tsa_ca, tmp_path) as url:
        signed = sign(files, signer, ca, tsa_ca, url)
        untrusted_timestamp = sign([spare], signer, ca, other_ca, url)
    assert signed.returncode == 0, signed.stdout + signed.stderr
    assert untrusted_timestamp.returncode != 0, "sign.sh insists on a verified timestamp"
    for path in files:
        result = verify(path, ca, tsa_ca)
        assert result.returncode == 0, result.stdout
        assert "Timestamp Server Signature verification: ok" in result.stdout
        assert "Signature verification: ok" in result.stdout
    assert verify(files[0], other_ca, tsa_ca).returncode != 0, "only our CA vouches for it"
    subprocess.run(["msiinfo", "suminfo", str(files[-1])], check=True, capture_output=True)

    flip_byte(files[0], b"This program cannot be run in DOS mode", 4)
    flip_byte(files[-1], b"MSCF", 64)  # inside the embedded cabinet
    for tampered in (files[0], files[-1]):
        result = verify(tampered, ca, tsa_ca)
        assert result.returncode != 0
        assert "MISMATCH" in result.stdout
