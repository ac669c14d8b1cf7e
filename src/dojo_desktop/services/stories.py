"""Class, school and student story: post, edit, delete, submit, approve and return."""

from __future__ import annotations

from dataclasses import dataclass

from dojo_desktop.core.ids import uuid7
from dojo_desktop.core.stories import (
    Story,
    StoryScope,
    StoryState,
    story_deleted,
    story_posted,
    story_updated,
)
from dojo_desktop.services.attachments import AttachmentService
from dojo_desktop.services.context import ServiceContext
from dojo_desktop.services.errors import InvalidInputError
from dojo_desktop.services.settings import STAFF_ROLE
from dojo_desktop.services.staff import StaffService
from dojo_desktop.services.views import Changes
from dojo_protocol.limits import (
    MAX_ATTACHMENTS,
    MAX_REVIEW_COMMENT,
    MAX_STORY_CLASSES,
    MAX_STORY_TEXT,
)

MAX_REFLECTION = 1000
SCHOOL_ROLES = frozenset({"leader", "admin"})


@dataclass(frozen=True)
class StoryResult:
    """A post written, and what to repaint."""

    story_id: str
    changes: Changes


class StoryService:
    """Each call is one transaction: the story rows and the outbox event together."""

    def __init__(self, ctx: ServiceContext, attachments: AttachmentService,
                 staff: StaffService) -> None:
        self._ctx = ctx
        self._attachments = attachments
        self._staff = staff

    # Who is posting ---------------------------------------------------------------------

    def role(self) -> str:
        return str(self._ctx.reader.preferences().get(STAFF_ROLE) or "teacher")

    def may_post_to_school(self) -> bool:
        return self.role() in SCHOOL_ROLES

    def _author(self) -> str:
        """The name a post is signed with: the person it speaks for, as families see it
        (on a shared device they typed their PIN: ``staff.pin_needed`` until then)."""
        return self._staff.signature()

    def _speaks(self) -> None:
        """An edit, a delete, an approval or a return speaks for a person too: the same
        PIN rule as a post."""
        self._staff.speaker()

    # Staff posts ------------------------------------------------------------------------

    def post(self, text: str, class_ids: list[str], attachments: list[str] | None = None,
             *, school: bool = False) -> StoryResult:
        """Publish a post to one or several classes, or (a leader) to the whole school."""
        files = list(attachments or [])
        text = self._checked_text(text, files)
        class_ids = list(dict.fromkeys(class_ids))
        if school:
            if not self.may_post_to_school():
                raise InvalidInputError("Only a school leader can post to the school story.")
            class_ids = []
        elif not class_ids:
            raise InvalidInputError("Choose at least one class to post to.")
        elif len(class_ids) > MAX_STORY_CLASSES:
            raise InvalidInputError(
                f"A post can go to at most {MAX_STORY_CLASSES} classes at once.")
        story_id = uuid7()
        self._ctx.record([story_posted(
            self._ctx.clock.now(), story_id=story_id,
            scope=StoryScope.SCHOOL if school else StoryScope.CLASS, class_ids=class_ids,
            text=text, attachments=files, state=StoryState.PUBLISHED,
            at_ms=self._ctx.now_ms(), author_name=self._author())])
        return StoryResult(story_id, Changes(stories=True))

    def edit(self, story_id: str, text: str, attachments: list[str]) -> Changes:
        """Change a post's text and files (each wins over older edits made elsewhere)."""
        story = self._existing(story_id)
        files = list(attachments)
        text = self._checked_text(text, files)
        self._speaks()
        fields: dict[str, object] = {}
        if text != story.text:
            fields["text"] = text
        if tuple(files) != story.attachments:
            fields["attachments"] = files
        if not fields:
            return Changes()
        self._ctx.record([story_updated(self._ctx.clock.now(), story_id=story_id,
                                        fields=fields, at_ms=self._ctx.now_ms())])
        return Changes(stories=True)

    def delete(self, story_id: str) -> Changes:
        """Remove a post everywhere; the delete wins over edits made elsewhere."""
        self._existing(story_id)
        self._speaks()
        self._ctx.record([story_deleted(self._ctx.clock.now(), story_id=story_id,
                                        at_ms=self._ctx.now_ms())])
        return Changes(stories=True)

    # Student story ----------------------------------------------------------------------

    def submit_student_item(self, student_id: str, class_id: str, text: str,
                            attachments: list[str] | None = None) -> StoryResult:
        """A child's own post: it waits for the teacher before any family sees it."""
        student = self._ctx.reader.student(student_id)
        if student is None or student.archived:
            raise InvalidInputError("That student is no longer on the roster.")
        files = list(attachments or [])
        text = self._checked_text(text, files, limit=MAX_REFLECTION)
        story_id = uuid7()
        self._ctx.record([story_posted(
            self._ctx.clock.now(), story_id=story_id, scope=StoryScope.STUDENT,
            class_ids=[class_id], student_id=student_id, text=text, attachments=files,
            state=StoryState.PENDING, at_ms=self._ctx.now_ms(),
            author_name=student.display_name[:120])])
        return StoryResult(story_id, Changes(stories=True))

    def approve(self, story_id: str) -> Changes:
        """Publish a student's item: from now on their family sees it."""
        self._pending(story_id)
        self._speaks()
        self._ctx.record([story_updated(self._ctx.clock.now(), story_id=story_id,
                                        fields={"state": StoryState.PUBLISHED.value},
                                        at_ms=self._ctx.now_ms())])
        return Changes(stories=True)

    def return_item(self, story_id: str, comment: str) -> Changes:
        """Send a student's item back with a comment; families never see it."""
        self._pending(story_id)
        comment = comment.strip()
        if not comment:
            raise InvalidInputError("Write a short comment so the student knows what to change.")
        if len(comment) > MAX_REVIEW_COMMENT:
            raise InvalidInputError(f"The comment can be at most {MAX_REVIEW_COMMENT} "
                                    "characters.")
        self._speaks()
        self._ctx.record([story_updated(
            self._ctx.clock.now(), story_id=story_id, at_ms=self._ctx.now_ms(),
            fields={"state": StoryState.RETURNED.value, "review_comment": comment})])
        return Changes(stories=True)

    # Reading ----------------------------------------------------------------------------

    def class_feed(self, class_id: str) -> list[Story]:
        return self._ctx.story_reader.class_feed(class_id)

    def school_feed(self) -> list[Story]:
        return self._ctx.story_reader.school_feed()

    def approval_queue(self, class_id: str) -> list[Story]:
        return self._ctx.story_reader.approval_queue(class_id)

    def returned_items(self, student_id: str) -> list[Story]:
        """A student's items the teacher sent back, newest first, with the comments."""
        return self._ctx.story_reader.student_items(student_id, StoryState.RETURNED, 3)

    def story(self, story_id: str) -> Story | None:
        return self._ctx.story_reader.story(story_id)

    # Checks -----------------------------------------------------------------------------

    def _checked_text(self, text: str, files: list[str], limit: int = MAX_STORY_TEXT) -> str:
        text = text.strip()
        if not text and not files:
            raise InvalidInputError("Write something or attach a file first.")
        if len(text) > limit:
            raise InvalidInputError(f"The text can be at most {limit} characters "
                                    f"(it has {len(text)}).")
        if len(files) > MAX_ATTACHMENTS:
            raise InvalidInputError(f"A post can have at most {MAX_ATTACHMENTS} files.")
        self._attachments.check_known(files)
        return text

    def _existing(self, story_id: str) -> Story:
        story = self._ctx.story_reader.story(story_id)
        if story is None:
            raise InvalidInputError("That post has been deleted.")
        return story

    def _pending(self, story_id: str) -> Story:
        story = self._existing(story_id)
        if story.state is not StoryState.PENDING:
            raise InvalidInputError("That item is no longer waiting for approval.")
        return story
