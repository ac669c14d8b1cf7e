"""Puts the staff console into the server app: its context, routes, styles and error pages."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from dojo_server.api.deps import ServerContext
from dojo_server.console import (
    routes_account,
    routes_classes,
    routes_devices,
    routes_families,
    routes_imports,
    routes_rollover,
    routes_staff,
)
from dojo_server.console.deps import CONSOLE, DOMAIN, TEMPLATES, ConsoleContext
from dojo_server.console.errors import install_error_pages
from dojo_server.portal.rendering import Pages

STATIC = Path(__file__).with_name("static")
ROUTERS = (routes_account.router, routes_staff.router, routes_classes.router,
           routes_families.router, routes_devices.router, routes_imports.router,
           routes_rollover.router)


def install_console(app: FastAPI, context: ServerContext) -> None:
    app.state.console = ConsoleContext(context.settings, context.db, context.notifier,
                                       Pages(TEMPLATES, DOMAIN))
    for router in ROUTERS:
        app.include_router(router)
    app.mount(f"{CONSOLE}/static", StaticFiles(directory=STATIC), name="console-static")
    install_error_pages(app)
