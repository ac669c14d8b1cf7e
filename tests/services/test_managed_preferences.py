"""What IT set for the computer wins over this device's preferences, and says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from dojo_desktop.core.managed import ManagedSettings
from dojo_desktop.services import settings as prefs
from dojo_desktop.services.classroom import open_classroom
from dojo_desktop.services.errors import ManagedSettingError

IT = ManagedSettings(privacy_mode=True, sound_default=False, whiteboard_mode=True,
                     ca_bundle="/etc/ssl/school-ca.pem", source="/etc/xdg/DojoDesktop.conf")


def test_a_locked_preference_reads_its_managed_value_and_refuses_a_change(
        data_dir: Path) -> None:
    room = open_classroom(data_dir)
    room.settings.set_preference(prefs.PRIVACY_MODE, False)
    room.close()
    room = open_classroom(data_dir, managed=IT)
    try:
        assert room.settings.preference(prefs.PRIVACY_MODE) is True
        assert room.settings.managed_by(prefs.PRIVACY_MODE) == "/etc/xdg/DojoDesktop.conf"
        with pytest.raises(ManagedSettingError, match="set by your school's IT"):
            room.settings.set_preference(prefs.PRIVACY_MODE, False)
        assert room.settings.preference(prefs.WHITEBOARD_MODE) is True
        assert room.settings.managed_by(prefs.VOLUME) is None
        assert room.sync.ca_bundle() == "/etc/ssl/school-ca.pem"
    finally:
        room.close()


def test_its_sound_setting_is_where_sound_starts_not_a_lock(data_dir: Path) -> None:
    room = open_classroom(data_dir, managed=IT)
    try:
        assert room.settings.preference(prefs.SOUND_ON) is False
        assert room.settings.managed_by(prefs.SOUND_ON) is None
        room.settings.set_preference(prefs.SOUND_ON, True)
        assert room.settings.preference(prefs.SOUND_ON) is True
    finally:
        room.close()
    reopened = open_classroom(data_dir, managed=IT)
    try:
        assert reopened.settings.preference(prefs.SOUND_ON) is True, "the teacher's choice"
    finally:
        reopened.close()


def test_without_it_the_device_keeps_its_own_choices_across_restarts(data_dir: Path) -> None:
    room = open_classroom(data_dir)
    try:
        assert room.settings.preference(prefs.SOUND_ON) is True
        assert room.settings.preference(prefs.WHITEBOARD_MODE) is False
        room.sync.set_ca_bundle("/home/teacher/school.pem")
        room.settings.set_preference(prefs.WHITEBOARD_MODE, True)
    finally:
        room.close()
    reopened = open_classroom(data_dir)
    try:
        assert reopened.sync.ca_bundle() == "/home/teacher/school.pem"
        assert reopened.settings.preference(prefs.WHITEBOARD_MODE) is True
        assert not any(reopened.settings.managed_by(key) for key in
                       (prefs.PRIVACY_MODE, prefs.CA_BUNDLE, prefs.WHITEBOARD_MODE))
    finally:
        reopened.close()


def test_a_managed_ca_bundle_is_not_replaced_by_the_pairing_screen(data_dir: Path) -> None:
    room = open_classroom(data_dir, managed=IT)
    try:
        room.sync.set_ca_bundle("/tmp/other.pem")
        assert room.sync.ca_bundle() == "/etc/ssl/school-ca.pem"
    finally:
        room.close()


def test_pairing_with_another_server_than_its_is_refused_before_any_network(
        data_dir: Path) -> None:
    managed = ManagedSettings(server_url="dojo.hillside.example", source="HKLM")
    room = open_classroom(data_dir, managed=managed)
    try:
        assert room.sync.managed_server_url() == "https://dojo.hillside.example"
        with pytest.raises(ManagedSettingError, match=r"https://dojo\.hillside\.example"):
            room.sync.pair("https://elsewhere.example", "ABCD-EFGH")
        assert room.sync.server_url() is None
        assert not room.sync.can_pair_automatically(), "no enrollment code was set"
    finally:
        room.close()
