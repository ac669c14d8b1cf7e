"""Wall-clock time and ids, in one place so tests and services agree on the units."""

from __future__ import annotations

import time
import uuid

from dojo_protocol.events import is_uuid as _is_uuid_text


def now_ms() -> int:
    """Unix time in milliseconds."""
    return time.time_ns() // 1_000_000


def new_id() -> str:
    """A random UUID for rows the server itself creates (schools, staff)."""
    return str(uuid.uuid4())


def is_uuid(value: str) -> bool:
    """True for a 36-character UUID string."""
    return _is_uuid_text(value)
