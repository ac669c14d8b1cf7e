"""The app's limits are the protocol's: what a service writes at its longest the server
takes, and one character more is refused by both."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from service_helpers import School

from dojo_desktop.core.model import Polarity, Skill
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import InvalidInputError
from dojo_protocol.events import validate_payload
from dojo_protocol.limits import (
    MAX_CLASS_NAME,
    MAX_CRITERIA,
    MAX_MESSAGE_BODY,
    MAX_PERSON_NAME,
    MAX_SKILL_NAME,
    MAX_STORY_TEXT,
)


@dataclass(frozen=True)
class Limit:
    """One limit: a service call writing ``text`` into the payload's ``key``."""

    name: str
    limit: int
    write: Callable[[School, str], object]
    kind: str
    key: str


def _skill(name: str = "Kindness", criteria: str = "") -> Skill:
    return Skill("", name, "heart", Polarity.POSITIVE, 1, criteria)


LIMITS = [
    Limit("skill name", MAX_SKILL_NAME,
          lambda s, text: s.room.skills.save(_skill(name=text)), "skill_saved", "name"),
    Limit("skill criteria", MAX_CRITERIA,
          lambda s, text: s.room.skills.save(_skill(criteria=text)), "skill_saved", "criteria"),
    Limit("class name", MAX_CLASS_NAME,
          lambda s, text: s.room.roster.create_class(text), "class_created", "name"),
    Limit("first name", MAX_PERSON_NAME,
          lambda s, text: s.room.roster.add_student(s.class_id, text), "student_added",
          "first_name"),
    Limit("last name", MAX_PERSON_NAME,
          lambda s, text: s.room.roster.add_student(s.class_id, "Amira", text),
          "student_added", "last_name"),
    Limit("message", MAX_MESSAGE_BODY,
          lambda s, text: s.room.messages.send(s.student_ids[0], text), "message_sent", "body"),
    Limit("story post", MAX_STORY_TEXT,
          lambda s, text: s.room.stories.post(text, [s.class_id]), "story_posted", "text"),
]


def _written(room: Classroom, kind: str) -> dict[str, Any]:
    """The payload of the newest outbox event of ``kind``."""
    return [item.payload for item in room.sync.store.pending(10_000) if item.kind == kind][-1]


@pytest.mark.parametrize("limit", LIMITS, ids=lambda limit: limit.name)
def test_the_app_and_the_protocol_draw_the_line_at_the_same_length(
        school: School, limit: Limit) -> None:
    limit.write(school, "x" * limit.limit)
    longest = _written(school.room, limit.kind)
    assert longest[limit.key] == "x" * limit.limit
    assert validate_payload(limit.kind, longest) is None, "the server takes the longest"

    with pytest.raises(InvalidInputError):
        limit.write(school, "x" * (limit.limit + 1))
    too_long = {**longest, limit.key: "x" * (limit.limit + 1)}
    assert validate_payload(limit.kind, too_long) is not None, "the server refuses one more"
