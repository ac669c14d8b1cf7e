"""Which devices an event is for, as far as its payload tells: one class, or the school.

A device enrolled for one class (a classroom's whiteboard) pulls its class's events and
the school-wide ones; a device enrolled for the whole school pulls everything. The registry
(``dojo_protocol.kinds``) says for each kind whom an event concerns: a class's roster, its
awards and attendance, its own skills, a post or announcement to that class alone name
their class. Events that name a student, an award, a post or a message instead (a family's
thread, a receipt, an undo, a post's edit) are given the class of what they name by the
server, which knows it (``dojo_server.db.audiences``); what is left goes to the whole
school: school skills and settings, posts to several classes. Sending a device more than it
needs is safe, since every event applies in any order and an event about something the
device does not hold changes nothing there."""

from __future__ import annotations

from typing import Any

from dojo_protocol.kinds import KINDS, Refers


def event_class(kind: str, payload: dict[str, Any]) -> str | None:
    """The class ``payload`` of a ``kind`` event names, or None (the whole school, or what
    :func:`referents` names decides)."""
    known = KINDS.get(kind)
    return None if known is None else known.class_of(payload)


def referents(kind: str, payload: dict[str, Any]) -> tuple[Refers, list[str]] | None:
    """What a ``kind`` event names instead of a class (a student, awards, a post, a
    message), whose class the server looks up; None if it names a class or nothing."""
    known = KINDS.get(kind)
    return None if known is None else known.concerns(payload).refers
