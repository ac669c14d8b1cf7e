"""The sync bodies written and read without models where they are large.

A push request is written straight from outbox rows: the outbox keeps each payload as
JSON text; parsing 500 of them into dicts, checking them as models and writing them back
out cost more than the request itself. A new device's download is parsed with orjson and
checked by its envelope only: sync/first_sync_tables.py checks every row it keeps, in SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring_ascii as _json_string
from typing import TYPE_CHECKING, Any

import orjson

from dojo_desktop.store.schema_version import HEAD_REVISION
from dojo_protocol import PROTOCOL_VERSION, PullResponse

if TYPE_CHECKING:  # the transport imports this module: no SQLAlchemy for it
    from dojo_desktop.sync.sync_store import OutboxItem


def push_body(device_id: str, batch_id: str, items: Sequence[OutboxItem], cursor: str = "",
              acked_seq: int | None = None) -> str:
    """The JSON of a ``PushRequest`` carrying ``items`` for ``device_id``, with what the
    device has seen of the server (its pull ``cursor`` and ``acked_seq``)."""
    device = _json_string(device_id)
    events = ",".join([
        f'{{"event_id":{_json_string(i.event_id)},"device_id":{device},"seq":{int(i.seq)},'
        f'"kind":{_json_string(i.kind)},"hlc":{_json_string(i.hlc)},'
        f'"payload":{i.payload_json}}}' for i in items])
    return (f'{{"protocol_version":{PROTOCOL_VERSION},'
            f'"schema_version":{_json_string(HEAD_REVISION)},'
            f'"batch_id":{_json_string(batch_id)},"device_id":{device},'
            f'"cursor":{_json_string(cursor)},'
            f'"acked_seq":{"null" if acked_seq is None else int(acked_seq)},'
            f'"events":[{events}]}}')


@dataclass(frozen=True)
class RawPull:
    """A pull answer parsed, its events left as dicts (``PulledEvent``'s fields)."""

    changes: list[dict[str, Any]]
    next_cursor: str
    has_more: bool
    last_seq: int
    epoch: str
    server_time_ms: int

    def checked(self) -> PullResponse:
        """The same answer as the model, every event checked (raises ValidationError)."""
        return PullResponse.model_validate(self.__dict__)


def parse_pull(body: bytes) -> RawPull:
    """A ``PullResponse`` body parsed by its envelope; ValueError if that is wrong."""
    document = orjson.loads(body)
    if not isinstance(document, dict):
        raise ValueError("a pull answer is a JSON object")
    raw = RawPull(document.get("changes"), document.get("next_cursor"),  # type: ignore[arg-type]
                  document.get("has_more"), document.get("last_seq"),  # type: ignore[arg-type]
                  document.get("epoch"), document.get("server_time_ms"))  # type: ignore[arg-type]
    if not (isinstance(raw.changes, list) and isinstance(raw.next_cursor, str)
            and isinstance(raw.has_more, bool) and type(raw.last_seq) is int
            and isinstance(raw.epoch, str) and type(raw.server_time_ms) is int
            and all(isinstance(change, dict) for change in raw.changes)):
        raise ValueError("a pull answer lacks a field or has one of the wrong type")
    return raw
