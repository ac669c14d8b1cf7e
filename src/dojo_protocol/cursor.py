"""Opaque pull cursors: the server's epoch, the last server sequence seen, and a tag of
the event at that place, so a server restored from a backup can tell a cursor it never
made (another event there, or none) from one it did."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import NamedTuple

TAG_BYTES = 4


class Cursor(NamedTuple):
    """Where a device stands in one epoch of the school's event sequence. ``tag``: of the
    event at ``seq`` (:func:`event_tag`); None in cursors made before tags, and at 0."""

    epoch: str
    seq: int
    tag: str | None = None


def event_tag(event_id: str) -> str:
    """A short tag of an event id: a cursor names the event it stands on by it."""
    return hashlib.blake2b(event_id.encode(), digest_size=TAG_BYTES).hexdigest()


def encode_cursor(epoch: str, seq: int, tag: str | None = None) -> str:
    """An opaque, URL-safe string the client hands back unchanged."""
    data: dict[str, object] = {"e": epoch, "s": seq}
    if tag is not None:
        data["t"] = tag
    raw = json.dumps(data, separators=(",", ":")).encode()
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
    epoch, seq, tag = data.get("e"), data.get("s"), data.get("t")
    if not isinstance(epoch, str) or type(seq) is not int or seq < 0:
        raise ValueError("not a cursor")
    if tag is not None and not isinstance(tag, str):
        raise ValueError("not a cursor")
    return Cursor(epoch, seq, tag)
