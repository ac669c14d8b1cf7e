"""Every error leaves as an ErrorBody: handlers, and the OpenAPI entries that say so."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException

from dojo_protocol.models import (
    BUSY,
    INVALID_REQUEST,
    NOT_FOUND,
    PROTOCOL_VERSION,
    TOO_LARGE,
    UNAUTHORIZED,
    ErrorBody,
)
from dojo_server.domain.errors import DomainError
from dojo_server.sync.push_checks import check_protocol

_DESCRIPTIONS = {
    400: "Bad request (for pull: a cursor the server did not make)",
    401: "No token, or a token the server does not know",
    403: "Refused: a revoked device, a used or expired code, or another device's batch",
    404: "Not found",
    409: "Conflict: a gap in the device's sequence, or a device enrolled elsewhere",
    410: "The server's epoch changed (restored from a backup): sync again from scratch",
    413: "Too large: the body, the blob or the number of events",
    422: "The request is not valid",
    426: "The client must be updated (or the server, if the client is newer)",
    503: "Busy: try again after Retry-After seconds",
}
_MESSAGES = {
    401: "This device is not signed in to the school server.",
    404: "There is nothing here.",
    405: "This address does not accept that kind of request.",
    413: "That was too large for the school server.",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for the error statuses a route can answer."""
    return {status: {"model": ErrorBody, "description": _DESCRIPTIONS[status]}
            for status in statuses}


def error_response(status: int, code: str, message: str, last_seq: int | None = None,
                   headers: Mapping[str, str] | None = None,
                   seq: int | None = None) -> JSONResponse:
    body = ErrorBody(error=code, message=message, last_seq=last_seq, seq=seq)
    if status == 401:
        headers = {**(headers or {}), "WWW-Authenticate": "Bearer"}
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status,
                        headers=dict(headers) if headers else None)


def install_error_handlers(app: FastAPI) -> None:
    """Turn domain errors, HTTP errors and validation errors into ErrorBody answers."""

    @app.exception_handler(DomainError)
    async def _domain(_request: Request, exc: DomainError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.last_seq, seq=exc.seq)

    @app.exception_handler(HTTPException)
    async def _http(_request: Request, exc: HTTPException) -> JSONResponse:
        if exc.status_code == 400:  # FastAPI could not decode the body (not UTF-8 JSON)
            return error_response(422, INVALID_REQUEST, "The request body is not JSON.")
        codes = {401: UNAUTHORIZED, 404: NOT_FOUND, 413: TOO_LARGE}
        message = _MESSAGES.get(exc.status_code, str(exc.detail))
        return error_response(exc.status_code, codes.get(exc.status_code, "http_error"),
                              message, headers=exc.headers)

    @app.exception_handler(OperationalError)
    async def _busy(_request: Request, _exc: OperationalError) -> JSONResponse:
        # The database is locked or unreachable: the client backs off and tries again.
        return error_response(503, BUSY, "The school server is busy. Trying again shortly.",
                              headers={"Retry-After": "2"})

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return _validation_answer(exc)


def _validation_answer(exc: RequestValidationError) -> JSONResponse:
    body = exc.body
    if isinstance(body, dict):
        version = body.get("protocol_version")
        if isinstance(version, int) and version != PROTOCOL_VERSION:
            try:
                check_protocol(version)
            except DomainError as refusal:
                return error_response(refusal.status, refusal.code, refusal.message)
    errors = list(exc.errors())
    if any(tuple(e.get("loc", ()))[:2] == ("body", "events") and e.get("type") == "too_long"
           for e in errors):
        return error_response(413, TOO_LARGE, "Too many events in one batch; send at most "
                              "500 at a time.")
    first = errors[0] if errors else {}
    where = ".".join(str(part) for part in first.get("loc", ()))
    return error_response(422, INVALID_REQUEST,
                          f"The request is not valid: {where}: {first.get('msg', '?')}")
