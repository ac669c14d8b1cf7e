"""Dependencies of the routes: the server context and the calling device."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from dojo_server.db.session import Database
from dojo_server.domain.auth import DeviceIdentity, authenticate
from dojo_server.domain.notifier import ChangeNotifier
from dojo_server.settings import Settings


@dataclass(frozen=True)
class ServerContext:
    """What every route may use; made once by ``create_app``."""

    settings: Settings
    db: Database
    notifier: ChangeNotifier


def get_context(request: Request) -> ServerContext:
    context: ServerContext = request.app.state.context
    return context


_bearer = HTTPBearer(auto_error=False, description="The device token from enrollment")


def current_device(
    context: Annotated[ServerContext, Depends(get_context)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> DeviceIdentity:
    """The enrolled device calling; 401 without a known token, 403 if it was revoked."""
    return authenticate(context.db, credentials.credentials if credentials else None)


Context = Annotated[ServerContext, Depends(get_context)]
Device = Annotated[DeviceIdentity, Depends(current_device)]
