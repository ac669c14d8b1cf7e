"""Device tokens and staff passwords: making, hashing and checking them."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update

from dojo_protocol.models import REVOKED, UNAUTHORIZED
from dojo_server.db.models import DeviceRow
from dojo_server.db.session import Database
from dojo_server.domain.clock import now_ms
from dojo_server.domain.errors import DomainError

LAST_SEEN_EVERY_MS = 60_000
_passwords = PasswordHasher()


@dataclass(frozen=True)
class DeviceIdentity:
    """Who is calling: an enrolled, non-revoked device and its scope."""

    device_id: str
    school_id: str
    role: str
    class_id: str | None
    last_seq: int = 0  # the last event seq stored for it, as read at sign-in


def new_token() -> str:
    """256 random bits, URL-safe. Shown to the device once; the server keeps the hash."""
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    """sha256 in hex. Lookups go by this hash, so no token is ever compared by hand."""
    return hashlib.sha256(secret.encode()).hexdigest()


def authenticate(db: Database, token: str | None) -> DeviceIdentity:
    """The device holding ``token``; 401 if there is none, 403 if it was revoked."""
    identity, seen_long_ago = find_device(db, token)
    if seen_long_ago:
        note_seen(db, identity.device_id)
    return identity


def find_device(db: Database, token: str | None) -> tuple[DeviceIdentity, bool]:
    """Like :func:`authenticate` but only reading: the device, and whether its
    ``last_seen_ms`` is old enough to be written again (:func:`note_seen`)."""
    if not token:
        raise DomainError(401, UNAUTHORIZED, "This device is not signed in to the school "
                          "server. Ask IT for an enrollment code.")
    with db.read_rows() as conn:
        device = conn.execute(
            select(DeviceRow.id, DeviceRow.school_id, DeviceRow.role, DeviceRow.class_id,
                   DeviceRow.revoked_at, DeviceRow.last_seen_ms, DeviceRow.last_seq)
            .where(DeviceRow.token_hash == hash_secret(token))).first()
    if device is None:
        raise DomainError(401, UNAUTHORIZED, "The school server does not recognise this "
                          "device. Ask IT for a new enrollment code.")
    if device.revoked_at is not None:
        raise DomainError(403, REVOKED, "This device was removed from the school server by "
                          "IT. Ask IT for a new enrollment code.")
    identity = DeviceIdentity(device.id, device.school_id, device.role, device.class_id,
                              device.last_seq)
    return identity, now_ms() - device.last_seen_ms > LAST_SEEN_EVERY_MS


def note_seen(db: Database, device_id: str) -> None:
    """Record that the device was seen now."""
    with db.write() as session:
        session.execute(update(DeviceRow).where(DeviceRow.id == device_id)
                        .values(last_seen_ms=now_ms()))


def hash_password(password: str) -> str:
    """An argon2id hash of a staff password."""
    return _passwords.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True if ``password`` matches the stored hash."""
    try:
        return _passwords.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
