"""``dojo-server rollover``: the new school year from the command line, a preview unless
``--apply`` (the work is ``domain/rollover.py``'s, which the staff console calls too)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from dojo_protocol import limits
from dojo_server.db.session import Database
from dojo_server.domain import rollover, roster_import, schools
from dojo_server.domain.rollover_plan import Promotion, RolloverRequest, RolloverSummary
from dojo_server.roster_import.problems import RosterFileError
from dojo_server.roster_text import print_problems, print_sections
from dojo_server.settings import Settings

HELP = ("the new school year: shows the new classes, moves and leavers; --apply makes them "
        "in one step")


def add_arguments(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--school", required=True)
    cmd.add_argument("--school-year", help="the new year, e.g. 2027-2028 (default with "
                     "--oneroster: the export's latest school year)")
    cmd.add_argument("--promote", action="append", default=[], metavar="OLD=NEW",
                     help="a naming rule, e.g. 'Year 3=Year 4' (once per year group)")
    cmd.add_argument("--leavers", action="append", metavar="YEAR_GROUP",
                     help="whose children leave (default: the groups promoted to, not from)")
    cmd.add_argument("--teacher", action="append", default=[], metavar="CLASS=EMAIL",
                     help="who teaches a new class (default: last year's teachers)")
    cmd.add_argument("--oneroster", metavar="EXPORT",
                     help="take the new year's classes from a OneRoster export instead")
    cmd.add_argument("--apply", action="store_true",
                     help="make the changes (in one step) instead of only showing them")


def run(args: argparse.Namespace, settings: Settings,
        open_database: Callable[[Settings], Database]) -> int:
    """Preview or apply; returns the exit status (AdminError for a request in error)."""
    try:
        request = _request(args)
    except RosterFileError as exc:
        return print_problems("Nothing was changed.", exc)
    except ValueError as exc:
        raise schools.AdminError(str(exc)) from exc
    db = open_database(settings)
    if args.apply:
        summary = rollover.apply_rollover(db, args.school, request)
    else:
        summary = rollover.preview_rollover(db, args.school, request)
    _print(summary, args.apply)
    return 0


def _request(args: argparse.Namespace) -> RolloverRequest:
    promotions = tuple(Promotion.parse(text) for text in args.promote)
    teachers: dict[str, tuple[str, ...]] = {}
    for text in args.teacher:
        name, _sign, emails = text.rpartition("=")
        if not name.strip() or not emails.strip():
            raise ValueError(f"write --teacher 'CLASS=EMAIL[,EMAIL]': {text!r}")
        teachers[name.strip()] = tuple(e.strip() for e in emails.split(",") if e.strip())
    roster = roster_import.read_roster(Path(args.oneroster)) if args.oneroster else None
    if not promotions and roster is None:
        raise ValueError("Name the new year's classes: --promote 'Year 3=Year 4' (one for "
                         "each year group) or --oneroster EXPORT.")
    school_year = args.school_year or (roster.school_years[-1] if roster and
                                       roster.school_years else "")
    if not school_year:
        raise ValueError("Name the new school year: --school-year 2027-2028 (an export's "
                         "academic sessions name it when they hold one).")
    return RolloverRequest(school_year[:limits.MAX_SCHOOL_YEAR], promotions,
                           tuple(args.leavers) if args.leavers else None, teachers, roster)


def _print(summary: RolloverSummary, applied: bool) -> None:
    for warning in summary.warnings:
        print(f"Warning: {warning}")
    if summary.unchanged:
        print(f"The school is already in {summary.school_year}: nothing to change.")
        return
    print_sections(summary.sections)
    print(f"{summary.children_moved} children moved to {summary.school_year}'s classes.")
    print("Done: the school is in its new year." if applied
          else "Nothing was changed. Run again with --apply to make these changes.")
