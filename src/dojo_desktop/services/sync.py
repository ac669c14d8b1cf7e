"""Connecting to the school server: pairing, the device token in the OS keyring, status."""

from __future__ import annotations

import platform
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from dojo_desktop import __version__
from dojo_desktop.core.ids import uuid7
from dojo_desktop.services.blobs import find_blob
from dojo_desktop.services.context import ServiceContext
from dojo_desktop.services.errors import InvalidInputError, ManagedSettingError
from dojo_desktop.services.machine_identity import KEYRING_SERVICE, machine_proof
from dojo_desktop.services.settings import CA_BUNDLE, STAFF_ID, STAFF_ROLE, SettingsService
from dojo_desktop.store.reader import paired_server_url

if TYPE_CHECKING:
    from dojo_desktop.sync.engine import SyncEngine
    from dojo_desktop.sync.sync_store import OutboxItem, SyncStore
    from dojo_protocol import EnrollRequest, Health

# keyring, requests and pydantic load on first use: on a device that is not paired, never
# (a plain sqlite3 read says whether it is). SQLAlchemy never: the sync's store is sqlite3.


@dataclass(frozen=True)
class Pairing:
    """The server this device is connected to."""

    server_url: str
    school_id: str
    role: str


@dataclass(frozen=True)
class ServerVersion:
    """What the server said of this app's version (from ``/health``)."""

    compatible: bool  # false: this app cannot sync with the server at all
    update_notice: str  # empty, or plain words telling the user that IT must update the app


@dataclass(frozen=True)
class OutboxCounts:
    """Events waiting to be sent, and events the server refused."""

    waiting: int
    rejected: int


class SyncService:
    """Pairing and what the sync indicator shows. Pairing blocks: call it off the GUI thread."""

    def __init__(self, ctx: ServiceContext, settings: SettingsService,
                 keep_fetched: Callable[[str, bytes], None] | None = None) -> None:
        self._ctx = ctx
        self._settings = settings
        self._keep_fetched = keep_fetched  # files other devices attached, fetched by sync
        self._store: SyncStore | None = None

    @property
    def store(self) -> SyncStore:
        if self._store is None:
            from dojo_desktop.sync.sync_store import SyncStore

            self._store = SyncStore(self._ctx.db_path)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def ca_bundle(self) -> str | None:
        """The school's own certificate authority bundle, if any (TLS is always verified)."""
        return self._settings.preference(CA_BUNDLE) or None

    def set_ca_bundle(self, path: str | None) -> None:
        """Remember the school's CA bundle on this device (unless IT set one)."""
        if self._settings.managed_by(CA_BUNDLE):
            return
        self._settings.set_preference(CA_BUNDLE, path or None)

    def server_url(self) -> str | None:
        return paired_server_url(self._ctx.db_path)

    def managed_server_url(self) -> str | None:
        """The server IT set for this computer; pairing with any other is refused."""
        url = self._ctx.managed.server_url
        return normalise_server_url(url) if url else None

    def is_paired(self) -> bool:
        return self.server_url() is not None and self.token() is not None

    def can_pair_automatically(self) -> bool:
        """Not paired yet, and IT set both a server and an enrollment code."""
        managed = self._ctx.managed
        return bool(managed.server_url and managed.enroll_code) and not self.is_paired()

    def pair_automatically(self) -> Pairing | None:
        """Pair with IT's server and code on a fresh install; None when there is nothing to
        do. Blocks: call it off the GUI thread."""
        managed = self._ctx.managed
        if not self.can_pair_automatically() or not managed.server_url:
            return None
        return self.pair(managed.server_url, managed.enroll_code or "")

    def pair(self, server_url: str, code: str, device_name: str | None = None) -> Pairing:
        """Enroll this device with a code from IT; the token goes to the OS keyring only."""
        import keyring
        import keyring.errors

        from dojo_desktop.sync.errors import OtherComputer
        from dojo_desktop.sync.transport import HttpTransport

        url = normalise_server_url(server_url)
        managed_url = self.managed_server_url()
        if managed_url is not None and url != managed_url:
            raise ManagedSettingError(
                f"Your school's IT set this computer to use {managed_url} "
                f"({self._ctx.managed.describe_source()}); it cannot connect to another "
                "server.")
        transport = HttpTransport(url, ca_bundle=self.ca_bundle())
        name = (device_name or platform.node() or "classroom PC")[:120]
        try:
            health = transport.health()
            device_id, copied_from = self._ctx.device_id, None
            try:
                answer = transport.enroll(self._enroll_request(code, device_id, name))
            except OtherComputer:
                # This folder was copied from another computer, whose identity it holds:
                # pair as a device of its own, keeping everything stored here.
                device_id, copied_from = uuid7(), device_id
                answer = transport.enroll(self._enroll_request(code, device_id, name,
                                                               copied_from))
        finally:
            transport.close()
        school = self._ctx.managed.school_id
        if school and answer.school_id != school:
            raise ManagedSettingError(
                f"That code belongs to another school than the one IT set for this computer "
                f"(school {school}). Nothing was stored; ask IT for a code of this school.")
        try:
            keyring.set_password(KEYRING_SERVICE, _token_key(url, device_id), answer.token)
        except keyring.errors.KeyringError as exc:
            raise InvalidInputError(
                "This computer has no secure password store, so the connection cannot be "
                f"kept safely ({exc}). Ask IT to set one up.") from exc
        if copied_from is None:
            self.store.set_server(url, device_id, health.epoch)
        else:
            self.store.take_new_identity(url, device_id, health.epoch)
            self._ctx.new_device_id(device_id)
        # Kept so the screens know what this device may do (a leader posts to the school).
        self._settings.set_preference(STAFF_ROLE, str(answer.role))
        # A personal device's events are its person's; a shared one asks who is teaching.
        self._settings.set_preference(STAFF_ID, answer.staff_id)
        return Pairing(url, answer.school_id, answer.role)

    def _enroll_request(self, code: str, device_id: str, name: str,
                        copied_from: str | None = None) -> EnrollRequest:
        from dojo_protocol import PROTOCOL_VERSION, EnrollRequest

        return EnrollRequest(code=code.strip(), device_id=device_id, device_name=name,
                             client_version=__version__, protocol_version=PROTOCOL_VERSION,
                             machine=machine_proof(device_id), replaces=copied_from)

    def token(self) -> str | None:
        url = self.server_url()
        if url is None:
            return None
        import keyring
        import keyring.errors

        try:
            return keyring.get_password(KEYRING_SERVICE, _token_key(url, self._ctx.device_id))
        except keyring.errors.KeyringError:
            return None

    def engine(self) -> SyncEngine | None:
        """A sync engine for the paired server, or ``None`` when not paired."""
        engines = self.engines(1)
        return engines[0] if engines else None

    def engines(self, count: int) -> list[SyncEngine]:
        """``count`` sync engines for the paired server, each with its own HTTP session (the
        scheduler's push and pull), from one read of the keyring; none when not paired."""
        url, token = self.server_url(), self.token()
        if url is None or token is None:
            return []
        from dojo_desktop.sync.engine import SyncEngine
        from dojo_desktop.sync.transport import HttpTransport

        blobs_dir = self._ctx.data_dir / "blobs"
        machine, ca_bundle = machine_proof(self._ctx.device_id), self.ca_bundle()
        return [SyncEngine(self.store,
                           HttpTransport(url, token, ca_bundle, now_ms=self._ctx.now_ms,
                                         machine=machine),
                           self._ctx.clock, lambda sha: find_blob(blobs_dir, sha),
                           self._keep_fetched)
                for _ in range(count)]

    def check_server_version(self) -> ServerVersion | None:
        """Ask the paired server which app versions it serves; None if it cannot be reached.
        Blocks: call it off the GUI thread."""
        from dojo_desktop.sync.errors import SyncError
        from dojo_desktop.sync.transport import HttpTransport

        url = self.server_url()
        if url is None:
            return None
        transport = HttpTransport(url, ca_bundle=self.ca_bundle())
        try:
            return judge_version(transport.health())
        except SyncError:
            return None
        finally:
            transport.close()

    def counts(self) -> OutboxCounts:
        counts = self.store.counts()
        return OutboxCounts(counts.get("pending", 0), counts.get("rejected", 0))

    def rejected(self) -> list[tuple[OutboxItem, str]]:
        return self.store.rejected()


def judge_version(health: Health) -> ServerVersion:
    """Compare this app with what the server serves: an older app of the same protocol keeps
    syncing and tells the user IT should update it; another protocol cannot sync."""
    from dojo_protocol import PROTOCOL_VERSION
    from dojo_protocol.versions import version_at_least

    if health.protocol_version != PROTOCOL_VERSION:
        return ServerVersion(False, (
            "The school server speaks a different version of the sync protocol than this "
            f"app (Dojo Desktop {__version__}), so sync has stopped. Points are kept on this "
            "computer. Ask IT to update Dojo Desktop."))
    if not version_at_least(__version__, health.min_client_version):
        return ServerVersion(True, (
            f"The school server asks for Dojo Desktop {health.min_client_version} or newer; "
            f"this is {__version__}. Everything still works and syncs for now; ask IT to "
            "update it."))
    return ServerVersion(True, "")


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
