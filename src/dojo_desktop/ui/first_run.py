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
        target = touch_target_px(parent or self)
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.setSpacing(target // 3)
        title = QLabel(self.tr("Welcome to Dojo Desktop"), self)
        font = QFont(self.font())
        font.setPixelSize(type_px(self, 0.8))
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle = QLabel(self.tr("Everything is saved on this computer first, "
                                  "so it works without the internet."), self)
        subtitle.setWordWrap(True)
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        for text, signal in ((self.tr("Try the demo class"), self.demo_requested),
                             (self.tr("Create my class"), self.new_class_requested),
                             (self.tr("Import students from a CSV file…"),
                              self.import_requested)):
            button = QPushButton(text, self)
            button.setAccessibleName(text)
            button.setMinimumSize(target * 6, target)
            button.clicked.connect(signal)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
