"""The quick checks a push makes per event give exactly the answers of the full ones."""

from __future__ import annotations

import json
import math
import uuid
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from dojo_protocol.events import is_uuid, validate_payload, validate_payload_in_full
from dojo_server.sync.push_checks import payload_text

AWARD: dict[str, Any] = {
    "award_id": "0190a0b0-0000-7000-8000-000000000001",
    "student_id": "0190a0b0-0000-7000-8000-0000000000a1",
    "class_id": "0190a0b0-0000-7000-8000-000000000002",
    "skill_id": "0190a0b0-0000-7000-8000-0000000000b1",
    "points": 2, "batch_id": "0190a0b0-0000-7000-8000-000000000003",
    "at_ms": 1_763_900_000_000, "note": ""}


def _reference_is_uuid(value: Any) -> bool:
    if not isinstance(value, str) or len(value) != 36:
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


# Text that is nearly a UUID: the other spellings uuid.UUID takes, and ones it refuses.
_UUID_PARTS = st.sampled_from(["0", "9", "a", "F", "f", "-", "{", "}", "urn:", "uuid:", "_",
                               " ", "+", "0x", "g", "\u0663", "\uff11", "\n"])
_uuid_like = st.one_of(
    st.uuids().map(str),
    st.uuids().map(lambda u: str(u).upper()),
    st.uuids().map(lambda u: "{" + u.hex + "}"),
    st.uuids().map(lambda u: "urn:uuid:" + u.hex),
    st.uuids().map(lambda u: "----" + u.hex),
    st.uuids().map(lambda u: str(u)[:-1] + "\n"),
    st.lists(_UUID_PARTS, min_size=30, max_size=40).map("".join),
    st.text(max_size=40),
)


@given(_uuid_like)
@example("{-0123456789abcdef0123456789abcdef-}")
@example("0123456789abcdef0123456789abcdef----")
@example("01234567-89ab-cdef-0123-456789abcde\u0663")
def test_is_uuid_agrees_with_uuid_module(value: str) -> None:
    assert is_uuid(value) is _reference_is_uuid(value)


def test_is_uuid_refuses_what_is_not_text() -> None:
    assert not is_uuid(None)
    assert not is_uuid(12345)
    assert not is_uuid(uuid.uuid4())


_odd_values = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-7, max_value=7),
    st.sampled_from([0, 2**62, 2**62 + 1, -1, 10**20, 1.0, 2.5, math.nan]),
    st.floats(allow_nan=False), _uuid_like, st.text(max_size=3),
    st.sampled_from(["x" * 500, "x" * 501, " " * 10]),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=2), st.none()),
)


@st.composite
def _award_like(draw: st.DrawFn) -> dict[str, Any]:
    """A valid award with some keys left out or given odd values, maybe with extra keys."""
    payload = dict(AWARD)
    ids = ["award_id", "student_id", "class_id", "skill_id", "batch_id"]
    if draw(st.booleans()):  # move the end of one id to the start of the next
        at = draw(st.integers(0, len(ids) - 2))
        cut = draw(st.integers(1, 3))
        first, second = ids[at], ids[at + 1]
        payload[first], payload[second] = (payload[first][:-cut],
                                           payload[first][-cut:] + payload[second])
    for key in list(payload):
        change = draw(st.sampled_from(["keep", "keep", "keep", "drop", "replace"]))
        if change == "drop":
            del payload[key]
        elif change == "replace":
            payload[key] = draw(_odd_values)
    payload.update(draw(st.dictionaries(st.text(max_size=5), _odd_values, max_size=2)))
    return payload


@settings(max_examples=500)
@given(_award_like())
def test_the_quick_award_check_answers_as_the_full_one(payload: dict[str, Any]) -> None:
    assert validate_payload("award_given", payload) == \
        validate_payload_in_full("award_given", payload)


def test_a_plain_award_passes_and_each_rule_still_bites() -> None:
    assert validate_payload("award_given", AWARD) is None
    assert validate_payload("award_given", {**AWARD, "points": 0}) == "points must not be 0"
    assert validate_payload("award_given", {**AWARD, "note": None}) == "note must be text"
    assert validate_payload("award_given", {**AWARD, "at_ms": -1}) is not None
    braces = "{" + uuid.UUID(AWARD["class_id"]).hex + "}"  # 34 characters: not a UUID here
    assert validate_payload("award_given", {**AWARD, "class_id": braces}) == \
        "class_id must be a UUID string"
    hyphens_elsewhere = "-" * 4 + uuid.UUID(AWARD["class_id"]).hex  # uuid.UUID takes it
    assert validate_payload("award_given", {**AWARD, "class_id": hyphens_elsewhere}) is None
    # One id a character short and the next one a character long: side by side they
    # would still read as two UUIDs.
    shifted = {**AWARD, "award_id": AWARD["award_id"][:-1],
               "student_id": AWARD["award_id"][-1] + AWARD["student_id"]}
    assert validate_payload("award_given", shifted) == "award_id must be a UUID string"
    two_in_one = {**AWARD, "award_id": AWARD["award_id"] + "\n" + AWARD["student_id"]}
    assert validate_payload("award_given", two_in_one) == "award_id must be a UUID string"


_json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text()),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.text(max_size=4), inner, max_size=3)),
    max_leaves=12)


@settings(max_examples=300)
@given(st.dictionaries(st.text(max_size=6), _json_values, max_size=6))
def test_stored_payload_text_is_the_payload(payload: dict[str, Any]) -> None:
    text = payload_text(payload)
    if all(math.isfinite(v) for v in _floats(payload)):
        # Strict JSON, the same value.
        assert json.loads(text, parse_constant=_refuse) == payload
    else:  # written as before this change: by json, with NaN and Infinity
        assert text == json.dumps(payload, ensure_ascii=False)


def test_payloads_orjson_cannot_write_are_written_by_json() -> None:
    for payload in ({"big": 2**70}, {"lone": "\ud800"}, {"nan": math.nan, "x": None}):
        assert payload_text(payload) == json.dumps(payload, ensure_ascii=False)
    assert payload_text(AWARD) == json.dumps(AWARD, separators=(",", ":"))


def _floats(value: Any) -> list[float]:
    if isinstance(value, float):
        return [value]
    if isinstance(value, dict):
        return [f for item in value.values() for f in _floats(item)]
    if isinstance(value, list):
        return [f for item in value for f in _floats(item)]
    return []


def _refuse(constant: str) -> None:
    raise AssertionError(f"not strict JSON: {constant}")
