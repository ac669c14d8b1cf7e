"""Story posts from their events: per field last writer wins, and a delete wins."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from dojo_server.db.read_models import StoryClass, StoryView
from dojo_server.domain.projections.authors import signed_name
from dojo_server.domain.projections.base import Applier, LoggedEvent, as_json

_FIELDS = ("text", "attachments", "state", "review_comment")


def _story_posted(session: Session, school_id: str, event: LoggedEvent) -> None:
    p = event.payload
    if session.get(StoryView, (school_id, p["story_id"])) is not None:
        return  # posted once; later changes come as story_updated
    session.add(StoryView(
        school_id=school_id, id=p["story_id"], scope=p["scope"],
        student_id=p.get("student_id"), state=p["state"], text=p["text"],
        attachments=as_json(p.get("attachments", [])),
        author_name=signed_name(session, school_id, p, "author_name"),
        review_comment="", at_ms=p["at_ms"], deleted=False,
        field_hlcs=as_json(dict.fromkeys(_FIELDS, event.hlc))))
    class_ids = p.get("class_ids") or ([p["class_id"]] if p.get("class_id") else [])
    for class_id in dict.fromkeys(class_ids):
        session.add(StoryClass(school_id=school_id, story_id=p["story_id"], class_id=class_id))


def _story_updated(session: Session, school_id: str, event: LoggedEvent) -> None:
    row = session.get(StoryView, (school_id, event.payload["story_id"]))
    if row is None:
        return
    hlcs: dict[str, str] = json.loads(row.field_hlcs)
    for key, value in event.payload["fields"].items():
        if key not in _FIELDS or hlcs.get(key, "") >= event.hlc:
            continue
        hlcs[key] = event.hlc
        setattr(row, key, as_json(value) if key == "attachments" else value)
    row.field_hlcs = as_json(hlcs)


def _story_deleted(session: Session, school_id: str, event: LoggedEvent) -> None:
    row = session.get(StoryView, (school_id, event.payload["story_id"]))
    if row is not None:
        row.deleted = True


APPLIERS: dict[str, Applier] = {
    "story_posted": _story_posted,
    "story_updated": _story_updated,
    "story_deleted": _story_deleted,
}
