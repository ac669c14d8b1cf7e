"""School settings (synced) and this device's preferences (kept here), across reopening."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from service_helpers import SCHOOL_ZONE, FakeClock, db_count, db_rows

from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.services.errors import InvalidInputError
from dojo_desktop.services.settings import PRIVACY_MODE, SOUND_ON, VOLUME
from dojo_protocol.periods import PeriodKind


def reopen(room: Classroom, clock: FakeClock) -> Classroom:
    data_dir = room.data_dir
    room.close()
    return open_classroom(data_dir, now_ms=clock)


def test_defaults(room: Classroom) -> None:
    assert room.settings.period() is PeriodKind.WEEKLY
    assert room.settings.points_period().week_starts_on == 0
    assert room.settings.preference(PRIVACY_MODE) is False
    assert room.settings.preference(SOUND_ON) is True
    assert room.settings.preference(VOLUME) == pytest.approx(0.8)


def test_the_period_persists_across_reopening(room: Classroom, clock: FakeClock) -> None:
    room.settings.set_period(PeriodKind.MONTHLY)
    room.settings.set_period(PeriodKind.DAILY)
    again = reopen(room, clock)
    try:
        assert again.settings.period() is PeriodKind.DAILY
        assert again.settings.period() is PeriodKind.DAILY
        assert again.settings.timezone() == SCHOOL_ZONE
    finally:
        again.close()


def test_a_setting_change_is_queued_for_sync(room: Classroom) -> None:
    before = db_count(room.data_dir, "outbox")
    room.settings.set_period(PeriodKind.TERM)
    assert db_count(room.data_dir, "outbox") == before + 1
    kind, payload = db_rows(room.data_dir,
                            "SELECT kind, payload FROM outbox ORDER BY seq DESC LIMIT 1")[0]
    assert kind == "setting_changed"
    assert json.loads(payload)["key"] == "period"
    assert json.loads(json.loads(payload)["value"]) == "term"


def test_an_unknown_timezone_is_refused(room: Classroom) -> None:
    before = db_count(room.data_dir, "outbox")
    with pytest.raises(InvalidInputError):
        room.settings.set_timezone("Mars/Olympus_Mons")
    assert room.settings.timezone() == SCHOOL_ZONE
    assert db_count(room.data_dir, "outbox") == before


def test_preferences_persist_across_reopening(room: Classroom, clock: FakeClock) -> None:
    room.settings.set_preference(PRIVACY_MODE, True)
    room.settings.set_preference(SOUND_ON, False)
    room.settings.set_preference(VOLUME, 0.35)
    room.settings.set_preference(VOLUME, 0.25)
    again = reopen(room, clock)
    try:
        assert again.settings.preference(PRIVACY_MODE) is True
        assert again.settings.preference(SOUND_ON) is False
        assert again.settings.preference(VOLUME) == pytest.approx(0.25)
    finally:
        again.close()


def test_preferences_stay_on_this_device(room: Classroom, data_dir: Path) -> None:
    before = db_count(data_dir, "outbox")
    room.settings.set_preference(PRIVACY_MODE, True)
    assert db_count(data_dir, "outbox") == before
    assert db_count(data_dir, "settings") == 1  # only the timezone the fixture set


def test_an_unknown_preference_is_refused(room: Classroom) -> None:
    with pytest.raises(InvalidInputError):
        room.settings.set_preference("font_size", 40)
    assert db_count(room.data_dir, "preferences") == 0
