"""The answer to a push, written without a model, is a ``PushResponse`` as the client reads it."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from dojo_protocol.models import PushResponse
from dojo_server.sync.push import Answer, PushOutcome

APPLIED = "0190a0b0-0000-7000-8000-000000000001"
DUPLICATE = "0190a0b0-0000-7000-8000-000000000002"
REJECTED = "0190a0b0-0000-7000-8000-000000000003"
REASON = 'élève «Zoë» is in class "4B" \\ 学生\n✓ 😀'


def _outcome(results: list[Answer]) -> PushOutcome:
    return PushOutcome(results, last_seq=12, server_time_ms=1_763_900_000_123,
                       clock_skew_ms=-250, applied=1, newest_seq=40,
                       newest_by_class={None: 40})


def test_an_answer_of_every_kind_is_read_back_as_written() -> None:
    outcome = _outcome([Answer(APPLIED, 10, "applied"), Answer(DUPLICATE, 11, "duplicate"),
                        Answer(REJECTED, 12, "rejected", REASON)])
    expected: dict[str, Any] = {
        "results": [
            {"event_id": APPLIED, "seq": 10, "status": "applied", "reason": ""},
            {"event_id": DUPLICATE, "seq": 11, "status": "duplicate", "reason": ""},
            {"event_id": REJECTED, "seq": 12, "status": "rejected", "reason": REASON},
        ],
        "last_seq": 12, "server_time_ms": 1_763_900_000_123, "clock_skew_ms": -250,
    }
    written = outcome.json()
    assert json.loads(written) == expected  # only the fields of the wire format
    assert PushResponse.model_validate_json(written).model_dump() == expected
    assert outcome.response().model_dump() == expected


def test_an_answer_to_an_empty_push_has_no_results() -> None:
    assert PushResponse.model_validate_json(_outcome([]).json()).model_dump() == {
        "results": [], "last_seq": 12, "server_time_ms": 1_763_900_000_123,
        "clock_skew_ms": -250}


@given(st.lists(st.tuples(st.text(min_size=1, max_size=64), st.integers(1, 2**62),
                          st.sampled_from(["applied", "duplicate", "rejected"]),
                          st.text(max_size=200)), max_size=5))
def test_any_event_id_and_reason_come_back_unchanged(
        results: list[tuple[str, int, str, str]]) -> None:
    outcome = _outcome([Answer(*result) for result in results])
    read = PushResponse.model_validate_json(outcome.json())
    assert [(r.event_id, r.seq, r.status, r.reason) for r in read.results] == results
