"""Emails to families: new messages at once (out of quiet hours), a daily digest of news,
in the family's language, with an unsubscribe link. A real SMTP server on loopback."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from mail_kit import SmtpServer, body_of
from portal_kit import Family, Scene, build_scene, now_ms
from server_kit import Harness, LiveServer
from sqlalchemy import select

from dojo_server.db.family_models import FamilyNotice
from dojo_server.notify.delivery import MailPlan, deliver
from dojo_server.notify.mailer import SmtpMailer
from dojo_server.notify.notices import Hours, digest_due, instant_due
from dojo_server.portal.i18n import translations
from dojo_server.settings import Settings

PORTAL_URL = "https://portal.hillside.example/portal"
LONDON = Hours("Europe/London", 20, 7, 17)


def _ms(*args: int) -> int:
    return int(dt.datetime(*args, tzinfo=dt.UTC).timestamp() * 1000)  # type: ignore[misc]


@dataclass
class MailWorld:
    smtp: SmtpServer
    scene: Scene
    settings: Settings


def _world(make_settings: Callable[..., Settings], interval_s: float) -> Iterator[MailWorld]:
    with SmtpServer() as smtp:
        settings = make_settings(smtp_host="127.0.0.1", smtp_port=smtp.port,
                                 portal_url=PORTAL_URL, notify_interval_s=interval_s)
        server = LiveServer(settings)
        harness = Harness(server)
        try:
            yield MailWorld(smtp, build_scene(harness), settings)
        finally:
            harness.close()
            server.stop()


@pytest.fixture
def live_mail(make_settings: Callable[..., Settings]) -> Iterator[MailWorld]:
    yield from _world(make_settings, 0.2)


@pytest.fixture
def idle_mail(make_settings: Callable[..., Settings]) -> Iterator[MailWorld]:
    """The loop sleeps for an hour: the test calls ``deliver`` itself at chosen times."""
    yield from _world(make_settings, 3600)


def test_quiet_hours_and_the_digest_in_school_time() -> None:
    assert instant_due(_ms(2025, 1, 15, 12, 0), LONDON) == _ms(2025, 1, 15, 12, 0)
    assert instant_due(_ms(2025, 1, 15, 21, 30), LONDON) == _ms(2025, 1, 16, 7, 0)
    assert instant_due(_ms(2025, 1, 16, 6, 59), LONDON) == _ms(2025, 1, 16, 7, 0)
    assert instant_due(_ms(2025, 7, 15, 19, 30), LONDON) == _ms(2025, 7, 16, 6, 0)  # BST
    assert digest_due(_ms(2025, 1, 15, 16, 0), LONDON) == _ms(2025, 1, 15, 17, 0)
    assert digest_due(_ms(2025, 1, 15, 17, 1), LONDON) == _ms(2025, 1, 16, 17, 0)


def test_an_urgent_message_is_emailed_and_the_family_can_unsubscribe(
        live_mail: MailWorld) -> None:
    scene = live_mail.scene
    browser = Family(scene.harness.url, accept_language="es")
    browser.join(scene.codes[scene.ada], email="grace@example.org")
    scene.teacher.send(scene.teacher.device.event("message_sent", {
        "message_id": "0190a0b0-0000-7000-8000-0000000000e1", "thread_id": scene.ada_thread,
        "student_id": scene.ada, "body": "Ada has a temperature, please call us.",
        "urgent": True, "sender_name": "Ms Rivera", "at_ms": now_ms()}))
    mail = live_mail.smtp.mailbox.wait_for(1)[0]
    assert mail["To"] == "grace@example.org"
    assert mail["Subject"] == "Mensaje nuevo sobre Ada"
    body = body_of(mail)
    assert "Ms Rivera escribió sobre Ada" in body and "temperature" in body
    assert f"{PORTAL_URL}/child/{scene.ada}/messages/{scene.ada_thread}" in body
    unsubscribe = mail["List-Unsubscribe"].strip("<>")
    assert unsubscribe in body and unsubscribe.startswith(f"{PORTAL_URL}/unsubscribe/")
    path = unsubscribe.removeprefix("https://portal.hillside.example")
    stranger = Family(scene.harness.url)
    assert "Dejar de recibir" not in stranger.get(path).text  # English for a new browser
    assert stranger.post(path, {}).status_code == 200
    second, _thread = scene.teacher.message("Another one", student_id=scene.ada,
                                            thread_id=scene.ada_thread, urgent=True)
    deadline = time.monotonic() + 10
    while not _handled(scene, second):  # the loop saw it, and skipped the unsubscribed
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert len(live_mail.smtp.mailbox.messages) == 1
    browser.close()
    stranger.close()


def test_messages_wait_for_their_time_and_news_for_the_digest(idle_mail: MailWorld) -> None:
    scene, settings = idle_mail.scene, idle_mail.settings
    browser = Family(scene.harness.url)
    browser.join(scene.codes[scene.ada], email="grace@example.org")
    Family(scene.harness.url).join(scene.codes[scene.bo])  # no email: never mailed
    later = now_ms() + 3 * 86_400_000
    scene.teacher.message("Trip money by Friday", student_id=scene.ada,
                          thread_id=scene.ada_thread, send_after_ms=later)
    scene.teacher.message("PE kit on Tuesday", class_id=scene.maple)
    scene.teacher.story("We planted sunflowers", class_ids=[scene.maple])
    mailer = SmtpMailer("127.0.0.1", settings.smtp_port, settings.mail_from)
    plan = MailPlan(PORTAL_URL, (20, 7, 17))
    hours = Hours("Europe/London", 20, 7, 17)
    due = instant_due(later, hours)
    digest = digest_due(now_ms(), hours)
    first = min(due, digest)
    assert deliver(scene.harness.db, mailer, translations, plan, first - 1) == 0
    assert deliver(scene.harness.db, mailer, translations, plan, max(due, digest)) == 1
    mail = idle_mail.smtp.mailbox.wait_for(1)[0]
    body = body_of(mail)
    for text in ("Trip money by Friday", "PE kit on Tuesday", "We planted sunflowers"):
        assert text in body
    assert "Maple planted seeds" not in body  # posted before the family joined
    assert deliver(scene.harness.db, mailer, translations, plan, max(due, digest) + 1) == 0
    assert re.search(rf"{PORTAL_URL}/child/{scene.ada}/story", body)
    browser.close()


def _handled(scene: Scene, message_id: str) -> bool:
    with scene.harness.db.read() as session:
        sent = session.scalars(select(FamilyNotice.sent_ms).where(
            FamilyNotice.ref_id == message_id)).all()
    return bool(sent) and all(s is not None for s in sent)


def test_no_mail_without_smtp(harness: Harness) -> None:
    assert harness.server.app.state.portal.mailer is None
