"""POST /v1/devices/enroll: a one-time code in, a device token out (no token needed)."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from dojo_protocol.models import EnrollRequest, EnrollResponse
from dojo_server.api.deps import Context
from dojo_server.api.errors import error_responses
from dojo_server.domain.enrollment import enroll

router = APIRouter(tags=["devices"])


@router.post("/devices/enroll", responses=error_responses(403, 409, 413, 422, 426))
async def enroll_device(body: EnrollRequest, context: Context) -> EnrollResponse:
    """Use up an enrollment code. The token is shown only in this answer."""
    return await run_in_threadpool(enroll, context.db, body)
