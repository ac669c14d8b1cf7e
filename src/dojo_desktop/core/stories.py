"""Class, school and student story posts: their states and the events that change them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from dojo_desktop.core.events import Event, EventKind
from dojo_desktop.core.hlc import Hlc


class StoryScope(StrEnum):
    """Who a post is for: one or several classes, the whole school, or one student's work."""

    CLASS = "class"
    SCHOOL = "school"
    STUDENT = "student"


class StoryState(StrEnum):
    """Only published posts reach families; a student's post waits for the teacher."""

    DRAFT = "draft"
    PENDING = "pending"
    PUBLISHED = "published"
    RETURNED = "returned"


@dataclass(frozen=True)
class Story:
    """A post as the screens show it."""

    id: str
    scope: StoryScope
    class_ids: tuple[str, ...]
    student_id: str | None
    text: str
    attachments: tuple[str, ...]
    state: StoryState
    author_name: str
    at_ms: int
    review_comment: str = ""
    waiting_to_send: bool = False  # made or changed here and not yet on the server
    refused: bool = False  # the school server would not take it (the reason is in sync)


def story_posted(hlc: Hlc, *, story_id: str, scope: StoryScope, class_ids: list[str],
                 text: str, attachments: list[str], state: StoryState, at_ms: int,
                 author_name: str = "", student_id: str | None = None) -> Event:
    """A new post. One post to several classes names them all in ``class_ids``."""
    payload: dict[str, object] = {
        "story_id": story_id, "scope": scope.value, "text": text,
        "attachments": list(attachments), "state": state.value, "author_name": author_name,
        "at_ms": at_ms,
    }
    if len(class_ids) == 1:
        payload["class_id"] = class_ids[0]
    elif class_ids:
        payload["class_ids"] = list(class_ids)
    if student_id is not None:
        payload["student_id"] = student_id
    return Event(EventKind.STORY_POSTED, hlc, payload)


def story_updated(hlc: Hlc, *, story_id: str, fields: dict[str, object], at_ms: int) -> Event:
    """Changes some of text, attachments, state and review_comment (each wins by HLC)."""
    allowed = {"text", "attachments", "state", "review_comment"}
    if not fields or set(fields) - allowed:
        raise ValueError(f"a story update changes some of {sorted(allowed)}")
    return Event(EventKind.STORY_UPDATED, hlc,
                 {"story_id": story_id, "fields": dict(fields), "at_ms": at_ms})


def story_deleted(hlc: Hlc, *, story_id: str, at_ms: int) -> Event:
    """Removes a post everywhere; a delete wins over any update, in any order."""
    return Event(EventKind.STORY_DELETED, hlc, {"story_id": story_id, "at_ms": at_ms})
