"""The Families pages: per child, the guardians who joined and the invite codes still
open; the children no family has joined; invite letters for one child or a class.

Unlinking a guardian and cancelling a child's open codes are built elsewhere; their routes
go at the end of this module (marked below) and their buttons in ``families_class.html``
(marked there), calling the domain functions the command line uses, like the rest here.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response

from dojo_server.console.deps import (
    CONSOLE,
    Console,
    ConsoleContext,
    Csrf,
    Field,
    Office,
    Refused,
    check_csrf,
    domain_work,
    page,
)
from dojo_server.domain import family_overview, invites, roster_admin
from dojo_server.domain.invite_letters import write_letters
from dojo_server.domain.staff_auth import StaffMember
from dojo_server.portal.rendering import SECURITY_HEADERS

router = APIRouter(prefix=CONSOLE, include_in_schema=False)
PAGE = "/families"
LETTER_DAYS = 30  # as ``dojo-server invites``


@router.get(PAGE)
async def families_page(request: Request, console: Console, member: Office) -> Response:
    alone = await domain_work("/", family_overview.children_without_family, console.db,
                              member.school_id)
    classes = await domain_work("/", roster_admin.list_classes, console.db,
                                member.school_id)
    return page(request, console, "families.html", member, alone=alone,
                classes=[c for c in classes if not c.archived])


@router.get(PAGE + "/{class_id}")
async def class_families(request: Request, console: Console, member: Office,
                         class_id: str) -> Response:
    klass, children = await domain_work(PAGE, family_overview.class_families, console.db,
                                        member.school_id, class_id)
    return page(request, console, "families_class.html", member, klass=klass,
                children=children, timezone=member.timezone)


def _letters_pdf(console: ConsoleContext, member: StaffMember, class_id: str,
                 student_id: str | None) -> bytes:
    letters = invites.create_invites(console.db, member.school_id, class_id, LETTER_DAYS,
                                     student_id)
    if not letters:
        raise Refused("no_children", "That class has no children yet.",
                      f"{CONSOLE}{PAGE}/{class_id}")
    join_url = f"{console.settings.portal_url.rstrip('/')}/join"
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "letters.pdf"
        write_letters(letters, member.school_name, join_url, out)
        return out.read_bytes()


@router.post(PAGE + "/{class_id}/letters")
async def print_letters(request: Request, console: Console, member: Office, class_id: str,
                        csrf: Csrf, student_id: Field = "") -> Response:
    """New invite codes (for the class, or one child of it), as a PDF to print."""
    check_csrf(request, member, csrf)
    pdf = await domain_work(f"{PAGE}/{class_id}", _letters_pdf, console, member, class_id,
                            student_id or None)
    headers = {**SECURITY_HEADERS,
               "Content-Disposition": 'attachment; filename="invite-letters.pdf"'}
    return Response(pdf, media_type="application/pdf", headers=headers)


# ---- Family management actions (unlink a guardian, cancel a child's open codes) ----------
# Their routes go here, e.g. ``POST PAGE + "/{class_id}/children/{student_id}/unlink"`` and
# ``POST PAGE + "/{class_id}/children/{student_id}/cancel-codes"``: check_csrf, then
# ``domain_work(f"{PAGE}/{class_id}", <domain function>, console.db, member.school_id, ...)``,
# ``wake_long_polls`` if it wrote to the log, and ``done(f"{PAGE}/{class_id}", "<notice>")``
# with the notice's words in ``errors.NOTICES``. Add them to the route list of
# tests/server/console/test_console_authz.py.
