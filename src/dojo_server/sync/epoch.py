"""The server's epoch: a random id that changes when the database is restored."""

from __future__ import annotations

import secrets

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from dojo_protocol.models import EPOCH_CHANGED
from dojo_server.db.models import ServerMeta
from dojo_server.db.session import Database
from dojo_server.domain.errors import DomainError
from dojo_server.domain.projections import catch_up_all
from dojo_server.domain.school_skills import add_missing_default_skills
from dojo_server.domain.staff_records import publish_all_staff
from dojo_server.settings import Settings

EPOCH_KEY = "epoch"
EPOCH_VALUE = select(ServerMeta.value).where(ServerMeta.key == EPOCH_KEY)  # in one read


def current_epoch(session: Session) -> str:
    """The epoch; every cursor handed out names it."""
    row = session.get(ServerMeta, EPOCH_KEY)
    if row is None:
        raise RuntimeError("the database has no epoch: run `dojo-server init`")
    return row.value


def new_epoch(session: Session) -> str:
    """Start a new epoch: every device's cursor becomes stale and it re-syncs."""
    epoch = secrets.token_hex(8)
    row = session.get(ServerMeta, EPOCH_KEY)
    if row is None:
        session.add(ServerMeta(key=EPOCH_KEY, value=epoch))
    else:
        row.value = epoch
    return epoch


def replace_epoch(session: Session, expected: str) -> str | None:
    """Start a new epoch if the current one is still ``expected``: the new one, or None
    when it changed already (another device's proof, at the same moment, got there first).
    One conditional UPDATE, so only one of many such calls changes it."""
    epoch = secrets.token_hex(8)
    changed = session.connection().execute(update(ServerMeta).where(
        ServerMeta.key == EPOCH_KEY, ServerMeta.value == expected).values(value=epoch))
    return epoch if changed.rowcount else None


def epoch_changed() -> DomainError:
    """The answer to a device whose cursor names an epoch that is over."""
    return DomainError(410, EPOCH_CHANGED, "The school server was restored from a backup. "
                       "This device will download the school's data again; nothing "
                       "waiting to be sent is lost.")


def prepare_database(db: Database, settings: Settings) -> str:
    """Migrate, make sure there is an epoch (a new one if a restore asked), catch up reads,
    and give schools made before an upgrade their default skills.

    A restore leaves the file ``NEW_EPOCH`` in the data folder; it is removed only after
    the new epoch is committed, so a crash in between just changes the epoch twice.
    """
    db.migrate()
    marker = settings.new_epoch_marker
    with db.write() as session:
        if session.get(ServerMeta, EPOCH_KEY) is None or marker.exists():
            epoch = new_epoch(session)
        else:
            epoch = current_epoch(session)
    marker.unlink(missing_ok=True)
    catch_up_all(db)  # read tables of events stored before an upgrade
    add_missing_default_skills(db)  # schools made before the server kept their skills
    publish_all_staff(db)  # staff added before devices learnt of them, or by another tool
    return epoch


def read_epoch(db: Database) -> str:
    """The current epoch, in a short read transaction of its own."""
    with db.read() as session:
        return current_epoch(session)
