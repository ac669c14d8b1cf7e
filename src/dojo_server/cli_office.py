"""The `dojo-server` commands for what the staff console does by hand: staff roles and
passwords, classes, children and families. Each calls the domain function the console
calls, so IT's command line and the console never differ."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable

from dojo_server.db.models import ROLES
from dojo_server.db.session import Database
from dojo_server.domain import roster_admin, staff_directory
from dojo_server.domain.schools import AdminError
from dojo_server.settings import Settings

Run = Callable[[argparse.Namespace, Settings], int]
AddCommand = Callable[[str, Run, str], argparse.ArgumentParser]
Open = Callable[[Settings], Database]


def read_password(args: argparse.Namespace) -> str:
    """From the first line of standard input (``--password-stdin``), else typed twice."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != password:
        raise AdminError("The two passwords differ.", "passwords_differ")
    return password


def add_office_commands(command: AddCommand, open_db: Open) -> None:
    """Register the commands with the parser's ``command`` helper."""

    def staff(args: argparse.Namespace, settings: Settings) -> int:
        for p in staff_directory.list_staff(open_db(settings), args.school):
            password = "password set" if p.has_password else "no password"
            print(f"{p.id}  {p.role:<7} {password:<12}  {p.email}  {p.name}")
        return 0

    def set_role(args: argparse.Namespace, settings: Settings) -> int:
        db = open_db(settings)
        staff_id = staff_directory.find_staff(db, args.school, args.email)
        staff_directory.change_role(db, args.school, staff_id, args.role)
        print(f"{args.email} is now {args.role}")
        return 0

    def set_password(args: argparse.Namespace, settings: Settings) -> int:
        db = open_db(settings)
        staff_id = staff_directory.find_staff(db, args.school, args.email)
        staff_directory.set_password(db, args.school, staff_id, read_password(args))
        print(f"New password set for {args.email}; they were signed out of the console")
        return 0

    def add_class(args: argparse.Namespace, settings: Settings) -> int:
        print(roster_admin.add_class(open_db(settings), args.school, args.name,
                                     args.year_group))
        return 0

    def rename_class(args: argparse.Namespace, settings: Settings) -> int:
        roster_admin.rename_class(open_db(settings), args.school, args.class_id, args.name)
        print(f"Renamed the class to {' '.join(args.name.split())}")
        return 0

    def archive_class(args: argparse.Namespace, settings: Settings) -> int:
        roster_admin.archive_class(open_db(settings), args.school, args.class_id,
                                   not args.restore)
        print("Brought the class back" if args.restore else "Archived the class")
        return 0

    def children(args: argparse.Namespace, settings: Settings) -> int:
        _klass, found = roster_admin.class_children(open_db(settings), args.school,
                                                    args.class_id)
        for child in found:
            also = f"  (also in {', '.join(child.other_classes)})" if child.other_classes else ""
            print(f"{child.id}  {child.name}{also}")
        return 0

    def add_child(args: argparse.Namespace, settings: Settings) -> int:
        print(roster_admin.add_child(open_db(settings), args.school, args.class_id,
                                     args.first_name, args.last_name))
        return 0

    def move_child(args: argparse.Namespace, settings: Settings) -> int:
        roster_admin.move_child(open_db(settings), args.school, args.student_id,
                                args.from_class, args.to_class)
        print("Moved the child")
        return 0

    cmd = command("staff", staff, "list a school's staff, their roles and whether they "
                  "have a password")
    cmd.add_argument("--school", required=True)
    cmd = command("set-role", set_role, "give a member of staff another role")
    cmd.add_argument("--school", required=True)
    cmd.add_argument("--email", required=True)
    cmd.add_argument("--role", required=True, choices=ROLES)
    cmd = command("set-password", set_password, "set a new password for a member of staff "
                  "(signs them out of the staff console)")
    cmd.add_argument("--school", required=True)
    cmd.add_argument("--email", required=True)
    cmd.add_argument("--password-stdin", action="store_true",
                     help="read the password from the first line of standard input")
    cmd = command("add-class", add_class, "add a class and print its id")
    cmd.add_argument("--school", required=True)
    cmd.add_argument("name")
    cmd.add_argument("--year-group", default="")
    cmd = command("rename-class", rename_class, "rename a class")
    cmd.add_argument("--school", required=True)
    cmd.add_argument("--class", dest="class_id", required=True)
    cmd.add_argument("name")
    cmd = command("archive-class", archive_class, "archive a class (its history stays), "
                  "or with --restore bring it back")
    cmd.add_argument("--school", required=True)
    cmd.add_argument("--class", dest="class_id", required=True)
    cmd.add_argument("--restore", action="store_true")
    cmd = command("children", children, "list the children of a class")
    cmd.add_argument("--school", required=True)
    cmd.add_argument("--class", dest="class_id", required=True)
    cmd = command("add-child", add_child, "add a child to a class and print their id")
    cmd.add_argument("--school", required=True)
    cmd.add_argument("--class", dest="class_id", required=True)
    cmd.add_argument("first_name")
    cmd.add_argument("last_name", nargs="?", default="")
    cmd = command("move-child", move_child, "move a child from one class to another")
    cmd.add_argument("--school", required=True)
    cmd.add_argument("--student", dest="student_id", required=True)
    cmd.add_argument("--from", dest="from_class", required=True)
    cmd.add_argument("--to", dest="to_class", required=True)
