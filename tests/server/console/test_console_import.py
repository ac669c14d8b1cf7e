"""Importing a OneRoster export through the console: upload, preview (nothing written),
apply in one step; a broken export is refused with each problem's file, line and column."""

from __future__ import annotations

import html
from pathlib import Path

import httpx
from console_kit import School, StaffBrowser, roster_zip, zip_folder
from portal_kit import visible_text
from sqlalchemy import func, select

from dojo_server.db.models import EventRow
from dojo_server.db.staff_models import RosterUpload
from dojo_server.domain import roster_admin

MESSY = "oneroster_1_1_messy"


def _events(school: School) -> int:
    with school.harness.db.read() as session:
        return session.scalar(select(func.count()).select_from(EventRow)) or 0


def _upload(browser: StaffBrowser, export: Path) -> httpx.Response:
    token = browser.csrf("/staff/imports")
    with export.open("rb") as data:
        return browser.http.post("/staff/imports", data={"csrf": token},
                                 files={"export": (export.name, data, "application/zip")})


def _uploads(school: School) -> int:
    with school.harness.db.read() as session:
        return session.scalar(select(func.count()).select_from(RosterUpload)) or 0


def _seen(answer: httpx.Response) -> str:
    return html.unescape(visible_text(answer.text))


def test_an_export_is_previewed_then_applied_in_one_step(school: School,
                                                         tmp_path: Path) -> None:
    admin = school.browser("admin")
    before = _events(school)
    preview = _upload(admin, roster_zip(MESSY, tmp_path))
    assert preview.status_code == 200, preview.text
    seen = _seen(preview)
    assert "This is a preview: nothing has changed yet." in seen
    assert "users.csv, line 1, column nickname: is not a OneRoster column" in seen
    for section, line in (("New children", "Bo Chen (Maple)"),
                          ("New children", "Dee O'Brien (Oak)"),
                          ("Children matched to ones already here", "Ada Lovelace"),
                          ("New staff (no password until one is set on the Staff page)",
                           "tess.teacher@riverside.example")):
        assert section in seen and line in seen, (section, line)
    assert _events(school) == before  # a preview writes nothing
    assert _uploads(school) == 1  # kept for the apply, by whichever server process

    apply_path = preview.text.split('action="/staff/imports/')[1].split('"')[0]
    stranger = StaffBrowser(school.url)
    stranger.log_in(school.other_leader)
    refused = stranger.http.post(f"/staff/imports/{apply_path}",
                                 data={"csrf": stranger.csrf("/staff/")})
    assert refused.status_code == 404  # another school's upload is not theirs to apply
    assert _events(school) == before and _uploads(school) == 1

    device = school.harness._devices[0]
    seen_before = len(device.pull_all())
    applied = admin.http.post(f"/staff/imports/{apply_path}",
                              data={"csrf": admin.csrf("/staff/")})
    assert applied.status_code == 200, applied.text
    assert "The roster is imported." in _seen(applied)
    assert _uploads(school) == 0
    _maple, children = roster_admin.class_children(school.harness.db, school.school_id,
                                                   school.maple)
    assert {c.name for c in children} >= {"Ada Lovelace", "Bo Chen"}
    pulled = device.pull_all()[seen_before:]  # the Maple board hears of it
    assert any(e["kind"] == "student_added" and e["payload"]["first_name"] == "Bo"
               and e["payload"].get("last_name") == "Chen" for e in pulled)
    again = admin.http.post(f"/staff/imports/{apply_path}",
                            data={"csrf": admin.csrf("/staff/")})
    assert again.status_code == 404

    second = _upload(admin, roster_zip(MESSY, tmp_path / "again"))
    assert "The school already has this roster: nothing to change." in _seen(second)
    assert "Import these changes" not in second.text and _uploads(school) == 0
    admin.close()
    stranger.close()


def test_a_broken_export_is_refused_with_file_line_and_column(school: School,
                                                              tmp_path: Path) -> None:
    leader = school.browser("leader")
    source = roster_zip("oneroster_1_2", tmp_path).with_suffix("") / "users.csv"
    source.write_text(source.read_text(encoding="utf-8").replace(",Ben,Smith,", ",,Smith,"),
                      encoding="utf-8")
    export = zip_folder(source.parent)
    before = _events(school)
    answer = _upload(leader, export)
    assert answer.status_code == 400
    assert "Nothing was imported." in _seen(answer)
    assert "<td>users.csv</td><td>3</td><td>givenName</td><td>is empty</td>" in answer.text
    assert _events(school) == before
    assert _uploads(school) == 0
    not_a_zip = tmp_path / "notes.zip"
    not_a_zip.write_text("hello")
    answer = _upload(leader, not_a_zip)
    assert answer.status_code == 400 and "Problems in the export" in answer.text
    leader.close()


def test_an_export_may_be_larger_than_a_sync_request(school: School, tmp_path: Path) -> None:
    """A district's export can pass the 2 MB a device's request may have: imports take as
    much as a family's photo."""
    leader = school.browser("leader")
    big = tmp_path / "big.zip"
    big.write_bytes(b"PK" + bytes(3 * 1024 * 1024))
    settings = school.harness.server.settings
    assert big.stat().st_size > settings.max_body_bytes
    answer = _upload(leader, big)
    assert answer.status_code == 400 and "Problems in the export" in answer.text
    leader.close()
