"""Managed settings: read from where IT puts them, parsed leniently, locked when set."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from dojo_desktop import managed_settings
from dojo_desktop.managed_settings import (
    ManagedSettings,
    load_managed_settings,
    merged,
    settings_from_ini,
    settings_from_qsettings,
    settings_from_values,
)

SRC = Path(__file__).resolve().parents[2] / "src"


def write_conf(folder: Path, text: str) -> Path:
    path = folder / "DojoDesktop" / "DojoDesktop.conf"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_text_and_flags_are_parsed() -> None:
    found = settings_from_values({
        "ServerUrl": "  https://dojo.school.example ", "SchoolId": "", "EnrollCode": "ABCD-EFGH",
        "WhiteboardMode": 1, "PrivacyMode": "yes", "SoundDefault": "Off", "StartAtLogin": "true",
    }, "test")
    assert found == ManagedSettings(
        server_url="https://dojo.school.example", enroll_code="ABCD-EFGH", whiteboard_mode=True,
        privacy_mode=True, sound_default=False, start_at_login=True, source="test")


def test_names_match_case_insensitively_like_the_registry() -> None:
    found = settings_from_values({"serverurl": "https://a.example", "PRIVACYMODE": 0}, "reg")
    assert found.server_url == "https://a.example"
    assert found.privacy_mode is False
    assert found.locked("privacy_mode"), "forced off is managed too"


@pytest.mark.expected_log("WhiteboardMode='sometimes' in x.ini is not on or off")
def test_a_value_that_is_not_on_or_off_is_ignored_and_logged(
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="dojo_desktop.managed_settings"):
        found = settings_from_values({"WhiteboardMode": "sometimes", "SchoolId": "s1"}, "x.ini")
    assert found.whiteboard_mode is None
    assert found.school_id == "s1"
    assert "WhiteboardMode" in caplog.text and "x.ini" in caplog.text


def test_locked_means_set_by_it_except_the_sound_default() -> None:
    found = ManagedSettings(server_url="https://a.example", sound_default=True, source="x")
    assert found.locked("server_url")
    assert not found.locked("school_id")
    assert not found.locked("sound_default"), "a starting value the teacher may change"
    nothing = ManagedSettings()
    assert nothing.is_empty()
    assert not any(nothing.locked(name) for name in managed_settings.VALUE_NAMES)
    with pytest.raises(KeyError):
        nothing.locked("volume")


def test_merged_prefers_the_first_and_fills_gaps_from_the_second() -> None:
    registry = ManagedSettings(server_url="https://gpo.example", source="HKLM")
    ini = ManagedSettings(server_url="https://ini.example", school_id="s1", source="ini")
    both = merged(registry, ini)
    assert (both.server_url, both.school_id) == ("https://gpo.example", "s1")
    assert both.source == "HKLM; ini"
    assert merged(ManagedSettings(), ini) == ini
    assert merged(registry, ManagedSettings()) is registry


def test_program_data_ini_keeps_windows_paths_as_written(tmp_path: Path) -> None:
    ini = tmp_path / "settings.ini"
    ini.write_text("\ufeff[General]\nCaBundle=C:\\certs\\school, district.pem\n"
                   "privacymode=true\n", encoding="utf-8")
    found = settings_from_ini(ini)
    assert found.ca_bundle == "C:\\certs\\school, district.pem"
    assert found.privacy_mode is True
    assert found.source == str(ini)
    assert settings_from_ini(tmp_path / "missing.ini").is_empty()


def test_qsettings_values_with_commas_stay_one_value(tmp_path: Path) -> None:
    conf = write_conf(tmp_path, "[General]\nCaBundle=/etc/ssl/school, district.pem\n")
    found = settings_from_qsettings(QSettings(str(conf), QSettings.Format.IniFormat))
    assert found.ca_bundle == "/etc/ssl/school, district.pem"


def test_windows_reads_the_policy_key_then_program_data(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "DojoDesktop").mkdir()
    (tmp_path / "DojoDesktop" / "settings.ini").write_text(
        "[General]\nServerUrl=https://ini.example\nSchoolId=from-ini\n", encoding="utf-8")
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("PROGRAMDATA", str(tmp_path))
    monkeypatch.setattr(managed_settings, "_registry_values",
                        lambda: {"ServerUrl": "https://gpo.example", "WhiteboardMode": 1})
    found = load_managed_settings()
    assert found.server_url == "https://gpo.example"
    assert found.school_id == "from-ini"
    assert found.whiteboard_mode is True
    assert found.source is not None and found.source.startswith("HKLM\\SOFTWARE\\Policies")


# QSettings works out its system folders once per process, so each case runs in a child.
CHILD = """
import dataclasses, json
from dojo_desktop.managed_settings import load_managed_settings
print(json.dumps(dataclasses.asdict(load_managed_settings())))
"""


def load_in_child(xdg_config_dirs: str) -> dict[str, object]:
    env = {**os.environ, "XDG_CONFIG_DIRS": xdg_config_dirs, "PYTHONPATH": str(SRC)}
    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, env=env,
                         timeout=60, check=True)
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
def test_linux_reads_system_scope_config_from_xdg_config_dirs(tmp_path: Path) -> None:
    first = write_conf(tmp_path / "first", "[General]\nServerUrl=https://a.example\n"
                       "WhiteboardMode=true\n")
    write_conf(tmp_path / "second", "[General]\nServerUrl=https://b.example\nSchoolId=s2\n")
    found = load_in_child(f"{tmp_path / 'first'}:{tmp_path / 'second'}")
    assert found["server_url"] == "https://a.example", "the first folder wins"
    assert found["school_id"] == "s2", "later folders fill what it lacks"
    assert found["whiteboard_mode"] is True
    assert found["source"] == str(first)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
def test_linux_without_a_config_file_nothing_is_managed(tmp_path: Path) -> None:
    found = load_in_child(str(tmp_path))
    assert ManagedSettings(**found).is_empty()  # type: ignore[arg-type]
