"""Read tables kept from the event log, in the transaction that stores the events.

``catch_up`` applies a school's events after the last one applied; push calls it right
after inserting a batch, and the portal after appending one of its own. ``rebuild`` empties
a school's read tables and replays the whole log: it must give the same rows.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from dojo_server.db.models import EventRow, School
from dojo_server.db.read_models import PROJECTED_TABLES, ProjectionState
from dojo_server.db.session import Database
from dojo_server.domain.projections import (
    messages,
    moves,
    roster,
    school_year,
    stories,
    targets,
)
from dojo_server.domain.projections.base import Applier, LoggedEvent

_APPLIERS: dict[str, Applier] = {**roster.APPLIERS, **stories.APPLIERS, **messages.APPLIERS,
                               **targets.APPLIERS, **school_year.APPLIERS}
_BULK: dict[str, Callable[[Session, str, list[LoggedEvent]], None]] = {
    "award_given": roster.awards_given,
    "student_added": moves.students_added,
}
PROJECTED_KINDS = frozenset({*_APPLIERS, *_BULK})  # the kinds the read tables show

# Made once: built per call, the statement costs more than it runs.
_MOVE_ON = (update(ProjectionState)
            .where(ProjectionState.school_id == bindparam("b_school"),
                   ProjectionState.applied_seq == bindparam("b_from"))
            .values(applied_seq=bindparam("b_to")))


def catch_up(session: Session, school_id: str, fresh: Sequence[LoggedEvent] = ()) -> int:
    """Apply the school's events not yet in its read tables; returns how many were applied.

    ``fresh`` are events the caller has just stored, in server order, while it holds the
    school's counter row (so no later event can exist). When they start right after the
    last applied event they are exactly what is missing, and are applied without being
    read back from the log.
    """
    if fresh:
        # The usual case, in one statement: the state moves on from right before them.
        moved = session.connection().execute(_MOVE_ON, {
            "b_school": school_id, "b_from": fresh[0].server_seq - 1,
            "b_to": fresh[-1].server_seq})
        if moved.rowcount == 1:
            _apply(session, school_id, list(fresh))
            return len(fresh)
    # Read afresh: an update like the one above leaves a loaded state object behind.
    state = session.scalars(select(ProjectionState).where(
        ProjectionState.school_id == school_id).with_for_update()
        .execution_options(populate_existing=True)).first()
    if state is None:
        state = ProjectionState(school_id=school_id, applied_seq=0)
        session.add(state)
    rows = session.execute(
        select(EventRow.server_seq, EventRow.kind, EventRow.payload, EventRow.hlc,
               EventRow.device_id)
        .where(EventRow.school_id == school_id, EventRow.server_seq > state.applied_seq)
        .order_by(EventRow.server_seq)).all()
    if not rows:
        return 0
    events = [LoggedEvent(seq, kind, json.loads(payload), hlc, device)
              for seq, kind, payload, hlc, device in rows]
    _apply(session, school_id, events)
    state.applied_seq = events[-1].server_seq
    return len(events)


def _apply(session: Session, school_id: str, events: list[LoggedEvent]) -> None:
    """Apply in log order; runs of one bulk kind (a whole-class award) go in together."""
    run: list[LoggedEvent] = []
    for event in events:
        if run and event.kind != run[0].kind:
            _BULK[run[0].kind](session, school_id, run)
            run = []
        if event.kind in _BULK:
            run.append(event)
            continue
        applier = _APPLIERS.get(event.kind)
        if applier is not None:
            applier(session, school_id, event)
    if run:
        _BULK[run[0].kind](session, school_id, run)


def rebuild(session: Session, school_id: str) -> int:
    """Empty the school's read tables and replay its whole log into them."""
    for table in PROJECTED_TABLES:
        session.execute(delete(table).where(table.school_id == school_id))
    session.execute(delete(ProjectionState).where(ProjectionState.school_id == school_id))
    session.flush()
    return catch_up(session, school_id)


def catch_up_all(db: Database) -> None:
    """Bring every school's read tables up to date (after an upgrade or a restore)."""
    with db.read() as session:
        school_ids = list(session.scalars(select(School.id)))
    for school_id in school_ids:
        with db.write() as session:
            catch_up(session, school_id)
