"""The background task that emails families every ``notify_interval_s`` (mail configured)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from starlette.concurrency import run_in_threadpool

from dojo_server.domain.clock import now_ms
from dojo_server.notify.delivery import MailPlan, deliver
from dojo_server.portal.deps import PortalContext
from dojo_server.portal.i18n import translations

log = logging.getLogger(__name__)


def mail_plan(portal: PortalContext) -> MailPlan:
    settings = portal.settings
    return MailPlan(settings.portal_url, (settings.quiet_start_hour, settings.quiet_end_hour,
                                          settings.digest_hour))


async def _run(portal: PortalContext) -> None:
    assert portal.mailer is not None
    while True:
        await asyncio.sleep(portal.settings.notify_interval_s)
        try:
            await run_in_threadpool(deliver, portal.db, portal.mailer, translations,
                                    mail_plan(portal), now_ms())
        except Exception:  # a bad run must not end the loop; the next one tries again
            log.exception("sending family emails failed")


@contextlib.asynccontextmanager
async def mail_loop(portal: PortalContext) -> AsyncIterator[None]:
    """Runs the loop while the app runs; does nothing when no SMTP server is set."""
    if portal.mailer is None:
        yield
        return
    task = asyncio.create_task(_run(portal))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
