"""Server settings: data folder, database URL and limits, from flags, environment or file."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

DATA_DIR_ENV = "DOJO_SERVER_DATA_DIR"
DATABASE_URL_ENV = "DOJO_SERVER_DATABASE_URL"
MIN_CLIENT_VERSION_ENV = "DOJO_SERVER_MIN_CLIENT_VERSION"
FORWARDED_ALLOW_IPS_ENV = "DOJO_SERVER_FORWARDED_ALLOW_IPS"
CONFIG_NAME = "server.json"
DATABASE_NAME = "dojo-server.sqlite3"


@dataclass(frozen=True)
class Settings:
    """Everything the server needs to start. Limits have safe defaults."""

    data_dir: Path
    database_url: str
    min_client_version: str = "0.1.0"
    max_body_bytes: int = 2 * 1024 * 1024
    max_blob_bytes: int = 25 * 1024 * 1024
    poll_interval_s: float = 0.25
    code_ttl_days: int = 7
    portal_url: str = "http://127.0.0.1:8470/portal"
    cookie_secure: bool | None = None  # None: Secure when the request came over https
    max_photo_bytes: int = 15 * 1024 * 1024
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_starttls: bool = False
    smtp_user: str | None = None
    smtp_password: str | None = None
    mail_from: str = "Dojo school portal <portal@localhost>"
    notify_interval_s: float = 60.0
    quiet_start_hour: int = 20  # school time: no email from 20:00 ...
    quiet_end_hour: int = 7  # ... until 07:00, except urgent messages
    digest_hour: int = 17  # stories and class announcements: one email a day at 17:00
    # Reverse proxies whose X-Forwarded-For names the browser ("10.0.0.1, 10.1.0.0/16",
    # or "*"); none by default, when the peer's own address is the browser's.
    forwarded_allow_ips: str = ""

    @property
    def blobs_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def new_epoch_marker(self) -> Path:
        """A file whose presence at start means "this database was restored"."""
        return self.data_dir / "NEW_EPOCH"

    @classmethod
    def load(cls, data_dir: str | Path | None = None, database_url: str | None = None) -> Settings:
        """Flags first, then ``DOJO_SERVER_*`` variables, then ``server.json``, then defaults."""
        folder = Path(data_dir or os.environ.get(DATA_DIR_ENV) or default_data_dir())
        config = _configured(folder)
        url = database_url or os.environ.get(DATABASE_URL_ENV) or config.pop("database_url", None)
        known = {k: v for k, v in config.items() if k in _FILE_OPTIONS}
        if os.environ.get(MIN_CLIENT_VERSION_ENV):
            known["min_client_version"] = os.environ[MIN_CLIENT_VERSION_ENV]
        if os.environ.get(FORWARDED_ALLOW_IPS_ENV):
            known["forwarded_allow_ips"] = os.environ[FORWARDED_ALLOW_IPS_ENV]
        return cls(folder, url or sqlite_url(folder / DATABASE_NAME), **known)


def default_data_dir() -> Path:
    return Path(user_data_dir("DojoServer", appauthor=False))


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def remember_database_url(data_dir: Path, url: str) -> Path:
    """Keep ``url`` in the data folder's server.json so later commands find the same database.

    The file may hold database and mail passwords, so only its owner can read it. Other options
    in it are kept.
    """
    config = {**_configured(data_dir), "database_url": url}
    path = data_dir / CONFIG_NAME
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # also when the file was there before (written by hand)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(config, out)
    return path


# Options server.json may set besides the database URL (oldest app, portal address, mail,
# trusted proxies).
_FILE_OPTIONS = frozenset({"min_client_version", "portal_url", "cookie_secure",
                           "max_photo_bytes", "smtp_host", "smtp_port", "smtp_starttls",
                           "smtp_user", "smtp_password", "mail_from", "notify_interval_s",
                           "quiet_start_hour", "quiet_end_hour", "digest_hour",
                           "forwarded_allow_ips"})


def _configured(data_dir: Path) -> dict[str, Any]:
    path = data_dir / CONFIG_NAME
    if not path.exists():
        return {}
    value = json.loads(path.read_text(encoding="utf-8"))
    return dict(value) if isinstance(value, dict) else {}
