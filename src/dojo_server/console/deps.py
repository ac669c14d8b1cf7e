"""What console routes share: the context, the signed-in member of staff, CSRF checks,
pages, and running domain work off the event loop."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from dojo_server.console.areas import AREAS
from dojo_server.console.words import NOTICES, ROLE_NAMES
from dojo_server.db.session import Database
from dojo_server.domain.schools import AdminError
from dojo_server.domain.staff_auth import StaffMember, session_member
from dojo_server.portal.deps import CsrfFailed, check_token, set_cookie
from dojo_server.portal.i18n import LANGUAGES, pick_language
from dojo_server.portal.rendering import SECURITY_HEADERS, Pages
from dojo_server.settings import Settings
from dojo_server.sync.notifier import ChangeNotifier
from dojo_server.sync.pull import newest_seq

CONSOLE = "/staff"
SESSION_COOKIE = "dojo_staff"
CSRF_COOKIE = "dojo_staff_csrf"
LANGUAGE_COOKIE = "dojo_staff_lang"
TEMPLATES = Path(__file__).with_name("templates")
DOMAIN = "console"
T = TypeVar("T")
Csrf = Annotated[str, Form(max_length=200)]
Field = Annotated[str, Form(max_length=2000)]


@dataclass(frozen=True)
class ConsoleContext:
    """Made once by ``create_app``: what every console route may use."""

    settings: Settings
    db: Database
    notifier: ChangeNotifier
    pages: Pages


class SignInNeeded(Exception):
    """The page needs a signed-in member of staff: answered with the sign-in page."""


class OfficeOnly(Exception):
    """A teacher or TA signed in: the console is for leaders and the office."""

    def __init__(self, member: StaffMember) -> None:
        super().__init__(member.role)
        self.member = member


class ConsoleCsrfFailed(CsrfFailed):
    """A console form came without the token this browser was given."""


class Refused(Exception):
    """A console action the domain refused: ``code`` (translated) or ``message`` (as is),
    with the page to go back to."""

    def __init__(self, code: str, message: str, back: str) -> None:
        super().__init__(message)
        self.code, self.message, self.back = code, message, back


def console_of(request: Request) -> ConsoleContext:
    console: ConsoleContext = request.app.state.console
    return console


async def get_console(request: Request) -> ConsoleContext:
    """The console's context (a coroutine: no thread pool hop, see ``api.deps``)."""
    return console_of(request)


Console = Annotated[ConsoleContext, Depends(get_console)]


async def optional_staff(request: Request, console: Console) -> StaffMember | None:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    return await run_in_threadpool(session_member, console.db, token)


async def signed_in_staff(
        member: Annotated[StaffMember | None, Depends(optional_staff)]) -> StaffMember:
    """Any member of staff with a session (the sign-out button works for everyone)."""
    if member is None:
        raise SignInNeeded
    return member


async def office_staff(member: Annotated[StaffMember, Depends(signed_in_staff)]
                       ) -> StaffMember:
    """A leader or admin, by their role as it is now."""
    if not member.may_use_console:
        raise OfficeOnly(member)
    return member


MaybeStaff = Annotated[StaffMember | None, Depends(optional_staff)]
SignedIn = Annotated[StaffMember, Depends(signed_in_staff)]
Office = Annotated[StaffMember, Depends(office_staff)]


def language_of(request: Request) -> str:
    """This browser's choice, else Accept-Language."""
    chosen = request.cookies.get(LANGUAGE_COOKIE, "")
    if chosen in LANGUAGES:
        return chosen
    return pick_language(request.headers.get("accept-language"))


def check_csrf(request: Request, member: StaffMember | None, sent: str) -> None:
    """Signed in: the session's token. Signed out: the token in this browser's cookie."""
    expected = member.csrf_token if member is not None else request.cookies.get(CSRF_COOKIE)
    try:
        check_token(expected, sent)
    except CsrfFailed:
        raise ConsoleCsrfFailed from None


def set_console_cookie(response: Response, request: Request, console: ConsoleContext,
                       name: str, value: str, max_age: int | None = None) -> None:
    set_cookie(response, request, console.settings, name, value, max_age, path=CONSOLE)


def page(request: Request, console: ConsoleContext, template: str,
         member: StaffMember | None, status: int = 200, **context: Any) -> HTMLResponse:
    """A rendered page with the security headers; signed-out pages get a CSRF cookie."""
    csrf = member.csrf_token if member is not None else (
        request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24))
    html = console.pages.render(template, language_of(request), member=member, csrf=csrf,
                                here=request.url.path, done=request.query_params.get("done"),
                                notices=NOTICES, areas_nav=AREAS,
                                role_names=ROLE_NAMES, **context)
    response = HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)
    if member is None and request.cookies.get(CSRF_COOKIE) != csrf:
        set_console_cookie(response, request, console, CSRF_COOKIE, csrf)
    return response


def done(path: str, what: str) -> RedirectResponse:
    """Back to ``path`` after a change, saying what was done (``what`` names a notice)."""
    return RedirectResponse(f"{CONSOLE}{path}?done={what}", status_code=303)


async def domain_work(back: str, work: Callable[..., T], *args: Any) -> T:
    """Run a domain function on the thread pool; its AdminError becomes a refusal page
    with a way back to ``back``."""
    try:
        return await run_in_threadpool(work, *args)
    except AdminError as exc:
        raise Refused(exc.code, str(exc), f"{CONSOLE}{back}") from exc


async def wake_long_polls(console: ConsoleContext, school_id: str) -> None:
    """The console wrote to the school's log: devices waiting in a long poll hear at once."""
    seq, _epoch = await run_in_threadpool(newest_seq, console.db, school_id)
    console.notifier.notify(school_id, seq)


async def school_change(console: ConsoleContext, member: StaffMember, back: str,
                        work: Callable[..., T], *args: Any) -> T:
    """``work(db, member's school, *args)`` as ``domain_work`` runs it; then devices waiting
    in a long poll hear of the change at once."""
    result = await domain_work(back, work, console.db, member.school_id, *args)
    await wake_long_polls(console, member.school_id)
    return result
