"""What the engine sends and how it reads: push bodies and page sizes."""

from __future__ import annotations

import http.server
import json
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from json_answers import JsonHandler

from dojo_desktop.core.hlc import HybridClock
from dojo_desktop.store.database import prepare_database
from dojo_desktop.sync.engine import CATCH_UP_PAGE, PULL_PAGE, SyncEngine
from dojo_desktop.sync.sync_store import OutboxItem, SyncStore
from dojo_desktop.sync.transport import HttpTransport
from dojo_desktop.sync.wire import push_body
from dojo_protocol import PROTOCOL_VERSION, PushRequest


def test_a_push_body_is_a_push_request_with_the_payloads_as_stored() -> None:
    payloads = ['{"note":"Zo\\u00eb \\"star\\"","points":1}', '{"text":"Łódź ☀"}']
    items = [OutboxItem(7 + i, f"0190a0b0-0000-7000-8000-00000000000{i}", "award_given",
                        text, f"000001700000000-00000{i}-dev\"ice")
             for i, text in enumerate(payloads)]
    body = push_body('dev"ice', "batch-1", items)
    request = PushRequest.model_validate_json(body.encode())
    assert request.protocol_version == PROTOCOL_VERSION
    assert (request.batch_id, request.device_id) == ("batch-1", 'dev"ice')
    assert [e.seq for e in request.events] == [7, 8]
    assert [e.hlc for e in request.events] == [i.hlc for i in items]
    assert [e.payload for e in request.events] == [json.loads(p) for p in payloads]
    assert {e.device_id for e in request.events} == {'dev"ice'}
    assert (request.cursor, request.acked_seq) == ("", None)
    seen = PushRequest.model_validate_json(push_body("d", "b", items, "eyJlIjoiIn0", 6))
    assert (seen.cursor, seen.acked_seq) == ("eyJlIjoiIn0", 6)


class _OldServer(JsonHandler):
    """A school server from before pages of 5,000: it refuses limits over 1,000."""

    limits: list[int]

    def do_GET(self) -> None:
        query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        limit = int(query["limit"][0])
        self.server.limits.append(limit)  # type: ignore[attr-defined]
        if limit > 1000:
            status, body = 422, {"error": "invalid_request", "message": "limit too large"}
        else:
            status, body = 200, {"changes": [], "next_cursor": "c1", "has_more": False,
                                 "last_seq": 0, "epoch": "e1", "server_time_ms": 1}
        self.answer(status, body)


@pytest.fixture
def old_server() -> Iterator[http.server.ThreadingHTTPServer]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _OldServer)
    server.limits = []  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def test_an_older_server_is_pulled_in_pages_it_accepts(
        tmp_path: Path, old_server: http.server.ThreadingHTTPServer) -> None:
    store = SyncStore(prepare_database(tmp_path).path)
    url = f"http://127.0.0.1:{old_server.server_address[1]}"
    store.set_server(url, "device-1", "e1")
    transport = HttpTransport(url, token="t")
    engine = SyncEngine(store, transport, HybridClock("device-1"))
    try:
        engine.pull_all()
        engine.pull_all()
        position = store.position()
    finally:
        transport.close()
        store.close()
    assert old_server.limits == [CATCH_UP_PAGE, PULL_PAGE, PULL_PAGE]  # type: ignore[attr-defined]
    assert position is not None and position.cursor == "c1"
