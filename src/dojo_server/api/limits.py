"""Request body size limits, checked before and while the body is read."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dojo_protocol.models import TOO_LARGE
from dojo_server.api.errors import error_response


class BodyLimitMiddleware:
    """413 for bodies over the limit: blobs get ``blob_limit``, everything else ``limit``.

    Paths under ``upload_prefix`` (the family portal, where a reply may carry a photo; the
    staff console's roster imports) get ``upload_limit``.
    """

    def __init__(self, app: ASGIApp, limit: int, blob_limit: int,
                 blob_prefix: str = "/v1/blobs/", upload_limit: int = 0,
                 upload_prefix: str | tuple[str, ...] = "/portal/") -> None:
        self.app = app
        self.limit = limit
        self.blob_limit = blob_limit
        self.blob_prefix = blob_prefix
        self.upload_limit = max(upload_limit, limit)
        self.upload_prefix = upload_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        limit = (self.blob_limit if path.startswith(self.blob_prefix)
                 else self.upload_limit if path.startswith(self.upload_prefix) else self.limit)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            response = error_response(413, TOO_LARGE, f"That was larger than the school "
                                      f"server accepts ({limit // (1024 * 1024)} MB).")
            await response(scope, receive, send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # FastAPI passes HTTPExceptions from body reading through unchanged.
                    raise HTTPException(413)
            return message

        await self.app(scope, limited, send)
