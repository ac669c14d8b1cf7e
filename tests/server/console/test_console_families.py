"""Managing families in the console: taking a guardian off a child (after a confirmation)
ends their portal session and wakes the class's devices; a child's open codes cancelled;
a sign-in name given to a family member without an email address."""

from __future__ import annotations

import html
import re

import httpx
from console_kit import School, StaffBrowser
from portal_kit import Family, visible_text
from server_kit import Device, pull_in_thread

from dojo_server.domain import families_admin


def _seen(answer: httpx.Response) -> str:
    return html.unescape(visible_text(answer.text))


def _post(browser: StaffBrowser, path: str, form: dict[str, str]) -> httpx.Response:
    return browser.http.post(path, data={**form, "csrf": browser.csrf("/staff/")})


def _cursor(device: Device) -> str:
    """The device's cursor after everything the school holds now."""
    cursor = ""
    while True:
        body = device.pull(cursor, limit=1000).json()
        cursor = body["next_cursor"]
        if not body["has_more"]:
            return str(cursor)


def test_taking_a_guardian_off_a_child_ends_their_session_and_wakes_devices(
        school: School) -> None:
    family = Family(school.url)
    assert family.join(school.ada_code, name="Grace Hopper",
                       email="grace@families.example").status_code == 303
    assert family.get(f"/portal/child/{school.ada}").status_code == 200
    leader = school.browser("leader")
    page = leader.get(f"/staff/families/{school.maple}")
    link = re.search(r'href="(/staff/families/[^"]+/unlink)"', page.text)
    assert link and "signs in with grace@families.example" in _seen(page)

    confirm = leader.get(link.group(1))
    assert confirm.status_code == 200
    assert "Take Grace Hopper off Ada Lovelace?" in _seen(confirm)
    assert families_admin.guardians_of(school.harness.db, school.school_id, school.ada)

    board = school.harness._devices[0]
    thread, out = pull_in_thread(board, _cursor(board), wait=10)
    answer = _post(leader, link.group(1), {})
    assert answer.status_code == 303
    thread.join(timeout=15)
    assert [e["kind"] for e in out["body"]["changes"]] == ["guardian_unlinked"]
    assert out["done"] - out["began"] < 5  # woken, not timed out after 10 s
    assert "The family member no longer sees this child" in _seen(
        leader.get(answer.headers["location"]))
    assert "Grace Hopper" not in _seen(leader.get(f"/staff/families/{school.maple}"))

    signed_out = family.get(f"/portal/child/{school.ada}")
    assert signed_out.status_code == 303 and signed_out.headers["location"] == "/portal/login"
    assert family.log_in("grace@families.example", "a long password").status_code == 303
    assert family.get(f"/portal/child/{school.ada}").status_code == 404
    again = _post(leader, link.group(1), {})
    assert again.status_code == 404
    assert "not linked to that child" in _seen(again)
    assert leader.get(link.group(1)).status_code == 404
    leader.close()
    family.close()


def test_a_childs_open_codes_are_cancelled(school: School) -> None:
    admin = school.browser("admin")
    page = _seen(admin.get(f"/staff/families/{school.maple}"))
    assert "1 open code" in page
    answer = _post(admin, f"/staff/families/{school.maple}/children/{school.ada}/cancel-codes",
                   {})
    assert answer.status_code == 303
    after = _seen(admin.get(answer.headers["location"]))
    assert "The child's open invite codes no longer work." in after
    assert "open code" not in after
    family = Family(school.url)
    refused = family.join(school.ada_code, email="late@families.example")
    assert refused.status_code == 400
    admin.close()
    family.close()


def test_a_family_member_gets_a_sign_in_name(school: School) -> None:
    family = Family(school.url)
    assert family.join(school.ada_code, name="Alan", login_name="alan.t").status_code == 303
    [alan] = families_admin.guardians_of(school.harness.db, school.school_id, school.ada)
    leader = school.browser("leader")
    assert "signs in as alan.t" in _seen(leader.get(f"/staff/families/{school.maple}"))
    path = f"/staff/families/{school.maple}/guardians/{alan.guardian_id}/sign-in-name"
    bad = _post(leader, path, {"login_name": "a"})
    assert bad.status_code == 400 and "A sign-in name is 3 to 60 letters" in _seen(bad)
    answer = _post(leader, path, {"login_name": "Alan.Turing"})
    assert answer.status_code == 303
    assert "signs in as alan.turing" in _seen(leader.get(answer.headers["location"]))
    again = Family(school.url)
    assert again.log_in("alan.turing", "a long password").status_code == 303
    assert again.get(f"/portal/child/{school.ada}").status_code == 200
    leader.close()
    family.close()
    again.close()
