"""The school's default skills, written into its log once: when the school is made, or at
the first start after an upgrade for a school made before."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from dojo_protocol.default_skills import DEFAULT_SKILL_HLC, default_skill_payloads
from dojo_server.db.models import DeviceRow, School
from dojo_server.db.session import Database
from dojo_server.domain.server_log import ServerEvent, server_device, write_events

DEFAULTS_DEVICE_PREFIX = "defaults-"
DEFAULTS_DEVICE_NAME = "School defaults"


def defaults_device_id(school_id: str) -> str:
    """The device the defaults are written under (never a UUID, like the portal's)."""
    return DEFAULTS_DEVICE_PREFIX + school_id


def add_default_skills(session: Session, school_id: str,
                       translate: Callable[[str], str] | None = None) -> int:
    """Write the default skills as ``skill_saved`` events, unless the school has them
    already; returns how many were written. ``translate`` names them in the school's
    language (the ids stay the same). The defaults device's row stays locked until the
    caller commits, so two servers starting at once write them once."""
    device = server_device(session, school_id, defaults_device_id(school_id),
                           DEFAULTS_DEVICE_NAME)
    if device.last_seq:
        return 0
    # The seed's HLC, as a device that has not synced makes them: any edit wins.
    events = [ServerEvent("skill_saved", payload, DEFAULT_SKILL_HLC)
              for payload in (default_skill_payloads(translate) if translate
                              else default_skill_payloads())]
    return len(write_events(session, school_id, device, events))


def choose_own_skills(session: Session, school_id: str) -> None:
    """Mark a new school as one that sets up its own skills: it never gets the defaults."""
    server_device(session, school_id, defaults_device_id(school_id), DEFAULTS_DEVICE_NAME)


def add_missing_default_skills(db: Database) -> list[str]:
    """Give every school made before the defaults lived on the server its default skills;
    returns the ids of the schools that got them."""
    with db.read() as session:
        done = select(DeviceRow.school_id).where(
            DeviceRow.id.startswith(DEFAULTS_DEVICE_PREFIX))
        school_ids = list(session.scalars(select(School.id).where(School.id.not_in(done))))
    added = []
    for school_id in school_ids:
        with db.write() as session:
            if add_default_skills(session, school_id):
                added.append(school_id)
    return added
