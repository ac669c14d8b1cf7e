"""Connecting to the school server: pairing, the device token in the OS keyring, status."""

from __future__ import annotations

import contextlib
import platform
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from dojo_desktop import __version__
from dojo_desktop.services.blobs import find_blob
from dojo_desktop.services.context import ServiceContext
from dojo_desktop.services.errors import InvalidInputError
from dojo_desktop.services.settings import STAFF_ROLE

if TYPE_CHECKING:
    from dojo_desktop.store.sync_store import OutboxItem, SyncStore
    from dojo_desktop.sync.engine import SyncEngine

# keyring, requests, pydantic and SQLAlchemy load on first use, never before the first paint.

KEYRING_SERVICE = "Dojo Desktop"


@dataclass(frozen=True)
class Pairing:
    """The server this device is connected to."""

    server_url: str
    school_id: str
    role: str


@dataclass(frozen=True)
class OutboxCounts:
    """Events waiting to be sent, and events the server refused."""

    waiting: int
    rejected: int


class SyncService:
    """Pairing and what the sync indicator shows. Pairing blocks: call it off the GUI thread."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        self._store: SyncStore | None = None
        self._ca_bundle: str | None = None

    @property
    def store(self) -> SyncStore:
        if self._store is None:
            from dojo_desktop.store.sync_store import SyncStore

            self._store = SyncStore(self._ctx.db_path)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def set_ca_bundle(self, path: str | None) -> None:
        """A school's own certificate authority bundle (TLS is always verified)."""
        self._ca_bundle = path or None

    def server_url(self) -> str | None:
        position = self.store.position()
        return position.server_url if position else None

    def pair(self, server_url: str, code: str, device_name: str | None = None) -> Pairing:
        """Enroll this device with a one-time code; the token goes to the OS keyring only."""
        import keyring
        import keyring.errors

        from dojo_desktop.sync.transport import HttpTransport
        from dojo_protocol import EnrollRequest

        url = normalise_server_url(server_url)
        transport = HttpTransport(url, ca_bundle=self._ca_bundle)
        try:
            health = transport.health()
            answer = transport.enroll(EnrollRequest(
                code=code.strip(), device_id=self._ctx.device_id,
                device_name=(device_name or platform.node() or "classroom PC")[:120],
                client_version=__version__))
        finally:
            transport.close()
        try:
            keyring.set_password(KEYRING_SERVICE, _token_key(url, self._ctx.device_id),
                                 answer.token)
        except keyring.errors.KeyringError as exc:
            raise InvalidInputError(
                "This computer has no secure password store, so the connection cannot be "
                f"kept safely ({exc}). Ask IT to set one up.") from exc
        self.store.set_server(url, self._ctx.device_id, health.epoch)
        # Kept so the screens know what this device may do (a leader posts to the school).
        self._ctx.writer.set_preference(STAFF_ROLE, str(answer.role))
        return Pairing(url, answer.school_id, answer.role)

    def token(self) -> str | None:
        import keyring
        import keyring.errors

        url = self.server_url()
        if url is None:
            return None
        try:
            return keyring.get_password(KEYRING_SERVICE, _token_key(url, self._ctx.device_id))
        except keyring.errors.KeyringError:
            return None

    def forget_token(self) -> None:
        import keyring
        import keyring.errors

        url = self.server_url()
        if url is not None:
            with contextlib.suppress(keyring.errors.KeyringError):
                keyring.delete_password(KEYRING_SERVICE, _token_key(url, self._ctx.device_id))

    def engine(self) -> SyncEngine | None:
        """A sync engine for the paired server, or ``None`` when not paired."""
        from dojo_desktop.sync.engine import SyncEngine
        from dojo_desktop.sync.transport import HttpTransport

        url, token = self.server_url(), self.token()
        if url is None or token is None:
            return None
        blobs_dir = self._ctx.data_dir / "blobs"
        transport = HttpTransport(url, token, self._ca_bundle, now_ms=self._ctx.now_ms)
        return SyncEngine(self.store, transport, self._ctx.clock,
                          lambda sha: find_blob(blobs_dir, sha))

    def counts(self) -> OutboxCounts:
        counts = self.store.counts()
        return OutboxCounts(counts.get("pending", 0), counts.get("rejected", 0))

    def rejected(self) -> list[tuple[OutboxItem, str]]:
        return self.store.rejected()


def normalise_server_url(text: str) -> str:
    """``school.example`` -> ``https://school.example``; refuses anything but http(s)."""
    text = text.strip().rstrip("/")
    if "://" not in text:
        text = "https://" + text
    parsed = urlparse(text)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise InvalidInputError(f"“{text}” is not a server address such as "
                                "https://dojo.myschool.example")
    return text


def _token_key(server_url: str, device_id: str) -> str:
    # The device id too: two data folders on one computer are two devices.
    return f"device-token:{device_id}@{server_url}"
