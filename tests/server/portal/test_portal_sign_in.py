"""Signing in with an email or a sign-in name, what joining asks for, the limits per account
and per address, and which proxies may say where a family is."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from portal_kit import Family, Scene, now_ms
from server_kit import Harness, LiveServer, new_uuid
from sqlalchemy import select
from starlette.requests import Request

from dojo_server.app import create_app
from dojo_server.db.family_models import Guardian, RateLimit
from dojo_server.domain import rate_limits
from dojo_server.domain.auth import hash_password
from dojo_server.domain.family_auth import FamilyError
from dojo_server.domain.sign_in_names import clean_email, clean_login_name
from dojo_server.portal.client_address import check_setting, client_address
from dojo_server.settings import CONFIG_NAME, FORWARDED_ALLOW_IPS_ENV, Settings


def test_emails_are_one_plain_address() -> None:
    assert clean_email("  Grace@Example.ORG ") == "grace@example.org"
    assert clean_email("") == ""
    for bad in ("grace", "grace@example", "a@b.org, c@d.org", "a@b.org\r\nBcc: c@d.org",
                "a@b.org\nx", "two@@example.org", "Grace <grace@example.org>",
                "a@b@c.org", "a;b@c.org", "x" * 250 + "@example.org"):
        with pytest.raises(FamilyError, match="bad_email"):
            clean_email(bad)
    assert clean_login_name(" Grace.H ") == "grace.h"
    for bad in ("gh", "grace@home", "grace hopper", ".grace", "x" * 61):
        with pytest.raises(FamilyError, match="bad_login_name"):
            clean_login_name(bad)


def test_a_family_with_no_email_signs_in_with_the_name_it_chose(scene: Scene) -> None:
    family = Family(scene.harness.url)
    assert family.join(scene.codes[scene.ada], login_name="Grace.H").status_code == 303
    family.post("/portal/logout", {}, form_page="/portal/")
    assert family.get("/portal/").status_code == 303
    assert family.log_in("grace.h", "a long password").status_code == 303
    assert "Ada" in family.get("/portal/").text
    stranger = Family(scene.harness.url)
    taken = stranger.join(scene.codes[scene.bo], login_name="grace.h")
    assert taken.status_code == 400 and "already uses that sign-in name" in taken.text
    email = Family(scene.harness.url)
    assert email.join(scene.codes[scene.bo], email="alan@example.org").status_code == 303
    assert Family(scene.harness.url).log_in(" Alan@Example.org",
                                            "a long password").status_code == 303
    for client in (family, stranger, email):
        client.close()


def test_joining_with_a_password_needs_an_email_or_a_sign_in_name(scene: Scene) -> None:
    family = Family(scene.harness.url)
    refused = family.join(scene.codes[scene.ada], login_name="")
    assert refused.status_code == 400 and "choose a sign-in name" in refused.text
    for email in ("a@b.org, c@d.org", "a@b.org\r\nBcc: c@d.org", "grace"):
        bad = family.join(scene.codes[scene.ada], email=email)
        assert bad.status_code == 400 and "does not look right" in bad.text
    bad_name = family.join(scene.codes[scene.ada], login_name="no spaces please")
    assert bad_name.status_code == 400 and "3 to 60 letters" in bad_name.text
    assert family.join(scene.codes[scene.ada], login_name="grace").status_code == 303
    family.close()


def test_a_parents_evening_behind_one_address_all_sign_in(harness: Harness) -> None:
    families = 31  # the 31st was locked out when every sign-in counted against the address
    password_hash = hash_password("a long password")  # made once: the test is about limits
    with harness.db.write() as session:
        session.add_all(Guardian(id=new_uuid(), school_id=harness.school_id,
                                 name=f"Parent {n}", email=None, login_name=f"parent{n}",
                                 password_hash=password_hash, language="en",
                                 email_notifications=True, created_ms=now_ms())
                        for n in range(families))
    for number in range(families):  # every family from 127.0.0.1, some mistype first
        family = Family(harness.url)
        if number % 3 == 0:
            assert family.log_in(f"parent{number}", "a wrong guess").status_code == 400
        assert family.log_in(f"Parent{number}", "a long password").status_code == 303
        family.close()


def test_wrong_passwords_count_per_account_and_per_address(scene: Scene) -> None:
    family = Family(scene.harness.url)
    family.join(scene.codes[scene.ada], email="grace@example.org", login_name="grace")
    family.post("/portal/logout", {}, form_page="/portal/")
    per_account = rate_limits.LOGIN_FAILURES_PER_ACCOUNT.attempts
    for attempt in range(per_account):  # by email and by name: one account
        login = "grace@example.org" if attempt % 2 else "grace"
        assert family.log_in(login, "wrong password!").status_code == 400
    limited = family.log_in("grace", "a long password")
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
    assert family.log_in("somebody", "another guess").status_code == 400  # others go on
    address = rate_limits.LOGIN_FAILURES_PER_ADDRESS
    for _ in range(address.attempts):
        rate_limits.record(scene.harness.db, address, "127.0.0.1")
    assert family.log_in("somebody", "another guess").status_code == 429
    family.close()


def _request(peer: str, *forwarded: str) -> Request:
    headers = [(b"x-forwarded-for", value.encode()) for value in forwarded]
    return Request({"type": "http", "method": "GET", "path": "/", "headers": headers,
                    "client": (peer, 5000), "query_string": b""})


def test_forwarded_addresses_are_believed_only_from_trusted_proxies() -> None:
    assert client_address(_request("198.51.100.7", "203.0.113.9"), "") == "198.51.100.7"
    assert client_address(_request("198.51.100.7", "203.0.113.9"), "10.0.0.1") \
        == "198.51.100.7"
    assert client_address(_request("10.0.0.1", "203.0.113.9"), "10.0.0.1") == "203.0.113.9"
    # A browser that writes its own header is found behind it: the nearest untrusted hop.
    assert client_address(_request("10.0.0.1", "1.2.3.4, 203.0.113.9"), "10.0.0.0/8") \
        == "203.0.113.9"
    assert client_address(_request("10.0.0.1", "1.2.3.4, 203.0.113.9, 10.0.0.2"),
                          "10.0.0.0/8") == "203.0.113.9"
    assert client_address(_request("10.0.0.1", "1.2.3.4", "203.0.113.9"), "10.0.0.1") \
        == "203.0.113.9"
    assert client_address(_request("10.0.0.1"), "10.0.0.1") == "10.0.0.1"
    assert client_address(_request("198.51.100.7", "203.0.113.9"), "*") == "203.0.113.9"
    check_setting("10.0.0.1, 192.168.0.0/16, ::1, *")
    with pytest.raises(ValueError, match="not-an-address"):
        check_setting("10.0.0.1, not-an-address")


@pytest.fixture
def behind_proxy(make_settings: Callable[..., Settings]) -> Iterator[Harness]:
    server = LiveServer(make_settings(forwarded_allow_ips="127.0.0.1"))
    harness = Harness(server)
    yield harness
    harness.close()
    server.stop()


def _failure_keys(harness: Harness) -> set[str]:
    with harness.db.read() as session:
        return set(session.scalars(select(RateLimit.key).where(
            RateLimit.key.like("login-failures-address:%"))))


def _fail_via_proxy(harness: Harness) -> None:
    family = Family(harness.url)
    family.http.headers["X-Forwarded-For"] = "203.0.113.9"
    assert family.log_in("nobody", "a wrong guess").status_code == 400
    family.close()


def test_a_trusted_proxy_names_the_familys_own_address(behind_proxy: Harness) -> None:
    _fail_via_proxy(behind_proxy)
    assert _failure_keys(behind_proxy) == {"login-failures-address:203.0.113.9"}


def test_by_default_no_proxy_is_trusted(harness: Harness) -> None:
    _fail_via_proxy(harness)
    assert _failure_keys(harness) == {"login-failures-address:127.0.0.1"}


def test_the_trusted_proxies_come_from_the_file_or_the_environment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings.load(tmp_path).forwarded_allow_ips == ""
    (tmp_path / CONFIG_NAME).write_text(json.dumps({"forwarded_allow_ips": "10.0.0.1"}))
    assert Settings.load(tmp_path).forwarded_allow_ips == "10.0.0.1"
    monkeypatch.setenv(FORWARDED_ALLOW_IPS_ENV, "10.1.0.0/16")
    assert Settings.load(tmp_path).forwarded_allow_ips == "10.1.0.0/16"
    wrong = dataclasses.replace(Settings.load(tmp_path), forwarded_allow_ips="proxy-host")
    with pytest.raises(ValueError, match="proxy-host"):
        create_app(wrong)
