"""The main window: the class bar, the roster grid, the undo toast and the status line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from dojo_desktop.core.model import Skill
from dojo_desktop.core.sync_status import SyncStatus
from dojo_desktop.services import settings as prefs
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import InvalidInputError, StorageError
from dojo_desktop.services.views import AwardResult, Changes
from dojo_desktop.ui import scale
from dojo_desktop.ui.app_style import apply_app_style
from dojo_desktop.ui.changes import ChangeSignal
from dojo_desktop.ui.class_bar import ClassBar
from dojo_desktop.ui.first_run import FirstRunPage
from dojo_desktop.ui.follow_scale import change_reading_distance
from dojo_desktop.ui.new_class_prompt import NewClassPrompt
from dojo_desktop.ui.roster_grid import RosterGrid
from dojo_desktop.ui.screens import Screens
from dojo_desktop.ui.setup_screens import SetupScreens
from dojo_desktop.ui.sound_and_privacy import SoundAndPrivacy
from dojo_desktop.ui.sync_indicator import SyncIndicator
from dojo_desktop.ui.target_rings import TargetRings
from dojo_desktop.ui.teaching_picker import TeachingPicker
from dojo_desktop.ui.totals_recount import TotalsRecount
from dojo_desktop.ui.translations import error_text
from dojo_desktop.ui.undo_toast import ToastStrip, recipients_text
from dojo_desktop.ui.window_menu import WindowMenu
from dojo_protocol.periods import PeriodKind

if TYPE_CHECKING:  # each of these loads when first used, after the first frame
    from PySide6.QtGui import QCloseEvent, QResizeEvent, QShowEvent

    from dojo_desktop.ui.message_sheet import MessageSheet
    from dojo_desktop.ui.skill_picker import SkillPicker
    from dojo_desktop.ui.sound import SoundPlayer


class MainWindow(QMainWindow):
    """What the class sees. Every action calls a service and repaints what it changed."""

    paired = Signal()  # connected to a school server: the app starts syncing

    def __init__(self, classroom: Classroom, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.classroom = classroom
        self._class_id: str | None = None
        self._shown_once = False
        self.confirmation: MessageSheet | None = None  # a question open over the window
        self._pick_for: list[str] = []
        self._offered: dict[str, Skill] = {}  # the skills the picker shows, by id
        self._story_for: str | None = None
        self._last_batch: str | None = None
        scale.set_reading_distance(classroom.settings.preference(prefs.READING_DISTANCE))
        apply_app_style(self)  # before any control is made: they take their sizes from it
        # Every write made here, in a dialog or on another device arrives on this signal.
        self.changes = ChangeSignal(self)
        self.screens = Screens(self)  # the story, message and lesson screens
        self.setup = SetupScreens(self)  # skills, students, CSV, server, settings
        self.setWindowTitle(self.tr("Dojo Desktop"))

        self.bar = ClassBar(self)
        self.grid = RosterGrid(self)
        self.grid.setAccessibleName(self.tr("Students"))
        self.first_run = FirstRunPage(self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.first_run)
        self.pages.addWidget(self.grid)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.bar)
        layout.addWidget(self.pages, 1)
        self.toast_strip = ToastStrip(central)
        layout.addWidget(self.toast_strip)
        self.setCentralWidget(central)
        self.toast = self.toast_strip.toast
        self._picker: SkillPicker | None = None  # made after the first frame, or at a tap
        self.sync_indicator = SyncIndicator(self)
        self.sync_indicator.details_requested.connect(self.setup.show_sync_details)
        self.statusBar().addPermanentWidget(self.sync_indicator)
        self.teaching = TeachingPicker(classroom.staff, self,  # who is teaching, on a board
                                       lambda: self._class_id)
        self.statusBar().insertPermanentWidget(0, self.teaching.button)
        self.sound_and_privacy = SoundAndPrivacy(classroom, self.bar, self.grid, self.show_error)
        self.recount = TotalsRecount(self._recount_totals, self)
        self.target_rings = TargetRings(classroom, self.grid,
                                        lambda: self.sound_and_privacy.sound, self)
        self.changes.changed.connect(self.show_changes)
        self.changes.changed.connect(self.target_rings.show_changes)
        self.changes.changed.connect(self.teaching.show_changes)
        self.menu = WindowMenu(self)
        self.bar.menu_button.setMenu(self.menu)
        # The new school year: the class this board showed may have been followed by one.
        self.new_class = NewClassPrompt(classroom.school_year, self.open_new_class, self)
        self._shown_at_start = classroom.settings.preference(prefs.CURRENT_CLASS)
        self._connect()
        self.reload_classes()

    # Building ---------------------------------------------------------------------------

    def _connect(self) -> None:
        self.bar.class_chosen.connect(self.open_class)
        self.bar.whole_class_clicked.connect(self.award_whole_class)
        self.bar.multi_select_toggled.connect(self._set_multi_select)
        self.bar.award_selected_clicked.connect(self.award_selected)
        self.bar.tools_clicked.connect(self.screens.open_lesson_tools)
        self.grid.student_activated.connect(self.pick_skill_for)
        self.grid.selection_changed.connect(self.bar.set_selected_count)
        self.grid.history_requested.connect(self.show_history)
        self.toast.undo_requested.connect(self.undo_batch)
        self.first_run.demo_requested.connect(self.open_demo_class)
        self.first_run.new_class_requested.connect(self.setup.new_class)
        self.first_run.import_requested.connect(self.setup.import_csv)

    def build_after_first_frame(self) -> None:
        """Make what the first frame does not show (the skill picker), so that the first
        tap finds it ready."""
        self._skill_picker()

    def _skill_picker(self) -> SkillPicker:
        if self._picker is None:
            from dojo_desktop.ui.skill_picker import SkillPicker

            # Over the grid only: the class bar and the status line stay readable behind it.
            self._picker = SkillPicker(self.pages)
            self._picker.skill_chosen.connect(self._on_skill_chosen)
            self._picker.story_requested.connect(self._on_story_requested)
        return self._picker

    def attach_sound(self, sound: SoundPlayer) -> None:
        """Sound is made after the first paint, so loading it never delays the grid."""
        self.sound_and_privacy.attach_sound(sound)
        sound.unavailable.connect(self.show_notice)
        if not sound.is_available() and sound.unavailable_reason():
            self.show_notice(sound.unavailable_reason() or "")

    # Classes ----------------------------------------------------------------------------

    @property
    def class_id(self) -> str | None:
        return self._class_id

    def reload_classes(self) -> None:
        classes = self.classroom.roster.classes()
        wanted = self._class_id or self.classroom.settings.preference(prefs.CURRENT_CLASS)
        ids = [c.id for c in classes]
        current = wanted if wanted in ids else (ids[0] if ids else None)
        self.bar.set_classes(classes, current)
        if current is None:
            self.pages.setCurrentWidget(self.first_run)
            self._set_lesson_controls(False)
        else:
            self.open_class(current)

    def open_class(self, class_id: str) -> None:
        changed = class_id != self._class_id
        self._class_id = class_id
        self.pages.setCurrentWidget(self.grid)
        self._set_lesson_controls(True)
        self.grid.set_cards(self.classroom.cards(class_id))
        self.target_rings.show_class(class_id)
        self._refresh_class_total()
        if changed:
            self.toast.dismiss()
            self._save_preference(prefs.CURRENT_CLASS, class_id)
            if not self.bar.class_combo.hasFocus():  # arrowing through the classes stays
                self.grid.focus_first()

    def open_demo_class(self) -> None:
        self.open_new_class(self.classroom.create_demo_class().id)

    def open_new_class(self, class_id: str) -> None:
        """A class made here: list it and open it."""
        self._class_id = class_id
        self.reload_classes()

    def _set_lesson_controls(self, on: bool) -> None:
        for widget in (self.bar.whole_class, self.bar.select_several, self.bar.class_combo,
                       self.bar.tools):
            widget.setEnabled(on)

    # Awarding ---------------------------------------------------------------------------

    def pick_skill_for(self, student_id: str) -> None:
        student = self.classroom.roster.student(student_id)
        if student is not None:
            self._pick([student_id], self.tr("Award {name}").format(name=student.display_name),
                       story_for=student_id)

    def award_whole_class(self) -> None:
        ids = self.grid.student_ids()
        if ids:
            self._pick(ids, self.tr("Award the whole class"))

    def award_selected(self) -> None:
        ids = self.grid.selected_ids()
        if ids:
            self._pick(ids, self.tr("Award {count} students").format(count=len(ids)))

    def award_students(self, student_ids: list[str], heading: str) -> None:
        """The skill picker for these children (a group): one tap awards them one batch."""
        if student_ids:
            self._pick(student_ids, heading)

    def _pick(self, student_ids: list[str], heading: str, story_for: str | None = None) -> None:
        if self._class_id is None:
            return
        self._pick_for, self._story_for = student_ids, story_for
        skills = self.classroom.skills.list(self._class_id)
        self._offered = {skill.id: skill for skill in skills}
        self._skill_picker().present(skills, heading,
                                     hide_needs_work=self.sound_and_privacy.privacy_on(),
                                     offer_story=story_for is not None)

    def _on_skill_chosen(self, skill_id: str) -> None:
        student_ids, self._pick_for = self._pick_for, []
        if not student_ids:
            return
        skill = self._offered.get(skill_id)
        if len(student_ids) > 1 and skill is not None and skill.points < 0:
            # A needs-work point for many children at once is asked again, never one tap.
            from dojo_desktop.ui.needs_work_question import ask_needs_work

            self.confirmation = ask_needs_work(
                self, skill.name, skill.points, len(student_ids),
                lambda: self.award(student_ids, skill_id))
        else:
            self.award(student_ids, skill_id)

    def _on_story_requested(self) -> None:
        student_id, self._story_for = self._story_for, None
        if student_id is not None:
            self.screens.open_student_story(student_id)

    @property
    def picker(self) -> SkillPicker | None:
        """The skill picker while it is open."""
        return self._picker if self._picker is not None and self._picker.isVisible() else None

    def award(self, student_ids: list[str], skill_id: str) -> AwardResult | None:
        """Commit the award, play the sound, animate and repaint the changed tiles."""
        if self._class_id is None:
            return None
        try:
            result = self.classroom.awards.give(self._class_id, student_ids, skill_id)
        except (InvalidInputError, StorageError) as exc:
            self.show_error(error_text(exc))
            return None
        if self.sound_and_privacy.sound is not None:
            self.sound_and_privacy.sound.play(result.points > 0)
        # The new award is in this period, so each total grows by its points: the tiles
        # repaint in this frame without a query, which follows once the taps pause.
        self.grid.add_points(student_ids, result.points)
        self._refresh_class_total()
        self.recount.note(result.changes.students)
        self.changes.publish(result.changes, writer=self)
        hidden = self.sound_and_privacy.privacy_on() and result.points < 0
        if not hidden:
            self.grid.show_award(student_ids, result.points)
        self._last_batch = result.batch_id
        self.toast.show_award(result.batch_id, result.points, result.skill.name,
                              recipients_text(student_ids, self.grid, self.classroom.roster))
        if self.bar.select_several.isChecked():
            self.bar.set_multi_select(False)
        return result

    def undo_batch(self, batch_id: str) -> None:
        try:
            changes = self.classroom.awards.undo_batch(batch_id)
        except StorageError as exc:
            self.show_error(error_text(exc))
            return
        self.changes.publish(changes)
        self.toast.dismiss()
        self.statusBar().showMessage(self.tr("Award undone."), 4000)

    def undo_last(self) -> None:
        if self._last_batch:
            self.undo_batch(self._last_batch)
            self._last_batch = None

    def show_changes(self, changes: Changes) -> None:
        """Repaint what the board shows of a change made here, in a dialog or elsewhere."""
        if changes.classes:
            shown = self._class_id
            self.reload_classes()  # the class list, then the open class's tiles
            self.new_class.ask_for(shown)
        elif self._class_id is None:
            return
        elif changes.roster or changes.settings:  # students or the points period
            self.grid.set_cards(self.classroom.cards(self._class_id))
            self.target_rings.show_class(self._class_id)
        elif changes.students and self.changes.writer() is not self:
            # (A tap has painted its own tiles, and recounts them once the taps pause.)
            ids = changes.students.intersection(self.grid.student_ids())
            if ids:
                self._recount_totals(frozenset(ids))
        else:
            return  # nothing the board shows
        self._refresh_class_total()

    def set_sync_status(self, status: SyncStatus) -> None:
        if status.waiting < self.sync_indicator.status.waiting:  # "waiting to send" badges
            self.changes.publish(Changes(stories=True, messages=True))
        self.sync_indicator.set_status(status)

    def _recount_totals(self, student_ids: frozenset[str]) -> None:
        if self._class_id is None:
            return
        ids = list(student_ids)
        # For the whole class one pass over the class's awards beats 28 walks.
        wanted = ids if len(ids) < len(self.grid.student_ids()) else None
        totals = self.classroom.awards.totals(self._class_id, wanted)
        self.grid.update_points({sid: totals.get(sid, 0) for sid in ids})
        self.target_rings.refresh(ids)
        self._refresh_class_total()

    def _refresh_class_total(self) -> None:
        # The tiles already hold every student's total: summing them costs no query.
        if self._class_id is not None:
            self.bar.set_class_total(sum(tile.points() for tile in self.grid.tiles()))

    def _set_multi_select(self, on: bool) -> None:
        self.grid.set_multi_select(on)
        self.bar.set_selected_count(0)

    # Preferences and settings -----------------------------------------------------------

    def set_privacy(self, on: bool) -> None:
        self.sound_and_privacy.set_privacy(on)

    def set_period(self, kind: PeriodKind) -> None:
        try:
            self.changes.publish(self.classroom.settings.set_period(kind))
        except StorageError as exc:
            self.show_error(error_text(exc))

    def _save_preference(self, key: str, value: object) -> None:
        try:
            self.classroom.settings.set_preference(key, value)
        except StorageError as exc:
            self.show_error(error_text(exc))

    # Dialogs ----------------------------------------------------------------------------

    def show_history(self, student_id: str) -> None:
        self.screens.open_history(student_id)

    def history_for_focused(self) -> None:
        student_id = self.grid.focused_id()
        if student_id:
            self.show_history(student_id)

    def set_reading_distance(self, metres: float | None) -> None:
        """Size everything, open or not, for a class reading from ``metres`` away."""
        change_reading_distance(self, metres)

    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    # Messages ---------------------------------------------------------------------------

    def show_notice(self, text: str) -> None:
        """A calm message in the status line: never a modal dialog for something minor."""
        self.statusBar().showMessage(text, 15000)

    def show_error(self, text: str) -> None:
        from dojo_desktop.ui.message_sheet import tell

        tell(self, self.tr("Not saved"), text)

    def showEvent(self, event: QShowEvent) -> None:
        """Keyboard focus starts on the grid's first tile, not on the class list."""
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.grid.focus_first()
            self.new_class.ask_for(self._shown_at_start)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.toast_strip.follow_window()
        super().resizeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.toast.dismiss()
        if self._picker is not None:
            self._picker.reject()
        self.recount.cancel()  # the database may be closed right after the window
        self.screens.close_all()  # their clocks read the database too
        super().closeEvent(event)
