"""POST /v1/sync/push, GET /v1/sync/pull and GET /v1/sync/digest."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Response

from dojo_protocol.models import (
    INVALID_REQUEST,
    DigestResponse,
    PullResponse,
    PushRequest,
    PushResponse,
)
from dojo_server.api.deps import Context, Device
from dojo_server.api.errors import error_responses
from dojo_server.api.push_body import PUSH_BODY_OPENAPI, push_request
from dojo_server.domain.errors import DomainError
from dojo_server.sync.digest import award_digests
from dojo_server.sync.pull import pull
from dojo_server.sync.push import push

MAX_PULL_LIMIT = 5000

router = APIRouter(prefix="/sync", tags=["sync"])


@router.post("/push", response_model=PushResponse, openapi_extra=PUSH_BODY_OPENAPI,
             responses=error_responses(401, 403, 409, 410, 413, 422, 426, 503))
async def push_events(
    context: Context,
    device: Device,
    body: Annotated[PushRequest, Depends(push_request)],
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
    client_time_ms: Annotated[str | None, Header(alias="X-Client-Time-Ms")] = None,
) -> Response:
    """Store a batch of events; each is answered applied, duplicate or rejected.

    Sending the same batch again is harmless. ``Idempotency-Key``, if sent, must equal
    ``batch_id``. ``X-Client-Time-Ms`` lets the server report the device's clock skew.
    The body is read after the device is known (see ``api/push_body``). Its ``cursor``
    and ``acked_seq`` are checked before any event is taken, as a pull's are (410).
    """
    if idempotency_key is not None and idempotency_key != body.batch_id:
        raise DomainError(422, INVALID_REQUEST, "The Idempotency-Key header must equal the "
                          "batch_id.")
    client_time = int(client_time_ms) if client_time_ms and client_time_ms.isdigit() else None
    # A device's next batch, sent before the answer to this one, is written after it
    # (see sync/push_order).
    ticket = (context.push_order.ticket(device.device_id, body.events[0].seq,
                                        body.events[-1].seq, device.last_seq)
              if body.events else None)
    try:
        outcome = await asyncio.get_running_loop().run_in_executor(
            context.pushes, push, context.db, device, body, client_time, ticket,
            context.notifier.checked_devices)
    except asyncio.CancelledError:  # the client left; the push may never have started
        if ticket is not None:
            ticket.release()
        raise
    if outcome.newest_seq:
        context.notifier.notify(device.school_id, outcome.newest_seq,
                                outcome.newest_by_class, device.device_id)
    # Written here, without a model: FastAPI would turn one into a dict, check it and
    # write it, for 500 results.
    return Response(outcome.json(), media_type="application/json")


@router.get("/pull", response_model=PullResponse,
            responses=error_responses(400, 401, 403, 410, 422))
async def pull_events(
    context: Context,
    device: Device,
    cursor: Annotated[str, Query(max_length=512)] = "",
    limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = 500,
    wait: Annotated[float, Query(ge=0, le=30, description="seconds to wait for news")] = 0,
    acked: Annotated[int | None, Query(ge=0, description="the highest seq of this device "
                                       "the server acknowledged to it")] = None,
) -> Response:
    """The school's events after ``cursor`` (empty: from the start), in server order.

    A new device catching up may ask for pages of up to 5,000 events. A cursor or
    ``acked`` showing that the device has seen more than the server holds proves the
    server was restored from a backup: it moves to a new epoch and answers 410.
    """
    page = await pull(context.db, context.notifier, device, cursor, limit, wait,
                      context.settings.poll_interval_s, acked)
    return Response(page.body, media_type="application/json")


@router.get("/digest", response_model=DigestResponse,
            responses=error_responses(400, 401, 403, 410))
async def digest(context: Context, device: Device,
                 cursor: Annotated[str, Query(max_length=512)] = "") -> DigestResponse:
    """Per class the device pulls, its awards' count and digest as of ``cursor``, with the
    device's own awards after it (the rule: ``dojo_protocol.digest``), for the device to
    compare with its own after a sync."""
    return await asyncio.to_thread(award_digests, context.db, context.digests, device,
                                   cursor)
