"""Device tokens and staff passwords: making, hashing and checking them."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import bindparam, select, update

from dojo_protocol.models import OTHER_COMPUTER, REVOKED, UNAUTHORIZED
from dojo_server.db.models import DeviceRow
from dojo_server.db.session import Database
from dojo_server.domain.clock import now_ms
from dojo_server.domain.errors import DomainError

LAST_SEEN_EVERY_MS = 60_000
COPIED_FOLDER = ("This class data was copied from another computer, so it cannot sync as "
                 "that computer. Connect it to the school server again with a new code from "
                 "IT; everything on this computer is kept and sent.")
_passwords = PasswordHasher()
# Every sync request's sign-in, made once: with the token's hash as a literal, building
# the statement and its cache key cost three times the read.
_BY_TOKEN = select(
    DeviceRow.id, DeviceRow.school_id, DeviceRow.role, DeviceRow.class_id,
    DeviceRow.revoked_at, DeviceRow.last_seen_ms, DeviceRow.last_seq, DeviceRow.machine,
    DeviceRow.copied_from, DeviceRow.former_class_id, DeviceRow.staff_id,
).where(DeviceRow.token_hash == bindparam("b_hash"))


@dataclass(frozen=True)
class DeviceIdentity:
    """Who is calling: an enrolled, non-revoked device and its scope."""

    device_id: str
    school_id: str
    role: str
    class_id: str | None
    last_seq: int = 0  # the last event seq stored for it, as read at sign-in
    copied_from: str | None = None  # the device whose data folder this one's was copied from
    former_class_id: str | None = None  # its class before the new school year moved it
    staff_id: str | None = None  # the person a personal device is for (None: a shared one)


def new_token() -> str:
    """256 random bits, URL-safe. Shown to the device once; the server keeps the hash."""
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    """sha256 in hex. Lookups go by this hash, so no token is ever compared by hand."""
    return hashlib.sha256(secret.encode()).hexdigest()


def authenticate(db: Database, token: str | None, machine: str | None = None
                 ) -> DeviceIdentity:
    """The device holding ``token``; 401 if there is none, 403 if it was revoked or if
    ``machine`` (its computer's proof) is not the one it enrolled from."""
    identity, to_note = find_device(db, token, machine)
    if to_note:
        note_seen(db, identity.device_id, machine)
    return identity


def other_computer(known: str | None, machine: str | None) -> bool:
    """Whether ``machine`` is another computer than ``known`` (unknown ones are not)."""
    return bool(known and machine and known != machine)


def find_device(db: Database, token: str | None, machine: str | None = None
                ) -> tuple[DeviceIdentity, bool]:
    """Like :func:`authenticate` but only reading: the device, and whether there is
    something to write (:func:`note_seen`): its ``last_seen_ms`` is old, or its computer
    is named for the first time."""
    if not token:
        raise DomainError(401, UNAUTHORIZED, "This device is not signed in to the school "
                          "server. Ask IT for an enrollment code.")
    with db.read_rows() as conn:
        device = conn.execute(_BY_TOKEN, {"b_hash": hash_secret(token)}).first()
    if device is None:
        raise DomainError(401, UNAUTHORIZED, "The school server does not recognise this "
                          "device. Ask IT for a new enrollment code.")
    if device.revoked_at is not None:
        raise DomainError(403, REVOKED, "This device was removed from the school server by "
                          "IT. Ask IT for a new enrollment code.")
    if other_computer(device.machine, machine):
        raise DomainError(403, OTHER_COMPUTER, COPIED_FOLDER)
    identity = DeviceIdentity(device.id, device.school_id, device.role, device.class_id,
                              device.last_seq, device.copied_from, device.former_class_id,
                              device.staff_id)
    return identity, (now_ms() - device.last_seen_ms > LAST_SEEN_EVERY_MS
                      or bool(machine and device.machine is None))


def note_seen(db: Database, device_id: str, machine: str | None = None) -> None:
    """Record that the device was seen now, and the computer it names if none was known
    (a device enrolled before computers were told apart)."""
    with db.write() as session:
        session.execute(update(DeviceRow).where(DeviceRow.id == device_id)
                        .values(last_seen_ms=now_ms()))
        if machine:
            session.execute(update(DeviceRow).where(DeviceRow.id == device_id,
                                                    DeviceRow.machine.is_(None))
                            .values(machine=machine))


def hash_password(password: str) -> str:
    """An argon2id hash of a staff password."""
    return _passwords.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True if ``password`` matches the stored hash."""
    try:
        return _passwords.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
