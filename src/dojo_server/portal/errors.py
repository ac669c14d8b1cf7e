"""What the portal says when something is refused, and the pages for refusals."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from dojo_server.domain.family_auth import FamilyError
from dojo_server.domain.rate_limits import RateLimited
from dojo_server.portal.deps import PORTAL, CsrfFailed, SignInNeeded, page, portal_of
from dojo_server.portal.i18n import N_

REASONS = {
    "bad_code": N_("That code is not right or was already used. Check the letter, or ask "
                   "the school for a new code."),
    "expired_code": N_("That code has expired. Ask the school for a new one."),
    "other_school": N_("That code is for another school. Sign out first to use it."),
    "missing_details": N_("Please fill in the form."),
    "name_needed": N_("Please tell us your name."),
    "bad_email": N_("That email address does not look right."),
    "email_taken": N_("This email address already has an account. Sign in, then add the "
                      "code on the \"Add a child\" page."),
    "password_or_email": N_("Choose a password, or give an email address for sign-in links."),
    "sign_in_needed": N_("With a password, give an email address or choose a sign-in name: "
                         "you will sign in with it."),
    "bad_login_name": N_("A sign-in name has 3 to 60 letters, digits, dots, dashes or "
                         "underscores."),
    "login_name_taken": N_("Another family already uses that sign-in name. Please choose "
                           "another."),
    "password_needed": N_("Please choose a password."),
    "password_too_short": N_("The password needs at least 10 characters."),
    "unknown_language": N_("That language is not available."),
    "wrong_login": N_("That email address or sign-in name and password do not match."),
    "bad_link": N_("That sign-in link is not valid any more. Ask for a new one."),
    "empty_message": N_("Please write a message."),
    "message_too_long": N_("That message is too long."),
    "announcement": N_("Class announcements cannot be answered here. Please write in your "
                       "child's conversation."),
    "too_large": N_("That photo is too large."),
    "not_an_image": N_("That file is not a photo we can show."),
    "too_many_pixels": N_("That photo is too large."),
    "not_found": N_("There is nothing here."),
    "csrf": N_("This form has expired. Please go back, reload the page and try again."),
    "rate_limited": N_("Too many attempts. Please wait a while and try again."),
}


def install_error_pages(app: FastAPI) -> None:
    """Refusals inside the portal answer as pages, not as JSON."""

    @app.exception_handler(SignInNeeded)
    async def _sign_in(_request: Request, _exc: SignInNeeded) -> Response:
        return RedirectResponse(f"{PORTAL}/login", status_code=303)

    @app.exception_handler(CsrfFailed)
    async def _csrf(request: Request, _exc: CsrfFailed) -> Response:
        return _refusal(request, 403, "csrf")

    @app.exception_handler(FamilyError)
    async def _family(request: Request, exc: FamilyError) -> Response:
        status = 404 if exc.code == "not_found" else 400
        return _refusal(request, status, exc.code)

    @app.exception_handler(RateLimited)
    async def _limited(request: Request, exc: RateLimited) -> Response:
        response = _refusal(request, 429, "rate_limited")
        response.headers["Retry-After"] = str(exc.retry_after_s)
        return response


def _refusal(request: Request, status: int, code: str) -> Response:
    return page(request, portal_of(request), "refused.html", None, status=status,
                reason=REASONS.get(code, REASONS["not_found"]))
