"""The new school year through the console: the page suggests a rule per year group, a
preview writes nothing, one Apply promotes the classes, archives the leavers and moves the
class's board; a OneRoster export can decide the new year instead."""

from __future__ import annotations

import html
import re
from pathlib import Path

import httpx
from console_kit import School, StaffBrowser, roster_zip
from portal_kit import visible_text
from sqlalchemy import func, select

from dojo_server.db.models import DeviceRow, EventRow
from dojo_server.db.read_models import ClassMember, ClassView, StudentView
from dojo_server.domain import roster_admin

NEW_YEAR = {"school_year": "2027-2028", "rule_from": ["Y3", "Y6"], "rule_to": ["Y4", ""],
            "leaver": ["Y6"]}


def _seen(answer: httpx.Response) -> str:
    return html.unescape(visible_text(answer.text))


def _post(browser: StaffBrowser, path: str, form: dict[str, object],
          files: dict[str, object] | None = None) -> httpx.Response:
    return browser.http.post(path, data={**form, "csrf": browser.csrf("/staff/")},
                             files=files)


def _events(school: School) -> int:
    with school.harness.db.read() as session:
        return session.scalar(select(func.count()).select_from(EventRow)) or 0


def _apply_form(preview: httpx.Response) -> dict[str, list[str]]:
    """The hidden fields of the preview's Apply form, as a browser sends them."""
    form = preview.text.split('action="/staff/rollover/apply"')[1].split("</form>")[0]
    fields: dict[str, list[str]] = {}
    for name, value in re.findall(r'name="(\w+)" value="([^"]*)"', form):
        if name != "csrf":
            fields.setdefault(name, []).append(html.unescape(value))
    return fields


def test_a_leader_previews_then_starts_the_new_year(school: School) -> None:
    db, school_id = school.harness.db, school.school_id
    rowan = roster_admin.add_class(db, school_id, "Rowan", "Y6")
    dee = roster_admin.add_child(db, school_id, rowan, "Dee")
    leader = school.browser("leader")
    form = leader.get("/staff/rollover")
    assert form.status_code == 200
    assert re.search(r'id="from-1"[^>]*value="Y3"', form.text)
    assert re.search(r'id="to-1"[^>]*value="Y4"', form.text)
    assert re.search(r'id="to-2"[^>]*value=""', form.text)  # the top year group leaves
    assert re.search(r'name="leaver" value="Y6" checked', form.text)
    assert not re.search(r'name="leaver" value="Y3" checked', form.text)

    before = _events(school)
    preview = _post(leader, "/staff/rollover", NEW_YEAR)
    assert preview.status_code == 200, preview.text
    seen = _seen(preview)
    assert "This is a preview: nothing has changed yet." in seen
    assert "2 children move to a new class." in seen
    assert "Maple → Maple (2027-2028)" in seen
    assert "Leavers (archived)" in seen and "Dee (Rowan)" in seen
    assert "Classes staying as they are" in seen and "Oak" in seen
    assert "Boards moved to their new class" in seen
    assert _events(school) == before  # a preview writes nothing

    done = _post(leader, "/staff/rollover/apply", _apply_form(preview))
    assert done.status_code == 200, done.text
    assert "The new school year has started." in _seen(done)
    with db.read() as session:
        old = session.get(ClassView, (school_id, school.maple))
        new = session.scalars(select(ClassView).where(
            ClassView.school_id == school_id, ClassView.school_year == "2027-2028")).one()
        moved = set(session.scalars(select(ClassMember.student_id).where(
            ClassMember.school_id == school_id, ClassMember.class_id == new.id)))
        left = session.get(StudentView, (school_id, dee))
        board = session.get(DeviceRow, school.device_id)
    assert old is not None and old.archived
    assert (new.name, new.year_group) == ("Maple", "Y4")
    assert moved == {school.ada, school.bo}
    assert left is not None and left.archived
    assert board is not None and (board.class_id, board.former_class_id) == (
        new.id, school.maple)
    pulled = [e["kind"] for e in school.harness._devices[0].pull_all()]
    assert "class_succeeded" in pulled

    again = _post(leader, "/staff/rollover", NEW_YEAR)
    assert "Nothing to change" in _seen(again)
    leader.close()


def test_the_new_year_needs_its_name_and_a_rule(school: School) -> None:
    admin = school.browser("admin")
    before = _events(school)
    nameless = _post(admin, "/staff/rollover", {**NEW_YEAR, "school_year": " "})
    assert nameless.status_code == 400
    assert "Please give the new school year's name" in _seen(nameless)
    ruleless = _post(admin, "/staff/rollover", {"school_year": "2027-2028",
                                                "rule_from": ["Y3"], "rule_to": [""]})
    assert ruleless.status_code == 400 and "Give at least one rule" in _seen(ruleless)
    half = _post(admin, "/staff/rollover/apply", {"school_year": "2027-2028",
                                                  "rule_from": [""], "rule_to": ["Y4"]})
    assert half.status_code == 400
    assert "Each rule needs the year group it starts from" in _seen(half)
    assert _events(school) == before
    admin.close()


def test_an_export_decides_the_new_year(school: School, tmp_path: Path) -> None:
    leader = school.browser("leader")
    export = roster_zip("oneroster_1_2", tmp_path)
    with export.open("rb") as data:
        preview = _post(leader, "/staff/rollover", {"school_year": "2027-2028"},
                        files={"export": (export.name, data, "application/zip")})
    assert preview.status_code == 200, preview.text
    assert "Robins" in _seen(preview)
    fields = _apply_form(preview)
    assert fields["token"] != [""]
    done = _post(leader, "/staff/rollover/apply", fields)
    assert done.status_code == 200, done.text
    with school.harness.db.read() as session:
        robins = session.scalars(select(ClassView).where(
            ClassView.school_id == school.school_id,
            ClassView.name.like("%Robins%"))).all()
    assert robins and all(c.school_year == "2027-2028" for c in robins)
    gone = _post(leader, "/staff/rollover/apply", fields)  # the upload is used up
    assert gone.status_code == 404
    leader.close()
