"""A family's pages about one child: points, story, messages, replies and attachments."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import FileResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from dojo_server.domain import family_messages, family_view, file_kinds
from dojo_server.domain.blobs import blob_path, school_has_blob
from dojo_server.domain.family_auth import FamilyError, FamilyMember
from dojo_server.domain.photos import PhotoError
from dojo_server.portal.deps import (
    PORTAL,
    Member,
    Portal,
    PortalContext,
    check_csrf,
    page,
    wake_long_polls,
)
from dojo_server.portal.errors import REASONS
from dojo_server.portal.rendering import SECURITY_HEADERS

router = APIRouter(prefix=PORTAL, include_in_schema=False)
_SHA256 = re.compile(r"[0-9a-f]{64}")


@router.get("/")
async def children(request: Request, portal: Portal, member: Member) -> Response:
    kids = await run_in_threadpool(family_view.children_of, portal.db, member)
    return page(request, portal, "children.html", member, children=kids)


@router.get("/child/{student_id}")
async def child_page(request: Request, portal: Portal, member: Member,
                     student_id: str) -> Response:
    child, points = await run_in_threadpool(family_view.child_points, portal.db, member,
                                            student_id)
    return page(request, portal, "child.html", member, child=child, points=points,
                tab="points")


@router.get("/child/{student_id}/story")
async def story(request: Request, portal: Portal, member: Member,
                student_id: str) -> Response:
    number = request.query_params.get("page", "1")
    index = int(number) - 1 if number.isdigit() and 0 < int(number) < 100_000 else 0
    child, posts = await run_in_threadpool(family_view.story_page, portal.db, member,
                                           student_id, index)
    return page(request, portal, "story.html", member, child=child, story=posts,
                tab="story")


async def _messages_page(request: Request, portal: PortalContext, member: FamilyMember,
                         student_id: str, status: int = 200, error: str | None = None,
                         body: str = "") -> Response:
    child, threads = await run_in_threadpool(family_messages.threads, portal.db, member,
                                             student_id)
    class_names = {c.id: c.name for c in child.classes}
    return page(request, portal, "messages.html", member, status=status, child=child,
                threads=threads, class_names=class_names, tab="messages", error=error,
                body=body, can_start=not any(t.for_child for t in threads))


@router.get("/child/{student_id}/messages")
async def messages(request: Request, portal: Portal, member: Member,
                   student_id: str) -> Response:
    return await _messages_page(request, portal, member, student_id)


async def _thread_page(request: Request, portal: PortalContext, member: FamilyMember,
                       student_id: str, thread_id: str, status: int = 200,
                       error: str | None = None, body: str = "") -> Response:
    child, thread, receipts = await run_in_threadpool(
        family_messages.open_thread, portal.db, member, student_id, thread_id)
    if receipts:
        await wake_long_polls(portal, member.school_id)
    return page(request, portal, "thread.html", member, status=status, child=child,
                thread=thread, error=error, body=body, tab="messages")


@router.get("/child/{student_id}/messages/{thread_id}")
async def thread(request: Request, portal: Portal, member: Member, student_id: str,
                 thread_id: str) -> Response:
    return await _thread_page(request, portal, member, student_id, thread_id)


Csrf = Annotated[str, Form(max_length=200)]
Body = Annotated[str, Form(max_length=20_000)]
Photo = Annotated[UploadFile | None, File()]


async def _write(request: Request, portal: PortalContext, member: FamilyMember,
                 student_id: str, thread_id: str | None, csrf: str, body: str,
                 photo: UploadFile | None) -> Response:
    """A family's message to the child's thread (a new one without ``thread_id``)."""
    check_csrf(request, member, csrf)
    data = await photo.read(portal.settings.max_photo_bytes + 1) if photo else b""
    try:
        thread_id = await run_in_threadpool(
            family_messages.reply, portal.db, portal.settings.blobs_dir, member, student_id,
            thread_id, body, data or None, portal.settings.max_photo_bytes)
    except (FamilyError, PhotoError) as exc:
        if exc.code == "not_found":
            raise
        if thread_id is None:
            return await _messages_page(request, portal, member, student_id, 400,
                                        REASONS[exc.code], body)
        return await _thread_page(request, portal, member, student_id, thread_id, 400,
                                  REASONS[exc.code], body)
    await wake_long_polls(portal, member.school_id)
    return RedirectResponse(f"{PORTAL}/child/{student_id}/messages/{thread_id}",
                            status_code=303)


@router.post("/child/{student_id}/messages")
async def start_conversation(request: Request, portal: Portal, member: Member,
                             student_id: str, csrf: Csrf, body: Body = "",
                             photo: Photo = None) -> Response:
    return await _write(request, portal, member, student_id, None, csrf, body, photo)


@router.post("/child/{student_id}/messages/{thread_id}")
async def reply(request: Request, portal: Portal, member: Member, student_id: str,
                thread_id: str, csrf: Csrf, body: Body = "", photo: Photo = None) -> Response:
    return await _write(request, portal, member, student_id, thread_id, csrf, body, photo)


def _may_see_blob(portal: PortalContext, member: FamilyMember, student_id: str,
                  sha256: str) -> bool:
    """A file the school stores, named by a post or message this family can read."""
    with portal.db.read() as session:
        child = family_view.require_child(session, member, student_id)
        return (school_has_blob(session, member.school_id, sha256)
                and (family_view.story_has_blob(session, member, child, sha256)
                     or family_messages.message_has_blob(session, member, child, sha256)))


@router.get("/child/{student_id}/files/{sha256}")
async def attachment(portal: Portal, member: Member, student_id: str,
                     sha256: str) -> Response:
    """A file of a post or message the family can read, under a name with its kind's
    ending; pictures show in the page, documents download. Anything else: not found."""
    if not _SHA256.fullmatch(sha256) or not await run_in_threadpool(
            _may_see_blob, portal, member, student_id, sha256):
        raise FamilyError("not_found")
    path = blob_path(portal.settings.blobs_dir, sha256)
    if not path.exists():
        raise FamilyError("not_found")
    kind = await run_in_threadpool(file_kinds.describe, path, sha256)
    headers = {**SECURITY_HEADERS, "Cache-Control": "private, max-age=86400"}
    disposition = "inline" if kind.is_picture else "attachment"
    return FileResponse(path, media_type=kind.media_type, headers=headers,
                        filename=kind.name, content_disposition_type=disposition)
