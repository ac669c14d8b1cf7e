"""The school's staff on this device: who this device is for, or who is teaching on a
shared one (a name picked, a PIN typed), and who each event is by.

A device enrolled for a person (``STAFF_ID``, from pairing) records everything as them.
On a room's board or another shared device a person picks their name (``core/teaching.py``
says how long it lasts), and types their PIN before anything that speaks for them. The
staff come from the server as ``staff_member`` records, their PIN verifiers as
``staff_pin_set`` records; a PIN is checked here, offline, against its verifier.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dojo_desktop.core.teaching import IDLE_MS, PinAttempts, StaffMember, TeachingSession
from dojo_desktop.services.context import ServiceContext
from dojo_desktop.services.errors import invalid
from dojo_desktop.services.settings import STAFF_ID, STAFF_NAME, SettingsService
from dojo_desktop.services.views import Changes
from dojo_protocol.limits import MAX_AUTHOR_NAME
from dojo_protocol.pins import PIN_MEMORY_KIB, PIN_PARALLELISM, PIN_TIME_COST, pin_problem

MEMBER_KIND = "staff_member"
PIN_KIND = "staff_pin_set"
TEACHER_KIND = "class_teacher_assigned"  # who teaches which class


@dataclass(frozen=True)
class PinCheck:
    """What became of a PIN typed for a name."""

    ok: bool
    tries_left: int = 0  # after a wrong one, before the wait
    wait_s: int = 0  # the name must wait this long before the next try
    no_pin: bool = False  # the person has set no PIN yet


class StaffService:
    """Reads the school's staff and keeps who is teaching on this device (in memory: a
    restart forgets the name, as a new lesson would)."""

    def __init__(self, ctx: ServiceContext, settings: SettingsService) -> None:
        self._ctx, self._settings = ctx, settings
        self._session = TeachingSession()
        self._attempts = PinAttempts()
        self._day = ("", 0, 0)  # the school day last worked out, and its start and end (ms)
        ctx.author = self.author_id

    # The staff -------------------------------------------------------------------------

    def members(self) -> list[StaffMember]:
        """The school's staff (not archived), by name."""
        pins = self._verifiers()
        found = [StaffMember(str(p["staff_id"]), str(p["name"]), str(p["role"]),
                             p["staff_id"] in pins)
                 for p in self._ctx.reader.records(MEMBER_KIND) if not p.get("archived")]
        return sorted(found, key=lambda m: (m.name.casefold(), m.id))

    def teachers_of(self, class_id: str | None) -> set[str]:
        """The staff ids the school says teach ``class_id`` (``class_teacher_assigned``:
        the new school year's or the console's), for the board's *Who is teaching?*."""
        if class_id is None:
            return set()
        return {str(p["staff_id"]) for p in self._ctx.reader.records(TEACHER_KIND, class_id)
                if not p.get("removed")}

    def member(self, staff_id: str | None) -> StaffMember | None:
        """One member of staff, or None if this device does not know them."""
        if staff_id is None:
            return None
        return next((m for m in self.members() if m.id == staff_id), None)

    def knows_staff(self) -> bool:
        """True once the school's staff have reached this device (after a sync)."""
        return bool(self._ctx.reader.records(MEMBER_KIND))

    # Whose device this is --------------------------------------------------------------

    def own_id(self) -> str | None:
        """The person this device is enrolled for, or None (a shared device)."""
        value = self._settings.preference(STAFF_ID)
        return str(value) if value else None

    def is_shared(self) -> bool:
        """True on a room's board or any device not enrolled for one person."""
        return self.own_id() is None

    # Who is teaching -------------------------------------------------------------------

    def current(self) -> StaffMember | None:
        """This device's person, or who picked their name here (None: nobody)."""
        own = self.own_id()
        if own is not None:
            return self.member(own)
        now, day = self._now()
        return self.member(self._session.current(now, day))

    def expires_in_ms(self) -> int | None:
        """How long until the name picked here is forgotten if nobody taps (None: no name
        is picked, or this device is one person's)."""
        if not self.is_shared() or self._session.staff_id is None:
            return None
        now, _day = self._now()
        return max(0, min(self._session.last_ms + IDLE_MS, self._day[2]) - now)

    def pick(self, staff_id: str | None) -> None:
        """``staff_id`` is teaching here from now (None: nobody). No PIN is needed for
        that: awards carry the name, anything that speaks for them asks for the PIN."""
        if staff_id is not None and self.member(staff_id) is None:
            raise invalid("staff.unknown")
        now, day = self._now()
        self._session.pick(staff_id, now, day)

    def needs_pin(self) -> bool:
        """True if something that speaks for a person must ask for a PIN first: a shared
        device that knows the school's staff, with nobody confirmed just now."""
        if not self.is_shared() or not self.knows_staff():
            return False
        now, day = self._now()
        return self._session.confirmed(now, day) is None

    def check_pin(self, staff_id: str, pin: str) -> PinCheck:
        """Check ``pin`` for ``staff_id`` against their verifier; a right one confirms them
        as the person teaching here, wrong ones are limited."""
        now, day = self._now()
        wait = self._attempts.wait_ms(staff_id, now)
        if wait:
            return PinCheck(False, 0, -(-wait // 1000))
        verifier = self._verifiers().get(staff_id)
        if verifier is None:
            return PinCheck(False, no_pin=True)
        if _verify(verifier, pin):
            self._attempts.succeeded(staff_id)
            self._session.confirm(staff_id, now, day)
            return PinCheck(True)
        left = self._attempts.failed(staff_id, now)
        wait = self._attempts.wait_ms(staff_id, now)
        return PinCheck(False, left, -(-wait // 1000))

    def speaker(self) -> StaffMember | None:
        """Who a post, message or approval made now speaks for. On a shared device that
        knows the staff, the person confirmed by PIN (else ``staff.pin_needed``); None
        where this device knows no staff yet (it has not synced: it signs as before)."""
        if not self.is_shared():
            return self.current()
        if not self.knows_staff():
            return None
        now, day = self._now()
        staff_id = self._session.confirmed(now, day)
        if staff_id is None:
            raise invalid("staff.pin_needed")
        self._session.spoke(now)
        return self.member(staff_id)

    def signature(self) -> str:
        """The name a post or message made now is signed with: :meth:`speaker`'s, as
        families see it; on a device that knows no staff yet, the name set by hand."""
        member = self.speaker()
        if member is not None:
            return member.name[:MAX_AUTHOR_NAME]
        return str(self._settings.preference(STAFF_NAME) or "")[:MAX_AUTHOR_NAME]

    def author_id(self) -> str | None:
        """Who an event recorded now is by (its ``by``): this device's person, or who
        picked their name here; each event keeps the picked name alive."""
        own = self.own_id()
        if own is not None or self._session.staff_id is None:
            return own  # nobody picked: nothing to work out on a tap
        now, day = self._now()
        self._session.touch(now, day)
        return self._session.current(now, day)

    # A person's own PIN ----------------------------------------------------------------

    def set_own_pin(self, pin: str, again: str) -> Changes:
        """Set the PIN of this device's person (only on their own device); its verifier
        reaches the school's boards at the next sync."""
        own = self.own_id()
        if own is None:
            raise invalid("staff.own_device_only")
        if pin_problem(pin):
            raise invalid("staff.pin_form")
        if pin != again:
            raise invalid("staff.pins_differ")
        self._ctx.record([self._ctx.event(PIN_KIND, {
            "staff_id": own, "verifier": _hash(pin), "at_ms": self._ctx.now_ms()})])
        return Changes(records=frozenset({PIN_KIND}))

    def has_own_pin(self) -> bool:
        own = self.own_id()
        return own is not None and own in self._verifiers()

    # ------------------------------------------------------------------------------------

    def _verifiers(self) -> dict[str, str]:
        return {str(p["staff_id"]): str(p["verifier"])
                for p in self._ctx.reader.records(PIN_KIND)}

    def _now(self) -> tuple[int, str]:
        """Now, and the school day it falls in (worked out again only when the day it
        found last is over: a tap under a picked name reads no timezone)."""
        now = self._ctx.now_ms()
        day, start, end = self._day
        if not start <= now < end:
            zone = ZoneInfo(self._settings.timezone())
            local = datetime.fromtimestamp(now / 1000, zone)
            midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
            following = (midnight + timedelta(days=1)).replace(tzinfo=None)
            day = midnight.date().isoformat()
            start = int(midnight.timestamp() * 1000)
            end = int(following.replace(tzinfo=zone).timestamp() * 1000)
            self._day = (day, start, end)
        return now, day


def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=PIN_TIME_COST, memory_cost=PIN_MEMORY_KIB,
                          parallelism=PIN_PARALLELISM)


def _hash(pin: str) -> str:
    return str(_hasher().hash(pin))


def _verify(verifier: str, pin: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return bool(_hasher().verify(verifier, pin))
    except (VerificationError, InvalidHashError):
        return False
