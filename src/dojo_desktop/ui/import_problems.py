"""Why a roster CSV was refused: every problem with its line and column, ready to copy."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dojo_desktop.services.errors import CsvProblem
from dojo_desktop.ui.resources import touch_target_px
from dojo_desktop.ui.scale import type_px
from dojo_desktop.ui.translations import problem_text


class ImportProblemsDialog(QDialog):
    """Lists what is wrong with a roster file; nothing of it was stored."""

    def __init__(self, problems: Sequence[CsvProblem], file_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        target = touch_target_px(parent or self)
        font = QFont(self.font())
        font.setPixelSize(type_px(self, 0.3))
        self.setFont(font)
        title = (self.tr("Problems in {file}").format(file=file_name) if file_name
                 else self.tr("Problems in the roster file"))
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._lines = [self._describe(p) for p in problems]

        outer = QVBoxLayout(self)
        outer.setSpacing(target // 4)
        self._heading = QLabel(self.tr("Nothing was imported. Fix these lines and import again:"),
                               self)
        heading_font = QFont(font)
        heading_font.setPixelSize(type_px(self, 0.36))
        heading_font.setBold(True)
        self._heading.setFont(heading_font)
        self._heading.setWordWrap(True)
        self._heading.setAccessibleName(self._heading.text())
        outer.addWidget(self._heading)

        self._list = QListWidget(self)
        self._list.setAccessibleName(self.tr("Problems"))
        self._list.setWordWrap(True)
        self._list.setAlternatingRowColors(True)
        self._list.setSpacing(4)
        for line in self._lines:
            item = QListWidgetItem(line, self._list)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        outer.addWidget(self._list, 1)

        row = QHBoxLayout()
        self._copy = QPushButton(self.tr("Copy"), self)
        self._copy.setAccessibleName(self.tr("Copy the problems"))
        self._copy.setAccessibleDescription(
            self.tr("Copies the list so you can paste it into an email or a note"))
        self._copy.clicked.connect(self.copy_to_clipboard)
        close = QPushButton(self.tr("Close"), self)
        close.setAccessibleName(self.tr("Close"))
        close.setDefault(True)
        close.clicked.connect(self.accept)
        for button in (self._copy, close):
            button.setMinimumHeight(target)
            button.setMinimumWidth(
                max(target * 2, button.fontMetrics().horizontalAdvance(button.text()) + target))
        self._copy.setAutoDefault(False)
        row.addWidget(self._copy)
        row.addStretch(1)
        row.addWidget(close)
        outer.addLayout(row)

        self.resize(target * 12, min(target * 10, target * 4 + len(self._lines) * target))
        self._list.setFocus(Qt.FocusReason.OtherFocusReason)
        if self._list.count():
            self._list.setCurrentRow(0)

    def problem_lines(self) -> list[str]:
        """The problems as shown, one line each."""
        return list(self._lines)

    def text(self) -> str:
        """The heading, the file and every problem: what Copy puts on the clipboard."""
        return "\n".join([self.windowTitle(), self._heading.text(), *self._lines]) + "\n"

    def copy_to_clipboard(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
        self._copy.setText(self.tr("Copied"))

    def _describe(self, problem: CsvProblem) -> str:
        if problem.column:
            return self.tr("Line {line}, column “{column}”: {message}").format(
                line=problem.line, column=problem.column, message=problem_text(problem))
        return self.tr("Line {line}: {message}").format(line=problem.line,
                                                        message=problem_text(problem))
