"""The roster editor: add, rename, archive and restore students, set avatars, import a CSV."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dojo_desktop.core.model import Student
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import InvalidInputError, StorageError
from dojo_desktop.services.views import Changes
from dojo_desktop.ui.avatar_chooser import (
    AvatarChooser,
    FileAsker,
    ask_open_file,
    message_label,
    show_message,
    student_avatar_pixmap,
    touch_button,
    untinted_icon,
)
from dojo_desktop.ui.csv_import import import_roster_csv
from dojo_desktop.ui.resources import touch_target_px
from dojo_desktop.ui.scale import type_px
from dojo_desktop.ui.translations import error_text
from dojo_protocol.limits import MAX_PERSON_NAME

_ARCHIVED = QColor("#6B7280")


class RosterEditorDialog(QDialog):
    """The class list on the left; adding and the selected student's details on the right."""

    changed = Signal(object)  # Changes: a student added, renamed, archived or imported here

    def __init__(self, classroom: Classroom, class_id: str, parent: QWidget | None = None,
                 *, ask_file: FileAsker = ask_open_file) -> None:
        super().__init__(parent)
        self._classroom = classroom
        self._class_id = class_id
        self._ask_file = ask_file
        self._students: list[Student] = []
        self._target = target = touch_target_px(parent or self)
        font = QFont(self.font())
        font.setPixelSize(type_px(self, 0.3))
        self.setFont(font)
        names = {c.id: c.name for c in classroom.roster.classes(include_archived=True)}
        title = self.tr("Students in {name}").format(name=names.get(class_id, ""))
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        side = round(target * 0.45)
        self.setStyleSheet(f"QCheckBox::indicator {{ width: {side}px; height: {side}px; }}")

        columns = QHBoxLayout()
        columns.setSpacing(target // 2)
        columns.addLayout(self._list_column(title), 2)
        right = QVBoxLayout()
        right.addWidget(self._add_section())
        right.addWidget(self._selected_section())
        right.addStretch(1)
        columns.addLayout(right, 3)

        bottom = QHBoxLayout()
        self.import_button = self._button(self.tr("Import from CSV…"))
        self.import_button.setAccessibleDescription(
            self.tr("Add many students from a spreadsheet saved as CSV"))
        self.import_button.clicked.connect(self.import_csv)
        self.status_label = message_label(self, self.tr("Status"))
        close = self._button(self.tr("Close"))
        close.clicked.connect(self.accept)
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.status_label, 1)
        bottom.addStretch(0)
        bottom.addWidget(close)

        outer = QVBoxLayout(self)
        outer.setSpacing(target // 4)
        outer.addLayout(columns, 1)
        outer.addLayout(bottom)
        self._reload()
        self.resize(target * 17, target * 12)
        self.first_name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # Layout ---------------------------------------------------------------------------

    def _list_column(self, title: str) -> QVBoxLayout:
        column = QVBoxLayout()
        self.student_list = QListWidget(self)
        self.student_list.setAccessibleName(self.tr("Students"))
        side = round(self._target * 0.75)
        self.student_list.setIconSize(QSize(side, side))
        self.student_list.setMinimumWidth(self._target * 5)
        self.student_list.currentRowChanged.connect(self._row_changed)
        column.addWidget(self._heading(title, self.student_list))
        column.addWidget(self.student_list, 1)
        self.show_archived_check = QCheckBox(self.tr("Show archived students"), self)
        self.show_archived_check.setAccessibleName(self.tr("Show archived students"))
        self.show_archived_check.setMinimumHeight(self._target)
        self.show_archived_check.toggled.connect(lambda _on: self._reload(self._selected_id()))
        column.addWidget(self.show_archived_check)
        return column

    def _add_section(self) -> QFrame:
        frame = self._section()
        grid = QGridLayout(frame)
        grid.addWidget(self._heading(self.tr("Add a student"), None), 0, 0, 1, 3)
        self.first_name_edit = self._name_edit(self.tr("New student's first name"))
        self.last_name_edit = self._name_edit(self.tr("New student's last name"))
        grid.addWidget(self._label(self.tr("&First name"), self.first_name_edit), 1, 0)
        grid.addWidget(self._label(self.tr("&Last name (optional)"), self.last_name_edit), 1, 1)
        grid.addWidget(self.first_name_edit, 2, 0)
        grid.addWidget(self.last_name_edit, 2, 1)
        self.add_button = self._button(self.tr("Add"))
        self.add_button.setAccessibleName(self.tr("Add student"))
        self.add_button.clicked.connect(self.add_student)
        grid.addWidget(self.add_button, 2, 2)
        for edit in (self.first_name_edit, self.last_name_edit):
            edit.returnPressed.connect(self.add_student)
        self.add_error_label = message_label(frame, self.tr("Problem adding"))
        grid.addWidget(self.add_error_label, 3, 0, 1, 3)
        return frame

    def _selected_section(self) -> QFrame:
        frame = self._section()
        grid = QGridLayout(frame)
        self.selected_heading = self._heading(self.tr("Selected student"), None)
        grid.addWidget(self.selected_heading, 0, 0, 1, 3)
        self.avatar_label = QLabel(frame)
        self.avatar_label.setFixedSize(round(self._target * 1.5), round(self._target * 1.5))
        self.avatar_label.setAccessibleName(self.tr("Avatar"))
        grid.addWidget(self.avatar_label, 1, 0)
        self.avatar_button = self._button(self.tr("Change avatar…"))
        self.avatar_button.clicked.connect(self.choose_avatar)
        grid.addWidget(self.avatar_button, 1, 1, Qt.AlignmentFlag.AlignLeft)
        self.edit_first_edit = self._name_edit(self.tr("Selected student's first name"))
        self.edit_last_edit = self._name_edit(self.tr("Selected student's last name"))
        grid.addWidget(self._label(self.tr("First na&me"), self.edit_first_edit), 2, 0)
        grid.addWidget(self._label(self.tr("Last nam&e"), self.edit_last_edit), 2, 1)
        grid.addWidget(self.edit_first_edit, 3, 0)
        grid.addWidget(self.edit_last_edit, 3, 1)
        for edit in (self.edit_first_edit, self.edit_last_edit):
            edit.returnPressed.connect(self.save_name)
        self.save_button = self._button(self.tr("Save name"))
        self.save_button.clicked.connect(self.save_name)
        grid.addWidget(self.save_button, 3, 2)
        self.archive_button = self._button(self.tr("Archive"))
        self.archive_button.clicked.connect(self.toggle_archived)
        grid.addWidget(self.archive_button, 4, 0, Qt.AlignmentFlag.AlignLeft)
        self.edit_error_label = message_label(frame, self.tr("Problem saving"))
        grid.addWidget(self.edit_error_label, 5, 0, 1, 3)
        return frame

    def _section(self) -> QFrame:
        frame = QFrame(self)
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        return frame

    def _heading(self, text: str, buddy: QWidget | None) -> QLabel:
        label = QLabel(text, self)
        font = QFont(self.font())
        font.setPixelSize(type_px(self, 0.4))
        font.setBold(True)
        label.setFont(font)
        if buddy is not None:
            label.setBuddy(buddy)
        return label

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _name_edit(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(name)
        edit.setMaxLength(MAX_PERSON_NAME)
        edit.setMinimumHeight(round(self._target * 0.8))
        edit.setMinimumWidth(self._target * 3)
        return edit

    def _button(self, text: str) -> QPushButton:
        return touch_button(self, text, self._target)

    # State ----------------------------------------------------------------------------

    def selected_student(self) -> Student | None:
        row = self.student_list.currentRow()
        return self._students[row] if 0 <= row < len(self._students) else None

    def _selected_id(self) -> str | None:
        student = self.selected_student()
        return student.id if student else None

    def _reload(self, select_id: str | None = None) -> None:
        show_archived = self.show_archived_check.isChecked()
        students = self._classroom.roster.students(self._class_id, include_archived=True)
        # Archived students go last so the class list reads as it does on the big screen.
        self._students = ([s for s in students if not s.archived]
                          + [s for s in students if s.archived and show_archived])
        side = self.student_list.iconSize().width()
        dpr = self.devicePixelRatioF()
        self.student_list.blockSignals(True)
        self.student_list.clear()
        for student in self._students:
            text = student.display_name
            if student.archived:
                text = self.tr("{name} (archived)").format(name=text)
            pixmap = student_avatar_pixmap(self._classroom, student, side, dpr)
            item = QListWidgetItem(untinted_icon(pixmap), text)
            item.setData(Qt.ItemDataRole.UserRole, student.id)
            item.setSizeHint(QSize(0, self._target))
            if student.archived:
                item.setForeground(QBrush(_ARCHIVED))
            self.student_list.addItem(item)
        rows = [i for i, s in enumerate(self._students) if s.id == select_id]
        self.student_list.setCurrentRow(rows[0] if rows else -1)
        self.student_list.blockSignals(False)
        self._row_changed(self.student_list.currentRow())
        archived = sum(1 for s in students if s.archived)
        self.show_archived_check.setText(
            self.tr("Show archived students ({count})").format(count=archived))

    def _row_changed(self, _row: int) -> None:
        student = self.selected_student()
        for widget in (self.avatar_button, self.edit_first_edit, self.edit_last_edit,
                       self.save_button, self.archive_button):
            widget.setEnabled(student is not None)
        self.edit_error_label.hide()
        self.edit_first_edit.setText(student.first_name if student else "")
        self.edit_last_edit.setText(student.last_name if student else "")
        self.archive_button.setText(
            self.tr("Restore") if student and student.archived else self.tr("Archive"))
        self.archive_button.setAccessibleName(self.archive_button.text())
        self.selected_heading.setText(
            student.display_name if student else self.tr("No student selected"))
        side = self.avatar_label.width()
        if student is None:
            self.avatar_label.clear()
        else:
            self.avatar_label.setPixmap(student_avatar_pixmap(
                self._classroom, student, side, self.devicePixelRatioF()))

    def _show_status(self, text: str, *, error: bool = False) -> None:
        show_message(self.status_label, text, error=error)

    def _changed(self, select_id: str | None, status: str, changes: Changes) -> None:
        self._reload(select_id)
        self._show_status(status)
        self.changed.emit(changes)

    def show_changes(self, changes: Changes) -> None:
        """Another device changed the roster: list the students again, the same one chosen."""
        if changes.roster or changes.classes:
            self._reload(self._selected_id())

    # Writes ---------------------------------------------------------------------------

    def add_student(self) -> None:
        """Add the student typed in the "Add a student" fields, ready for the next one."""
        try:
            student, changes = self._classroom.roster.add_student(
                self._class_id, self.first_name_edit.text(), self.last_name_edit.text())
        except (InvalidInputError, StorageError) as exc:
            show_message(self.add_error_label, error_text(exc))
            self.first_name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        show_message(self.add_error_label, "")
        self.first_name_edit.clear()
        self.last_name_edit.clear()
        # Typing a whole class in one go: focus stays in the first field.
        self.first_name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self._changed(student.id, self.tr("Added {name}.").format(name=student.display_name),
                      changes)

    def save_name(self) -> None:
        student = self.selected_student()
        if student is None:
            return
        try:
            changes = self._classroom.roster.rename_student(
                student.id, self.edit_first_edit.text(), self.edit_last_edit.text())
        except (InvalidInputError, StorageError) as exc:
            show_message(self.edit_error_label, error_text(exc))
            return
        self._changed(student.id, self.tr("Saved."), changes)

    def toggle_archived(self) -> None:
        student = self.selected_student()
        if student is None:
            return
        try:
            changes = self._classroom.roster.archive_student(student.id, not student.archived)
        except (InvalidInputError, StorageError) as exc:
            show_message(self.edit_error_label, error_text(exc))
            return
        if student.archived:
            status = self.tr("{name} is back in the class.")
        else:
            status = self.tr("{name} is archived; their points history is kept.")
        self._changed(student.id, status.format(name=student.display_name), changes)

    def choose_avatar(self) -> None:
        """Open the avatar chooser for the selected student (window-modal, not blocking)."""
        student = self.selected_student()
        if student is None:
            return
        chooser = AvatarChooser(self._classroom, student, self, ask_file=self._ask_file)
        chooser.accepted.connect(lambda: self._changed(
            student.id, self.tr("Avatar changed."),
            Changes(students=frozenset({student.id}), roster=True)))
        chooser.finished.connect(chooser.deleteLater)
        chooser.open()

    def import_csv(self) -> None:
        """Ask for a CSV file and import it whole, or list every problem and import nothing."""
        self._show_status("")
        import_roster_csv(
            self._classroom, self._class_id, self, ask_file=self._ask_file,
            imported=lambda status, changes: self._changed(self._selected_id(), status,
                                                           changes),
            refused=lambda reason: self._show_status(reason, error=True))
