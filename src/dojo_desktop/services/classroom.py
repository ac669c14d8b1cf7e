"""The one door from the UI to the data: open a database and reach every service."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING

from dojo_desktop.core.demo_class import DEMO_CLASS_NAME
from dojo_desktop.core.managed import ManagedSettings
from dojo_desktop.core.model import ClassGroup
from dojo_desktop.services.attachments import AttachmentService
from dojo_desktop.services.attendance import AttendanceService
from dojo_desktop.services.awards import AwardService
from dojo_desktop.services.backups import BackupService
from dojo_desktop.services.class_goal import ClassGoalService
from dojo_desktop.services.context import ServiceContext, system_now_ms
from dojo_desktop.services.demo import create_demo_class
from dojo_desktop.services.errors import data_folder_error
from dojo_desktop.services.integrity_check import start_integrity_check as start_integrity_check
from dojo_desktop.services.lesson import LessonService
from dojo_desktop.services.messages import MessageService
from dojo_desktop.services.roster import RosterService
from dojo_desktop.services.school_year import SchoolYearService
from dojo_desktop.services.settings import SettingsService
from dojo_desktop.services.skills import SkillService
from dojo_desktop.services.staff import StaffService
from dojo_desktop.services.stories import StoryService
from dojo_desktop.services.sync import SyncService
from dojo_desktop.services.targets import TargetService
from dojo_desktop.services.views import Changes, StudentCard
from dojo_desktop.store.database import Damage, IntegrityCheck, prepare_database
from dojo_desktop.store.folder_lock import FolderLock

if TYPE_CHECKING:
    from dojo_desktop.sync.sync_store import AppliedPage


@dataclass
class Classroom:
    """An open class database and its services (like Anki's ``Collection``)."""

    ctx: ServiceContext
    settings: SettingsService
    awards: AwardService
    roster: RosterService
    skills: SkillService
    sync: SyncService
    attachments: AttachmentService
    stories: StoryService
    messages: MessageService
    attendance: AttendanceService
    backups: BackupService
    targets: TargetService
    lesson: LessonService  # the lesson tools: a fair picker, groups
    goals: ClassGoalService
    school_year: SchoolYearService  # the class that followed last year's
    staff: StaffService  # who this device is for, or who is teaching on a shared one
    damage: Damage | None = None  # the database found was damaged; this one is new

    @property
    def data_dir(self) -> Path:
        return self.ctx.data_dir

    @property
    def managed(self) -> ManagedSettings:
        """What IT set for every user of this computer (shown locked in Settings)."""
        return self.ctx.managed

    def cards(self, class_id: str) -> list[StudentCard]:
        """The tiles of a class: each student with their points this period."""
        totals = self.awards.totals(class_id)
        return [StudentCard(s, totals.get(s.id, 0), self.roster.avatar_path(s))
                for s in self.roster.students(class_id)]

    def create_demo_class(self) -> ClassGroup:
        """Make the demo class (and the default skills if there are none), named in the
        teacher's language (``SkillService.texts``)."""
        self.skills.ensure_defaults()
        skills = [(s.id, s.points) for s in self.skills.list()]
        return create_demo_class(self.ctx, skills, texts=self.skills.texts)

    def demo_class(self) -> ClassGroup | None:
        """The demo class, by its name in English or in the teacher's language."""
        names = {DEMO_CLASS_NAME, self.skills.texts(DEMO_CLASS_NAME)}
        return next((c for c in self.roster.classes() if c.name in names), None)

    def export_csv(self, out: Path,
                   progress: Callable[[int, int], None] | None = None) -> list[Path]:
        """Every table as CSV (see ``services.export.export_csv``); ``progress`` may stop it."""
        from dojo_desktop.services.export import export_csv

        return export_csv(self.ctx, out, progress)

    def changes_from_sync(self, page: AppliedPage) -> Changes:
        """What a pulled page changed, in the terms the screens repaint by."""
        if page.settings:
            self.settings.reload()
        # Every flag of the page by name, so a flag added there reaches the screens (a
        # flag Changes lacks fails here, at the first pull of any test).
        flags = {f.name: getattr(page, f.name) for f in fields(page)
                 if isinstance(getattr(page, f.name), bool)}
        return replace(Changes(students=frozenset(page.students), classes=page.roster,
                               records=frozenset(page.records)), **flags)

    def close(self) -> None:
        self.sync.close()
        self.ctx.close()


def open_classroom(data_dir: Path, now_ms: Callable[[], int] = system_now_ms,
                   check: IntegrityCheck | None = None,
                   managed: ManagedSettings | None = None, *,
                   set_damage_aside: bool = True,
                   texts: Callable[[str], str] | None = None) -> Classroom:
    """Check, migrate and open the database in ``data_dir``.

    Raises NewerDatabaseError for a database written by a newer app (left untouched),
    DataFolderError when the folder cannot hold it (read-only, no permission, full).
    A damaged database is moved aside and a fresh one started; ``damage`` says so (the
    app then offers the latest backup: ``services/backups.py``); without
    ``set_damage_aside`` a damaged file raises DamagedDatabaseError and is left alone.
    ``check`` is an integrity check started earlier (see :func:`start_integrity_check`).
    ``managed`` is what IT set for this computer (server, privacy, sound ...).
    ``texts`` gives the default skills' and demo class's English in the teacher's language.
    """
    try:
        lock = FolderLock(data_dir)
    except OSError as exc:
        raise data_folder_error(data_dir, exc) or exc from exc
    try:
        prepared = prepare_database(data_dir, check, set_damage_aside=set_damage_aside)
        ctx = ServiceContext(data_dir, prepared.path, now_ms, lock, managed)
    except (OSError, sqlite3.OperationalError) as exc:
        lock.release()
        raise data_folder_error(data_dir, exc) or exc from exc
    except BaseException:
        lock.release()
        raise
    settings = SettingsService(ctx)
    attachments = AttachmentService(ctx)
    awards, roster = AwardService(ctx, settings), RosterService(ctx)
    attendance = AttendanceService(ctx, settings)
    staff = StaffService(ctx, settings)
    classroom = Classroom(ctx, settings, awards, roster, SkillService(ctx, texts),
                          SyncService(ctx, settings, attachments.keep_fetched), attachments,
                          StoryService(ctx, attachments, staff),
                          MessageService(ctx, settings, attachments, staff),
                          attendance, BackupService(ctx),
                          TargetService(ctx, settings),
                          LessonService(roster, awards, attendance),
                          ClassGoalService(ctx, awards), SchoolYearService(ctx, settings),
                          staff, prepared.damage)
    if prepared.created:
        classroom.skills.ensure_defaults()
    return classroom
