"""GET /v1/health: what a client checks before syncing (no token needed)."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from dojo_protocol.models import PROTOCOL_VERSION, Health
from dojo_server.api.deps import Context
from dojo_server.domain.clock import now_ms
from dojo_server.sync.epoch import read_epoch

router = APIRouter(tags=["health"])


@router.get("/health")
async def health(context: Context) -> Health:
    """Server time, epoch, the oldest client version served and the protocol version."""
    epoch = await run_in_threadpool(read_epoch, context.db)
    return Health(server_time_ms=now_ms(), epoch=epoch,
                  min_client_version=context.settings.min_client_version,
                  protocol_version=PROTOCOL_VERSION)
