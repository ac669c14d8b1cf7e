"""The console's refusal pages."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from dojo_server.console.deps import (
    CONSOLE,
    ConsoleCsrfFailed,
    OfficeOnly,
    Refused,
    SignInNeeded,
    console_of,
    optional_staff,
    page,
)
from dojo_server.console.words import REASONS
from dojo_server.domain.staff_auth import StaffMember


def install_error_pages(app: FastAPI) -> None:
    """Refusals inside the console answer as console pages."""

    @app.exception_handler(SignInNeeded)
    async def _sign_in(_request: Request, _exc: SignInNeeded) -> Response:
        return RedirectResponse(f"{CONSOLE}/login", status_code=303)

    @app.exception_handler(OfficeOnly)
    async def _office(request: Request, exc: OfficeOnly) -> Response:
        return page(request, console_of(request), "office_only.html", exc.member, status=403)

    @app.exception_handler(ConsoleCsrfFailed)
    async def _csrf(request: Request, _exc: ConsoleCsrfFailed) -> Response:
        return refusal(request, 403, "csrf", member=await _office_member(request))

    @app.exception_handler(Refused)
    async def _refused(request: Request, exc: Refused) -> Response:
        status = 404 if exc.code in ("not_found", "import_gone", "not_linked") else 400
        return refusal(request, status, exc.code, exc.message, exc.back,
                       await _office_member(request))


async def _office_member(request: Request) -> StaffMember | None:
    """The signed-in leader or admin, so a refusal keeps the navigation and sign-out."""
    member = await optional_staff(request, console_of(request))
    return member if member is not None and member.may_use_console else None


def refusal(request: Request, status: int, code: str, message: str = "",
            back: str = f"{CONSOLE}/", member: StaffMember | None = None) -> Response:
    """The refusal page: the reason in the reader's language when it is a known one."""
    return page(request, console_of(request), "refused.html", member, status=status,
                reason=REASONS.get(code), message=message, back=back)
