"""A push request written straight from outbox rows: the payloads go as stored.

The outbox keeps each payload as JSON text; parsing 500 of them into dicts, checking
them as models and writing them back out cost more than the request itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from json.encoder import encode_basestring_ascii as _json_string

from dojo_desktop.store.schema_version import HEAD_REVISION
from dojo_desktop.store.sync_store import OutboxItem
from dojo_protocol import PROTOCOL_VERSION


def push_body(device_id: str, batch_id: str, items: Sequence[OutboxItem]) -> str:
    """The JSON of a ``PushRequest`` carrying ``items`` for ``device_id``."""
    device = _json_string(device_id)
    events = ",".join([
        f'{{"event_id":{_json_string(i.event_id)},"device_id":{device},"seq":{int(i.seq)},'
        f'"kind":{_json_string(i.kind)},"hlc":{_json_string(i.hlc)},'
        f'"payload":{i.payload_json}}}' for i in items])
    return (f'{{"protocol_version":{PROTOCOL_VERSION},'
            f'"schema_version":{_json_string(HEAD_REVISION)},'
            f'"batch_id":{_json_string(batch_id)},"device_id":{device},"events":[{events}]}}')
