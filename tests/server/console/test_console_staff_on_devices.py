"""Staff the console adds or changes reach the devices: a ``staff_member`` record in the
school's log for a new member (with the name families see), a new role and a new name;
the teachers it names for a class."""

from __future__ import annotations

import html
import json
from typing import Any

import httpx
from console_kit import School, StaffBrowser
from portal_kit import visible_text
from sqlalchemy import select

from dojo_server.db.models import EventRow
from dojo_server.domain.staff_directory import find_staff
from dojo_server.domain.staff_records import staff_device_id


def _post(browser: StaffBrowser, path: str, form: dict[str, str]) -> httpx.Response:
    return browser.http.post(path, data={**form, "csrf": browser.csrf("/staff/")})


def _records(school: School, staff_id: str) -> list[dict[str, Any]]:
    """The ``staff_member`` events of ``staff_id`` in the server's log, oldest first."""
    with school.harness.db.read() as session:
        rows = session.scalars(select(EventRow).where(
            EventRow.school_id == school.school_id, EventRow.kind == "staff_member",
            EventRow.device_id == staff_device_id(school.school_id))
            .order_by(EventRow.server_seq)).all()
    return [p for p in (json.loads(row.payload) for row in rows)
            if p["staff_id"] == staff_id]


def test_a_member_added_renamed_and_given_a_role_in_the_console_reaches_devices(
        school: School) -> None:
    leader = school.browser("leader")
    answer = _post(leader, "/staff/people", {
        "name": "Maria Rossi", "display_name": "  Ms   Rossi ", "email": "rossi@hillside.example",
        "role": "teacher", "password": "a long password", "password_again": "a long password"})
    assert answer.status_code == 303
    rossi = find_staff(school.harness.db, school.school_id, "rossi@hillside.example")
    assert f'id="shown-{rossi}" name="display_name" required maxlength="120" ' \
        'autocomplete="off" value="Ms Rossi"' in leader.get("/staff/people").text
    assert [(r["name"], r["role"]) for r in _records(school, rossi)] == [("Ms Rossi", "teacher")]

    assert _post(leader, f"/staff/people/{rossi}/role", {"role": "leader"}).status_code == 303
    renamed = _post(leader, f"/staff/people/{rossi}/shown-name", {"display_name": "Mrs Rossi"})
    assert renamed.status_code == 303
    assert "The name families see was changed" in html.unescape(
        visible_text(leader.get(renamed.headers["location"]).text))
    assert [(r["name"], r["role"]) for r in _records(school, rossi)] == [
        ("Ms Rossi", "teacher"), ("Ms Rossi", "leader"), ("Mrs Rossi", "leader")]
    too_long = _post(leader, f"/staff/people/{rossi}/shown-name", {"display_name": "x" * 121})
    assert too_long.status_code == 400
    assert len(_records(school, rossi)) == 3

    device = school.harness._devices[0]
    pulled = [(e["payload"]["name"], e["payload"]["role"]) for e in device.pull_all()
              if e["kind"] == "staff_member" and e["payload"]["staff_id"] == rossi]
    assert pulled == [("Ms Rossi", "teacher"), ("Ms Rossi", "leader"), ("Mrs Rossi", "leader")]
    leader.close()


def test_a_teacher_assigned_in_the_console_reaches_the_class_board(school: School) -> None:
    admin = school.browser("admin")
    teacher = school.staff_ids["teacher"]
    path = f"/staff/classes/{school.maple}/teachers"
    assert "No teacher is named for this class yet." in html.unescape(
        visible_text(admin.get(f"/staff/classes/{school.maple}").text))
    answer = _post(admin, path, {"staff_id": teacher})
    assert answer.status_code == 303
    page = html.unescape(visible_text(admin.get(answer.headers["location"]).text))
    assert "The teacher was added to the class." in page
    assert "Hillside teacher Take off" in page
    assert _post(admin, path, {"staff_id": teacher, "removed": "yes"}).status_code == 303
    board = school.harness._devices[0]
    assigned = [(e["payload"]["staff_id"], e["payload"]["removed"]) for e in board.pull_all()
                if e["kind"] == "class_teacher_assigned"]
    assert assigned == [(teacher, False), (teacher, True)]
    other = _post(admin, path, {"staff_id": "not-a-member"})
    assert other.status_code == 404
    admin.close()
