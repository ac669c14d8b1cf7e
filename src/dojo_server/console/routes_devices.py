"""The Devices page: the school's enrolled laptops and boards, revoking one, and making
enrollment codes to connect new ones."""

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
)
from dojo_server.db.models import ROLES
from dojo_server.domain import enrollment, roster_admin, schools

router = APIRouter(prefix=CONSOLE, include_in_schema=False)
PAGE = "/devices"
MAX_DAYS = 90
MAX_USES = 500


async def _devices_page(request: Request, console: Console, member: Office,
                        code: str | None = None) -> Response:
    devices = await domain_work("/", schools.list_devices, console.db, member.school_id)
    classes = await domain_work("/", roster_admin.list_classes, console.db, member.school_id)
    names = {c.id: c.name for c in classes}
    return page(request, console, "devices.html", member, devices=devices, class_names=names,
                classes=[c for c in classes if not c.archived], roles=ROLES, code=code,
                timezone=member.timezone, max_days=MAX_DAYS, max_uses=MAX_USES)


@router.get(PAGE)
async def devices_page(request: Request, console: Console, member: Office) -> Response:
    return await _devices_page(request, console, member)


@router.post(PAGE + "/{device_id}/revoke")
async def revoke(request: Request, console: Console, member: Office, device_id: str,
                 csrf: Csrf) -> Response:
    check_csrf(request, member, csrf)
    await domain_work(PAGE, schools.revoke_device, console.db, device_id, member.school_id)
    return done(PAGE, "device_revoked")


def _number(value: str, highest: int) -> int:
    if not value.strip().isdigit() or not 1 <= int(value) <= highest:
        raise Refused("bad_number", "Please give a number in the range shown.",
                      f"{CONSOLE}{PAGE}")
    return int(value)


@router.post(PAGE + "/codes")
async def new_code(request: Request, console: Console, member: Office, csrf: Csrf,
                   role: Field, class_id: Field = "", expires_days: Field = "7",
                   uses: Field = "1") -> Response:
    """A new enrollment code, shown once on the page (only its hash is kept)."""
    check_csrf(request, member, csrf)
    days, count = _number(expires_days, MAX_DAYS), _number(uses, MAX_USES)
    if class_id:
        await domain_work(PAGE, roster_admin.class_children, console.db, member.school_id,
                          class_id)
    code = await domain_work(PAGE, enrollment.create_code, console.db, member.school_id, role,
                             class_id or None, days, count)
    return await _devices_page(request, console, member, code=code)
