"""Puts the portal into the server app: its context, routes, static files and error pages."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from dojo_server.api.deps import ServerContext
from dojo_server.notify.mailer import mailer_from_settings
from dojo_server.portal import routes_account, routes_child
from dojo_server.portal.deps import PORTAL, PortalContext
from dojo_server.portal.errors import install_error_pages
from dojo_server.portal.rendering import Pages

STATIC = Path(__file__).with_name("static")


def install_portal(app: FastAPI, context: ServerContext) -> None:
    app.state.portal = PortalContext(context.settings, context.db, context.notifier,
                                     mailer_from_settings(context.settings), Pages())
    app.include_router(routes_account.router)
    app.include_router(routes_child.router)
    app.mount(f"{PORTAL}/static", StaticFiles(directory=STATIC), name="portal-static")
    install_error_pages(app)
