"""The FastAPI application: settings -> database (migrated) -> context -> API, portal and
staff console."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from dojo_server.api.deps import ServerContext
from dojo_server.api.errors import install_error_handlers
from dojo_server.api.limits import BodyLimitMiddleware
from dojo_server.api.routes import blobs, devices, health, sync
from dojo_server.console.setup import install_console
from dojo_server.db.backups import serving
from dojo_server.db.session import Database
from dojo_server.portal.client_address import check_setting
from dojo_server.portal.mail_loop import mail_loop
from dojo_server.portal.setup import install_portal
from dojo_server.settings import Settings
from dojo_server.sync.epoch import prepare_database
from dojo_server.sync.notifier import ChangeNotifier

API_PREFIX = "/v1"
PHOTO_FORM_MARGIN = 64 * 1024  # the reply's text and form fields around the photo


def create_app(settings: Settings) -> FastAPI:
    """A ready server: the database is migrated and has an epoch before this returns."""
    check_setting(settings.forwarded_allow_ips)  # a wrong proxy list stops the start
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.database_url)
    prepare_database(db, settings)
    db.checkpoint_in_background()

    @asynccontextmanager
    async def lifespan(running: FastAPI) -> AsyncIterator[None]:
        # A restore of the database file waits for no server to run on it.
        with serving(settings.data_dir):
            async with mail_loop(running.state.portal):  # emails families while serving
                yield
        running.state.context.pushes.shutdown(wait=True)
        db.dispose()

    app = FastAPI(title="Dojo school server", version="1", lifespan=lifespan,
                  description="Sync protocol v1 between Dojo Desktop and the school server.")
    app.state.context = ServerContext(settings, db, ChangeNotifier())
    install_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_body_bytes,
                       blob_limit=settings.max_blob_bytes,
                       upload_limit=settings.max_photo_bytes + PHOTO_FORM_MARGIN,
                       upload_prefix=("/portal/", "/staff/imports"))
    for module in (health, devices, sync, blobs):
        app.include_router(module.router, prefix=API_PREFIX)
    install_portal(app, app.state.context)
    install_console(app, app.state.context)
    return app
