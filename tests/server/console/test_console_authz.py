"""Authorisation matrix of the staff console: every route, for anonymous browsers,
families, teachers, TAs, the office (admin), leaders and another school's leader."""

from __future__ import annotations

import httpx
import pytest
from console_kit import School, StaffBrowser
from fastapi.routing import APIRoute
from sqlalchemy import select

from dojo_server.console.setup import ROUTERS
from dojo_server.db.family_models import Guardian, InviteCode
from dojo_server.db.models import DeviceRow, EnrollmentCode, Staff
from dojo_server.db.read_models import ClassTeacherView, ClassView, GuardianLink, StudentView
from dojo_server.domain import families_admin, invites, schools

Route = tuple[str, str, dict[str, str]]  # method, path, form
UNLINK = "/staff/families/{class_id}/children/{student_id}/guardians/{guardian_id}/unlink"
# Pages anyone may open: signing in, choosing the language, the way in.
OPEN_ROUTES = {"GET /staff", "GET /staff/login", "POST /staff/login", "POST /staff/language"}
# Only a signed-in member of staff: signing out works for every role.
SIGNED_IN_ROUTES = {"POST /staff/logout"}
# Leaders and the office only.
OFFICE_ROUTES = {
    "GET /staff/", "GET /staff/people", "POST /staff/people",
    "POST /staff/people/{staff_id}/role", "POST /staff/people/{staff_id}/password",
    "GET /staff/classes", "POST /staff/classes", "GET /staff/classes/{class_id}",
    "POST /staff/classes/{class_id}/name", "POST /staff/classes/{class_id}/archive",
    "POST /staff/classes/{class_id}/children",
    "POST /staff/classes/{class_id}/children/{student_id}/move",
    "POST /staff/classes/{class_id}/teachers",
    "POST /staff/people/{staff_id}/shown-name",
    "GET /staff/families", "GET /staff/families/{class_id}",
    "POST /staff/families/{class_id}/letters", f"GET {UNLINK}", f"POST {UNLINK}",
    "POST /staff/families/{class_id}/children/{student_id}/cancel-codes",
    "POST /staff/families/{class_id}/guardians/{guardian_id}/sign-in-name",
    "GET /staff/devices", "POST /staff/devices/{device_id}/revoke", "POST /staff/devices/codes",
    "GET /staff/imports", "POST /staff/imports", "POST /staff/imports/{token}/apply",
    "GET /staff/rollover", "POST /staff/rollover", "POST /staff/rollover/apply"}
NEW_YEAR = {"school_year": "2099-2100", "rule_from": "Y3", "rule_to": "Y4"}


@pytest.fixture
def school(school: School) -> School:
    """The console's school with a family member of Bo's on the portal (Ada's code stays
    open for the family browser below)."""
    [letter] = invites.create_invites(school.harness.db, school.school_id, school.maple,
                                      student_id=school.bo)
    browser = StaffBrowser(school.url)
    joined = browser.http.post("/portal/join", data={
        "code": letter.code, "name": "Hal", "password": "a long password", "login_name": "hal.b",
        "csrf": browser.csrf("/portal/join")})
    assert joined.status_code == 303
    browser.close()
    return school


def _bos_guardian(s: School) -> str:
    [guardian] = families_admin.guardians_of(s.harness.db, s.school_id, s.bo)
    return guardian.guardian_id


def _office_routes(s: School) -> dict[str, Route]:
    """Every leader-and-office route, pointed at school ``s``'s records, with a form that
    would change them."""
    hal = _bos_guardian(s)
    unlink = f"/staff/families/{s.maple}/children/{s.bo}/guardians/{hal}/unlink"
    return {
        "GET /staff/": ("GET", "/staff/", {}),
        "GET /staff/people": ("GET", "/staff/people", {}),
        "POST /staff/people": ("POST", "/staff/people", {
            "name": "Mallory", "email": "mallory@example.org", "role": "leader",
            "password": "a long password", "password_again": "a long password"}),
        "POST /staff/people/{staff_id}/role": (
            "POST", f"/staff/people/{s.staff_ids['teacher']}/role", {"role": "leader"}),
        "POST /staff/people/{staff_id}/password": (
            "POST", f"/staff/people/{s.staff_ids['leader']}/password", {
                "password": "taken over now", "password_again": "taken over now"}),
        "GET /staff/classes": ("GET", "/staff/classes", {}),
        "POST /staff/classes": ("POST", "/staff/classes", {"name": "Mallory's class"}),
        "GET /staff/classes/{class_id}": ("GET", f"/staff/classes/{s.maple}", {}),
        "POST /staff/classes/{class_id}/name": (
            "POST", f"/staff/classes/{s.maple}/name", {"name": "Renamed"}),
        "POST /staff/classes/{class_id}/archive": (
            "POST", f"/staff/classes/{s.maple}/archive", {"archived": "yes"}),
        "POST /staff/classes/{class_id}/children": (
            "POST", f"/staff/classes/{s.maple}/children", {"first_name": "Mallory"}),
        "POST /staff/classes/{class_id}/children/{student_id}/move": (
            "POST", f"/staff/classes/{s.maple}/children/{s.ada}/move", {"to_class": s.oak}),
        "POST /staff/classes/{class_id}/teachers": (
            "POST", f"/staff/classes/{s.maple}/teachers", {"staff_id": s.staff_ids["ta"]}),
        "POST /staff/people/{staff_id}/shown-name": (
            "POST", f"/staff/people/{s.staff_ids['teacher']}/shown-name",
            {"display_name": "Mallory"}),
        "GET /staff/families": ("GET", "/staff/families", {}),
        "GET /staff/families/{class_id}": ("GET", f"/staff/families/{s.maple}", {}),
        "POST /staff/families/{class_id}/letters": (
            "POST", f"/staff/families/{s.maple}/letters", {"student_id": s.bo}),
        f"GET {UNLINK}": ("GET", unlink, {}),
        f"POST {UNLINK}": ("POST", unlink, {}),
        "POST /staff/families/{class_id}/children/{student_id}/cancel-codes": (
            "POST", f"/staff/families/{s.maple}/children/{s.ada}/cancel-codes", {}),
        "POST /staff/families/{class_id}/guardians/{guardian_id}/sign-in-name": (
            "POST", f"/staff/families/{s.maple}/guardians/{hal}/sign-in-name",
            {"login_name": "mallory"}),
        "GET /staff/devices": ("GET", "/staff/devices", {}),
        "POST /staff/devices/{device_id}/revoke": (
            "POST", f"/staff/devices/{s.device_id}/revoke", {}),
        "POST /staff/devices/codes": ("POST", "/staff/devices/codes", {"role": "leader"}),
        "GET /staff/imports": ("GET", "/staff/imports", {}),
        "POST /staff/imports": ("POST", "/staff/imports", {}),
        "POST /staff/imports/{token}/apply": (
            "POST", "/staff/imports/AAAAAAAAAAAAAAAAAAAAAA/apply", {}),
        "GET /staff/rollover": ("GET", "/staff/rollover", {}),
        "POST /staff/rollover": ("POST", "/staff/rollover", NEW_YEAR),
        "POST /staff/rollover/apply": ("POST", "/staff/rollover/apply", NEW_YEAR),
    }


def test_the_matrix_names_every_console_route() -> None:
    routes = {f"{method} {route.path}" for router in ROUTERS for route in router.routes
              if isinstance(route, APIRoute) for method in route.methods - {"HEAD"}}
    assert routes == OPEN_ROUTES | SIGNED_IN_ROUTES | OFFICE_ROUTES


def test_the_matrix_visits_every_office_route(school: School) -> None:
    assert set(_office_routes(school)) == OFFICE_ROUTES


def _state(s: School) -> tuple[object, ...]:
    """Everything a refused request might have changed."""
    with s.harness.db.read() as session:
        return (sorted(session.execute(select(Staff.email, Staff.role, Staff.password_hash,
                                              Staff.display_name))),
                sorted(session.execute(select(GuardianLink.guardian_id,
                                              GuardianLink.student_id))),
                sorted(session.execute(select(Guardian.id, Guardian.login_name))),
                sorted(session.execute(select(ClassTeacherView.class_id,
                                              ClassTeacherView.staff_id))),
                sorted(session.execute(select(ClassView.id, ClassView.name,
                                              ClassView.archived))),
                session.scalar(select(StudentView.id).where(
                    StudentView.first_name == "Mallory")),
                sorted(session.execute(select(DeviceRow.id, DeviceRow.revoked_at))),
                _codes(s))


def _codes(s: School) -> int:
    with s.harness.db.read() as session:
        return len(session.scalars(select(InviteCode.code_hash)).all()) + len(
            session.scalars(select(EnrollmentCode.code_hash)).all())


def _send(browser: StaffBrowser, route: Route, token: str) -> httpx.Response:
    method, path, form = route
    if method == "GET":
        return browser.get(path)
    return browser.http.post(path, data={**form, "csrf": token})


def _anonymous(s: School) -> tuple[StaffBrowser, str]:
    browser = StaffBrowser(s.url)
    return browser, browser.csrf()


def _family(s: School) -> tuple[StaffBrowser, str]:
    browser = StaffBrowser(s.url)
    token = browser.csrf("/portal/join")
    answer = browser.http.post("/portal/join", data={
        "code": s.ada_code, "name": "Grace", "password": "a long password",
        "email": "grace@families.example", "csrf": token})
    assert answer.status_code == 303
    return browser, browser.csrf()


def _session_token(browser: StaffBrowser) -> str:
    """The signed-in session's form token (the sign-out form is on every page)."""
    return browser.csrf("/staff/")


@pytest.mark.parametrize("who", ["anonymous", "family"])
def test_signed_out_browsers_are_sent_to_sign_in(school: School, who: str) -> None:
    browser, token = (_anonymous if who == "anonymous" else _family)(school)
    before = _state(school)
    for name, route in [*_office_routes(school).items(),
                        ("POST /staff/logout", ("POST", "/staff/logout", {}))]:
        answer = _send(browser, route, token)
        assert answer.status_code == 303, name
        assert answer.headers["location"] == "/staff/login", name
    assert _state(school) == before
    browser.close()


@pytest.mark.parametrize("role", ["teacher", "ta"])
def test_teachers_and_tas_are_sent_to_the_office(school: School, role: str) -> None:
    browser = school.browser(role)
    token = browser.csrf("/staff/")  # the office page has the sign-out form
    before = _state(school)
    for name, route in _office_routes(school).items():
        answer = _send(browser, route, token)
        assert answer.status_code == 403, name
        assert "ask your school's office" in answer.text, name
        assert "Maple" not in answer.text, name
    assert _state(school) == before
    assert browser.http.post("/staff/logout", data={"csrf": token}).status_code == 303
    browser.close()


def test_another_schools_leader_reaches_nothing_of_this_school(school: School) -> None:
    browser = StaffBrowser(school.url)
    assert browser.log_in(school.other_leader).status_code == 303
    token = _session_token(browser)
    before = _state(school)
    for name, route in _office_routes(school).items():
        if "{" not in name:
            continue  # its own school's pages: checked below
        answer = _send(browser, route, token)
        assert answer.status_code == 404, (name, answer.status_code)
        assert "Ada" not in answer.text and "Maple" not in answer.text, name
    for path in ("/staff/people", "/staff/classes", "/staff/families", "/staff/devices"):
        answer = browser.get(path)
        assert answer.status_code == 200, path
        assert "Willow" in answer.text or path in ("/staff/people", "/staff/devices")
        for theirs in ("Maple", "Ada", "hillside", "teacher laptop"):
            assert theirs not in answer.text, (path, theirs)
    assert _state(school) == before
    browser.close()


@pytest.mark.parametrize("role", ["leader", "admin"])
def test_leaders_and_the_office_reach_every_route(school: School, role: str) -> None:
    browser = school.browser(role)
    token = _session_token(browser)
    expected = {"POST /staff/imports": 400, "POST /staff/imports/{token}/apply": 404,
                "POST /staff/families/{class_id}/letters": 200,
                "POST /staff/devices/codes": 200, "POST /staff/rollover": 200,
                "POST /staff/rollover/apply": 200}
    routes = _office_routes(school)
    # The password reset signs the leader out: it goes last, for the admin's own check.
    order = [n for n in routes if "password" not in n] + ["POST /staff/people/{staff_id}/password"]
    for name in order:
        answer = _send(browser, routes[name], token)
        if name.startswith("GET"):
            assert answer.status_code == 200, name
        else:
            assert answer.status_code == expected.get(name, 303), (name, answer.text)
    assert browser.get("/staff/").status_code == (303 if role == "leader" else 200)
    browser.close()
    with school.harness.db.read() as session:
        maple = session.get(ClassView, (school.school_id, school.maple))
        assert maple is not None and maple.archived and maple.name == "Renamed"
    assert [d.revoked for d in schools.list_devices(school.harness.db, school.school_id)] == [True]


def test_a_console_session_is_not_a_family_session_nor_a_device(school: School) -> None:
    leader = school.browser("leader")
    family = StaffBrowser(school.url)
    family.http.cookies.set("dojo_family", leader.http.cookies["dojo_staff"])
    answer = family.get("/portal/")
    assert answer.status_code == 303 and answer.headers["location"] == "/portal/login"
    pull = httpx.get(f"{school.url}/v1/sync/pull", timeout=10, headers={
        "Authorization": f"Bearer {leader.http.cookies['dojo_staff']}"})
    assert pull.status_code == 401
    device = school.harness._devices[0]
    assert device.http.get("/staff/classes", follow_redirects=False).status_code == 303
    leader.close()
    family.close()


def test_every_form_needs_the_sessions_token(school: School) -> None:
    leader = school.browser("leader")
    before = _state(school)
    for name, route in _office_routes(school).items():
        if route[0] == "POST":
            for token in ("guess", StaffBrowser(school.url).csrf()):
                answer = _send(leader, route, token)
                assert answer.status_code == 403, (name, answer.status_code)
    assert _state(school) == before
    assert leader.get("/staff/").status_code == 200  # still signed in
    leader.close()
