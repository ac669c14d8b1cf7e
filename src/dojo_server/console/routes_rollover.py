"""The New school year page: a leader names the year, the promotion rules ("Year 3" →
"Year 4", one row per current year group) and the leavers, or uploads a OneRoster export of
the new year; sees what it would change (``rollover.preview_rollover``); applies it in one
step (``rollover.apply_rollover``), as ``dojo-server rollover`` does. An export waits in
the database between the preview and the apply (``domain/roster_uploads.py``)."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from dojo_protocol import limits
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
    wake_long_polls,
)
from dojo_server.console.words import titled_sections
from dojo_server.domain import rollover, roster_admin, roster_uploads
from dojo_server.domain.rollover_plan import SECTIONS, Promotion, RolloverRequest
from dojo_server.domain.staff_auth import StaffMember
from dojo_server.portal.i18n import N_
from dojo_server.roster_import.oneroster import Roster
from dojo_server.roster_import.problems import RosterFileError

router = APIRouter(prefix=CONSOLE, include_in_schema=False)
PAGE = "/rollover"
SPARE_RULES = 2  # empty rows under the school's year groups, for a rule of one's own
Texts = Annotated[list[str] | None, Form()]
Export = Annotated[UploadFile | None, File()]
_NUMBER = re.compile(r"(\d+)(?!.*\d)")



SECTION_TITLES = dict(zip(SECTIONS, (
    N_("New classes"), N_("Children moved"), N_("Leavers (archived)"),
    N_("Last year's classes (archived)"), N_("Classes staying as they are"),
    N_("Teachers assigned"), N_("Boards moved to their new class")), strict=True))


def _next_group(year_group: str) -> str:
    """"Year 3" → "Year 4": the last number one up ("" when the name has none)."""
    found = _NUMBER.search(year_group)
    if found is None:
        return ""
    return f"{year_group[:found.start()]}{int(found.group(1)) + 1}{year_group[found.end():]}"


def suggested_rules(year_groups: list[str]) -> list[tuple[str, str]]:
    """One rule a year group, each to the next number; of several, the highest number has
    none (the page offers it as the leavers)."""
    numbers = [int(m.group(1)) for g in year_groups if (m := _NUMBER.search(g))]
    top = max(numbers) if len(set(numbers)) > 1 else None
    rules = []
    for group in year_groups:
        found = _NUMBER.search(group)
        last = found is not None and int(found.group(1)) == top
        rules.append((group, "" if last else _next_group(group)))
    return rules


def _year_groups(console: ConsoleContext, school_id: str) -> list[str]:
    groups = {c.year_group for c in roster_admin.list_classes(console.db, school_id)
              if not c.archived and c.year_group}
    return sorted(groups, key=lambda g: (int(m.group(1)) if (m := _NUMBER.search(g)) else 0,
                                         g.casefold()))


@router.get(PAGE)
async def rollover_page(request: Request, console: Console, member: Office) -> Response:
    groups = await domain_work("/", _year_groups, console, member.school_id)
    return _form(request, console, member, groups)


def _form(request: Request, console: ConsoleContext, member: StaffMember, groups: list[str],
          status: int = 200, problems: object = ()) -> Response:
    rules = suggested_rules(groups)
    leaving = [old for old, new in rules if not new]
    return page(request, console, "rollover.html", member, status=status, problems=problems,
                rules=rules + [("", "")] * SPARE_RULES, groups=groups, leaving=leaving)


def _rules(froms: list[str], tos: list[str]) -> tuple[Promotion, ...]:
    """The rows the leader filled in: a row without its new name is no rule."""
    rules = []
    for old, new in zip(froms, tos, strict=False):
        old, new = " ".join(old.split()), " ".join(new.split())
        if new and not old:
            raise Refused("bad_rule", "A rule needs the year group it starts from.",
                          f"{CONSOLE}{PAGE}")
        if old and new:
            rules.append(Promotion(old[:limits.MAX_YEAR_GROUP], new[:limits.MAX_YEAR_GROUP]))
    return tuple(rules)


def _request(school_year: str, froms: list[str], tos: list[str], leavers: list[str],
             roster: Roster | None) -> RolloverRequest:
    promotions = _rules(froms, tos)
    if roster is None and not promotions:
        raise Refused("rules_needed", "Give a rule or upload an export.", f"{CONSOLE}{PAGE}")
    year = " ".join(school_year.split()) or (
        roster.school_years[-1] if roster is not None and roster.school_years else "")
    if not year:
        raise Refused("school_year_needed", "Name the new school year.", f"{CONSOLE}{PAGE}")
    chosen = tuple(g for g in (" ".join(x.split()) for x in leavers) if g)
    return RolloverRequest(year[:limits.MAX_SCHOOL_YEAR], promotions, chosen or None,
                           roster=roster)


async def _read(data: bytes) -> Roster | RosterFileError:
    try:
        return await run_in_threadpool(roster_uploads.read_upload, data)
    except RosterFileError as exc:
        return exc


@router.post(PAGE)
async def preview(request: Request, console: Console, member: Office, csrf: Csrf,
                  school_year: Field = "", rule_from: Texts = None, rule_to: Texts = None,
                  leaver: Texts = None, export: Export = None) -> Response:
    """What the new year would change; nothing is written to the school yet."""
    check_csrf(request, member, csrf)
    data = await export.read() if export is not None else b""
    roster = await _read(data) if data else None
    if isinstance(roster, RosterFileError):
        groups = await domain_work("/", _year_groups, console, member.school_id)
        return _form(request, console, member, groups, 400, roster.problems)
    asked = _request(school_year, rule_from or [], rule_to or [], leaver or [], roster)
    summary = await domain_work(PAGE, rollover.preview_rollover, console.db,
                                member.school_id, asked)
    token = "" if summary.unchanged or not data else await domain_work(
        PAGE, roster_uploads.keep_upload, console.db, member.school_id,
        (export.filename or "") if export is not None else "", data)
    return page(request, console, "rollover_preview.html", member, asked=asked,
                summary=summary, token=token,
                sections=titled_sections(SECTION_TITLES, summary.sections))


@router.post(PAGE + "/apply")
async def apply(request: Request, console: Console, member: Office, csrf: Csrf,
                school_year: Field, rule_from: Texts = None, rule_to: Texts = None,
                leaver: Texts = None, token: Field = "") -> Response:
    """The previewed new year, worked out afresh and applied in one step."""
    check_csrf(request, member, csrf)
    roster: Roster | None = None
    if token:
        data = await domain_work(PAGE, roster_uploads.upload_data, console.db,
                                 member.school_id, token)
        read = await _read(data)
        if isinstance(read, RosterFileError):  # it was read for the preview
            raise Refused("import_gone", "Upload the export again.", f"{CONSOLE}{PAGE}")
        roster = read
    asked = _request(school_year, rule_from or [], rule_to or [], leaver or [], roster)
    try:
        summary = await domain_work(PAGE, rollover.apply_rollover, console.db,
                                    member.school_id, asked)
    finally:
        if token:
            await run_in_threadpool(roster_uploads.drop_upload, console.db,
                                    member.school_id, token)
    await wake_long_polls(console, member.school_id)
    return page(request, console, "rollover_done.html", member, summary=summary,
                sections=titled_sections(SECTION_TITLES, summary.sections))
