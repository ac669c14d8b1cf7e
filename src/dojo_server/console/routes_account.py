"""Signing in and out of the console, its language, and its start page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from dojo_server.console.areas import AREAS
from dojo_server.console.deps import (
    CONSOLE,
    LANGUAGE_COOKIE,
    SESSION_COOKIE,
    Console,
    Csrf,
    Field,
    MaybeStaff,
    Office,
    SignedIn,
    check_csrf,
    page,
    set_console_cookie,
)
from dojo_server.console.errors import refusal
from dojo_server.console.words import REASONS
from dojo_server.domain import staff_auth
from dojo_server.domain.rate_limits import RateLimited
from dojo_server.portal.deps import back_within
from dojo_server.portal.i18n import LANGUAGES

router = APIRouter(prefix=CONSOLE, include_in_schema=False)


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.get("")
async def console_root() -> Response:
    return RedirectResponse(f"{CONSOLE}/", status_code=303)


@router.get("/login")
async def login_page(request: Request, console: Console, member: MaybeStaff) -> Response:
    if member is not None:
        return RedirectResponse(f"{CONSOLE}/", status_code=303)
    return page(request, console, "login.html", None)


@router.post("/login")
async def log_in(request: Request, console: Console, email: Field, password: Field,
                 csrf: Csrf) -> Response:
    check_csrf(request, None, csrf)
    try:
        staff_id = await run_in_threadpool(staff_auth.log_in, console.db, email, password,
                                           _address(request))
    except staff_auth.WrongLogin:
        return page(request, console, "login.html", None, status=400, email=email,
                    error=REASONS["wrong_login"])
    except RateLimited as exc:
        response = refusal(request, 429, "rate_limited", back=f"{CONSOLE}/login")
        response.headers["Retry-After"] = str(exc.retry_after_s)
        return response
    token = await run_in_threadpool(staff_auth.start_session, console.db, staff_id)
    response = RedirectResponse(f"{CONSOLE}/", status_code=303)
    set_console_cookie(response, request, console, SESSION_COOKIE, token,
                       max_age=staff_auth.SESSION_MS // 1000)
    return response


@router.post("/logout")
async def log_out(request: Request, console: Console, member: SignedIn, csrf: Csrf) -> Response:
    check_csrf(request, member, csrf)
    await run_in_threadpool(staff_auth.end_session, console.db,
                            request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse(f"{CONSOLE}/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path=CONSOLE)
    return response


@router.post("/language")
async def choose_language(request: Request, console: Console, member: MaybeStaff,
                          language: Field, csrf: Csrf, back: Field = "") -> Response:
    check_csrf(request, member, csrf)
    if language not in LANGUAGES:
        return refusal(request, 400, "not_found")
    response = RedirectResponse(back_within(back, CONSOLE), status_code=303)
    set_console_cookie(response, request, console, LANGUAGE_COOKIE, language)
    return response


@router.get("/")
async def start_page(request: Request, console: Console, member: Office) -> Response:
    return page(request, console, "start.html", member, areas=AREAS)
