"""The answer limits hold the largest answers a school server may rightly give: every
kind's payload at its limits, written as ASCII-only JSON (the costliest spelling)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from dojo_protocol import MAX_PUSH_EVENTS, limits
from dojo_protocol.answer_sizes import (
    MAX_PULLED_EVENT_BYTES,
    MAX_REASON_CHARS,
    pull_answer_bytes,
    push_answer_bytes,
)
from dojo_protocol.events import validate_payload
from dojo_protocol.hlc import HLC_MAX_LENGTH

WIDEST = "\U0001f600"  # a character JSON may spell "\ud83d\ude00": twelve bytes


def _id() -> str:
    return str(uuid.uuid4())


LARGEST: dict[str, dict[str, Any]] = {
    "story_posted": {"story_id": _id(), "scope": "class", "class_id": _id(),
                     "student_id": _id(), "text": WIDEST * limits.MAX_STORY_TEXT,
                     "attachments": ["a" * 64] * limits.MAX_ATTACHMENTS,
                     "class_ids": [_id() for _ in range(limits.MAX_STORY_CLASSES)],
                     "state": "published", "author_name": WIDEST * limits.MAX_AUTHOR_NAME,
                     "at_ms": 2**62},
    "setting_changed": {"key": WIDEST * limits.MAX_SETTING_KEY,
                        "value": json.dumps(WIDEST * (limits.MAX_SETTING_VALUE - 2),
                                            ensure_ascii=False)},
    "award_undone": {"award_ids": [_id() for _ in range(limits.MAX_IDS_PER_EVENT)],
                     "at_ms": 2**62},
    "message_sent": {"message_id": _id(), "thread_id": _id(), "student_id": _id(),
                     "body": WIDEST * limits.MAX_MESSAGE_BODY,
                     "attachments": ["a" * 64] * limits.MAX_ATTACHMENTS, "urgent": True,
                     "sender_name": WIDEST * limits.MAX_AUTHOR_NAME, "at_ms": 2**62},
}


def pulled(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {"event_id": "e" * 64, "device_id": "d" * 64, "seq": 2**62, "kind": kind,
            "hlc": "h" * HLC_MAX_LENGTH, "payload": payload, "server_seq": 2**62}


@pytest.mark.parametrize("kind", list(LARGEST))
def test_the_largest_event_of_each_kind_fits(kind: str) -> None:
    payload = LARGEST[kind]
    assert validate_payload(kind, payload) is None
    event = pulled(kind, payload)
    assert len(json.dumps(event).encode()) <= MAX_PULLED_EVENT_BYTES
    page = {"changes": [event] * 3, "next_cursor": "c" * 512, "has_more": True,
            "last_seq": 2**62, "epoch": "e" * 64, "server_time_ms": 2**62}
    assert len(json.dumps(page).encode()) <= pull_answer_bytes(3)


def test_the_largest_push_answer_fits() -> None:
    result = {"event_id": WIDEST * 64, "seq": 2**62, "status": "duplicate",
              "reason": WIDEST * MAX_REASON_CHARS}
    answer = {"results": [result] * MAX_PUSH_EVENTS, "last_seq": 2**62,
              "server_time_ms": 2**62, "clock_skew_ms": -(2**62)}
    assert len(json.dumps(answer).encode()) <= push_answer_bytes(MAX_PUSH_EVENTS)
