"""The skill editor: add, change, archive and reorder the skills adults award by."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dojo_desktop.core.model import Polarity, Skill
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import InvalidInputError, StorageError
from dojo_desktop.services.views import Changes
from dojo_desktop.ui.avatar_chooser import message_label, show_message, touch_button, untinted_icon
from dojo_desktop.ui.resources import skill_icon, touch_target_px
from dojo_desktop.ui.scale import type_px
from dojo_desktop.ui.skill_form_parts import ICON_NAMES, IconGrid, PointsStepper
from dojo_desktop.ui.translations import error_text, keep_ltr
from dojo_desktop.ui.undo_toast import points_text
from dojo_protocol.limits import MAX_POINTS, MIN_POINTS

_ARCHIVED = QColor("#6B7280")


class SkillEditorDialog(QDialog):
    """The skill list on the left, the selected (or new) skill's form on the right."""

    changed = Signal(object)  # Changes: a skill saved, archived or moved here

    def __init__(self, classroom: Classroom, class_id: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._classroom = classroom
        self._class_id = class_id
        self._skills: list[Skill] = []
        self._editing: Skill | None = None  # None: the form describes a new skill
        # A teacher's device changes the skills of a class only; a leader's, every skill.
        self._school_wide = classroom.skills.may_change_school_skills()
        self._target = target = touch_target_px(parent or self)
        font = QFont(self.font())
        font.setPixelSize(type_px(self, 0.3))
        self.setFont(font)
        self.setWindowTitle(self.tr("Skills"))
        self.setAccessibleName(self.tr("Skills"))
        side = round(target * 0.45)
        self.setStyleSheet(f"QCheckBox::indicator, QRadioButton::indicator "
                           f"{{ width: {side}px; height: {side}px; }}")

        columns = QHBoxLayout()
        columns.setSpacing(target // 2)
        columns.addLayout(self._list_column(), 2)
        # The form scrolls on a short screen rather than push Close below the taskbar.
        form = QWidget(self)
        form.setLayout(self._form_column())
        scroll = QScrollArea(self)
        scroll.setWidget(form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.viewport().setAutoFillBackground(False)
        form.setAutoFillBackground(False)  # the dialog's paper shows through
        columns.addWidget(scroll, 3)
        outer = QVBoxLayout(self)
        outer.setSpacing(target // 4)
        outer.addLayout(columns, 1)
        close = self._button(self.tr("Close"))
        close.clicked.connect(self.accept)
        outer.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)

        self._reload()
        # Room for a two-line message under the form without squeezing the fields.
        self.resize(self.sizeHint().expandedTo(self.minimumSizeHint()) + QSize(0, target))
        if self.skill_list.count():
            self.skill_list.setCurrentRow(0)
        else:
            self.new_skill()
        self.skill_list.setFocus(Qt.FocusReason.OtherFocusReason)

    # Layout ---------------------------------------------------------------------------

    def _list_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        self.skill_list = QListWidget(self)
        self.skill_list.setAccessibleName(self.tr("Skills"))
        self.skill_list.setIconSize(QSize(round(self._target * 0.6), round(self._target * 0.6)))
        self.skill_list.setSpacing(2)
        self.skill_list.setMinimumWidth(self._target * 5)
        self.skill_list.currentRowChanged.connect(self._row_changed)
        column.addWidget(self._heading(self.tr("Skills"), self.skill_list))
        column.addWidget(self.skill_list, 1)
        row = QHBoxLayout()
        self.add_button = self._button(self.tr("Add skill") if self._school_wide
                                       else self.tr("Add a skill for this class"))
        self.add_button.setAccessibleName(self.add_button.text())
        self.add_button.clicked.connect(self.new_skill)
        self.up_button = self._button(self.tr("Move up"))
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button = self._button(self.tr("Move down"))
        self.down_button.clicked.connect(lambda: self._move(1))
        for button in (self.add_button, self.up_button, self.down_button):
            row.addWidget(button)
        column.addLayout(row)
        return column

    def _form_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        self.form_title = self._heading(self.tr("New skill"), None)
        column.addWidget(self.form_title)
        form = QFormLayout()
        form.setVerticalSpacing(self._target // 5)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.name_edit = self._line_edit(self.tr("Skill name"), self.tr("e.g. Kindness"))
        form.addRow(self._label(self.tr("&Name"), self.name_edit), self.name_edit)

        icons = self._icons = IconGrid(self._target, self)
        self.icon_buttons = icons.buttons
        form.addRow(self._label(self.tr("Icon"), icons), icons)

        kind = QHBoxLayout()
        kind.setSpacing(self._target // 2)
        self.positive_radio = QRadioButton(self.tr("&Positive"), self)
        self.needs_work_radio = QRadioButton(self.tr("Needs &work"), self)
        for radio in (self.positive_radio, self.needs_work_radio):
            radio.setAccessibleName(radio.text().replace("&", ""))
            radio.setMinimumHeight(self._target)
            kind.addWidget(radio)
        kind.addStretch(1)
        self.positive_radio.setChecked(True)
        self.positive_radio.toggled.connect(self._polarity_changed)
        form.addRow(self._label(self.tr("Kind"), self.positive_radio), kind)

        points = PointsStepper(self._target, self)
        self.points_spin = points.spin
        self._step_buttons = points.buttons
        form.addRow(self._label(self.tr("P&oints"), self.points_spin), points)

        self.criteria_edit = self._line_edit(
            self.tr("What earns this"), self.tr("e.g. Helped a classmate without being asked"))
        form.addRow(self._label(self.tr("What &earns this"), self.criteria_edit),
                    self.criteria_edit)

        self.class_only_check = QCheckBox(self.tr("Only for this class"), self)
        self.class_only_check.setAccessibleName(self.tr("Only for this class"))
        self.class_only_check.setToolTip(
            self.tr("Unticked, every class in the school uses this skill."))
        self.class_only_check.setMinimumHeight(self._target)
        self.class_only_check.setVisible(self._class_id is not None)
        self.class_only_check.setEnabled(self._school_wide)
        if self._class_id is not None:
            form.addRow("", self.class_only_check)
        column.addLayout(form)

        # Why a teacher cannot change the skill shown (one every class uses).
        self.locked_label = QLabel(self)
        self.locked_label.setAccessibleName(self.tr("Why this skill cannot be changed here"))
        self.locked_label.setWordWrap(True)
        self.locked_label.hide()
        column.addWidget(self.locked_label)
        self.error_label = message_label(self, self.tr("Problem"))
        self.status_label = message_label(self, self.tr("Status"))
        column.addWidget(self.error_label)
        column.addWidget(self.status_label)
        column.addStretch(1)
        row = QHBoxLayout()
        self.archive_button = self._button(self.tr("Archive"))
        self.archive_button.clicked.connect(self._toggle_archived)
        self.save_button = self._button(self.tr("Save"))
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.archive_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        column.addLayout(row)
        for edit in (self.name_edit, self.criteria_edit):
            edit.returnPressed.connect(self.save)
            edit.textEdited.connect(lambda _text: self._show_message(""))
        return column

    def _heading(self, text: str, buddy: QWidget | None) -> QLabel:
        label = QLabel(text, self)
        font = QFont(self.font())
        font.setPixelSize(type_px(self, 0.4))
        font.setBold(True)
        label.setFont(font)
        if buddy is not None:
            label.setBuddy(buddy)
        return label

    def _line_edit(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        edit.setMinimumHeight(round(self._target * 0.8))
        return edit

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        # As tall as its field, so the words sit level with the field's middle.
        label.setMinimumHeight(buddy.minimumHeight())
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return label

    def _button(self, text: str) -> QPushButton:
        return touch_button(self, text, self._target)

    # State ----------------------------------------------------------------------------

    def selected_skill(self) -> Skill | None:
        return self._editing

    def _reload(self, select_id: str | None = None) -> None:
        self._skills = self._classroom.skills.list(self._class_id, include_archived=True)
        dpr = self.devicePixelRatioF()
        icon_side = self.skill_list.iconSize().width()
        self.skill_list.blockSignals(True)
        self.skill_list.clear()
        for skill in self._skills:
            text = f"{skill.name}   {keep_ltr(points_text(skill.points))}"
            if skill.archived:
                text = self.tr("{skill} (archived)").format(skill=text)
            item = QListWidgetItem(untinted_icon(skill_icon(skill.icon, icon_side, dpr)), text)
            item.setData(Qt.ItemDataRole.UserRole, skill.id)
            item.setSizeHint(QSize(0, self._target))
            if skill.archived:
                item.setForeground(QBrush(_ARCHIVED))
            if skill.criteria:
                item.setToolTip(skill.criteria)
            self.skill_list.addItem(item)
        self.skill_list.blockSignals(False)
        if select_id is not None:
            rows = [i for i, s in enumerate(self._skills) if s.id == select_id]
            self.skill_list.setCurrentRow(rows[0] if rows else -1)
        self._update_buttons()

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self._skills):
            self._load(self._skills[row])
        self._update_buttons()

    def new_skill(self) -> None:
        """Clear the form for a new skill."""
        self.skill_list.blockSignals(True)
        self.skill_list.setCurrentRow(-1)
        self.skill_list.blockSignals(False)
        self._load(None)
        self._update_buttons()
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _load(self, skill: Skill | None) -> None:
        self._editing = skill
        self._show_message("")
        self.form_title.setText(self.tr("Edit skill") if skill else self.tr("New skill"))
        self.name_edit.setText(skill.name if skill else "")
        self.criteria_edit.setText(skill.criteria if skill else "")
        self.criteria_edit.setCursorPosition(0)  # its start shows, not its last words
        icon = skill.icon if skill and skill.icon in self.icon_buttons else ICON_NAMES[1]
        self.icon_buttons[icon].setChecked(True)
        positive = skill is None or skill.is_positive
        (self.positive_radio if positive else self.needs_work_radio).setChecked(True)
        self._polarity_changed()
        self.points_spin.setValue(skill.points if skill else 1)
        self.class_only_check.setChecked(
            bool(skill.class_id) if skill else not self._school_wide)
        locked = not self.may_change(skill)
        for field in (self.name_edit, self.criteria_edit, self.positive_radio,
                      self.needs_work_radio, self.points_spin, *self._step_buttons,
                      *self.icon_buttons.values()):
            field.setEnabled(not locked)
        self.locked_label.setVisible(locked)
        if skill is None and not self._school_wide and self._class_id is None:
            self.locked_label.setText(self.tr(
                "Only a school leader can add a skill every class uses. Choose a class "
                "to add a skill for it."))
        elif locked:
            self.locked_label.setText(self.tr(
                "Every class in the school uses this skill, so only a school leader can "
                "change it. To reward something else, add a skill for this class."))

    def may_change(self, skill: Skill | None) -> bool:
        """True if this device may change ``skill`` (None: a new one, here)."""
        if skill is not None:
            return skill.class_id is not None or self._school_wide
        return self._school_wide or self._class_id is not None

    def _update_buttons(self) -> None:
        editing = self._editing
        changeable = self.may_change(editing)
        self.archive_button.setEnabled(editing is not None and changeable)
        self.save_button.setEnabled(changeable)
        self.add_button.setEnabled(self.may_change(None))
        self.archive_button.setText(
            self.tr("Restore") if editing and editing.archived else self.tr("Archive"))
        self.archive_button.setAccessibleName(self.archive_button.text())
        self.up_button.setEnabled(self._neighbour(-1) is not None)
        self.down_button.setEnabled(self._neighbour(1) is not None)

    def _polarity_changed(self) -> None:
        # Keep the size of the reward when the kind flips: +2 becomes −2 and back.
        magnitude = abs(self.points_spin.value()) or 1
        if self.positive_radio.isChecked():
            self.points_spin.setRange(1, MAX_POINTS)
            self.points_spin.setValue(magnitude)
        else:
            self.points_spin.setRange(MIN_POINTS, -1)
            self.points_spin.setValue(-magnitude)

    def _show_message(self, text: str, *, error: bool = True) -> None:
        show_message(self.error_label if error else self.status_label, text, error=error)
        (self.status_label if error else self.error_label).hide()

    # Writes ---------------------------------------------------------------------------

    def form_skill(self) -> Skill:
        """The skill as the form describes it (not yet checked or stored)."""
        base = self._editing
        icon = self._icons.checked_name() or ICON_NAMES[1]
        polarity = Polarity.POSITIVE if self.positive_radio.isChecked() else Polarity.NEEDS_WORK
        class_id = self._class_id if self.class_only_check.isChecked() else None
        return Skill(base.id if base else "", self.name_edit.text(), icon, polarity,
                     self.points_spin.value(), self.criteria_edit.text(),
                     base.position if base else 0, base.archived if base else False, class_id)

    def save(self) -> None:
        """Check and store the form; the reason appears under the form if it cannot."""
        try:
            saved, changes = self._classroom.skills.save(self.form_skill())
        except (InvalidInputError, StorageError) as exc:
            self._show_message(error_text(exc))
            self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._reload(select_id=saved.id)
        self._show_message(self.tr("Saved “{name}”.").format(name=saved.name), error=False)
        self.changed.emit(changes)

    def _toggle_archived(self) -> None:
        skill = self._editing
        if skill is None:
            return
        try:
            changes = self._classroom.skills.archive(skill.id, not skill.archived)
        except (InvalidInputError, StorageError) as exc:
            self._show_message(error_text(exc))
            return
        self._reload(select_id=skill.id)
        message = (self.tr("“{name}” is back in the picker.") if skill.archived
                   else self.tr("“{name}” is archived; past awards keep it."))
        self._show_message(message.format(name=skill.name), error=False)
        self.changed.emit(changes)

    def _neighbour(self, step: int) -> int | None:
        """The row to swap with: the next skill of the same kind, as the picker groups them."""
        row = self.skill_list.currentRow()
        if not 0 <= row < len(self._skills):
            return None
        other = row + step
        if 0 <= other < len(self._skills) and (
                self._skills[other].polarity == self._skills[row].polarity):
            return other
        return None

    def _move(self, step: int) -> None:
        row = self.skill_list.currentRow()
        other = self._neighbour(step)
        if other is None:
            return
        order = [s.id for s in self._skills]
        order[row], order[other] = order[other], order[row]
        try:
            changes = self._classroom.skills.reorder(order)
        except (InvalidInputError, StorageError) as exc:
            self._show_message(error_text(exc))
            return
        self._reload(select_id=order[other])
        self._show_message("")
        self.changed.emit(changes)

    def show_changes(self, changes: Changes) -> None:
        """Another device changed the skills: list them again, the same one chosen."""
        if changes.skills:
            self._reload(select_id=self._editing.id if self._editing else None)
