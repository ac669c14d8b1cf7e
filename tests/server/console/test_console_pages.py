"""The console's pages do what they say: classes and children reach the devices, families
show who joined and print letters, devices get codes and are revoked, staff are added."""

from __future__ import annotations

import html
import io
import re

import httpx
from console_kit import School, StaffBrowser
from portal_kit import visible_text
from pypdf import PdfReader
from server_kit import new_uuid


def _seen(answer: httpx.Response) -> str:
    return html.unescape(visible_text(answer.text))


def _post(browser: StaffBrowser, path: str, form: dict[str, str]) -> httpx.Response:
    return browser.http.post(path, data={**form, "csrf": browser.csrf("/staff/")})


def test_classes_and_children_changed_in_the_console_reach_the_devices(
        school: School) -> None:
    leader = school.browser("leader")
    device = school.harness._devices[0]
    seen = len(device.pull_all())
    added = _post(leader, "/staff/classes", {"name": "  Birch ", "year_group": "Y4"})
    assert added.status_code == 303
    assert "The class was added." in _seen(leader.get(added.headers["location"]))
    birch = re.search(r'href="/staff/classes/([0-9a-f-]{36})">Birch<', leader.get(
        "/staff/classes").text)
    assert birch
    answer = _post(leader, f"/staff/classes/{school.maple}/children",
                   {"first_name": "Eve", "last_name": "Adams"})
    assert answer.status_code == 303
    page = leader.get(f"/staff/classes/{school.maple}")
    assert "Eve Adams" in _seen(page)
    answer = _post(leader, f"/staff/classes/{school.maple}/children/{school.ada}/move",
                   {"to_class": birch.group(1)})
    assert answer.status_code == 303
    assert "Ada Lovelace" not in _seen(leader.get(f"/staff/classes/{school.maple}"))
    assert "Ada Lovelace" in _seen(leader.get(f"/staff/classes/{birch.group(1)}"))
    kinds = [(e["kind"], e["payload"].get("first_name") or e["payload"].get("name"))
             for e in device.pull_all()[seen:]]  # the Maple board's own view
    assert ("student_added", "Eve") in kinds and ("student_added", "Ada") in kinds
    refused = _post(leader, "/staff/classes", {"name": "   "})
    assert refused.status_code == 400 and "A class needs a name." in _seen(refused)
    missing = _post(leader, f"/staff/classes/{new_uuid()}/children", {"first_name": "X"})
    assert missing.status_code == 404
    leader.close()


def test_families_show_who_joined_and_print_letters(school: School) -> None:
    family = StaffBrowser(school.url)
    token = family.csrf("/portal/join")
    assert family.http.post("/portal/join", data={
        "code": school.ada_code, "name": "Grace Hopper", "password": "a long password",
        "email": "grace@families.example", "csrf": token}).status_code == 303
    admin = school.browser("admin")
    overview = _seen(admin.get("/staff/families"))
    alone = overview.split("Children no family has joined for")[1]
    assert "Bo" in alone and "Cy" in alone and "Ada" not in alone
    page = _seen(admin.get(f"/staff/families/{school.maple}"))
    assert "Grace Hopper joined" in page
    letter = _post(admin, f"/staff/families/{school.maple}/letters",
                   {"student_id": school.bo})
    assert letter.status_code == 200 and letter.headers["content-type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(letter.content)).pages) == 1
    assert "1 open code" in _seen(admin.get(f"/staff/families/{school.maple}"))
    whole = _post(admin, f"/staff/families/{school.maple}/letters", {})
    assert len(PdfReader(io.BytesIO(whole.content)).pages) == 2  # Ada and Bo
    # printing again replaced the letter made a moment ago: still one open code each
    assert "1 open code" in _seen(admin.get(f"/staff/families/{school.maple}"))
    assert "2 open codes" not in _seen(admin.get(f"/staff/families/{school.maple}"))
    admin.close()
    family.close()


def test_an_enrollment_code_made_in_the_console_connects_a_device(school: School) -> None:
    admin = school.browser("admin")
    answer = _post(admin, "/staff/devices/codes", {"role": "ta", "class_id": school.oak,
                                                   "expires_days": "3", "uses": "1"})
    assert answer.status_code == 200
    code = re.search(r'<p class="code">([0-9A-Z]{4}-[0-9A-Z]{4})</p>', answer.text)
    assert code
    enrolled = httpx.post(f"{school.url}/v1/devices/enroll", json={
        "code": code.group(1), "device_id": new_uuid(), "device_name": "TA laptop",
        "client_version": "0.1.0"}, timeout=10).json()
    assert (enrolled["role"], enrolled["class_id"]) == ("ta", school.oak)
    devices = _seen(admin.get("/staff/devices"))
    assert "TA laptop Teaching assistant Oak" in devices
    bad = _post(admin, "/staff/devices/codes", {"role": "ta", "expires_days": "999"})
    assert bad.status_code == 400
    other = _post(admin, "/staff/devices/codes", {"role": "ta", "class_id": new_uuid()})
    assert other.status_code == 404
    assert _post(admin, f"/staff/devices/{enrolled['device_id']}/revoke", {}) \
        .status_code == 303
    pull = httpx.get(f"{school.url}/v1/sync/pull", headers={
        "Authorization": f"Bearer {enrolled['token']}"}, timeout=10)
    assert pull.status_code == 403
    admin.close()


def test_staff_are_added_once_per_email(school: School) -> None:
    leader = school.browser("leader")
    form = {"name": "Mr New", "email": "New@Hillside.example", "role": "ta",
            "password": "a long password", "password_again": "a long password"}
    assert _post(leader, "/staff/people", form).status_code == 303
    people = _seen(leader.get("/staff/people"))
    assert "Mr New new@hillside.example" in people
    again = _post(leader, "/staff/people", form)
    assert again.status_code == 400
    assert "Someone on the staff already has this email address." in _seen(again)
    short = _post(leader, "/staff/people", {**form, "email": "x@y.example",
                                            "password": "short", "password_again": "short"})
    assert "at least 10 characters" in _seen(short)
    assert StaffBrowser(school.url).log_in("new@hillside.example", "a long password") \
        .status_code == 303
    spanish = StaffBrowser(school.url, accept_language="es")
    spanish.log_in(school.staff["leader"])
    again = _post(spanish, "/staff/people", form)
    assert "Alguien del personal ya tiene este correo electrónico." in _seen(again)
    leader.close()
    spanish.close()
