"""What portal routes share: the context, the signed-in family, CSRF checks and pages."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from dojo_server.db.session import Database
from dojo_server.domain.blobs import blob_path, picture_type
from dojo_server.domain.family_auth import FamilyMember, session_member
from dojo_server.notify.mailer import SmtpMailer
from dojo_server.portal.i18n import LANGUAGES, pick_language
from dojo_server.portal.rendering import SECURITY_HEADERS, Pages
from dojo_server.settings import Settings
from dojo_server.sync.notifier import ChangeNotifier
from dojo_server.sync.pull import newest_seq

SESSION_COOKIE = "dojo_family"
CSRF_COOKIE = "dojo_csrf"
LANGUAGE_COOKIE = "dojo_lang"
PORTAL = "/portal"


@dataclass(frozen=True)
class PortalContext:
    """Made once by ``create_app``: what every portal route may use."""

    settings: Settings
    db: Database
    notifier: ChangeNotifier
    mailer: SmtpMailer | None
    pages: Pages


class SignInNeeded(Exception):
    """The page needs a signed-in family: answered with a redirect to the sign-in page."""


class CsrfFailed(Exception):
    """A form came without the token this browser was given."""


def portal_of(request: Request) -> PortalContext:
    portal: PortalContext = request.app.state.portal
    return portal


async def get_portal(request: Request) -> PortalContext:
    """The portal's context (a coroutine: no thread pool hop, see ``api.deps``)."""
    return portal_of(request)


Portal = Annotated[PortalContext, Depends(get_portal)]


async def optional_member(request: Request, portal: Portal) -> FamilyMember | None:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    return await run_in_threadpool(session_member, portal.db, token)


async def required_member(
        member: Annotated[FamilyMember | None, Depends(optional_member)]) -> FamilyMember:
    if member is None:
        raise SignInNeeded
    return member


MaybeMember = Annotated[FamilyMember | None, Depends(optional_member)]
Member = Annotated[FamilyMember, Depends(required_member)]


def language_of(request: Request, member: FamilyMember | None) -> str:
    """The family's saved language, else this browser's choice, else Accept-Language."""
    if member is not None and member.language in LANGUAGES:
        return member.language
    chosen = request.cookies.get(LANGUAGE_COOKIE, "")
    if chosen in LANGUAGES:
        return chosen
    return pick_language(request.headers.get("accept-language"))


def check_csrf(request: Request, member: FamilyMember | None, sent: str) -> None:
    """Signed in: the session's token. Signed out: the token in this browser's cookie."""
    expected = member.csrf_token if member is not None else request.cookies.get(CSRF_COOKIE)
    check_token(expected, sent)


def check_token(expected: str | None, sent: str) -> None:
    """CsrfFailed unless ``sent`` is the ``expected`` form token (compared in fixed time)."""
    if not expected or not secrets.compare_digest(expected.encode(), sent.encode()):
        raise CsrfFailed


def anonymous_csrf(request: Request) -> str:
    return request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)


def secure_cookies(request: Request, settings: Settings) -> bool:
    if settings.cookie_secure is not None:
        return settings.cookie_secure
    return request.url.scheme == "https"


def set_cookie(response: Response, request: Request, settings: Settings, name: str,
               value: str, max_age: int | None = None, path: str = PORTAL) -> None:
    """An HTTP-only, same-site cookie for the pages under ``path``, Secure over https."""
    response.set_cookie(name, value, max_age=max_age, path=path, httponly=True,
                        samesite="lax", secure=secure_cookies(request, settings))


def back_within(back: str, home: str) -> str:
    """``back`` when it is a page under ``home`` (never another site), else ``home``'s
    start page: where a form sends the browser back to."""
    safe = back.startswith(f"{home}/") and "//" not in back and "\\" not in back
    return back if safe else f"{home}/"


def page(request: Request, portal: PortalContext, template: str,
         member: FamilyMember | None, status: int = 200, **context: Any) -> HTMLResponse:
    """A rendered page with the security headers; signed-out pages get a CSRF cookie."""
    language = language_of(request, member)
    csrf = member.csrf_token if member is not None else anonymous_csrf(request)
    blobs = portal.settings.blobs_dir
    html = portal.pages.render(template, language, member=member, csrf=csrf,
                               here=request.url.path, mail_on=portal.mailer is not None,
                               is_picture=lambda sha: picture_type(blob_path(blobs, sha))
                               is not None, **context)
    response = HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)
    if member is None and request.cookies.get(CSRF_COOKIE) != csrf:
        set_cookie(response, request, portal.settings, CSRF_COOKIE, csrf)
    return response


async def wake_long_polls(portal: PortalContext, school_id: str) -> None:
    """The portal wrote to the school's log: devices waiting in a long poll hear at once."""
    seq, _epoch = await run_in_threadpool(newest_seq, portal.db, school_id)
    portal.notifier.notify(school_id, seq)
