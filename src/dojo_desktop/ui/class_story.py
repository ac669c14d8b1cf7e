"""The class story: the feed of posts, and a composer for text, photos and documents."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dojo_desktop.core.stories import Story, StoryScope
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import InvalidInputError, StorageError
from dojo_desktop.services.views import Changes
from dojo_desktop.ui.attachment_tray import (
    AttachmentTray,
    ComposeEdit,
    attachment_icon,
    files_text,
)
from dojo_desktop.ui.avatar_chooser import message_label, show_message, touch_button
from dojo_desktop.ui.dates import moment
from dojo_desktop.ui.resources import touch_target_px
from dojo_desktop.ui.speaker_check import when_speaker_confirmed
from dojo_desktop.ui.translations import error_text

WAITING_COLOR = QColor("#FEF3C7")


class ClassStoryDialog(QDialog):
    """Posts of a class (or the school), newest first; write, edit or delete a post."""

    changed = Signal(object)  # Changes: a post written, edited or deleted here

    def __init__(self, classroom: Classroom, class_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._classroom = classroom
        self._class_id = class_id
        self._editing: str | None = None
        self._confirming_delete = False
        self.setWindowTitle(self.tr("Class story"))
        self.setAccessibleName(self.windowTitle())
        target = touch_target_px(parent or self)
        self.resize(target * 22, target * 13)
        leader = classroom.stories.may_post_to_school()

        self.feed_choice = QComboBox(self)
        self.feed_choice.setAccessibleName(self.tr("Which story"))
        self.feed_choice.setMinimumHeight(target)
        for group in classroom.roster.classes():
            self.feed_choice.addItem(self.tr("{name} story").format(name=group.name), group.id)
        self.feed_choice.addItem(self.tr("School story"), "")
        self.feed_choice.setCurrentIndex(max(0, self.feed_choice.findData(class_id)))
        self.feed_choice.currentIndexChanged.connect(lambda _i: self.reload())
        self.feed = QListWidget(self)
        self.feed.setAccessibleName(self.tr("Posts"))
        self.feed.setWordWrap(True)
        self.feed.setSpacing(4)
        self.feed.setIconSize(QSize(target * 2, target * 2))
        self.feed.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.edit_button = touch_button(self, self.tr("Edit post"), target)
        self.edit_button.clicked.connect(self.start_editing)
        self.delete_button = touch_button(self, self.tr("Delete post"), target)
        self.delete_button.clicked.connect(self.delete_selected)

        self.heading = QLabel(self.tr("New post"), self)
        self.heading.setAccessibleName(self.tr("Composer heading"))
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.text = ComposeEdit(self)
        self.text.setAccessibleName(self.tr("Post text"))
        self.text.setPlaceholderText(self.tr("What happened in class today? Paste or drop "
                                             "photos and documents here too."))
        self.tray = AttachmentTray(classroom, target, self)
        self.text.files_dropped.connect(self.tray.add_paths)
        self.text.image_pasted.connect(self.tray.add_image)
        self.classes = QListWidget(self)
        self.classes.setAccessibleName(self.tr("Post to these classes"))
        for group in classroom.roster.classes():
            item = QListWidgetItem(group.name)
            item.setData(Qt.ItemDataRole.UserRole, group.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = Qt.CheckState.Checked if group.id == class_id else Qt.CheckState.Unchecked
            item.setCheckState(checked)
            self.classes.addItem(item)
        self.classes.setMaximumHeight(round(target * 2.2))
        self.school = QCheckBox(self.tr("Post to the whole school story"), self)
        self.school.setAccessibleName(self.school.text())
        self.school.setMinimumHeight(target)
        self.school.setVisible(leader)
        self.school.toggled.connect(lambda on: self.classes.setEnabled(not on))
        self.post_button = touch_button(self, self.tr("Post"), target)
        self.post_button.setDefault(False)
        self.post_button.clicked.connect(self.submit)
        self.text.submit_requested.connect(self.submit)
        self.cancel_edit_button = touch_button(self, self.tr("Cancel editing"), target)
        self.cancel_edit_button.clicked.connect(self.stop_editing)
        self.cancel_edit_button.hide()
        self.message = message_label(self, self.tr("Post status"))
        self._layout(target)
        self.reload()

    def _layout(self, target: int) -> None:
        left = QWidget(self)
        feed_layout = QVBoxLayout(left)
        feed_layout.addWidget(self.feed_choice)
        feed_layout.addWidget(self.feed, 1)
        row = QHBoxLayout()
        row.addWidget(self.edit_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        feed_layout.addLayout(row)
        right = QWidget(self)
        composer = QVBoxLayout(right)
        composer.addWidget(self.heading)
        composer.addWidget(self.text, 1)
        composer.addWidget(self.tray)
        composer.addWidget(QLabel(self.tr("Post to:"), right))
        composer.addWidget(self.classes)
        composer.addWidget(self.school)
        composer.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_edit_button)
        buttons.addWidget(self.post_button)
        composer.addLayout(buttons)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([target * 12, target * 10])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # Feed -------------------------------------------------------------------------------

    def chosen_class(self) -> str | None:
        """The class whose story is shown; None for the school story."""
        return str(self.feed_choice.currentData()) or None

    def show_changes(self, changes: Changes) -> None:
        """A post made, approved or sent elsewhere (its "Waiting to send" may go)."""
        if changes.stories:
            self.reload()

    def reload(self) -> None:
        """Read the feed again, keeping the chosen post chosen."""
        chosen = self.selected_story()
        class_id = self.chosen_class()
        stories = (self._classroom.stories.class_feed(class_id) if class_id
                   else self._classroom.stories.school_feed())
        zone = ZoneInfo(self._classroom.settings.timezone())
        self.feed.clear()
        for story in stories:
            item = QListWidgetItem(self._describe(story, zone))
            item.setData(Qt.ItemDataRole.UserRole, story.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, item.text())
            if story.attachments:
                item.setIcon(attachment_icon(self, self._classroom.attachments.describe(
                    story.attachments[0])))
            if story.waiting_to_send:
                item.setBackground(QBrush(WAITING_COLOR))
            self.feed.addItem(item)
            if chosen is not None and story.id == chosen.id:
                self.feed.setCurrentItem(item)
        if not stories:
            empty = QListWidgetItem(self.tr("No posts yet."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.feed.addItem(empty)
        self._update_buttons()

    def _describe(self, story: Story, zone: ZoneInfo) -> str:
        when = moment(story.at_ms, zone)
        author = story.author_name or self.tr("Staff")
        head = f"{author} · {when}"
        if story.scope is StoryScope.STUDENT:
            head = self.tr("{head} · student story").format(head=head)
        if len(story.class_ids) > 1:
            head = self.tr("{head} · {count} classes").format(head=head,
                                                              count=len(story.class_ids))
        if story.attachments:
            head += " · " + files_text(len(story.attachments))
        if story.refused:
            head += " · " + self.tr("Not accepted by the school server (see the sync details)")
        elif story.waiting_to_send:
            head += " · " + self.tr("Waiting to send")
        return f"{head}\n{story.text}" if story.text else head

    def selected_story(self) -> Story | None:
        item = self.feed.currentItem()
        story_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        return self._classroom.stories.story(str(story_id)) if story_id else None

    def _update_buttons(self) -> None:
        chosen = self.selected_story() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self._confirming_delete = False
        self.delete_button.setText(self.tr("Delete post"))
        self.delete_button.setAccessibleName(self.delete_button.text())

    # Writing ----------------------------------------------------------------------------

    def chosen_classes(self) -> list[str]:
        return [str(self.classes.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.classes.count())
                if self.classes.item(i).checkState() == Qt.CheckState.Checked]

    def submit(self) -> None:
        """Post the new post, or save the one being edited."""
        if self.tray.busy:
            show_message(self.message, self.tr("Wait a moment: a file is still being checked."))
            return
        when_speaker_confirmed(self, self._classroom.staff, self._submit)

    def _submit(self) -> None:
        text, files = self.text.toPlainText(), self.tray.sha256s()
        try:
            if self._editing is not None:
                changes = self._classroom.stories.edit(self._editing, text, files)
                done = self.tr("Changes saved.")
            else:
                changes = self._classroom.stories.post(
                    text, self.chosen_classes(), files, school=self.school.isChecked()).changes
                done = self.tr("Posted. It goes to families when this computer reaches the "
                               "school server.")
        except (InvalidInputError, StorageError) as exc:
            show_message(self.message, error_text(exc))
            return
        self.stop_editing()
        show_message(self.message, done, error=False)
        self.reload()
        self.changed.emit(changes)

    def start_editing(self) -> None:
        story = self.selected_story()
        if story is None:
            return
        self._editing = story.id
        self.heading.setText(self.tr("Editing a post"))
        self.text.setPlainText(story.text)
        self.tray.set_attachments(story.attachments)
        self.classes.setEnabled(False)
        self.school.setEnabled(False)
        self.post_button.setText(self.tr("Save changes"))
        self.post_button.setAccessibleName(self.post_button.text())
        self.cancel_edit_button.show()
        self.text.setFocus()

    def stop_editing(self) -> None:
        self._editing = None
        self.heading.setText(self.tr("New post"))
        self.text.clear()
        self.tray.clear()
        self.classes.setEnabled(not self.school.isChecked())
        self.school.setEnabled(True)
        self.post_button.setText(self.tr("Post"))
        self.post_button.setAccessibleName(self.post_button.text())
        self.cancel_edit_button.hide()
        show_message(self.message, "")

    def delete_selected(self) -> None:
        """First press asks, second press deletes (no modal dialog to dismiss)."""
        story = self.selected_story()
        if story is None:
            return
        if not self._confirming_delete:
            self._confirming_delete = True
            self.delete_button.setText(self.tr("Really delete?"))
            self.delete_button.setAccessibleName(self.delete_button.text())
            return
        when_speaker_confirmed(self, self._classroom.staff, lambda: self._delete(story.id))

    def _delete(self, story_id: str) -> None:
        try:
            changes = self._classroom.stories.delete(story_id)
        except (InvalidInputError, StorageError) as exc:
            show_message(self.message, error_text(exc))
            return
        if self._editing == story_id:
            self.stop_editing()
        show_message(self.message, self.tr("Post deleted."), error=False)
        self.reload()
        self.changed.emit(changes)
