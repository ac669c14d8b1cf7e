"""The sync wire format and the rules shared by the school server and the desktop client."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dojo_protocol.cursor import Cursor, decode_cursor, encode_cursor
    from dojo_protocol.events import ALL_KINDS, validate_hlc, validate_payload
    from dojo_protocol.models import (
        MAX_PUSH_EVENTS,
        PROTOCOL_VERSION,
        BlobStored,
        ClassAwardDigest,
        DigestResponse,
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

# Each name is loaded from its module when first asked for: the app's core reads the pure
# rules (dojo_protocol.hlc and the like) before its first paint, and importing pydantic for
# the models then would cost a tenth of a second it has not got.
_HOMES = ("dojo_protocol.cursor", "dojo_protocol.events", "dojo_protocol.models")

__all__ = [
    "ALL_KINDS",
    "MAX_PUSH_EVENTS",
    "PROTOCOL_VERSION",
    "BlobStored",
    "ClassAwardDigest",
    "Cursor",
    "DigestResponse",
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


def __getattr__(name: str) -> Any:
    if name in __all__:
        for home in _HOMES:
            module = importlib.import_module(home)
            if hasattr(module, name):
                value = getattr(module, name)
                globals()[name] = value  # asked once
                return value
    raise AttributeError(f"module 'dojo_protocol' has no attribute {name!r}")
