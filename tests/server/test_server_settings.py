"""server.json: the database URL and the portal's options, kept together."""

from __future__ import annotations

import json
from pathlib import Path

from dojo_server.settings import CONFIG_NAME, Settings, remember_database_url


def test_portal_and_mail_options_come_from_server_json(tmp_path: Path) -> None:
    (tmp_path / CONFIG_NAME).write_text(json.dumps({
        "portal_url": "https://portal.example/portal", "smtp_host": "mail.example",
        "smtp_port": 587, "smtp_starttls": True, "quiet_start_hour": 21,
        "something_else": "ignored"}), encoding="utf-8")
    remember_database_url(tmp_path, "sqlite:///elsewhere.sqlite3")
    settings = Settings.load(tmp_path)
    assert settings.database_url == "sqlite:///elsewhere.sqlite3"
    assert settings.portal_url == "https://portal.example/portal"
    assert (settings.smtp_host, settings.smtp_port, settings.smtp_starttls) == (
        "mail.example", 587, True)
    assert settings.quiet_start_hour == 21 and settings.quiet_end_hour == 7
    assert (tmp_path / CONFIG_NAME).stat().st_mode & 0o777 == 0o600
