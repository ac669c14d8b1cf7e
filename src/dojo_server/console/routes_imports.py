"""The Imports page: upload a OneRoster export (a zip), see what it would change, apply it
in one step. The export waits in the database between the preview and the apply
(``domain/roster_uploads.py``), and is read again when applied (``roster_import`` works
the plan out afresh then)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from dojo_server.console.deps import (
    CONSOLE,
    Console,
    Csrf,
    Office,
    Refused,
    check_csrf,
    domain_work,
    page,
    wake_long_polls,
)
from dojo_server.console.words import titled_sections
from dojo_server.domain import roster_import, roster_uploads
from dojo_server.domain.roster_plan import SECTIONS
from dojo_server.portal.i18n import N_
from dojo_server.roster_import.problems import RosterFileError

router = APIRouter(prefix=CONSOLE, include_in_schema=False)
PAGE = "/imports"
Export = Annotated[UploadFile | None, File()]



SECTION_TITLES = dict(zip(SECTIONS, (
    N_("New classes"), N_("Renamed classes"), N_("Classes no longer in the roster (archived)"),
    N_("New children"), N_("Children matched to ones already here"), N_("Renamed children"),
    N_("Moved between classes"), N_("Back on the roster"), N_("Left (archived)"),
    N_("New staff (no password until one is set on the Staff page)"),
    N_("Staff matched or changed")), strict=True))


@router.get(PAGE)
async def imports_page(request: Request, console: Console, member: Office) -> Response:
    return page(request, console, "imports.html", member)


@router.post(PAGE)
async def preview(request: Request, console: Console, member: Office, csrf: Csrf,
                  export: Export = None) -> Response:
    """What the uploaded export would change; nothing is written to the school yet."""
    check_csrf(request, member, csrf)
    data = await export.read() if export is not None else b""
    if not data:
        raise Refused("no_export", "Choose the export to upload.", f"{CONSOLE}{PAGE}")
    try:
        roster = await run_in_threadpool(roster_uploads.read_upload, data)
    except RosterFileError as exc:
        return page(request, console, "imports.html", member, status=400,
                    problems=exc.problems)
    summary = await domain_work(PAGE, roster_import.preview_import, console.db,
                                member.school_id, roster)
    name = (export.filename or "") if export is not None else ""
    token = "" if summary.unchanged else await domain_work(
        PAGE, roster_uploads.keep_upload, console.db, member.school_id, name, data)
    return page(request, console, "import_preview.html", member, token=token,
                summary=summary, file_name=name,
                sections=titled_sections(SECTION_TITLES, summary.sections))


@router.post(PAGE + "/{token}/apply")
async def apply(request: Request, console: Console, member: Office, token: str,
                csrf: Csrf) -> Response:
    """Import the previewed export in one step, then forget it."""
    check_csrf(request, member, csrf)
    data = await domain_work(PAGE, roster_uploads.upload_data, console.db, member.school_id,
                             token)
    try:
        roster = await run_in_threadpool(roster_uploads.read_upload, data)
        summary = await domain_work(PAGE, roster_import.apply_import, console.db,
                                    member.school_id, roster)
    finally:
        await run_in_threadpool(roster_uploads.drop_upload, console.db, member.school_id,
                                token)
    await wake_long_polls(console, member.school_id)
    return page(request, console, "import_done.html", member, summary=summary,
                sections=titled_sections(SECTION_TITLES, summary.sections))
