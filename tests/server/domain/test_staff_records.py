"""Staff reach devices as records the server writes: added, renamed, imported or made
before the upgrade, each once per change; IT sets a PIN whose verifier (never the PIN)
goes into the log; the portal signs posts and messages with the name families see."""

from __future__ import annotations

import io
import json
import re
import sys
from typing import Any

import pytest
from argon2 import PasswordHasher
from portal_kit import Family, Scene, now_ms, visible_text
from server_kit import Harness, new_uuid
from sqlalchemy import select

from dojo_server.cli import main
from dojo_server.db.models import EventRow, Staff
from dojo_server.domain import schools
from dojo_server.domain.clock import new_id
from dojo_server.domain.staff_records import (
    publish_all_staff,
    publish_school_staff,
    set_display_name,
    set_pin,
    staff_device_id,
)
from dojo_server.settings import Settings


def _log(harness: Harness, kind: str) -> list[dict[str, Any]]:
    with harness.db.read() as session:
        rows = session.execute(select(EventRow.device_id, EventRow.payload).where(
            EventRow.school_id == harness.school_id, EventRow.kind == kind)
            .order_by(EventRow.server_seq)).all()
    assert {device for device, _ in rows} <= {staff_device_id(harness.school_id)}
    return [json.loads(payload) for _, payload in rows]


def _records(harness: Harness) -> list[tuple[str, str]]:
    return [(p["name"], p["role"]) for p in _log(harness, "staff_member")]


def test_each_change_of_a_member_of_staff_is_written_once(harness: Harness) -> None:
    db, school = harness.db, harness.school_id
    schools.add_staff(db, school, "Maria Rossi", "rossi@school.example", "teacher",
                      "correct horse battery", display_name="Ms  Rossi")
    schools.add_staff(db, school, "Ben Okafor", "okafor@school.example", "ta",
                      "correct horse battery")
    assert publish_school_staff(db, school) == 2
    assert publish_school_staff(db, school) == 0
    set_display_name(db, school, "Okafor@school.example", "Mr Okafor")
    assert _records(harness) == [("Ms Rossi", "teacher"), ("Ben Okafor", "ta"),
                                 ("Mr Okafor", "ta")]
    with pytest.raises(schools.AdminError):
        set_display_name(db, school, "nobody@school.example", "Mr Nobody")
    with pytest.raises(schools.AdminError):
        set_display_name(db, school, "rossi@school.example", " ")


def test_staff_made_before_the_upgrade_are_written_at_start_up(harness: Harness) -> None:
    with harness.db.write() as session:  # as a server before this one stored them
        session.add(Staff(id=new_id(), school_id=harness.school_id, name="Hal Head",
                          email="hal@school.example", role="leader", password_hash="",
                          created_ms=1))
    assert publish_all_staff(harness.db) == 1
    assert publish_all_staff(harness.db) == 0
    assert _records(harness) == [("Hal Head", "leader")]


def test_it_sets_a_pin_and_only_its_verifier_is_stored(harness: Harness) -> None:
    db, school = harness.db, harness.school_id
    staff_id = schools.add_staff(db, school, "Maria Rossi", "rossi@school.example",
                                 "teacher", "correct horse battery")
    set_pin(db, school, "rossi@school.example", "240613")
    (pin,) = _log(harness, "staff_pin_set")
    assert pin["staff_id"] == staff_id and "240613" not in json.dumps(pin)
    assert PasswordHasher().verify(pin["verifier"], "240613")
    for bad in ("123", "1234567", "12a4", ""):
        with pytest.raises(schools.AdminError, match="4 to 6 digits"):
            set_pin(db, school, "rossi@school.example", bad)
    with pytest.raises(schools.AdminError, match="no member of staff"):
        set_pin(db, school, "nobody@school.example", "1234")


def test_the_commands_add_staff_set_a_pin_and_make_a_code_for_a_person(
        harness: Harness, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    settings: Settings = harness.server.settings
    common = ["--data-dir", str(settings.data_dir), "--database-url", settings.database_url]
    monkeypatch.setattr(sys, "stdin", io.StringIO("correct horse battery\n"))
    assert main(["add-staff", *common, "--school", harness.school_id, "--name", "Maria Rossi",
                 "--email", "rossi@school.example", "--role", "teacher", "--password-stdin",
                 "--display-name", "Ms Rossi"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("2468\n"))
    assert main(["set-pin", *common, "--school", harness.school_id, "--email",
                 "rossi@school.example", "--pin-stdin"]) == 0
    assert main(["enroll-code", *common, "--school", harness.school_id, "--for-staff",
                 "rossi@school.example"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^[0-9A-Z]{4}-[0-9A-Z]{4}$", out, re.MULTILINE)
    assert main(["enroll-code", *common, "--school", harness.school_id]) == 2
    assert "--for-staff" in capsys.readouterr().err
    assert main(["set-display-name", *common, "--school", harness.school_id, "--email",
                 "rossi@school.example", "Mrs Rossi"]) == 0
    assert _records(harness) == [("Ms Rossi", "teacher"), ("Mrs Rossi", "teacher")]
    assert len(_log(harness, "staff_pin_set")) == 1


def test_the_portal_signs_posts_and_messages_with_the_name_families_see(
        scene: Scene, family: Family) -> None:
    harness, teacher = scene.harness, scene.teacher
    rossi = schools.add_staff(harness.db, harness.school_id, "Maria Rossi",
                              "rossi@school.example", "leader", "correct horse battery",
                              display_name="Ms Rossi")
    publish_school_staff(harness.db, harness.school_id)
    signed = {"story_id": new_uuid(), "scope": "class", "class_ids": [scene.maple],
              "text": "Signed by the board", "state": "published", "by": rossi,
              "at_ms": now_ms()}  # an event that names its author but no name
    unsigned = {**signed, "story_id": new_uuid(), "text": "Signed by no one"}
    del unsigned["by"]
    teacher.send(teacher.ev("story_posted", **signed), teacher.ev("story_posted", **unsigned))
    teacher.send(teacher.ev("message_sent", message_id=new_uuid(), thread_id=scene.ada_thread,
                            student_id=scene.ada, body="From the head", by=rossi,
                            at_ms=now_ms()))
    story = visible_text(family.get(f"/portal/child/{scene.ada}/story").text)
    assert re.search(r"Class story · Ms Rossi · .+ Signed by the board", story)
    assert re.search(r"Class story · [^·]+ Signed by no one", story)  # no empty "· ·"
    assert re.search(r"Class story · Ms Rivera · ", story)  # an older app's own name
    thread = visible_text(family.get(
        f"/portal/child/{scene.ada}/messages/{scene.ada_thread}").text)
    assert "Ms Rossi · " in thread and "From the head" in thread

