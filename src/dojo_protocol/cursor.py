"""Opaque pull cursors: the server's epoch and the last server sequence seen."""

from __future__ import annotations

import base64
import binascii
import json
from typing import NamedTuple


class Cursor(NamedTuple):
    """Where a device stands in one epoch of the school's event sequence."""

    epoch: str
    seq: int


def encode_cursor(epoch: str, seq: int) -> str:
    """An opaque, URL-safe string the client hands back unchanged."""
    raw = json.dumps({"e": epoch, "s": seq}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> Cursor:
    """Inverse of :func:`encode_cursor`; raises ValueError on anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise ValueError("not a cursor") from exc
    if not isinstance(data, dict):
        raise ValueError("not a cursor")
    epoch, seq = data.get("e"), data.get("s")
    if not isinstance(epoch, str) or type(seq) is not int or seq < 0:
        raise ValueError("not a cursor")
    return Cursor(epoch, seq)
