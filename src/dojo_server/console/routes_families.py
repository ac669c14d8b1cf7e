"""The Families pages: per child, the guardians who joined and how many invite codes are
still open; the children no family has joined; invite letters for one child or a class;
taking a guardian off a child (after a confirmation page), cancelling a child's open codes
and giving a guardian a sign-in name. The work is ``domain/families_admin.py``'s, which the
``dojo-server`` families commands call too."""

from __future__ import annotations

import tempfile
from functools import partial
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
    done,
    page,
    school_change,
)
from dojo_server.domain import families_admin, invites, roster_admin
from dojo_server.domain.families_admin import ChildFamily, LinkedGuardian
from dojo_server.domain.invite_letters import write_letters
from dojo_server.domain.roster_admin import ClassInfo
from dojo_server.domain.schools import AdminError
from dojo_server.domain.staff_auth import StaffMember
from dojo_server.portal.rendering import SECURITY_HEADERS

router = APIRouter(prefix=CONSOLE, include_in_schema=False)
PAGE = "/families"
LETTER_DAYS = 30  # as ``dojo-server invites``


@router.get(PAGE)
async def families_page(request: Request, console: Console, member: Office) -> Response:
    alone = await domain_work("/", families_admin.children_without_family, console.db,
                              member.school_id)
    classes = await domain_work("/", roster_admin.list_classes, console.db,
                                member.school_id)
    return page(request, console, "families.html", member, alone=alone,
                classes=[c for c in classes if not c.archived])


def _class_families(console: ConsoleContext, school_id: str, class_id: str
                    ) -> tuple[ClassInfo, list[ChildFamily]]:
    children = families_admin.class_families(console.db, school_id, class_id)
    klass = next(c for c in roster_admin.list_classes(console.db, school_id)
                 if c.id == class_id)
    return klass, children


@router.get(PAGE + "/{class_id}")
async def class_families(request: Request, console: Console, member: Office,
                         class_id: str) -> Response:
    klass, children = await domain_work(PAGE, _class_families, console, member.school_id,
                                        class_id)
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


def _linked(console: ConsoleContext, school_id: str, class_id: str, student_id: str,
            guardian_id: str) -> tuple[ClassInfo, ChildFamily, LinkedGuardian]:
    """The class, its child and the guardian linked to them; AdminError if they are not."""
    klass, children = _class_families(console, school_id, class_id)
    child = next((c for c in children if c.student_id == student_id), None)
    if child is None:
        raise AdminError(f"There is no child with id {student_id} in that class.",
                         "not_found")
    guardian = next((g for g in child.guardians if g.guardian_id == guardian_id), None)
    if guardian is None:
        raise AdminError("That guardian is not linked to that child.", "not_linked")
    return klass, child, guardian


UNLINK = PAGE + "/{class_id}/children/{student_id}/guardians/{guardian_id}/unlink"


@router.get(UNLINK)
async def confirm_unlink(request: Request, console: Console, member: Office, class_id: str,
                         student_id: str, guardian_id: str) -> Response:
    """Asks before a guardian is taken off a child."""
    klass, child, guardian = await domain_work(
        f"{PAGE}/{class_id}", _linked, console, member.school_id, class_id, student_id,
        guardian_id)
    return page(request, console, "families_unlink.html", member, klass=klass, child=child,
                guardian=guardian)


@router.post(UNLINK)
async def unlink_guardian(request: Request, console: Console, member: Office,
                          class_id: str, student_id: str, guardian_id: str,
                          csrf: Csrf) -> Response:
    """Takes the guardian off the child: their portal sessions end at once and devices
    hear of it from their long poll."""
    check_csrf(request, member, csrf)
    await school_change(console, member, f"{PAGE}/{class_id}",
                        families_admin.unlink_guardian, guardian_id, student_id)
    return done(f"{PAGE}/{class_id}", "guardian_unlinked")


@router.post(PAGE + "/{class_id}/children/{student_id}/cancel-codes")
async def cancel_codes(request: Request, console: Console, member: Office, class_id: str,
                       student_id: str, csrf: Csrf) -> Response:
    """The child's invite codes not used yet stop working (printed letters too)."""
    check_csrf(request, member, csrf)
    await domain_work(f"{PAGE}/{class_id}", partial(
        families_admin.cancel_codes, console.db, member.school_id, student_id=student_id))
    return done(f"{PAGE}/{class_id}", "codes_cancelled")


@router.post(PAGE + "/{class_id}/guardians/{guardian_id}/sign-in-name")
async def set_sign_in_name(request: Request, console: Console, member: Office,
                           class_id: str, guardian_id: str, csrf: Csrf,
                           login_name: Field) -> Response:
    """A sign-in name for a guardian who has no email address to sign in with."""
    check_csrf(request, member, csrf)
    await domain_work(f"{PAGE}/{class_id}", families_admin.set_sign_in_name, console.db,
                      member.school_id, guardian_id, login_name)
    return done(f"{PAGE}/{class_id}", "sign_in_name_set")
