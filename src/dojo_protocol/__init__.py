"""The sync wire format shared by the school server and the desktop client."""

from __future__ import annotations

from dojo_protocol.cursor import Cursor, decode_cursor, encode_cursor
from dojo_protocol.events import ALL_KINDS, validate_hlc, validate_payload
from dojo_protocol.models import (
    MAX_PUSH_EVENTS,
    PROTOCOL_VERSION,
    BlobStored,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    EventResult,
    Health,
    PulledEvent,
    PullResponse,
    PushRequest,
    PushResponse,
    WireEvent,
)

__all__ = [
    "ALL_KINDS",
    "MAX_PUSH_EVENTS",
    "PROTOCOL_VERSION",
    "BlobStored",
    "Cursor",
    "EnrollRequest",
    "EnrollResponse",
    "ErrorBody",
    "EventResult",
    "Health",
    "PullResponse",
    "PulledEvent",
    "PushRequest",
    "PushResponse",
    "WireEvent",
    "decode_cursor",
    "encode_cursor",
    "validate_hlc",
    "validate_payload",
]
