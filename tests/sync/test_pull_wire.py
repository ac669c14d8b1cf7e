"""A new device's pages are parsed by their envelope only; the events stay dicts."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from dojo_desktop.sync.wire import parse_pull

EVENT = {"event_id": "e1", "device_id": "d1", "seq": 1, "kind": "award_given",
         "hlc": "000000000000001-000000-d1", "payload": {"award_id": "a1"}, "server_seq": 7}
PAGE = {"changes": [EVENT], "next_cursor": "c", "has_more": True, "last_seq": 0,
        "epoch": "e", "server_time_ms": 1}


def test_envelope_parsed_events_left_as_dicts() -> None:
    raw = parse_pull(json.dumps(PAGE).encode())
    assert raw.changes == [EVENT] and raw.has_more and raw.next_cursor == "c"
    assert raw.checked().changes[0].server_seq == 7


@pytest.mark.parametrize("broken", [
    {"changes": "no"}, {"has_more": 1}, {"last_seq": "0"}, {"epoch": None},
    {"changes": [1]}, {"next_cursor": 5},
])
def test_a_wrong_envelope_is_refused(broken: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        parse_pull(json.dumps({**PAGE, **broken}).encode())


def test_not_json_is_refused() -> None:
    with pytest.raises(ValueError):
        parse_pull(b"<html>proxy login</html>")
    with pytest.raises(ValueError):
        parse_pull(b"[]")


def test_checked_finds_a_malformed_event() -> None:
    raw = parse_pull(json.dumps({**PAGE, "changes": [{**EVENT, "server_seq": "x"}]}).encode())
    with pytest.raises(ValidationError):
        raw.checked()
