"""Test helpers for the school server: a live uvicorn server, devices and their events."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
import uvicorn

from dojo_protocol.models import PROTOCOL_VERSION
from dojo_server.api.deps import ServerContext
from dojo_server.app import create_app
from dojo_server.domain import enrollment, schools
from dojo_server.settings import Settings

PG_MISSING = "PostgreSQL not installed: apt-get install postgresql"
CLASS_ID = "0190a0b0-0000-7000-8000-000000000001"
OTHER_CLASS_ID = "0190a0b0-0000-7000-8000-000000000002"
STUDENT_ID = "0190a0b0-0000-7000-8000-0000000000a1"
SKILL_ID = "0190a0b0-0000-7000-8000-0000000000b1"


def new_uuid() -> str:
    return str(uuid.uuid4())


def pull_in_thread(device: Device, cursor: str,
                   wait: float) -> tuple[threading.Thread, dict[str, Any]]:
    """A long poll of ``device`` on a thread; ``out`` gets when it began and ended and the
    answer's body."""
    out: dict[str, Any] = {}

    def run() -> None:
        out["began"] = time.monotonic()
        answer = device.pull(cursor, wait=wait)
        out["done"] = time.monotonic()
        out["body"] = answer.json()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, out


class LiveServer:
    """The real app under uvicorn on 127.0.0.1, on a free port, in a background thread."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.app = create_app(settings)
        self.context: ServerContext = self.app.state.context
        # proto=IPPROTO_TCP: asyncio sets TCP_NODELAY only on sockets that say so, and
        # without it every answer waits 40 ms for a delayed ACK.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(self.app, log_level="warning", timeout_graceful_shutdown=2,
                                proxy_headers=False)  # as `dojo-server serve` runs it
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]},
                                        daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.01)

    @property
    def db(self) -> Any:
        return self.context.db

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)


@dataclass
class Device:
    """An enrolled device talking to the live server, numbering its own events."""

    url: str
    device_id: str
    token: str
    school_id: str
    role: str
    next_seq: int = 1
    http: httpx.Client = field(init=False)

    def __post_init__(self) -> None:
        self.http = httpx.Client(base_url=self.url, timeout=40,
                                 headers={"Authorization": f"Bearer {self.token}"})

    def event(self, kind: str, payload: dict[str, Any], seq: int | None = None) -> dict[str, Any]:
        """A wire event of this device; takes the next seq unless one is given."""
        if seq is None:
            seq, self.next_seq = self.next_seq, self.next_seq + 1
        return {"event_id": new_uuid(), "device_id": self.device_id, "seq": seq, "kind": kind,
                "hlc": f"{int(time.time() * 1000):015d}-{seq % 1_000_000:06d}-{self.device_id}",
                "payload": payload}

    def award(self, points: int = 1, class_id: str = CLASS_ID,
              seq: int | None = None) -> dict[str, Any]:
        return self.event("award_given", {
            "award_id": new_uuid(), "student_id": STUDENT_ID, "class_id": class_id,
            "skill_id": SKILL_ID, "points": points, "batch_id": new_uuid(),
            "at_ms": int(time.time() * 1000), "note": ""}, seq)

    def push(self, events: list[dict[str, Any]], batch_id: str | None = None,
             headers: dict[str, str] | None = None, **overrides: Any) -> httpx.Response:
        batch_id = batch_id or new_uuid()
        body = {"protocol_version": PROTOCOL_VERSION, "schema_version": "0001_initial",
                "batch_id": batch_id, "device_id": self.device_id, "events": events,
                **overrides}
        return self.http.post("/v1/sync/push", json=body,
                              headers={"Idempotency-Key": batch_id, **(headers or {})})

    def pull(self, cursor: str = "", **params: Any) -> httpx.Response:
        return self.http.get("/v1/sync/pull", params={"cursor": cursor, **params})

    def pull_all(self) -> list[dict[str, Any]]:
        """Every event of the school, page by page."""
        cursor, changes = "", []
        while True:
            body = self.pull(cursor, limit=1000).json()
            changes.extend(body["changes"])
            cursor = body["next_cursor"]
            if not body["has_more"]:
                return changes

    def close(self) -> None:
        self.http.close()


class Harness:
    """A live server with one school, enrolling devices on demand. The school sets up its
    own skills unless ``default_skills``: its log holds only what the test's devices push."""

    def __init__(self, server: LiveServer, default_skills: bool = False) -> None:
        self.server = server
        self.db = server.db
        self.school_id = schools.create_school(self.db, "Hillside Primary", "Europe/London",
                                               default_skills=default_skills)
        self._devices: list[Device] = []

    @property
    def url(self) -> str:
        return self.server.url

    def code(self, role: str = "teacher", class_id: str | None = None,
             school_id: str | None = None) -> str:
        return enrollment.create_code(self.db, school_id or self.school_id, role, class_id)

    def enroll(self, role: str = "teacher", class_id: str | None = None,
               school_id: str | None = None, device_id: str | None = None) -> Device:
        body = {"code": self.code(role, class_id, school_id),
                "device_id": device_id or new_uuid(), "device_name": f"{role} laptop",
                "client_version": "0.1.0"}
        answer = httpx.post(f"{self.url}/v1/devices/enroll", json=body, timeout=10)
        assert answer.status_code == 200, answer.text
        data = answer.json()
        device = Device(self.url, data["device_id"], data["token"], data["school_id"],
                        data["role"])
        self._devices.append(device)
        return device

    def close(self) -> None:
        for device in self._devices:
            device.close()
