"""The Staff page: who may sign in, adding a member of staff, roles, the name families see
and passwords. Each change devices should know of reaches them as the member's
``staff_member`` record (``staff_directory`` writes it)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from dojo_server.console.deps import (
    CONSOLE,
    Console,
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
from dojo_server.db.models import ROLES
from dojo_server.domain import staff_directory

router = APIRouter(prefix=CONSOLE, include_in_schema=False)
PAGE = "/people"


@router.get(PAGE)
async def staff_page(request: Request, console: Console, member: Office) -> Response:
    people = await domain_work("/", staff_directory.list_staff, console.db, member.school_id)
    return page(request, console, "staff.html", member, people=people, roles=ROLES)


def _same(password: str, again: str) -> None:
    if password != again:
        raise Refused("passwords_differ", "The two passwords differ.", f"{CONSOLE}{PAGE}")


@router.post(PAGE)
async def add_staff(request: Request, console: Console, member: Office, csrf: Csrf,
                    name: Field, email: Field, role: Field, password: Field,
                    password_again: Field, display_name: Field = "") -> Response:
    check_csrf(request, member, csrf)
    _same(password, password_again)
    await school_change(console, member, PAGE, staff_directory.add_member, name, email,
                        role, password, display_name)
    return done(PAGE, "staff_added")


@router.post(PAGE + "/{staff_id}/role")
async def change_role(request: Request, console: Console, member: Office, staff_id: str,
                      csrf: Csrf, role: Field) -> Response:
    check_csrf(request, member, csrf)
    await school_change(console, member, PAGE, staff_directory.change_role, staff_id, role)
    return done(PAGE, "role_changed")


@router.post(PAGE + "/{staff_id}/shown-name")
async def set_shown_name(request: Request, console: Console, member: Office, staff_id: str,
                         csrf: Csrf, display_name: Field) -> Response:
    """The name families and devices see ("Ms Rossi")."""
    check_csrf(request, member, csrf)
    await school_change(console, member, PAGE, staff_directory.set_shown_name, staff_id,
                        display_name)
    return done(PAGE, "shown_name_set")


@router.post(PAGE + "/{staff_id}/password")
async def set_password(request: Request, console: Console, member: Office, staff_id: str,
                       csrf: Csrf, password: Field, password_again: Field) -> Response:
    check_csrf(request, member, csrf)
    _same(password, password_again)
    await domain_work(PAGE, staff_directory.set_password, console.db, member.school_id,
                      staff_id, password)
    return done(PAGE, "password_set")
