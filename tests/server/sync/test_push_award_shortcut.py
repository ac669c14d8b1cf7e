"""The awards' shortcut of ``check_events`` answers every event as the per-event checks do."""

from __future__ import annotations

from typing import Any
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from dojo_protocol.kinds import AUTHOR_KEY
from dojo_protocol.models import WireEvent
from dojo_server.domain.auth import DeviceIdentity
from dojo_server.sync import push_checks
from dojo_server.sync.push_checks import OTHER_CLASS, check_events

DEVICE = "0190a0b0-0000-7000-8000-0000000000d1"
OTHER_DEVICE = "0190a0b0-0000-7000-8000-0000000000d2"
SCHOOL = "0190a0b0-0000-7000-8000-0000000000e1"
CLASS = "0190a0b0-0000-7000-8000-000000000002"
FORMER = "0190a0b0-0000-7000-8000-000000000009"
ELSEWHERE = "0190a0b0-0000-7000-8000-000000000007"
STAFF = "0190a0b0-0000-7000-8000-0000000000f1"
TA = "0190a0b0-0000-7000-8000-0000000000f2"
AWARD: dict[str, Any] = {
    "award_id": "0190a0b0-0000-7000-8000-000000000001",
    "student_id": "0190a0b0-0000-7000-8000-0000000000a1",
    "class_id": CLASS,
    "skill_id": "0190a0b0-0000-7000-8000-0000000000b1",
    "points": 2, "batch_id": "0190a0b0-0000-7000-8000-000000000003",
    "at_ms": 1_763_900_000_000, "note": ""}

_payloads = st.one_of(
    st.just(AWARD),
    st.sampled_from([FORMER, ELSEWHERE]).map(lambda class_id: {**AWARD, "class_id": class_id}),
    st.sampled_from([FORMER, FORMER, ELSEWHERE, "", None, 7, "not-a-uuid"]).map(
        lambda class_id: {**AWARD, "class_id": class_id}),
    st.sampled_from([0, -3, 10**6, "2", 1.5]).map(lambda points: {**AWARD, "points": points}),
    st.sampled_from([STAFF, TA, ELSEWHERE, "someone", None]).map(
        lambda by: {**AWARD, AUTHOR_KEY: by}),
    st.just({key: value for key, value in AWARD.items() if key != "skill_id"}),
    st.just({**AWARD, "note": "x" * 1000}),
)


@st.composite
def _events(draw: st.DrawFn) -> list[WireEvent]:
    events = []
    for seq in range(1, draw(st.integers(1, 6)) + 1):
        payload = draw(_payloads)
        events.append(WireEvent(
            event_id=draw(st.sampled_from([f"0190a0b0-0000-7000-8000-{seq:012x}"] * 5
                                          + ["not-a-uuid"])),
            device_id=draw(st.sampled_from([DEVICE] * 5 + [OTHER_DEVICE])),
            seq=seq, kind=draw(st.sampled_from(["award_given"] * 5 + ["attendance_marked"])),
            hlc=draw(st.sampled_from([f"001763900000000-{seq:06d}-{DEVICE}"] * 5 + ["x"])),
            payload=payload))
    return events


_identities = st.builds(
    DeviceIdentity, device_id=st.just(DEVICE), school_id=st.just(SCHOOL),
    role=st.sampled_from(["teacher", "ta", "leader", "admin"]),
    class_id=st.sampled_from([None, CLASS]), former_class_id=st.sampled_from([None, FORMER]),
    staff_id=st.sampled_from([None, STAFF]))


def _the_long_way(events: list[WireEvent], identity: DeviceIdentity,
                  staff: dict[str, str]) -> list[push_checks.CheckedEvent]:
    with mock.patch.object(push_checks, "_AWARD_SHORTCUT", False):
        return check_events(events, identity, 5, staff)


@settings(max_examples=400)
@given(_events(), _identities)
def test_awards_are_answered_as_by_the_checks_of_every_kind(
        events: list[WireEvent], identity: DeviceIdentity) -> None:
    staff = {STAFF: "teacher", TA: "ta"}
    assert check_events(events, identity, 5, staff) == _the_long_way(events, identity, staff)


def test_the_shortcut_still_refuses_what_the_device_may_not_record() -> None:
    board = DeviceIdentity(DEVICE, SCHOOL, "teacher", CLASS, former_class_id=FORMER)
    payloads = [AWARD, {**AWARD, "class_id": FORMER}, {**AWARD, "class_id": ELSEWHERE},
                {**AWARD, "points": 0}, {**AWARD, AUTHOR_KEY: ELSEWHERE}]
    events = [WireEvent(event_id=f"0190a0b0-0000-7000-8000-{seq:012x}", device_id=DEVICE,
                        seq=seq, kind="award_given", payload=payload,
                        hlc=f"001763900000000-{seq:06d}-{DEVICE}")
              for seq, payload in enumerate(payloads, 1)]
    events.append(events[0].model_copy(update={"seq": 6, "device_id": OTHER_DEVICE}))
    checked = check_events(events, board, 5, {STAFF: "teacher"})
    assert [c.problem for c in checked] == [
        None, None, OTHER_CLASS, "points must not be 0",
        f"{AUTHOR_KEY} names no member of staff of this school",
        "the event names another device"]
    assert checked[0].row is not None and checked[0].row["class_id"] == CLASS
    assert checked[1].row is not None and checked[1].row["class_id"] == FORMER
