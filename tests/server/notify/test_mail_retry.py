"""One family's email failing is logged and tried again later; the other families' notices
go out meanwhile and none is lost. A real SMTP server on loopback that refuses one address."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from mail_kit import Mailbox, SmtpServer, body_of
from portal_kit import Family, Scene, build_scene, now_ms
from server_kit import Harness, LiveServer
from sqlalchemy import select, update

from dojo_server.db.family_models import FamilyNotice, Guardian
from dojo_server.notify.delivery import MailPlan, deliver, retry_delay_ms
from dojo_server.notify.mailer import SmtpMailer
from dojo_server.portal.i18n import translations
from dojo_server.settings import Settings

PLAN = MailPlan("https://portal.example/portal", (20, 7, 17))


class RefusingMailbox(Mailbox):
    """Keeps what arrives, but refuses the addresses in ``refused`` (a full mailbox)."""

    def __init__(self) -> None:
        super().__init__()
        self.refused: set[str] = set()

    async def handle_RCPT(self, _server: Any, _session: Any, envelope: Any, address: str,
                          _options: Any) -> str:
        if address in self.refused:
            return "552 Mailbox full"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def world(make_settings: Callable[..., Settings]) -> Iterator[tuple[Scene, SmtpServer]]:
    with SmtpServer(RefusingMailbox()) as smtp:
        server = LiveServer(make_settings(smtp_host="127.0.0.1", smtp_port=smtp.port,
                                          notify_interval_s=3600))
        harness = Harness(server)
        try:
            yield build_scene(harness), smtp
        finally:
            harness.close()
            server.stop()


def _notices(scene: Scene, email: str) -> list[FamilyNotice]:
    with scene.harness.db.read() as session:
        return list(session.scalars(select(FamilyNotice).join(
            Guardian, Guardian.id == FamilyNotice.guardian_id).where(Guardian.email == email)))


def test_the_retry_delay_doubles_up_to_six_hours() -> None:
    assert [retry_delay_ms(n) // 60_000 for n in (1, 2, 3, 4)] == [5, 10, 20, 40]
    assert retry_delay_ms(30) == 6 * 3_600_000


@pytest.mark.expected_log("could not send a portal email")
def test_one_familys_failure_holds_up_no_one_and_is_sent_later(
        world: tuple[Scene, SmtpServer]) -> None:
    scene, smtp = world
    mailbox = smtp.mailbox
    assert isinstance(mailbox, RefusingMailbox)
    mailbox.refused.add("full@example.org")
    families = [Family(scene.harness.url) for _ in range(3)]
    for family, child, email in zip(families, (scene.ada, scene.bo, scene.cy),
                                    ("full@example.org", "bad@example.org",
                                     "grace@example.org"), strict=True):
        assert family.join(scene.codes[child], email=email).status_code == 303
    with scene.harness.db.write() as session:  # an address stored before emails were checked
        session.execute(update(Guardian).where(Guardian.email == "bad@example.org")
                        .values(email="bad@example.org\r\nBcc: x@example.org"))
    for child, text in ((scene.ada, "Ada's news"), (scene.bo, "Bo's news"),
                        (scene.cy, "Cy's news")):
        scene.teacher.message(text, student_id=child, urgent=True)
    mailer = SmtpMailer("127.0.0.1", smtp.port, "school@example.org")
    now = now_ms()
    assert deliver(scene.harness.db, mailer, translations, PLAN, now) == 1
    [sent] = mailbox.wait_for(1)
    assert sent["To"] == "grace@example.org" and "Cy's news" in body_of(sent)
    [waiting] = _notices(scene, "full@example.org")
    assert waiting.sent_ms is None and waiting.attempts == 1
    assert waiting.due_ms == now + retry_delay_ms(1)
    assert deliver(scene.harness.db, mailer, translations, PLAN, now + 60_000) == 0
    mailbox.refused.clear()
    assert deliver(scene.harness.db, mailer, translations, PLAN, waiting.due_ms) == 1
    later = mailbox.wait_for(2)[1]
    assert later["To"] == "full@example.org" and "Ada's news" in body_of(later)
    [done] = _notices(scene, "full@example.org")
    assert done.sent_ms is not None
    [still] = _notices(scene, "bad@example.org\r\nBcc: x@example.org")
    assert still.sent_ms is None and still.attempts == 2  # tried again, never dropped
    for family in families:
        family.close()
