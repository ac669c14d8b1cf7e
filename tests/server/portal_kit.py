"""Test helpers for the family portal: a teacher device that builds a school through events."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from server_kit import Device, new_uuid


def now_ms() -> int:
    return int(time.time() * 1000)


@dataclass
class Teacher:
    """A teacher device pushing roster, awards, stories and messages, checking each applies."""

    device: Device

    def send(self, *events: dict[str, Any]) -> None:
        answer = self.device.push(list(events))
        assert answer.status_code == 200, answer.text
        statuses = [r["status"] for r in answer.json()["results"]]
        assert statuses == ["applied"] * len(events), answer.text

    def ev(self, kind: str, **payload: Any) -> dict[str, Any]:
        return self.device.event(kind, payload)

    def new_class(self, name: str) -> str:
        class_id = new_uuid()
        self.send(self.ev("class_created", class_id=class_id, name=name, year_group="Y3"))
        return class_id

    def new_student(self, class_id: str, first_name: str, last_name: str = "") -> str:
        student_id = new_uuid()
        self.send(self.ev("student_added", student_id=student_id, class_id=class_id,
                          first_name=first_name, last_name=last_name))
        return student_id

    def join_class(self, student_id: str, class_id: str, first_name: str) -> None:
        self.send(self.ev("student_added", student_id=student_id, class_id=class_id,
                          first_name=first_name))

    def new_skill(self, name: str, points: int = 1) -> str:
        skill_id = new_uuid()
        polarity = "positive" if points > 0 else "needs_work"
        self.send(self.ev("skill_saved", skill_id=skill_id, name=name, icon="star",
                          polarity=polarity, points=points))
        return skill_id

    def award(self, student_id: str, class_id: str, skill_id: str, points: int = 1,
              at_ms: int | None = None) -> str:
        award_id = new_uuid()
        self.send(self.ev("award_given", award_id=award_id, student_id=student_id,
                          class_id=class_id, skill_id=skill_id, points=points,
                          batch_id=new_uuid(), at_ms=at_ms or now_ms()))
        return award_id

    def undo(self, *award_ids: str) -> None:
        self.send(self.ev("award_undone", award_ids=list(award_ids), at_ms=now_ms()))

    def story(self, text: str, scope: str = "class", class_ids: list[str] | None = None,
              student_id: str | None = None, state: str = "published",
              at_ms: int | None = None, attachments: list[str] | None = None) -> str:
        story_id = new_uuid()
        payload: dict[str, Any] = {"story_id": story_id, "scope": scope, "text": text,
                                   "state": state, "author_name": "Ms Rivera",
                                   "at_ms": at_ms or now_ms(),
                                   "attachments": attachments or []}
        if class_ids:
            payload["class_ids"] = class_ids
        if student_id:
            payload["student_id"] = student_id
        self.send(self.device.event("story_posted", payload))
        return story_id

    def message(self, body: str, student_id: str | None = None, class_id: str | None = None,
                thread_id: str | None = None, send_after_ms: int | None = None,
                attachments: list[str] | None = None) -> tuple[str, str]:
        message_id, thread_id = new_uuid(), thread_id or new_uuid()
        payload: dict[str, Any] = {"message_id": message_id, "thread_id": thread_id,
                                   "body": body, "sender_name": "Ms Rivera", "at_ms": now_ms(),
                                   "send_after_ms": send_after_ms,
                                   "attachments": attachments or []}
        if student_id:
            payload["student_id"] = student_id
        if class_id:
            payload["class_id"] = class_id
        self.send(self.device.event("message_sent", payload))
        return message_id, thread_id
