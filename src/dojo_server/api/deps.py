"""Dependencies of the routes: the server context and the calling device."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from dojo_protocol.models import MACHINE_HEADER
from dojo_server.db.session import Database
from dojo_server.domain.auth import DeviceIdentity, authenticate, find_device, note_seen
from dojo_server.settings import Settings
from dojo_server.sync.digest import DigestCache
from dojo_server.sync.notifier import ChangeNotifier
from dojo_server.sync.push_order import PushOrder


@dataclass(frozen=True)
class ServerContext:
    """What every route may use; made once by ``create_app``."""

    settings: Settings
    db: Database
    notifier: ChangeNotifier
    # Threads of their own for pushes: a push waits there for its turn to write, and in
    # the shared thread pool waiting pushes would hold up every request's sign-in.
    pushes: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(
        max_workers=PUSH_THREADS, thread_name_prefix="push"))
    push_order: PushOrder = field(default_factory=PushOrder)  # a device's pushes, in order
    digests: DigestCache = field(default_factory=DigestCache)  # each class's award digest


async def get_context(request: Request) -> ServerContext:
    """The server context. A coroutine: FastAPI runs a plain function dependency in its
    thread pool, and pushes waiting for the write turn hold that pool's threads."""
    context: ServerContext = request.app.state.context
    return context


PUSH_THREADS = 64

_bearer = HTTPBearer(auto_error=False, description="The device token from enrollment")


async def current_device(
    context: Annotated[ServerContext, Depends(get_context)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    machine: Annotated[str | None, Header(alias=MACHINE_HEADER, max_length=64,
                                          include_in_schema=False)] = None,
) -> DeviceIdentity:
    """The enrolled device calling; 401 without a known token, 403 if it was revoked or
    calls from another computer than its own (its data folder was copied).

    With SQLite the lookup (one indexed row of a local file) runs right here: handing it
    to a worker thread and back costs more than the read, on every sync request.
    """
    token = credentials.credentials if credentials else None
    if not context.db.is_sqlite:
        return await run_in_threadpool(authenticate, context.db, token, machine)
    identity, to_note = find_device(context.db, token, machine)
    if to_note:  # a write waits for the write lock: never on the event loop
        await run_in_threadpool(note_seen, context.db, identity.device_id, machine)
    return identity


Context = Annotated[ServerContext, Depends(get_context)]
Device = Annotated[DeviceIdentity, Depends(current_device)]
