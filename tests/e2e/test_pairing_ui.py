"""Settings -> Connect to school server, against a real server: pairs, or says why not."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from school_kit import School

from dojo_desktop.services.classroom import open_classroom
from dojo_desktop.ui.pairing_dialog import PairingDialog


def test_pairing_with_a_good_code(qtbot: QtBot, school: School, tmp_path: Path) -> None:
    classroom = open_classroom(tmp_path / "board")
    try:
        dialog = PairingDialog(classroom)
        qtbot.addWidget(dialog)
        dialog.url.setText(school.url)
        dialog.code.setText(school.code("teacher"))
        with qtbot.waitSignal(dialog.paired, timeout=10_000):
            dialog.connect_now()
        assert classroom.sync.server_url() == school.url
        assert classroom.sync.token()
    finally:
        classroom.close()


def test_a_wrong_code_is_explained_and_nothing_is_stored(qtbot: QtBot, school: School,
                                                         tmp_path: Path) -> None:
    classroom = open_classroom(tmp_path / "board")
    try:
        dialog = PairingDialog(classroom)
        qtbot.addWidget(dialog)
        dialog.url.setText(school.url)
        dialog.code.setText("ABCD-EFGH")
        dialog.connect_now()
        qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=10_000)
        assert "code" in dialog.message.text().lower()
        assert classroom.sync.server_url() is None
    finally:
        classroom.close()


def test_no_server_there_is_explained(qtbot: QtBot, tmp_path: Path) -> None:
    classroom = open_classroom(tmp_path / "board")
    try:
        dialog = PairingDialog(classroom)
        qtbot.addWidget(dialog)
        dialog.url.setText("http://127.0.0.1:9")  # the discard port: nothing listens
        dialog.code.setText("ABCD-EFGH")
        dialog.connect_now()
        qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=15_000)
        assert "cannot be reached" in dialog.message.text()
    finally:
        classroom.close()
