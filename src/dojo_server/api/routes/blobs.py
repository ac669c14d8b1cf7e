"""HEAD, PUT and GET /v1/blobs/{sha256}: attachments, uploaded before the event naming them
and fetched by the school's other devices after pulling it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool

from dojo_protocol.models import BlobStored
from dojo_server.api.deps import Context, Device
from dojo_server.api.errors import error_responses
from dojo_server.domain.blobs import blob_path, has_blob, store_blob

router = APIRouter(prefix="/blobs", tags=["blobs"])
Sha256 = Annotated[str, Path(pattern="^[0-9a-f]{64}$", description="sha256, lowercase hex")]
_BINARY_BODY = {"requestBody": {"required": True, "content": {
    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}}


@router.head("/{sha256}", responses={200: {"description": "Stored"},
                                     404: {"description": "Not stored for this school"},
                                     **error_responses(401, 403, 422)})
async def blob_exists(sha256: Sha256, context: Context, device: Device) -> Response:
    """200 if this school has the blob, 404 if it must be uploaded."""
    found = await run_in_threadpool(has_blob, context.db, context.settings.blobs_dir, device,
                                    sha256)
    return Response(status_code=200 if found else 404)


@router.put("/{sha256}", status_code=201, openapi_extra=_BINARY_BODY,
            responses={200: {"model": BlobStored, "description": "Already stored"},
                       **error_responses(401, 403, 413, 422)})
async def put_blob(sha256: Sha256, request: Request, response: Response, context: Context,
                   device: Device) -> BlobStored:
    """Store the body under its sha256; the hash is checked. Idempotent."""
    data = await request.body()
    stored = await run_in_threadpool(store_blob, context.db, context.settings.blobs_dir,
                                     device, sha256, data)
    response.status_code = 201 if stored.created else 200
    return stored


@router.get("/{sha256}", response_class=Response,
            responses={200: {"description": "The file's bytes", "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
                       404: {"description": "Not stored for this school"},
                       **error_responses(401, 403, 422)})
async def get_blob(sha256: Sha256, context: Context, device: Device) -> Response:
    """The file, for a device of the school that stores it (another school's: 404)."""
    found = await run_in_threadpool(has_blob, context.db, context.settings.blobs_dir, device,
                                    sha256)
    if not found:
        return Response(status_code=404)
    return FileResponse(blob_path(context.settings.blobs_dir, sha256),
                        media_type="application/octet-stream",
                        headers={"Cache-Control": "private, max-age=31536000, immutable"})
