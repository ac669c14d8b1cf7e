"""Signing in and out, joining with an invite code, email links and the page language."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from dojo_server.domain import family_auth, invites
from dojo_server.domain.family_auth import FamilyError
from dojo_server.notify.mailer import Mail
from dojo_server.notify.unsubscribe import unsubscribe as stop_emails
from dojo_server.portal.client_address import client_address
from dojo_server.portal.deps import (
    LANGUAGE_COOKIE,
    PORTAL,
    SESSION_COOKIE,
    MaybeMember,
    Member,
    Portal,
    back_within,
    check_csrf,
    language_of,
    page,
    portal_of,
    set_cookie,
    wake_long_polls,
)
from dojo_server.portal.errors import REASONS
from dojo_server.portal.i18n import LANGUAGES, translations

router = APIRouter(prefix=PORTAL, include_in_schema=False)
Field = Annotated[str, Form(max_length=5000)]
Csrf = Annotated[str, Form(max_length=200)]


def _address(request: Request) -> str:
    return client_address(request, portal_of(request).settings.forwarded_allow_ips)


async def _signed_in(request: Request, portal: Portal, guardian_id: str) -> Response:
    """A new session; the browser goes home, in the family's saved language."""
    token = await run_in_threadpool(family_auth.start_session, portal.db, guardian_id)
    member = await run_in_threadpool(family_auth.session_member, portal.db, token)
    response = RedirectResponse(f"{PORTAL}/", status_code=303)
    set_cookie(response, request, portal.settings, SESSION_COOKIE, token,
               max_age=family_auth.SESSION_MS // 1000)
    if member is not None:
        set_cookie(response, request, portal.settings, LANGUAGE_COOKIE, member.language)
    return response


@router.get("")
async def portal_root() -> Response:
    return RedirectResponse(f"{PORTAL}/", status_code=303)


@router.get("/login")
async def login_page(request: Request, portal: Portal, member: MaybeMember) -> Response:
    if member is not None:
        return RedirectResponse(f"{PORTAL}/", status_code=303)
    return page(request, portal, "login.html", None)


@router.post("/login")
async def log_in(request: Request, portal: Portal, email: Field, password: Field,
                 csrf: Csrf) -> Response:
    check_csrf(request, None, csrf)
    try:
        guardian_id = await run_in_threadpool(family_auth.log_in, portal.db, email, password,
                                              _address(request))
    except FamilyError as exc:
        return page(request, portal, "login.html", None, status=400, email=email,
                    error=REASONS[exc.code])
    return await _signed_in(request, portal, guardian_id)


@router.post("/logout")
async def log_out(request: Request, portal: Portal, member: Member, csrf: Csrf) -> Response:
    check_csrf(request, member, csrf)
    await run_in_threadpool(family_auth.end_session, portal.db,
                            request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse(f"{PORTAL}/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path=PORTAL)
    return response


@router.post("/login/link")
async def ask_for_link(request: Request, portal: Portal, email: Field,
                       csrf: Csrf) -> Response:
    check_csrf(request, None, csrf)
    if portal.mailer is None:
        raise FamilyError("not_found")
    made = await run_in_threadpool(family_auth.make_login_link, portal.db, email)
    if made is not None:
        language, token = made
        _ = translations(language).gettext
        link = f"{portal.settings.portal_url.rstrip('/')}/login/link/{token}"
        body = "\n\n".join([_("Hello,"), _("Open this link to sign in to the school "
                                           "portal. It works once, for 30 minutes:"), link,
                            _("If you did not ask for it, you can ignore this email.")])
        await run_in_threadpool(portal.mailer.send, Mail(
            family_auth.normalize_email(email), _("Your sign-in link"), body))
    return page(request, portal, "link_sent.html", None)


@router.get("/login/link/{token}")
async def link_page(request: Request, portal: Portal, token: str) -> Response:
    return page(request, portal, "link.html", None, token=token)


@router.post("/login/link/{token}")
async def use_link(request: Request, portal: Portal, token: str, csrf: Csrf) -> Response:
    check_csrf(request, None, csrf)
    guardian_id = await run_in_threadpool(family_auth.use_login_link, portal.db, token)
    return await _signed_in(request, portal, guardian_id)


@router.get("/join")
async def join_page(request: Request, portal: Portal, member: MaybeMember) -> Response:
    return page(request, portal, "join.html", member)


@router.post("/join")
async def join(request: Request, portal: Portal, member: MaybeMember, code: Field,
               csrf: Csrf, name: Field = "", email: Field = "", password: Field = "",
               login_name: Field = "") -> Response:
    check_csrf(request, member, csrf)
    language = language_of(request, member)
    new = None
    if member is None:
        new = invites.NewGuardian(name, email, password, language, login_name)
    try:
        if new is not None and not password and portal.mailer is None:
            raise FamilyError("password_needed")
        guardian_id, school_id = await run_in_threadpool(
            lambda: invites.join(portal.db, code, _address(request),
                                 guardian_id=member.guardian_id if member else None, new=new))
    except FamilyError as exc:
        if exc.code == "not_found":
            raise
        return page(request, portal, "join.html", member, status=400, name=name,
                    email=email, login_name=login_name, error=REASONS[exc.code])
    await wake_long_polls(portal, school_id)
    if member is not None:
        return RedirectResponse(f"{PORTAL}/", status_code=303)
    return await _signed_in(request, portal, guardian_id)


@router.post("/language")
async def choose_language(request: Request, portal: Portal, member: MaybeMember,
                          language: Field, csrf: Csrf, back: Field = "") -> Response:
    check_csrf(request, member, csrf)
    if language not in LANGUAGES:
        raise FamilyError("unknown_language")
    if member is not None:
        await run_in_threadpool(family_auth.set_language, portal.db, member.guardian_id,
                                language)
    response = RedirectResponse(back_within(back, PORTAL), status_code=303)
    set_cookie(response, request, portal.settings, LANGUAGE_COOKIE, language)
    return response


@router.get("/unsubscribe/{guardian_id}/{token}")
async def unsubscribe_page(request: Request, portal: Portal, member: MaybeMember,
                           guardian_id: str, token: str) -> Response:
    return page(request, portal, "unsubscribe.html", member, done=False)


@router.post("/unsubscribe/{guardian_id}/{token}")
async def unsubscribe(request: Request, portal: Portal, member: MaybeMember,
                      guardian_id: str, token: str, csrf: Csrf) -> Response:
    check_csrf(request, member, csrf)
    if not await run_in_threadpool(stop_emails, portal.db, guardian_id, token):
        raise FamilyError("not_found")
    return page(request, portal, "unsubscribe.html", member, done=True)
