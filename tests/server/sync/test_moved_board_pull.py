"""A board the new school year moved to this year's class pulls last year's class too, at
every poll (its feed does not wake for that class): what a device offline across the
rollover sends late for last year's class reaches it, by a plain pull and by a long poll
that had waited out its time before."""

from __future__ import annotations

from server_kit import CLASS_ID, OTHER_CLASS_ID, Harness, new_uuid
from sqlalchemy import update

from dojo_server.db.models import DeviceRow

THIS_YEAR = new_uuid()


def test_a_moved_board_gets_last_years_class_late_events(harness: Harness) -> None:
    office = harness.enroll("leader")
    board = harness.enroll(class_id=CLASS_ID)
    assert office.push([office.award(class_id=CLASS_ID)]).status_code == 200
    cursor = board.pull().json()["next_cursor"]
    with harness.db.write() as session:  # what apply_rollover does to the class's boards
        session.execute(update(DeviceRow).where(DeviceRow.id == board.device_id)
                        .values(class_id=THIS_YEAR, former_class_id=CLASS_ID))
    new = office.award(class_id=THIS_YEAR)
    assert office.push([new]).status_code == 200
    answer = board.pull(cursor, wait=1).json()
    assert [c["event_id"] for c in answer["changes"]] == [new["event_id"]]
    # A long poll that waits out its time: nothing new for it.
    quiet = board.pull(answer["next_cursor"], wait=0.3).json()
    assert quiet["changes"] == []

    late = office.award(class_id=CLASS_ID)  # made offline before the rollover
    other = office.award(class_id=OTHER_CLASS_ID)
    assert office.push([late, other]).status_code == 200

    answer = board.pull(quiet["next_cursor"], wait=1).json()
    assert [c["event_id"] for c in answer["changes"]] == [late["event_id"]]
    # The board itself may still record for last year's class, and nothing else of old.
    own = board.award(class_id=CLASS_ID)
    refused = board.award(class_id=OTHER_CLASS_ID)
    results = board.push([own, refused]).json()["results"]
    assert [r["status"] for r in results] == ["applied", "rejected"]
