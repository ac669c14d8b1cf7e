"""The welcome page shown when there is no class yet: try the demo or start a real class."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from dojo_desktop.ui.resources import touch_target_px
from dojo_desktop.ui.scale import type_px


class FirstRunPage(QWidget):
    """Two big choices, nothing else to read."""

    demo_requested = Signal()
    new_class_requested = Signal()
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel(self.tr("Welcome to Dojo Desktop"), self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle = QLabel(self.tr("Everything is saved on this computer first, "
                                  "so it works without the internet."), self)
        subtitle.setWordWrap(True)
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title)
        layout.addWidget(subtitle)
        self.buttons: list[QPushButton] = []
        for text, signal in ((self.tr("Try the demo class"), self.demo_requested),
                             (self.tr("Create my class"), self.new_class_requested),
                             (self.tr("Import students from a CSV file…"),
                              self.import_requested)):
            button = QPushButton(text, self)
            button.setAccessibleName(text)
            button.clicked.connect(signal)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
            self.buttons.append(button)
        self.follow_scale()

    def follow_scale(self) -> None:
        """The title, spacing and buttons at the app's scale (again, at a new distance)."""
        target = touch_target_px(self.parentWidget() or self)
        layout = self.layout()
        assert layout is not None
        layout.setSpacing(target // 3)
        font = QFont(self.title.font())
        font.setPixelSize(type_px(self, 0.8))
        font.setBold(True)
        self.title.setFont(font)
        for button in self.buttons:
            button.setMinimumSize(target * 6, target)
