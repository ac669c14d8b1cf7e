"""Server settings: data folder, database URL and limits, from flags, environment or file."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

DATA_DIR_ENV = "DOJO_SERVER_DATA_DIR"
DATABASE_URL_ENV = "DOJO_SERVER_DATABASE_URL"
MIN_CLIENT_VERSION_ENV = "DOJO_SERVER_MIN_CLIENT_VERSION"
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
        url = database_url or os.environ.get(DATABASE_URL_ENV) or _configured(folder,
                                                                              "database_url")
        minimum = (os.environ.get(MIN_CLIENT_VERSION_ENV)
                   or _configured(folder, "min_client_version") or cls.min_client_version)
        return cls(folder, url or sqlite_url(folder / DATABASE_NAME),
                   min_client_version=minimum)


def default_data_dir() -> Path:
    return Path(user_data_dir("DojoServer", appauthor=False))


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def remember_database_url(data_dir: Path, url: str) -> Path:
    """Keep ``url`` in the data folder's server.json so later commands find the same
    database (other keys there are kept).

    The file may hold a database password, so only its owner can read it.
    """
    path = data_dir / CONFIG_NAME
    config = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    config["database_url"] = url
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(config, out)
    return path


def _configured(data_dir: Path, key: str) -> str | None:
    """``key`` from the data folder's server.json (``database_url``, ``min_client_version``)."""
    path = data_dir / CONFIG_NAME
    if not path.exists():
        return None
    value = json.loads(path.read_text(encoding="utf-8")).get(key)
    return value if isinstance(value, str) else None
