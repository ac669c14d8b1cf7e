"""HTTP transport: one requests Session (connection reuse), TLS verified, typed answers."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from typing import TypeVar

import requests
from pydantic import BaseModel, ValidationError

from dojo_desktop import __version__
from dojo_desktop.core.error_texts import message as message_text
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
from dojo_desktop.sync.wire import RawPull, parse_pull
from dojo_protocol import (
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    Health,
    PullResponse,
    PushRequest,
    PushResponse,
)
from dojo_protocol.models import MACHINE_HEADER, OTHER_COMPUTER

Model = TypeVar("Model", bound=BaseModel)

CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 30.0
USER_AGENT = f"DojoDesktop/{__version__}"
BODY_PIECE = 1 << 20


class HttpTransport:
    """Talks to one school server. Blocking: the scheduler calls it from a worker thread."""

    def __init__(self, base_url: str, token: str | None = None,
                 ca_bundle: str | None = None,
                 now_ms: Callable[[], int] | None = None, machine: str | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        # The app's clock, sent with each push so the server can report how far it is off.
        self._now_ms = now_ms or _system_now_ms
        self._session = requests.Session()
        self._session.headers["User-Agent"] = USER_AGENT
        # The environment (proxies, REQUESTS_CA_BUNDLE) is read once, here: left to
        # requests, every request would read it again and look for a ~/.netrc, whose
        # entry would also replace the device's token.
        self._session.trust_env = False
        self._session.proxies.update(requests.utils.get_environ_proxies(self.base_url))
        # A school's own CA bundle when set; otherwise the system's trust store. Never off.
        self._verify: str | bool = ca_bundle or _environment_ca_bundle() or True
        if token:
            self._session.headers["Authorization"] = f"Bearer {token}"
        if machine:  # which computer this is (services/machine_identity.py)
            self._session.headers[MACHINE_HEADER] = machine

    def close(self) -> None:
        self._session.close()

    def health(self) -> Health:
        return self._call("GET", "/v1/health", Health)

    def enroll(self, request: EnrollRequest) -> EnrollResponse:
        return self._call("POST", "/v1/devices/enroll", EnrollResponse,
                          body=request.model_dump_json())

    def push(self, request: PushRequest) -> PushResponse:
        return self.push_json(request.batch_id, request.model_dump_json())

    def push_json(self, batch_id: str, body: str) -> PushResponse:
        """Push a ``PushRequest`` already written as JSON (see ``sync.wire``)."""
        return self._call("POST", "/v1/sync/push", PushResponse, body=body,
                          headers={"Idempotency-Key": batch_id,
                                   "X-Client-Time-Ms": str(self._now_ms())})

    def pull(self, cursor: str, limit: int = 500, wait: float = 0) -> PullResponse:
        params = {"cursor": cursor, "limit": str(limit)}
        if wait:
            params["wait"] = f"{wait:g}"
        return self._call("GET", "/v1/sync/pull", PullResponse, params=params,
                          read_timeout=READ_TIMEOUT + wait)

    def pull_raw(self, cursor: str, limit: int = 500, wait: float = 0) -> RawPull:
        """Like :meth:`pull`, the events left unchecked as dicts (a new device's download:
        checking 100,000 events as models costs more than storing them)."""
        params = {"cursor": cursor, "limit": str(limit)}
        if wait:
            params["wait"] = f"{wait:g}"
        response = self._send("GET", "/v1/sync/pull", params=params,
                              read_timeout=READ_TIMEOUT + wait, stream=True)
        try:
            if response.status_code != 200:
                raise self._error(response)
            # Read in large pieces: requests' own 10 kB pieces cost a few hundred trips
            # through Python per page, each one taking the GIL from the thread that stores
            # the page before.
            body = b"".join(response.iter_content(BODY_PIECE))
        except requests.exceptions.RequestException as exc:
            raise Offline(f"The connection to the school server failed ({_short(exc)}).") \
                from exc
        finally:
            response.close()
        try:
            return parse_pull(body)
        except ValueError as exc:
            raise self._not_understood() from exc

    def blob_exists(self, sha256: str) -> bool:
        response = self._send("HEAD", f"/v1/blobs/{sha256}")
        if response.status_code in (200, 404):
            return response.status_code == 200
        raise self._error(response)

    def get_blob(self, sha256: str) -> bytes | None:
        """The school's copy of a file another device attached; None if the server has none.
        Raises BadResponse when what arrives does not hash to ``sha256``."""
        response = self._send("GET", f"/v1/blobs/{sha256}")
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise self._error(response)
        if hashlib.sha256(response.content).hexdigest() != sha256:
            raise BadResponse("A file from the school server arrived damaged; it will be "
                              "fetched again.")
        return response.content

    def put_blob(self, sha256: str, data: bytes) -> None:
        response = self._send("PUT", f"/v1/blobs/{sha256}", data=data,
                              headers={"Content-Type": "application/octet-stream"})
        if response.status_code not in (200, 201):
            raise self._error(response)

    def _call(self, method: str, path: str, model: type[Model], *, body: str | None = None,
              params: dict[str, str] | None = None, headers: dict[str, str] | None = None,
              read_timeout: float = READ_TIMEOUT) -> Model:
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        # UTF-8 bytes: http.client would send a str as Latin-1 and fail on other letters.
        data = body.encode() if body is not None else None
        response = self._send(method, path, data=data, params=params, headers=all_headers,
                              read_timeout=read_timeout)
        if response.status_code != 200:
            raise self._error(response)
        try:
            return model.model_validate_json(response.content)
        except ValidationError as exc:
            raise self._not_understood() from exc

    def _not_understood(self) -> BadResponse:
        return BadResponse(
            f"The server at {self.base_url} answered something Dojo Desktop does not "
            "understand. It may not be a Dojo school server, or a proxy is in the way.")

    def _send(self, method: str, path: str, *, data: str | bytes | None = None,
              params: dict[str, str] | None = None, headers: dict[str, str] | None = None,
              read_timeout: float = READ_TIMEOUT, stream: bool = False) -> requests.Response:
        try:
            return self._session.request(method, self.base_url + path, data=data,
                                         params=params, headers=headers, verify=self._verify,
                                         timeout=(CONNECT_TIMEOUT, read_timeout),
                                         stream=stream)
        except requests.exceptions.SSLError as exc:
            raise SyncError(
                f"The school server's certificate could not be verified ({_short(exc)}). "
                "If the school uses its own certificate authority, IT can set its CA "
                "bundle in Settings.") from exc
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
            raise Offline(f"The school server cannot be reached ({_short(exc)}). Points "
                          "are saved here and will be sent when it can.") from exc
        except requests.exceptions.RequestException as exc:
            raise Offline(f"The connection to the school server failed ({_short(exc)}).") \
                from exc

    def _error(self, response: requests.Response) -> SyncError:
        body = _error_body(response)
        message = body.message if body else f"The server answered {response.status_code}."
        code = body.error if body else ""
        status = response.status_code
        if status in (429, 503):
            return RetryLater(message or "The server is busy.", _retry_after(response))
        if status == 401:
            return Unauthorized("The server does not recognise this device. Connect it to "
                                "the school server again (Settings).")
        if code == OTHER_COMPUTER:
            return OtherComputer(str(message_text("sync.other_computer")))
        if status == 403 and code == "revoked":
            return Revoked("This device was disconnected from the school server by IT. "
                           "Points stay on this computer; ask IT to connect it again.")
        if status == 426 or code == "upgrade_required":
            return UpgradeRequired(message or "This version of Dojo Desktop is too old for "
                                              "the school server. Ask IT to update it.")
        if status == 410 or code == "epoch_changed":
            return EpochChanged(message or "The school server was restored from a backup.")
        if status == 409 and code == "gap" and body is not None and body.last_seq is not None:
            return Gap(message, body.last_seq)
        if (status == 409 and code == "seq_reused" and body is not None
                and body.last_seq is not None and body.seq is not None):
            return SeqReused(message, body.last_seq, body.seq)
        if body is None and status >= 500:
            return RetryLater(f"The school server had a problem ({status}).",
                              _retry_after(response))
        return ServerRefused(message, status)


def _environment_ca_bundle() -> str | None:
    """The CA bundle the environment names, as requests would read it for each request."""
    return os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or None


def _system_now_ms() -> int:
    return time.time_ns() // 1_000_000


def _error_body(response: requests.Response) -> ErrorBody | None:
    try:
        return ErrorBody.model_validate_json(response.content)
    except (ValidationError, json.JSONDecodeError, ValueError):
        return None


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _short(exc: Exception) -> str:
    text = str(exc)
    return (text[:160] + "…") if len(text) > 160 else text
