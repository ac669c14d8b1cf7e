"""Messages with families: threads, announcements, receipts, quiet hours, a positive start."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from dojo_desktop.core.ids import uuid7
from dojo_desktop.core.messages import (
    Guardian,
    Message,
    ThreadSummary,
    class_thread_id,
    message_read,
    message_sent,
    student_thread_id,
)
from dojo_desktop.core.quiet_hours import WorkingHours, hours_within_policy, send_after_ms
from dojo_desktop.core.stories import Story, StoryState
from dojo_desktop.services.attachments import AttachmentService
from dojo_desktop.services.context import ServiceContext
from dojo_desktop.services.errors import InvalidInputError
from dojo_desktop.services.settings import MY_HOURS, STAFF_ROLE, SettingsService
from dojo_desktop.services.staff import StaffService
from dojo_desktop.services.stories import SCHOOL_ROLES
from dojo_desktop.services.views import Changes, HistoryEntry
from dojo_protocol.limits import MAX_ATTACHMENTS, MAX_MESSAGE_BODY

SCHOOL_HOURS = "working_hours"  # the school's policy: a synced setting
POSITIVE_NOTE_DAYS = 14


@dataclass(frozen=True)
class SentMessage:
    """A message written here: when it reaches families (None: at once), what to repaint."""

    message_id: str
    arrives_at_ms: int | None
    changes: Changes


@dataclass(frozen=True)
class PositiveNote:
    """Good things to open a message with: recent positive awards and approved work."""

    awards: list[HistoryEntry]
    items: list[Story]

    @property
    def empty(self) -> bool:
        return not self.awards and not self.items


class MessageService:
    """Each send or receipt is one transaction: message rows and the outbox event together."""

    def __init__(self, ctx: ServiceContext, settings: SettingsService,
                 attachments: AttachmentService, staff: StaffService) -> None:
        self._ctx = ctx
        self._settings = settings
        self._attachments = attachments
        self._staff = staff

    # Sending ----------------------------------------------------------------------------

    def send(self, student_id: str, body: str, attachments: list[str] | None = None,
             urgent: bool = False) -> SentMessage:
        """A message to one student's guardians, held until working hours unless urgent."""
        if self._ctx.reader.student(student_id) is None:
            raise InvalidInputError("That student is no longer on the roster.")
        thread_id = (self._ctx.story_reader.latest_thread_id(student_id)
                     or student_thread_id(student_id))
        return self._send(thread_id, body, attachments, urgent, student_id=student_id)

    def announce(self, class_id: str, body: str, attachments: list[str] | None = None,
                 urgent: bool = False) -> SentMessage:
        """One announcement to every family of a class."""
        return self._send(class_thread_id(class_id), body, attachments, urgent,
                          class_id=class_id)

    def may_message_families(self) -> bool:
        """A teaching assistant cannot message families (the server refuses it): not from
        their device, nor on a board where they picked their name."""
        person = self._staff.current()
        role = person.role if person is not None else self._ctx.reader.preferences().get(
            STAFF_ROLE)
        return role != "ta"

    def _send(self, thread_id: str, body: str, attachments: list[str] | None, urgent: bool,
              *, student_id: str | None = None, class_id: str | None = None) -> SentMessage:
        if not self.may_message_families():
            raise InvalidInputError("Messages to families are sent by teachers; a teaching "
                                    "assistant's computer cannot send them.")
        body = body.strip()
        files = list(attachments or [])
        if not body:
            raise InvalidInputError("Write a message first.")
        if len(body) > MAX_MESSAGE_BODY:
            raise InvalidInputError(f"A message can be at most {MAX_MESSAGE_BODY} characters "
                                    f"(this one has {len(body)}).")
        if len(files) > MAX_ATTACHMENTS:
            raise InvalidInputError(f"A message can have at most {MAX_ATTACHMENTS} files.")
        self._attachments.check_known(files)
        now = self._ctx.now_ms()
        after = self.send_after_ms(urgent)
        message_id = uuid7()
        name = self._staff.signature()  # on a shared device: the PIN's person
        self._ctx.record([message_sent(
            self._ctx.clock.now(), message_id=message_id, thread_id=thread_id, body=body,
            at_ms=now, student_id=student_id, class_id=class_id, attachments=files,
            urgent=urgent, send_after_ms=after, sender_name=name)])
        return SentMessage(message_id, after, Changes(messages=True))

    def send_after_ms(self, urgent: bool = False) -> int | None:
        """When a message written now would reach families (None: at once)."""
        return send_after_ms(self._ctx.now_ms(), self._settings.timezone(), self.my_hours(),
                             urgent)

    def is_scheduled(self, message: Message) -> bool:
        """True while a message waits for working hours before families get it."""
        return message.send_after_ms is not None and message.send_after_ms > self._ctx.now_ms()

    def local_time(self, ms: int) -> dt.datetime:
        """``ms`` as wall time in the school's timezone (for "arrives Monday 07:30")."""
        return dt.datetime.fromtimestamp(ms / 1000, ZoneInfo(self._settings.timezone()))

    # Receipts ---------------------------------------------------------------------------

    def mark_read(self, student_id: str) -> Changes:
        """Staff have read a family's messages: one receipt each, one commit."""
        unread = self._ctx.story_reader.unread_from_family(student_id)
        if not unread:
            return Changes()
        now = self._ctx.now_ms()
        self._ctx.record([message_read(self._ctx.clock.now(), message_id=message_id, at_ms=now)
                          for message_id in unread])
        return Changes(messages=True)

    # Reading ----------------------------------------------------------------------------

    def threads(self, class_id: str) -> list[ThreadSummary]:
        """The class announcement thread first, then one thread per student."""
        reader = self._ctx.story_reader
        thread_id = class_thread_id(class_id)
        last = reader.last_announcement(class_id)
        announcement = ThreadSummary(thread_id, None, class_id, "", last[0] if last else "",
                                     last[1] if last else 0, 0,
                                     reader.class_guardian_count(class_id))
        students = [t if t.thread_id else ThreadSummary(
            student_thread_id(t.student_id or ""), t.student_id, None, t.title, t.last_body,
            t.last_at_ms, t.unread, t.guardians) for t in reader.student_threads(class_id)]
        return [announcement, *students]

    def student_messages(self, student_id: str) -> list[Message]:
        """The conversation with one student's family, oldest first."""
        return self._ctx.story_reader.student_messages(student_id)

    def class_announcements(self, class_id: str) -> list[Message]:
        return self._ctx.story_reader.class_announcements(class_id)

    def unread_total(self, class_id: str) -> int:
        return self._ctx.story_reader.unread_total(class_id)

    def guardians(self, student_id: str) -> list[Guardian]:
        return self._ctx.story_reader.guardians(student_id)

    def positive_note(self, student_id: str, limit: int = 5) -> PositiveNote:
        """A child's recent positive awards and approved story items, newest first."""
        since = self._ctx.now_ms() - POSITIVE_NOTE_DAYS * 86_400_000
        awards = [HistoryEntry(award, name, icon, award.undone) for award, name, icon
                  in self._ctx.reader.history(student_id, None, 100)
                  if award.points > 0 and not award.undone and award.at_ms >= since][:limit]
        items = self._ctx.story_reader.student_items(student_id, StoryState.PUBLISHED, limit)
        return PositiveNote(awards, items)

    # Working hours ----------------------------------------------------------------------

    def school_hours(self) -> WorkingHours:
        raw = self._ctx.reader.settings().get(SCHOOL_HOURS)
        try:
            return WorkingHours.from_json(raw) if raw else WorkingHours()
        except ValueError:
            return WorkingHours()

    def set_school_hours(self, hours: WorkingHours) -> Changes:
        """The school's policy (a leader's choice); every device follows it."""
        if self._ctx.reader.preferences().get(STAFF_ROLE) not in SCHOOL_ROLES:
            raise InvalidInputError("Only a school leader can change the school's hours.")
        self._settings.set_school_setting(SCHOOL_HOURS, hours.to_json())
        return Changes(settings=True)

    def my_hours(self) -> WorkingHours:
        """This teacher's own hours, always inside the school's."""
        policy = self.school_hours()
        raw = self._settings.preference(MY_HOURS)
        try:
            return hours_within_policy(policy, WorkingHours.from_json(raw)) if raw else policy
        except ValueError:
            return policy

    def set_my_hours(self, hours: WorkingHours) -> Changes:
        """Choose one's own hours; refused if they fall outside the school's."""
        try:
            kept = hours_within_policy(self.school_hours(), hours)
        except ValueError as exc:
            raise InvalidInputError(
                "Those hours fall outside the school's working hours for messages.") from exc
        return self._settings.set_preference(MY_HOURS, kept.to_json())
