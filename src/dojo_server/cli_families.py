"""The `dojo-server` commands for families: guardians, invite codes, unlinking, children with
no family joined and sign-in names (everything the staff console's families page does)."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable

from dojo_server.db.session import Database
from dojo_server.domain import families_admin
from dojo_server.settings import Settings

Opener = Callable[[Settings], Database]
Run = Callable[[argparse.Namespace, Settings], int]
Command = Callable[[str, Run, str], argparse.ArgumentParser]


def _day(ms: int) -> str:
    return dt.datetime.fromtimestamp(ms / 1000, dt.UTC).date().isoformat()


def add_commands(command: Command, open_db: Opener) -> None:
    """Register the families commands with the parser's ``command`` helper."""

    def class_families(args: argparse.Namespace, settings: Settings) -> int:
        found = families_admin.class_families(open_db(settings), args.school, args.class_id)
        for child in found:
            name = f"{child.first_name} {child.last_name}".strip()
            joined = ", ".join(g.name for g in child.guardians) or "no family joined"
            print(f"{child.student_id}  {child.open_codes} open code"
                  f"{'' if child.open_codes == 1 else 's'}  {name}: {joined}")
        return 0

    def guardians(args: argparse.Namespace, settings: Settings) -> int:
        found = families_admin.guardians_of(open_db(settings), args.school, args.student)
        if not found:
            print("No family has joined for this child.")
        for g in found:
            sign_in = ", ".join(x for x in (g.email, g.login_name) if x) or "email links only"
            password = "password" if g.has_password else "no password"
            print(f"{g.guardian_id}  joined {_day(g.linked_ms)}  {g.language}  "
                  f"{password:<11}  {sign_in}  {g.name}")
        return 0

    def codes(args: argparse.Namespace, settings: Settings) -> int:
        found = families_admin.open_codes(open_db(settings), args.school, args.student)
        if not found:
            print("This child has no unused invite code.")
        for code in found:
            print(f"{code.code_id}  made {_day(code.created_ms)}  "
                  f"works until {_day(code.expires_ms)}")
        return 0

    def unlink(args: argparse.Namespace, settings: Settings) -> int:
        families_admin.unlink_guardian(open_db(settings), args.school, args.guardian,
                                       args.student)
        print("Unlinked: the guardian no longer sees this child and was signed out; "
              "devices learn it when they next sync.")
        return 0

    def cancel(args: argparse.Namespace, settings: Settings) -> int:
        count = families_admin.cancel_codes(open_db(settings), args.school,
                                            student_id=args.student, code_id=args.code_id,
                                            code=args.code)
        print(f"Cancelled {count} invite code{'' if count == 1 else 's'}.")
        return 0

    def no_family(args: argparse.Namespace, settings: Settings) -> int:
        found = families_admin.children_without_family(open_db(settings), args.school,
                                                       args.class_id)
        for child in found:
            name = f"{child.first_name} {child.last_name}".strip()
            print(f"{child.student_id}  {child.open_codes} open code"
                  f"{'' if child.open_codes == 1 else 's'}  {name}  "
                  f"({', '.join(child.class_names) or 'no class'})")
        print(f"{len(found)} {'child has' if len(found) == 1 else 'children have'} "
              "no family joined.")
        return 0

    def sign_in_name(args: argparse.Namespace, settings: Settings) -> int:
        name = families_admin.set_sign_in_name(open_db(settings), args.school, args.guardian,
                                               args.name)
        print(f"The guardian can now sign in as {name} with their password.")
        return 0

    cmd = command("families", class_families, "list a class's children with the families "
                  "joined for each and their unused invite codes")
    cmd.add_argument("--school", required=True)
    cmd.add_argument("--class", dest="class_id", required=True)
    cmd = command("guardians", guardians, "list the guardians linked to a child")
    cmd.add_argument("--school", required=True)
    cmd.add_argument("--student", required=True)
    cmd = command("invite-codes", codes, "list a child's unused invite codes (by id; the "
                  "codes themselves are only on the letters)")
    cmd.add_argument("--school", required=True)
    cmd.add_argument("--student", required=True)
    cmd = command("unlink-guardian", unlink, "take a guardian off a child: they no longer "
                  "see the child, and are signed out at once")
    cmd.add_argument("--school", required=True)
    cmd.add_argument("--guardian", required=True)
    cmd.add_argument("--student", required=True)
    cmd = command("cancel-codes", cancel, "cancel a child's unused invite codes, or one code")
    cmd.add_argument("--school", required=True)
    which = cmd.add_mutually_exclusive_group(required=True)
    which.add_argument("--student", help="every unused code of this child")
    which.add_argument("--code-id", help="one code, by the id `invite-codes` shows")
    which.add_argument("--code", help="one code, as printed on the letter")
    cmd = command("no-family", no_family, "list current children no family has joined for")
    cmd.add_argument("--school", required=True)
    cmd.add_argument("--class", dest="class_id", help="only this class")
    cmd = command("sign-in-name", sign_in_name, "give a guardian a sign-in name to use "
                  "with their password instead of an email")
    cmd.add_argument("--school", required=True)
    cmd.add_argument("--guardian", required=True)
    cmd.add_argument("name")
