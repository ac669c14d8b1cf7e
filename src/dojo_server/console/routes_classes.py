"""The Classes pages: the list, adding, renaming and archiving a class, and one class's
teachers and children (adding a child, moving one to another class)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from dojo_server.console.deps import (
    CONSOLE,
    Console,
    Csrf,
    Field,
    Office,
    check_csrf,
    domain_work,
    done,
    page,
    school_change,
)
from dojo_server.db.session import Database
from dojo_server.domain import class_teachers, roster_admin, staff_directory
from dojo_server.domain.errors import DomainError
from dojo_server.domain.schools import AdminError

router = APIRouter(prefix=CONSOLE, include_in_schema=False)
PAGE = "/classes"


@router.get(PAGE)
async def classes_page(request: Request, console: Console, member: Office) -> Response:
    classes = await domain_work("/", roster_admin.list_classes, console.db, member.school_id)
    return page(request, console, "classes.html", member, classes=classes)


@router.post(PAGE)
async def add_class(request: Request, console: Console, member: Office, csrf: Csrf,
                    name: Field, year_group: Field = "") -> Response:
    check_csrf(request, member, csrf)
    await school_change(console, member, PAGE, roster_admin.add_class, name, year_group)
    return done(PAGE, "class_added")


@router.post(PAGE + "/{class_id}/name")
async def rename_class(request: Request, console: Console, member: Office, class_id: str,
                       csrf: Csrf, name: Field) -> Response:
    check_csrf(request, member, csrf)
    await school_change(console, member, PAGE, roster_admin.rename_class, class_id, name)
    return done(f"{PAGE}/{class_id}", "class_renamed")


@router.post(PAGE + "/{class_id}/archive")
async def archive_class(request: Request, console: Console, member: Office, class_id: str,
                        csrf: Csrf, archived: Field = "yes") -> Response:
    check_csrf(request, member, csrf)
    archive = archived != "no"
    await school_change(console, member, PAGE, roster_admin.archive_class, class_id,
                        archive)
    return done(PAGE, "class_archived" if archive else "class_restored")


@router.get(PAGE + "/{class_id}")
async def class_page(request: Request, console: Console, member: Office,
                     class_id: str) -> Response:
    klass, children = await domain_work(PAGE, roster_admin.class_children, console.db,
                                        member.school_id, class_id)
    classes = await domain_work(PAGE, roster_admin.list_classes, console.db, member.school_id)
    teachers = await domain_work(PAGE, class_teachers.class_teachers, console.db,
                                 member.school_id, class_id)
    staff = await domain_work(PAGE, staff_directory.list_staff, console.db, member.school_id)
    teaching = {staff_id for staff_id, _name in teachers}
    return page(request, console, "class.html", member, klass=klass, children=children,
                classes=[c for c in classes if not c.archived and c.id != class_id],
                teachers=teachers, others=[p for p in staff if p.id not in teaching])


def _assign_teacher(db: Database, school_id: str, class_id: str, staff_id: str,
                    removed: bool) -> None:
    try:
        class_teachers.assign_teacher(db, school_id, class_id, staff_id, removed)
    except DomainError as exc:
        raise AdminError(exc.message, "not_found") from exc


@router.post(PAGE + "/{class_id}/teachers")
async def assign_teacher(request: Request, console: Console, member: Office, class_id: str,
                         csrf: Csrf, staff_id: Field, removed: Field = "") -> Response:
    """Add a member of staff to the class's teachers, or (``removed``) take them off."""
    check_csrf(request, member, csrf)
    await school_change(console, member, f"{PAGE}/{class_id}", _assign_teacher, class_id,
                        staff_id, removed == "yes")
    return done(f"{PAGE}/{class_id}", "teacher_removed" if removed == "yes"
                else "teacher_assigned")


@router.post(PAGE + "/{class_id}/children")
async def add_child(request: Request, console: Console, member: Office, class_id: str,
                    csrf: Csrf, first_name: Field, last_name: Field = "") -> Response:
    check_csrf(request, member, csrf)
    await school_change(console, member, f"{PAGE}/{class_id}", roster_admin.add_child,
                        class_id, first_name, last_name)
    return done(f"{PAGE}/{class_id}", "child_added")


@router.post(PAGE + "/{class_id}/children/{student_id}/move")
async def move_child(request: Request, console: Console, member: Office, class_id: str,
                     student_id: str, csrf: Csrf, to_class: Field) -> Response:
    check_csrf(request, member, csrf)
    await school_change(console, member, f"{PAGE}/{class_id}", roster_admin.move_child,
                        student_id, class_id, to_class)
    return done(f"{PAGE}/{class_id}", "child_moved")
