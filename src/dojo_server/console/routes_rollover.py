"""The year's rollover (being built): its pages go here, under ``/staff/rollover``.

This router is already part of the console (``setup.py``). To open the area: add routes
here that call the rollover's domain functions through ``deps.domain_work`` (as the command
line does), an ``Area("/rollover", ...)`` line in ``areas.py`` for the navigation, and the
routes to tests/server/console/test_console_authz.py.
"""

from __future__ import annotations

from fastapi import APIRouter

from dojo_server.console.deps import CONSOLE

router = APIRouter(prefix=CONSOLE, include_in_schema=False)
PAGE = "/rollover"
