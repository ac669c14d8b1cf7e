"""Signing in with a one-time link sent by email (a real SMTP server on loopback)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from mail_kit import SmtpServer, body_of
from portal_kit import Family, Scene, build_scene
from server_kit import Harness, LiveServer

from dojo_server.settings import Settings

PORTAL_URL = "https://portal.hillside.example/portal"


@dataclass
class MailWorld:
    smtp: SmtpServer
    scene: Scene


@pytest.fixture
def world(make_settings: Callable[..., Settings]) -> Iterator[MailWorld]:
    with SmtpServer() as smtp:
        server = LiveServer(make_settings(smtp_host="127.0.0.1", smtp_port=smtp.port,
                                          portal_url=PORTAL_URL))
        harness = Harness(server)
        try:
            yield MailWorld(smtp, build_scene(harness))
        finally:
            harness.close()
            server.stop()


def test_a_family_without_a_password_signs_in_by_link(world: MailWorld) -> None:
    scene = world.scene
    browser = Family(scene.harness.url, accept_language="es")
    assert browser.join(scene.codes[scene.ada], email="Grace@Example.org",
                        password="").status_code == 303
    browser.post("/portal/logout", {}, form_page="/portal/")
    login = browser.get("/portal/login").text
    assert 'action="/portal/login/link"' in login
    for email in ("nobody@example.org", "grace@example.org"):
        sent = browser.post("/portal/login/link", {"email": email}, form_page="/portal/login")
        assert sent.status_code == 200 and "Revise su correo" in sent.text
    messages = world.smtp.mailbox.wait_for(1)
    assert len(messages) == 1 and messages[0]["To"] == "grace@example.org"
    assert messages[0]["Subject"] == "Su enlace de acceso"
    link = re.search(r"https://\S+", body_of(messages[0]))
    assert link and link.group().startswith(f"{PORTAL_URL}/login/link/")
    path = link.group().removeprefix("https://portal.hillside.example")
    assert browser.get("/portal/").status_code == 303  # not signed in by opening the page
    signed_in = browser.post(path, {})
    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/portal/"
    assert "Ada Lovelace" in browser.get("/portal/").text
    reused = Family(scene.harness.url)
    assert reused.post(path, {}).status_code == 400
    browser.close()
    reused.close()


def test_link_requests_are_rate_limited(world: MailWorld) -> None:
    scene = world.scene
    browser = Family(scene.harness.url)
    browser.join(scene.codes[scene.bo], email="bo.family@example.org", password="")
    browser.post("/portal/logout", {}, form_page="/portal/")
    for _ in range(3):
        assert browser.post("/portal/login/link", {"email": "bo.family@example.org"},
                            form_page="/portal/login").status_code == 200
    assert browser.post("/portal/login/link", {"email": "bo.family@example.org"},
                        form_page="/portal/login").status_code == 429
    assert len(world.smtp.mailbox.wait_for(3)) == 3
    browser.close()


def test_without_mail_a_password_is_required(harness: Harness) -> None:
    scene = build_scene(harness)
    browser = Family(harness.url)
    assert 'action="/portal/login/link"' not in browser.get("/portal/login").text
    refused = browser.join(scene.codes[scene.ada], email="grace@example.org", password="")
    assert refused.status_code == 400 and "choose a password" in refused.text
    browser.close()
