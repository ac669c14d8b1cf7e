"""Enrollment: one-time codes printed by IT, exchanged by a device for its token."""

from __future__ import annotations

import re
import secrets
from typing import cast

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dojo_protocol.models import (
    BAD_CODE,
    DEVICE_CONFLICT,
    INVALID_REQUEST,
    OTHER_COMPUTER,
    PROTOCOL_VERSION,
    UPGRADE_REQUIRED,
    EnrollRequest,
    EnrollResponse,
    Role,
)
from dojo_server.db.models import DeviceRow, EnrollmentCode
from dojo_server.db.session import Database
from dojo_server.domain.auth import COPIED_FOLDER, hash_secret, new_token, other_computer
from dojo_server.domain.clock import is_uuid, now_ms
from dojo_server.domain.errors import DomainError
from dojo_server.domain.schools import AdminError, require_role, require_school
from dojo_server.domain.staff_records import find_staff
from dojo_server.sync.epoch import current_epoch

# Crockford's base32: no I, L, O or U. Typing O for 0 or I/L for 1 still works.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8
DAY_MS = 86_400_000
# A device whose enrollment answer was lost on the way may present its code again this long.
RETRY_WINDOW_MS = 10 * 60 * 1000
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def normalize_code(code: str) -> str:
    """Upper case, separators and spaces dropped, look-alike letters mapped to digits."""
    return re.sub(r"[^0-9A-Z]", "", code.upper()).translate(_LOOKALIKES)


def create_code(db: Database, school_id: str, role: str | None, class_id: str | None = None,
                expires_days: int = 7, max_uses: int = 1, *,
                for_staff: str | None = None) -> str:
    """A new code such as ``7KQ2-M9XD`` (40 bits) for ``max_uses`` devices (one by default;
    more for a deployment, where one code in the installer enrolls a whole room of PCs).
    Only its hash is stored.

    ``for_staff`` (an email) makes it a code for a person's own device: it gets their role,
    and every event it records is theirs. Without it the device is a room's board (with
    ``class_id``) or a shared one, where a person picks their name."""
    require_school(db, school_id)
    staff_id = None
    if for_staff is not None:
        with db.read() as session:
            staff = find_staff(session, school_id, for_staff)
            staff_id, staff_role = staff.id, staff.role
        if role is not None and role != staff_role:
            raise AdminError(f"{for_staff} is a {staff_role}: their device has their role.")
        role = staff_role
    if role is None:
        raise AdminError("Say the device's role (--role), or whose device it is (--for-staff).")
    require_role(role)
    if max_uses < 1:
        raise ValueError("max_uses must be at least 1")
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    now = now_ms()
    with db.write() as session:
        session.add(EnrollmentCode(
            code_hash=hash_secret(raw), school_id=school_id, role=role, class_id=class_id,
            expires_ms=now + expires_days * DAY_MS, used_by_device=None, created_ms=now,
            max_uses=max_uses, use_count=0, staff_id=staff_id))
    return f"{raw[:4]}-{raw[4:]}"


def enroll(db: Database, request: EnrollRequest) -> EnrollResponse:
    """Use up one use of the code and give the device a fresh token scoped to the code's
    school and role.

    A device that enrolls again (its token was lost, or IT revoked it and handed out a new
    code) keeps its id and ``last_seq``, so its outbox numbering carries on; from another
    computer than the one it enrolled from (its data folder was copied) it is refused
    with ``other_computer``, and the copy enrolls under a new id that ``replaces`` the
    old one. A device id
    already enrolled at another school is refused. A client of another protocol version is
    told to upgrade; an older app of this protocol may enroll (``/health`` tells it that IT
    should update it: ``min_client_version`` is advice, the protocol is the hard line).
    """
    if request.protocol_version is not None and request.protocol_version != PROTOCOL_VERSION:
        raise DomainError(426, UPGRADE_REQUIRED, "This version of Dojo Desktop does not "
                          "speak the school server's protocol. Ask IT to update it.")
    if not is_uuid(request.device_id):
        raise DomainError(422, INVALID_REQUEST, "The device id must be a UUID.")
    try:
        return _enroll(db, request)
    except IntegrityError as exc:  # the same device id enrolling twice at the same moment
        raise DomainError(409, DEVICE_CONFLICT, "This device is being enrolled twice at "
                          "once. Try again in a moment.") from exc


def _enroll(db: Database, request: EnrollRequest) -> EnrollResponse:
    now = now_ms()
    token = new_token()
    with db.write() as session:
        code = session.get(EnrollmentCode, hash_secret(normalize_code(request.code)),
                           with_for_update=True)
        if code is None or not _usable_by(code, request.device_id, now):
            raise DomainError(403, BAD_CODE, "That enrollment code is not right or was "
                              "already used. Check it, or ask IT for a new one.")
        if code.expires_ms <= now:
            raise DomainError(403, BAD_CODE, "That enrollment code has expired. Ask IT for "
                              "a new one.")
        device = session.get(DeviceRow, request.device_id, with_for_update=True)
        if device is not None and device.school_id != code.school_id:
            raise DomainError(409, DEVICE_CONFLICT, "This device is enrolled at another "
                              "school. Ask IT to reset it before enrolling it here.")
        if device is not None and other_computer(device.machine, request.machine):
            # Taking its token would cut the first computer off: the copy enrolls anew.
            raise DomainError(409, OTHER_COMPUTER, COPIED_FOLDER)
        if device is None:
            device = DeviceRow(id=request.device_id, school_id=code.school_id, last_seq=0,
                               enrolled_ms=now, copied_from=_copied_from(
                                   session, request.replaces, code.school_id))
            session.add(device)
        device.machine = request.machine or device.machine
        device.role, device.class_id = code.role, code.class_id
        device.former_class_id = None  # enrolled afresh: only the code's class

        device.staff_id = code.staff_id
        device.name, device.token_hash = request.device_name, hash_secret(token)
        device.revoked_at, device.last_seen_ms = None, now
        if code.used_by_device != request.device_id or not _within_retry(code, now):
            code.use_count += 1
        code.used_by_device, code.last_used_ms = request.device_id, now
        epoch = current_epoch(session)
        role, staff_id = code.role, code.staff_id
    return EnrollResponse(device_id=request.device_id, token=token, school_id=code.school_id,
                          role=cast(Role, role), class_id=code.class_id, epoch=epoch,
                          staff_id=staff_id)


def _copied_from(session: Session, device_id: str | None, school_id: str) -> str | None:
    """The device a new one's data was copied from, if it is one of this school's."""
    if device_id is None:
        return None
    original = session.get(DeviceRow, device_id)
    return device_id if original is not None and original.school_id == school_id else None


def _usable_by(code: EnrollmentCode, device_id: str, now: int) -> bool:
    """A use is left, or this very device used the code moments ago and lost the answer."""
    return code.use_count < code.max_uses or (
        code.used_by_device == device_id and _within_retry(code, now))


def _within_retry(code: EnrollmentCode, now: int) -> bool:
    return code.last_used_ms is not None and now - code.last_used_ms <= RETRY_WINDOW_MS
