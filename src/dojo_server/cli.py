"""The `dojo-server` command: set up, administer and run the school server."""

from __future__ import annotations

import argparse
import dataclasses
import gc
import getpass
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from dojo_server import rollover_command
from dojo_server.cli_families import add_commands as add_family_commands
from dojo_server.cli_office import add_office_commands
from dojo_server.db import backups
from dojo_server.db.models import ROLES
from dojo_server.db.session import Database
from dojo_server.domain import enrollment, invites, roster_import, schools, staff_records
from dojo_server.domain.invite_letters import write_letters
from dojo_server.domain.roster_plan import ImportSummary
from dojo_server.portal.default_skill_words import skill_words
from dojo_server.portal.i18n import DEFAULT_LANGUAGE, LANGUAGES
from dojo_server.roster_import.problems import RosterFileError
from dojo_server.roster_text import print_problems, print_sections
from dojo_server.settings import Settings, remember_database_url
from dojo_server.sync.epoch import new_epoch, prepare_database

DEFAULT_PORT = 8470
GRACEFUL_SHUTDOWN_S = 2
# Idle connections are kept this long. The app pushes on a 30 s timer over one kept
# connection; at uvicorn's default of 5 s each push would open a new one (with TLS, a
# handshake), and one sent just as the server closes the old one fails and waits for
# its retry.
KEEP_ALIVE_S = 75
SWITCH_INTERVAL_S = 0.0005


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status."""
    args = _parser().parse_args(argv)
    settings = Settings.load(args.data_dir, args.database_url)
    command: Callable[[argparse.Namespace, Settings], int] = args.run
    try:
        return command(args, settings)
    except (schools.AdminError, backups.BackupError) as exc:
        print(f"dojo-server: {exc}", file=sys.stderr)
        return 2


def _open(settings: Settings) -> Database:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.database_url)
    prepare_database(db, settings)
    return db


def _init(args: argparse.Namespace, settings: Settings) -> int:
    db = _open(settings)
    if args.database_url:
        remember_database_url(settings.data_dir, args.database_url)
    print(f"Data folder: {settings.data_dir}")
    print(f"Database:    {db.safe_url}")
    return 0


def _create_school(args: argparse.Namespace, settings: Settings) -> int:
    print(schools.create_school(_open(settings), args.name, args.timezone,
                                default_skills=not args.own_skills,
                                translate=skill_words(args.language)))
    return 0


def _add_staff(args: argparse.Namespace, settings: Settings) -> int:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Password again: ") != password:
            raise schools.AdminError("The two passwords differ.")
    db = _open(settings)
    staff_id = schools.add_staff(db, args.school, args.name, args.email, args.role, password,
                                 args.display_name)
    staff_records.publish_school_staff(db, args.school)
    print(staff_id)
    return 0


def _set_pin(args: argparse.Namespace, settings: Settings) -> int:
    if args.pin_stdin:
        pin = sys.stdin.readline().strip()
    else:
        pin = getpass.getpass("PIN (4 to 6 digits): ")
        if getpass.getpass("PIN again: ") != pin:
            raise schools.AdminError("The two PINs differ.")
    staff_records.set_pin(_open(settings), args.school, args.email, pin)
    print("PIN set; the school's devices learn it at their next sync.")
    return 0


def _set_display_name(args: argparse.Namespace, settings: Settings) -> int:
    staff_records.set_display_name(_open(settings), args.school, args.email, args.display_name)
    return 0


def _enroll_code(args: argparse.Namespace, settings: Settings) -> int:
    if args.expires_days < 1:
        raise schools.AdminError("--expires-days must be at least 1.")
    if args.uses < 1:
        raise schools.AdminError("--uses must be at least 1.")
    code = enrollment.create_code(_open(settings), args.school, args.role, args.class_id,
                                  args.expires_days, args.uses, for_staff=args.for_staff)
    print(code)
    return 0


def _classes(args: argparse.Namespace, settings: Settings) -> int:
    for class_id, name, students in invites.list_classes(_open(settings), args.school):
        print(f"{class_id}  {students:>3} students  {name}")
    return 0


def _invites(args: argparse.Namespace, settings: Settings) -> int:
    if args.expires_days < 1:
        raise schools.AdminError("--expires-days must be at least 1.")
    db = _open(settings)
    school = schools.require_school(db, args.school)
    if args.student:
        letters = [invites.create_invite_for(db, school.id, args.student, args.expires_days)]
    else:
        letters = invites.create_invites(db, school.id, args.class_id, args.expires_days)
    if not letters:
        raise schools.AdminError("That class has no students yet: no letters were made.")
    portal_url = (args.portal_url or settings.portal_url).rstrip("/")
    write_letters(letters, school.name, f"{portal_url}/join", Path(args.out))
    print(f"Wrote {len(letters)} invite letters to {args.out}")
    return 0


def _import_oneroster(args: argparse.Namespace, settings: Settings) -> int:
    try:
        roster = roster_import.read_roster(Path(args.path))
    except RosterFileError as exc:
        return print_problems("Nothing was imported.", exc)
    db = _open(settings)
    if args.apply:
        summary = roster_import.apply_import(db, args.school, roster)
    else:
        summary = roster_import.preview_import(db, args.school, roster)
    _print_summary(summary, args.apply)
    return 0


def _print_summary(summary: ImportSummary, applied: bool) -> None:
    for warning in summary.warnings:
        print(f"Warning: {warning}")
    if summary.unchanged:
        print("The school already has this roster: nothing to change.")
        return
    print_sections(summary.sections)
    print("Imported: devices receive the changes when they next sync." if applied
          else "This was a preview: nothing changed. Run again with --apply to import.")


def _devices(args: argparse.Namespace, settings: Settings) -> int:
    for d in schools.list_devices(_open(settings), args.school):
        state = "revoked" if d.revoked else "active"
        print(f"{d.id}  {d.role:<7} {state:<8} last_seq={d.last_seq:<8} "
              f"class={d.class_id or '-'}  school={d.school_id}  {d.name}")
    return 0


def _revoke(args: argparse.Namespace, settings: Settings) -> int:
    schools.revoke_device(_open(settings), args.device_id)
    print(f"Revoked {args.device_id}")
    return 0


def _new_epoch(_args: argparse.Namespace, settings: Settings) -> int:
    db = _open(settings)
    with db.write() as session:
        epoch = new_epoch(session)
    print(f"New epoch {epoch}: every device will download the school's data again.")
    return 0


def _backup(args: argparse.Namespace, settings: Settings) -> int:
    backups.backup(settings.database_url, Path(args.dest))
    print(f"Backed up the school server's database to {args.dest}")
    return 0


def _restore(args: argparse.Namespace, settings: Settings) -> int:
    backups.restore(settings.database_url, Path(args.src), settings.data_dir)
    # The explicit path: the server starts in a new epoch, and every device downloads
    # the school again and sends back what the backup lacks.
    settings.new_epoch_marker.touch()
    if not settings.database_url.startswith("sqlite"):
        # Other server processes sharing the database have data folders of their own.
        db = Database(settings.database_url)
        try:
            with db.write() as session:
                new_epoch(session)
        finally:
            db.dispose()
    print(f"Restored the school server's database from {args.src}. Start the server: "
          "every device will download the school's data again and send back what the "
          "backup lacks.")
    return 0


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from dojo_server.app import create_app

    if args.forwarded_allow_ips is not None:
        settings = dataclasses.replace(settings, forwarded_allow_ips=args.forwarded_allow_ips)
    app = create_app(settings)
    # A push holds the database's write lock across several calls that release the GIL;
    # at the default 5 ms switch interval each one can wait that long to get it back
    # behind the event loop, and every other push queues behind that.
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    # Start-up leaves about 130,000 objects that live as long as the server. A full
    # garbage collection, due every few thousand pushed events, would walk them all (about
    # 0.1 s on this project's test machine); frozen, it walks only what requests made.
    gc.freeze()
    print(f"Data folder: {settings.data_dir}")
    print(f"Serving on http://{args.host}:{args.port}/v1  (API docs: /docs)", flush=True)
    # Long polls stay open for up to 30 s; without a limit a stop would wait for them all.
    # Proxies are trusted by the portal's own setting (portal/client_address.py), not by
    # uvicorn's default of believing whatever a local peer says in X-Forwarded-For.
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level,
                timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S, timeout_keep_alive=KEEP_ALIVE_S,
                proxy_headers=False)
    return 0


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", help="data folder (default: the user data dir; "
                        "or DOJO_SERVER_DATA_DIR)")
    common.add_argument("--database-url", help="SQLAlchemy URL, e.g. postgresql+psycopg://"
                        "... (default: SQLite in the data folder; or DOJO_SERVER_DATABASE_URL)")
    parser = argparse.ArgumentParser(prog="dojo-server", description=__doc__)
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    def command(name: str, run: Callable[[argparse.Namespace, Settings], int],
                help_text: str) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        cmd.set_defaults(run=run)
        return cmd

    command("init", _init, "create or migrate the database and remember its URL")
    cmd = command("create-school", _create_school, "add a school and print its id")
    cmd.add_argument("name")
    cmd.add_argument("--timezone", default="UTC")
    cmd.add_argument("--own-skills", action="store_true",
                     help="start without the default skills: a leader sets up the school's own")
    cmd.add_argument("--language", default=DEFAULT_LANGUAGE, choices=sorted(LANGUAGES),
                     help="the language the default skills are named in (default: English)")
    cmd = command("add-staff", _add_staff, "add a member of staff with a password")
    cmd.add_argument("--school", required=True)
    cmd.add_argument("--name", required=True)
    cmd.add_argument("--email", required=True)
    cmd.add_argument("--role", required=True, choices=ROLES)
    cmd.add_argument("--password-stdin", action="store_true",
                     help="read the password from the first line of standard input")
    cmd.add_argument("--display-name", help='the name families see, e.g. "Ms Rossi" '
                     "(default: --name)")
    cmd = command("set-pin", _set_pin, "set a member of staff's PIN (4 to 6 digits), which "
                  "they type on a room's board before it posts or messages as them")
    cmd.add_argument("--school", required=True)
    cmd.add_argument("--email", required=True)
    cmd.add_argument("--pin-stdin", action="store_true",
                     help="read the PIN from the first line of standard input")
    cmd = command("set-display-name", _set_display_name,
                  'change the name families see for a member of staff ("Ms Rossi")')
    cmd.add_argument("--school", required=True)
    cmd.add_argument("--email", required=True)
    cmd.add_argument("display_name")
    cmd = command("enroll-code", _enroll_code,
                  "print a device enrollment code (one-time unless --uses)")
    cmd.add_argument("--school", required=True)
    cmd.add_argument("--role", choices=ROLES,
                     help="the device's role (needed unless --for-staff: then theirs)")
    cmd.add_argument("--for-staff", metavar="EMAIL", help="a personal device: everything it "
                     "records is by this member of staff")
    cmd.add_argument("--class", dest="class_id", help="limit the device to one class: it records "
                     "and pulls that class's events and the school-wide ones")
    cmd.add_argument("--expires-days", type=int, default=7)
    cmd.add_argument("--uses", type=int, default=1,
                     help="how many devices may enroll with it (a deployment to a room of "
                          "PCs puts one code in the installer)")
    cmd = command("classes", _classes, "list a school's classes (ids for invites)")
    cmd.add_argument("--school", required=True)
    cmd = command("invites", _invites, "make family invite codes for a class or one child "
                  "and print them as letters (PDF, one page per student); each child's "
                  "earlier unused codes stop working")
    cmd.add_argument("--school", required=True)
    which = cmd.add_mutually_exclusive_group(required=True)
    which.add_argument("--class", dest="class_id")
    which.add_argument("--student", help="one child's letter")
    cmd.add_argument("--out", required=True, help="the PDF file to write")
    cmd.add_argument("--portal-url", help="the portal's address as families type it "
                     "(default: portal_url in server.json)")
    cmd.add_argument("--expires-days", type=int, default=30)
    add_family_commands(command, _open)
    cmd = command("import-oneroster", _import_oneroster,
                  "import classes, children and staff from a OneRoster 1.1 or 1.2 CSV "
                  "export (a folder or a zip): shows what would change; --apply imports it")
    cmd.add_argument("path", help="the export: a folder or a zip of CSV files")
    cmd.add_argument("--school", required=True)
    cmd.add_argument("--apply", action="store_true",
                     help="make the changes (in one step) instead of only showing them")
    cmd = command("rollover", lambda args, settings: rollover_command.run(args, settings, _open),
                  rollover_command.HELP)
    rollover_command.add_arguments(cmd)
    cmd = command("devices", _devices, "list enrolled devices")
    cmd.add_argument("--school")
    cmd = command("revoke", _revoke, "refuse a device's token from now on")
    cmd.add_argument("device_id")
    command("new-epoch", _new_epoch, "make every device re-sync (after restoring a backup)")
    cmd = command("backup", _backup, "write a consistent copy of the database to DEST "
                  "(the server may be running)")
    cmd.add_argument("dest")
    cmd = command("restore", _restore, "put a backup made by `backup` back as the database "
                  "(stop the server first); every device then syncs again")
    cmd.add_argument("src")
    add_office_commands(command, _open)
    cmd = command("serve", _serve, "run the server")
    cmd.add_argument("--host", default="127.0.0.1")
    cmd.add_argument("--port", type=int, default=DEFAULT_PORT)
    cmd.add_argument("--log-level", default="info")
    cmd.add_argument("--forwarded-allow-ips", help="reverse proxies whose X-Forwarded-For "
                     "names the family's address, comma-separated addresses or networks, or "
                     "* (default: forwarded_allow_ips in server.json, or "
                     "DOJO_SERVER_FORWARDED_ALLOW_IPS; else none)")
    return parser


if __name__ == "__main__":
    sys.exit(main())
