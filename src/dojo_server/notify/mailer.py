"""Sending email through the school's SMTP server (smtplib), configured in settings."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid

from dojo_server.settings import Settings

TIMEOUT_S = 20


@dataclass(frozen=True)
class Mail:
    """One plain-text email."""

    to: str
    subject: str
    body: str
    unsubscribe_url: str | None = None


class SmtpMailer:
    """Sends each mail over a fresh SMTP connection (STARTTLS and login if configured)."""

    def __init__(self, host: str, port: int, sender: str, starttls: bool = False,
                 user: str | None = None, password: str | None = None) -> None:
        self.host, self.port, self.sender = host, port, sender
        self.starttls, self.user, self.password = starttls, user, password

    def send(self, mail: Mail) -> None:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.sender, mail.to, mail.subject
        message["Message-ID"] = make_msgid(domain="dojo.portal")
        if mail.unsubscribe_url:
            message["List-Unsubscribe"] = f"<{mail.unsubscribe_url}>"
        message.set_content(mail.body)
        with smtplib.SMTP(self.host, self.port, timeout=TIMEOUT_S) as smtp:
            if self.starttls:
                smtp.starttls()
            if self.user:
                smtp.login(self.user, self.password or "")
            smtp.send_message(message)


def mailer_from_settings(settings: Settings) -> SmtpMailer | None:
    """The configured mailer, or None when no SMTP server is set (email is then off)."""
    if not settings.smtp_host:
        return None
    return SmtpMailer(settings.smtp_host, settings.smtp_port, settings.mail_from,
                      settings.smtp_starttls, settings.smtp_user, settings.smtp_password)
