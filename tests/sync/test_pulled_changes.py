"""What a pull reports as changed: every flag of every page reaches the screens."""

from __future__ import annotations

import http.server
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from json_answers import JsonHandler

from dojo_desktop.core.hlc import Hlc, HybridClock
from dojo_desktop.core.ids import uuid7
from dojo_desktop.core.messages import student_thread_id
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.store.database import prepare_database
from dojo_desktop.sync.engine import SyncEngine
from dojo_desktop.sync.sync_store import AppliedPage, SyncStore
from dojo_desktop.sync.transport import HttpTransport

STUDENT_ID = "0190a0b0-0000-7000-8000-0000000000aa"
CLASS_ID = "0190a0b0-0000-7000-8000-0000000000cc"


def _pulled(seq: int, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {"server_seq": seq, "event_id": uuid7(), "kind": kind, "payload": payload,
            "hlc": Hlc(1_700_000_000_000 + seq, 0, "portal").pack(), "device_id": "portal",
            "seq": seq}


# Two pages, as a school with a family's reply and a new post would send them: the story
# on the first page, the reply on the last.
PAGES = [
    [_pulled(1, "story_posted", {
        "story_id": uuid7(), "scope": "class", "class_ids": [CLASS_ID], "text": "Sports day",
        "state": "published", "author_name": "Ms Khan", "at_ms": 1})],
    [_pulled(2, "message_sent", {
        "message_id": uuid7(), "thread_id": student_thread_id(STUDENT_ID),
        "student_id": STUDENT_ID, "body": "Thank you!", "sender": "guardian",
        "guardian_id": uuid7(), "sender_name": "Sam", "at_ms": 2})],
]


class _School(JsonHandler):
    """A school server that answers pulls with ``PAGES``, one page per cursor."""

    def do_GET(self) -> None:
        query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        index = int((query.get("cursor") or ["0"])[0] or "0")
        body = {"changes": PAGES[index], "next_cursor": str(index + 1),
                "has_more": index + 1 < len(PAGES), "last_seq": 0, "epoch": "e1",
                "server_time_ms": 1}
        self.answer(200, body)


@pytest.fixture
def school_url() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _School)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_pulled_family_reply_and_post_are_reported_to_the_screens(
        tmp_path: Path, school_url: str, classroom: Classroom) -> None:
    store = SyncStore(prepare_database(tmp_path).path)
    store.set_server(school_url, "device-1", "e1")
    store.apply_page([], "0", "e1")  # pulled before: page by page, not a first download
    transport = HttpTransport(school_url, token="t")
    try:
        report = SyncEngine(store, transport, HybridClock("device-1")).pull_all()
    finally:
        transport.close()
        store.close()
    assert report.pulled.applied == 2
    assert report.pulled.stories and report.pulled.messages
    changes = classroom.changes_from_sync(report.pulled)
    assert changes.stories and changes.messages


def _set(page: AppliedPage, name: str) -> None:
    """Give ``name`` a value an empty page does not have."""
    value = getattr(page, name)
    if isinstance(value, bool):
        setattr(page, name, True)
    elif isinstance(value, int):
        setattr(page, name, 3)
    elif isinstance(value, set):
        value.add("x")
    else:
        setattr(page, name, Hlc(5, 0, "d"))


@pytest.mark.parametrize("name", [f.name for f in fields(AppliedPage)])
def test_merging_pages_keeps_every_field(name: str) -> None:
    total, page = AppliedPage(), AppliedPage()
    _set(page, name)
    total.merge(page)
    total.merge(AppliedPage())
    assert total == page


def test_merging_adds_counts_joins_sets_and_keeps_the_newest_clock() -> None:
    total = AppliedPage(applied=2, students={"a"}, newest_hlc=Hlc(9, 0, "d"))
    total.merge(AppliedPage(applied=3, students={"b"}, newest_hlc=Hlc(5, 0, "d"), roster=True))
    total.merge(AppliedPage(applied=1, newest_hlc=Hlc(12, 0, "d")))
    assert total == AppliedPage(applied=6, students={"a", "b"}, roster=True,
                                newest_hlc=Hlc(12, 0, "d"))


@pytest.mark.parametrize("name", [f.name for f in fields(AppliedPage)
                                  if f.type in ("bool", bool)])
def test_every_flag_of_a_pulled_page_reaches_the_changes(name: str,
                                                         classroom: Classroom) -> None:
    page = AppliedPage()
    setattr(page, name, True)
    assert getattr(classroom.changes_from_sync(page), name) is True
