"""What an applier gets: one stored event, decoded."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, NamedTuple

from sqlalchemy.orm import Session


class LoggedEvent(NamedTuple):
    """An event from the log, its payload decoded. (A tuple: a push makes 500 at a time,
    and a frozen dataclass takes three times as long to make.)"""

    server_seq: int
    kind: str
    payload: dict[str, Any]
    hlc: str
    device_id: str


Applier = Callable[[Session, str, LoggedEvent], None]


def as_json(value: Any) -> str:
    """JSON text in one spelling, so a rebuild writes exactly the same column values."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
