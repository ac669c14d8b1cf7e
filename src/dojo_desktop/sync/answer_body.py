"""Reading an answer's body within bounds: no more bytes than the answer may have, and not
for longer than it should take, so that a broken server or a proxy in the way can neither
fill the memory nor hold a sync round forever."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import urllib3

from dojo_desktop.core.error_texts import message
from dojo_desktop.sync.errors import BadResponse, Offline

log = logging.getLogger(__name__)

PIECE = 1 << 20  # large pieces: fewer trips through Python for a page of 5,000 events
# The slowest a body may arrive once it has begun: past ``time_s``, each second must have
# brought this much on average (a school's worst Wi-Fi is far faster; a trickle is not).
SLOWEST_BYTES_PER_S = 16 * 1024


def too_large(max_bytes: int) -> BadResponse:
    return BadResponse(message("sync.not_understood"),
                       message("sync.detail.too_large", limit=max_bytes))


def read_body(response: urllib3.BaseHTTPResponse, max_bytes: int, time_s: float,
              clock: Callable[[], float] = time.monotonic) -> bytes:
    """The body of ``response`` (requested without ``preload_content``), decoded.

    Raises BadResponse when it is, or says it is, longer than ``max_bytes``, or is still
    arriving after ``time_s`` seconds plus the time its size takes at the slowest rate;
    Offline when the connection breaks before its end. The caller closes the response:
    read to its end, its connection has gone back to the pool by then.
    """
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_large(max_bytes)
    started = clock()
    pieces: list[bytes] = []
    size = 0
    try:
        while piece := response.read1(PIECE, decode_content=True):
            size += len(piece)
            if size > max_bytes:
                raise too_large(max_bytes)
            pieces.append(piece)
            allowed = time_s + size / SLOWEST_BYTES_PER_S
            if clock() - started > allowed:
                raise BadResponse(message("sync.not_understood"),
                                  message("sync.detail.too_slow", seconds=round(allowed)))
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        log.info("an answer was cut off after %d bytes: %r", size, exc)
        raise Offline(message("sync.connection_broken"),
                      message("sync.detail.cut_off")) from exc
    return b"".join(pieces)
