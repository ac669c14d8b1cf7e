"""HTTP transport: one connection pool per server (urllib3), TLS verified, typed answers."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlencode

import urllib3
from pydantic import BaseModel, ValidationError

from dojo_desktop import __version__
from dojo_desktop.core.attachments import MAX_DOCUMENT_BYTES
from dojo_desktop.core.error_texts import message
from dojo_desktop.sync.answer_body import read_body
from dojo_desktop.sync.errors import (
    BadResponse,
    EpochChanged,
    Gap,
    Offline,
    OtherComputer,
    RetryLater,
    Revoked,
    SeqReused,
    ServerRefused,
    SyncError,
    Unauthorized,
    UpgradeRequired,
)
from dojo_desktop.sync.http_pool import pool_for
from dojo_desktop.sync.wire import RawPull, parse_pull
from dojo_protocol import (
    MAX_PUSH_EVENTS,
    DigestResponse,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    Health,
    PullResponse,
    PushRequest,
    PushResponse,
)
from dojo_protocol.answer_sizes import (
    SMALL_ANSWER_BYTES,
    digest_answer_bytes,
    pull_answer_bytes,
    push_answer_bytes,
)
from dojo_protocol.models import BUSY, MACHINE_HEADER, OTHER_COMPUTER

log = logging.getLogger(__name__)

Model = TypeVar("Model", bound=BaseModel)

CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 30.0
USER_AGENT = f"DojoDesktop/{__version__}"
# An answer's body may take this long, and longer only as fast as a slow network brings
# it (see sync/answer_body.py); then reading stops.
ANSWER_TIME_S = READ_TIMEOUT


class HttpTransport:
    """Talks to one school server. Blocking: the scheduler calls it from a worker thread."""

    def __init__(self, base_url: str, token: str | None = None,
                 ca_bundle: str | None = None,
                 now_ms: Callable[[], int] | None = None,
                 answer_time_s: float = ANSWER_TIME_S, machine: str | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self._answer_time_s = answer_time_s
        # The app's clock, sent with each push so the server can report how far it is off.
        self._now_ms = now_ms or _system_now_ms
        self._pool = pool_for(self.base_url, ca_bundle)  # never without TLS verification
        self._headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
        if token:
            self._headers["Authorization"] = f"Bearer {token}"
        if machine:  # which computer this is (services/machine_identity.py)
            self._headers[MACHINE_HEADER] = machine

    def close(self) -> None:
        self._pool.clear()

    def health(self) -> Health:
        return self._call("GET", "/v1/health", Health, SMALL_ANSWER_BYTES)

    def enroll(self, request: EnrollRequest) -> EnrollResponse:
        return self._call("POST", "/v1/devices/enroll", EnrollResponse, SMALL_ANSWER_BYTES,
                          body=request.model_dump_json())

    def push(self, request: PushRequest) -> PushResponse:
        return self.push_json(request.batch_id, request.model_dump_json())

    def push_json(self, batch_id: str, body: str) -> PushResponse:
        """Push a ``PushRequest`` already written as JSON (see ``sync.wire``)."""
        return self._call("POST", "/v1/sync/push", PushResponse,
                          push_answer_bytes(MAX_PUSH_EVENTS), body=body,
                          headers={"Idempotency-Key": batch_id,
                                   "X-Client-Time-Ms": str(self._now_ms())})

    def pull(self, cursor: str, limit: int = 500, wait: float = 0,
             acked: int | None = None) -> PullResponse:
        """A page after ``cursor``; ``acked``: the highest seq of ours the server
        acknowledged (a server restored from a backup finds out by it)."""
        params = {"cursor": cursor, "limit": str(limit)}
        if wait:
            params["wait"] = f"{wait:g}"
        if acked is not None:
            params["acked"] = str(acked)
        return self._call("GET", "/v1/sync/pull", PullResponse, pull_answer_bytes(limit),
                          params=params,
                          read_timeout=READ_TIMEOUT + wait)

    def pull_raw(self, cursor: str, limit: int = 500, wait: float = 0) -> RawPull:
        """Like :meth:`pull`, the events left unchecked as dicts (a new device's download:
        checking 100,000 events as models costs more than storing them)."""
        params = {"cursor": cursor, "limit": str(limit)}
        if wait:
            params["wait"] = f"{wait:g}"
        response = self._send("GET", "/v1/sync/pull", params=params,
                              read_timeout=READ_TIMEOUT + wait)
        try:
            if response.status != 200:
                raise self._error(response)
            body = read_body(response, pull_answer_bytes(limit), self._answer_time_s)
        finally:
            response.close()
        try:
            return parse_pull(body)
        except ValueError as exc:
            raise self._not_understood() from exc

    def digest(self, cursor: str) -> DigestResponse:
        """Each class's award digest on the server as of ``cursor`` (dojo_protocol.digest)."""
        return self._call("GET", "/v1/sync/digest", DigestResponse, digest_answer_bytes(),
                          params={"cursor": cursor})

    def blob_exists(self, sha256: str) -> bool:
        response = self._send("HEAD", f"/v1/blobs/{sha256}")
        try:
            if response.status in (200, 404):
                return response.status == 200
            raise self._error(response)
        finally:
            response.close()

    def get_blob(self, sha256: str) -> bytes | None:
        """The school's copy of a file another device attached; None if the server has none.
        Raises BadResponse when what arrives does not hash to ``sha256``."""
        response = self._send("GET", f"/v1/blobs/{sha256}")
        try:
            if response.status == 404:
                return None
            if response.status != 200:
                raise self._error(response)
            data = read_body(response, MAX_DOCUMENT_BYTES, self._answer_time_s)
        finally:
            response.close()
        if hashlib.sha256(data).hexdigest() != sha256:
            raise BadResponse(message("sync.file_damaged"))
        return data

    def put_blob(self, sha256: str, data: bytes) -> None:
        response = self._send("PUT", f"/v1/blobs/{sha256}", data=data,
                              headers={"Content-Type": "application/octet-stream"})
        try:
            if response.status not in (200, 201):
                raise self._error(response)
        finally:
            response.close()

    def _call(self, method: str, path: str, model: type[Model], max_bytes: int, *,
              body: str | None = None,
              params: dict[str, str] | None = None, headers: dict[str, str] | None = None,
              read_timeout: float = READ_TIMEOUT) -> Model:
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        # UTF-8 bytes: http.client would send a str as Latin-1 and fail on other letters.
        data = body.encode() if body is not None else None
        response = self._send(method, path, data=data, params=params, headers=all_headers,
                              read_timeout=read_timeout)
        try:
            if response.status != 200:
                raise self._error(response)
            content = read_body(response, max_bytes, self._answer_time_s)
        finally:
            response.close()
        try:
            return model.model_validate_json(content)
        except ValidationError as exc:
            raise self._not_understood() from exc

    def _not_understood(self) -> BadResponse:
        return BadResponse(message("sync.not_understood"), message("sync.detail.not_protocol"))

    def _send(self, method: str, path: str, *, data: bytes | None = None,
              params: dict[str, str] | None = None, headers: dict[str, str] | None = None,
              read_timeout: float = READ_TIMEOUT) -> urllib3.BaseHTTPResponse:
        """The answer, its body not read yet: the caller reads it (sync/answer_body.py) and
        closes it with :func:`finish`. No redirect is followed (a captive portal's page is
        not the school server's), and no request is retried here (the scheduler does)."""
        url = self.base_url + path + (f"?{urlencode(params)}" if params else "")
        try:
            return self._pool.request(
                method, url, body=data, headers={**self._headers, **(headers or {})},
                timeout=urllib3.Timeout(connect=CONNECT_TIMEOUT, read=read_timeout),
                retries=False, redirect=False, preload_content=False)
        # The library's own words (a traceback's worth of socket details) go to the log only.
        except urllib3.exceptions.SSLError as exc:
            log.info("TLS with %s failed: %s", self.base_url, exc)
            raise SyncError(message("sync.certificate")) from exc
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            log.info("%s cannot be reached: %s", self.base_url, exc)
            raise Offline(message("sync.unreachable")) from exc

    def _error(self, response: urllib3.BaseHTTPResponse) -> SyncError:
        """The error an answer other than 200 means. The server's own words are used only
        from a proper protocol error (the error shape, a refusal rather than a failure);
        never a 5xx body, which may be a proxy's page or a traceback."""
        status = response.status
        detail = message("sync.detail.status", status=status)
        body = self._error_body(response) if status < 500 or status == 503 else None
        words = body.message if body is not None and body.message else None
        code = body.error if body else ""
        if status in (429, 503):
            busy = words if code == BUSY else None
            return RetryLater(busy or message("sync.busy"), _retry_after(response), detail,
                              status)
        if status == 401:
            return Unauthorized(message("sync.unauthorized"), detail)
        if code == OTHER_COMPUTER:
            return OtherComputer(message("sync.other_computer"), detail)
        if status == 403 and code == "revoked":
            return Revoked(message("sync.revoked"), detail)
        if status == 426 or code == "upgrade_required":
            return UpgradeRequired(words or message("sync.upgrade"), detail)
        if status == 410 or code == "epoch_changed":
            return EpochChanged(words or message("sync.restored"), detail)
        if status == 409 and code == "gap" and body is not None and body.last_seq is not None:
            return Gap(words or "", body.last_seq)
        if (status == 409 and code == "seq_reused" and body is not None
                and body.last_seq is not None and body.seq is not None):
            return SeqReused(words or "", body.last_seq, body.seq)
        if status in (301, 302, 303, 307, 308):  # not followed: say where it points
            location = response.headers.get("Location", "")[:200] or "?"
            return ServerRefused(message("sync.moved", location=location), status, detail)
        if status >= 500:
            return RetryLater(message("sync.server_failed", status=status),
                              _retry_after(response), detail, status)
        if words:
            return ServerRefused(words, status, detail)
        return ServerRefused(message("sync.refused_status", status=status), status, detail)

    def _error_body(self, response: urllib3.BaseHTTPResponse) -> ErrorBody | None:
        """The answer's ``ErrorBody``, read within the small answers' limit; None if it is
        not one (or too large, or cut off)."""
        try:
            content = read_body(response, SMALL_ANSWER_BYTES, self._answer_time_s)
            return ErrorBody.model_validate_json(content)
        except (SyncError, ValidationError, json.JSONDecodeError, ValueError):
            return None


def _system_now_ms() -> int:
    return time.time_ns() // 1_000_000


def _retry_after(response: urllib3.BaseHTTPResponse) -> float | None:
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return None

