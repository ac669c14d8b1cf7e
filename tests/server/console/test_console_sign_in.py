"""Signing in to the console: CSRF on every form, rate limits, sessions that end on sign
out or a new password, the cookies, the language, and who is sent to the office."""

from __future__ import annotations

import dataclasses

from console_kit import PASSWORD, School, StaffBrowser
from sqlalchemy import select

from dojo_server.db.models import Staff
from dojo_server.domain import staff_auth, staff_directory


def test_forms_without_the_right_token_are_refused(school: School) -> None:
    browser = StaffBrowser(school.url)
    browser.csrf()  # the browser has its signed-out token
    for token in ("", "guess"):
        answer = browser.http.post("/staff/login", data={
            "email": school.staff["leader"], "password": PASSWORD, "csrf": token})
        assert answer.status_code in (403, 422)
        assert "dojo_staff=" not in answer.headers.get("set-cookie", "")
    leader = school.browser("leader")
    for token in ("", "guess", browser.csrf()):  # another browser's token is no better
        answer = leader.http.post("/staff/classes", data={"name": "Sneaky", "csrf": token})
        assert answer.status_code in (403, 422), token
        if answer.status_code == 403:  # the console's own page, with its navigation
            assert "This form has expired" in answer.text and "/staff/classes" in answer.text
    assert "Sneaky" not in leader.get("/staff/classes").text
    token = leader.csrf("/staff/classes")
    assert leader.http.post("/staff/classes", data={"name": "Fine", "csrf": token}) \
        .status_code == 303
    assert "Fine" in leader.get("/staff/classes").text
    browser.close()
    leader.close()


def test_wrong_passwords_are_rate_limited(school: School) -> None:
    browser = StaffBrowser(school.url)
    email = school.staff["leader"]
    for _attempt in range(staff_auth.STAFF_LOGIN_FAILURES_PER_EMAIL.attempts):
        answer = browser.log_in(email, "not the password")
        assert answer.status_code == 400
        assert "do not match" in answer.text
    answer = browser.log_in(email)  # the right password, too late
    assert answer.status_code == 429
    assert int(answer.headers["Retry-After"]) > 0
    assert "Too many attempts" in answer.text
    assert "dojo_staff=" not in answer.headers.get("set-cookie", "")
    assert school.browser("admin").get("/staff/").status_code == 200  # others still may
    browser.close()


def test_unknown_emails_and_staff_without_a_password_cannot_sign_in(school: School) -> None:
    browser = StaffBrowser(school.url)
    assert browser.log_in("nobody@hillside.example").status_code == 400
    with school.harness.db.write() as session:
        leader = session.scalars(select(Staff).where(
            Staff.email == school.staff["leader"])).one()
        leader.password_hash = ""  # as an imported member of staff
    for password in (PASSWORD, "anything at all"):
        assert browser.log_in(school.staff["leader"], password).status_code == 400
    browser.close()


def test_sign_out_ends_the_session(school: School) -> None:
    browser = school.browser("leader")
    cookie = browser.http.cookies["dojo_staff"]
    token = browser.csrf("/staff/")
    answer = browser.http.post("/staff/logout", data={"csrf": token})
    assert answer.status_code == 303 and answer.headers["location"] == "/staff/login"
    stolen = StaffBrowser(school.url)
    stolen.http.cookies.set("dojo_staff", cookie)
    assert stolen.get("/staff/").status_code == 303  # the old cookie opens nothing
    assert browser.get("/staff/").status_code == 303
    stolen.close()
    browser.close()


def test_a_new_password_signs_out_everywhere(school: School) -> None:
    admin, teacher = school.browser("admin"), school.browser("teacher")
    leader = school.browser("leader")
    token = leader.csrf("/staff/people")
    answer = leader.http.post(f"/staff/people/{school.staff_ids['admin']}/password", data={
        "csrf": token, "password": "a brand new one", "password_again": "a brand new one"})
    assert answer.status_code == 303
    assert "signed out everywhere" in leader.get(answer.headers["location"]).text
    assert admin.get("/staff/").status_code == 303
    assert teacher.get("/staff/").status_code == 403  # still signed in, still not office
    assert StaffBrowser(school.url).log_in(school.staff["admin"], "a brand new one") \
        .status_code == 303
    differ = leader.http.post(f"/staff/people/{school.staff_ids['admin']}/password", data={
        "csrf": token, "password": "a brand new one", "password_again": "another one!"})
    assert differ.status_code == 400 and "The two passwords differ." in differ.text
    for browser in (admin, teacher, leader):
        browser.close()


def test_a_teacher_signed_in_is_sent_to_the_office(school: School) -> None:
    browser = StaffBrowser(school.url)
    answer = browser.log_in(school.staff["teacher"])
    assert answer.status_code == 303 and answer.headers["location"] == "/staff/"
    page = browser.get("/staff/")
    assert page.status_code == 403
    assert "ask your school's office" in page.text
    assert 'action="/staff/logout"' in page.text  # and they can sign out
    browser.close()


def test_a_leader_made_a_teacher_loses_the_console_at_once(school: School) -> None:
    leader = school.browser("leader")
    staff_directory.change_role(school.harness.db, school.school_id,
                                school.staff_ids["leader"], "teacher")
    assert leader.get("/staff/classes").status_code == 403
    leader.close()


def test_the_last_leader_cannot_step_down(school: School) -> None:
    leader = school.browser("leader")
    token = leader.csrf("/staff/people")
    ids = school.staff_ids
    for role in ("admin",):
        answer = leader.http.post(f"/staff/people/{ids[role]}/role",
                                  data={"csrf": token, "role": "teacher"})
        assert answer.status_code == 303
    answer = leader.http.post(f"/staff/people/{ids['leader']}/role",
                              data={"csrf": token, "role": "ta"})
    assert answer.status_code == 400
    assert "no leader or admin left" in answer.text
    assert leader.get("/staff/people").status_code == 200
    leader.close()


def test_cookies_are_http_only_same_site_and_secure_when_asked(school: School) -> None:
    browser = StaffBrowser(school.url)
    answer = browser.log_in(school.staff["leader"])
    cookie = answer.headers["set-cookie"].lower()
    assert "dojo_staff=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    assert "path=/staff" in cookie and "secure" not in cookie  # plain http on loopback
    console = school.harness.server.app.state.console
    school.harness.server.app.state.console = dataclasses.replace(
        console, settings=dataclasses.replace(console.settings, cookie_secure=True))
    try:
        answer = StaffBrowser(school.url).log_in(school.staff["admin"])
        assert "secure" in answer.headers["set-cookie"].lower()
    finally:
        school.harness.server.app.state.console = console
    browser.close()


def test_the_console_speaks_the_browsers_language_or_the_chosen_one(school: School) -> None:
    browser = StaffBrowser(school.url, accept_language="es-ES,es;q=0.9")
    assert "Iniciar sesión" in browser.get("/staff/login").text
    assert browser.log_in(school.staff["leader"]).status_code == 303
    assert "Clases" in browser.get("/staff/").text
    token = browser.csrf("/staff/")
    answer = browser.http.post("/staff/language", data={
        "csrf": token, "language": "ar", "back": "/staff/classes"})
    assert answer.status_code == 303 and answer.headers["location"] == "/staff/classes"
    page = browser.get("/staff/classes")
    assert 'dir="rtl"' in page.text and 'lang="ar"' in page.text
    away = browser.http.post("/staff/language", data={
        "csrf": token, "language": "es", "back": "//evil.example/staff/"})
    assert away.headers["location"] == "/staff/"
    browser.close()
