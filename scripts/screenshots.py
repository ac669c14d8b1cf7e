"""Screenshots for the README: the whiteboard, the skill picker, privacy mode, the class story,
a child's own story, story approvals and messages.

Run under a virtual screen, the way the app runs on a classroom PC:

    xvfb-run -s "-screen 0 1920x1080x24" python3 scripts/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from dojo_desktop.app import start  # noqa: E402
from dojo_desktop.core.events import Event, EventKind  # noqa: E402
from dojo_desktop.core.hlc import Hlc  # noqa: E402
from dojo_desktop.core.ids import uuid7  # noqa: E402
from dojo_desktop.core.managed import ManagedSettings  # noqa: E402
from dojo_desktop.core.messages import student_thread_id  # noqa: E402
from dojo_desktop.services.classroom import Classroom, open_classroom  # noqa: E402
from dojo_desktop.services.settings import STAFF_NAME  # noqa: E402
from dojo_desktop.sync.sync_store import RemoteEvent  # noqa: E402
from dojo_desktop.ui.main_window import MainWindow  # noqa: E402
from dojo_desktop.ui.settings_dialog import SettingsDialog  # noqa: E402


def pump(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def shoot(app: QApplication, path: Path) -> None:
    pump(app, 0.3)
    screen = QGuiApplication.primaryScreen()
    screen.grabWindow(0).save(str(path))
    print(path)


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    data_dir = Path(tempfile.mkdtemp(prefix="dojo-shots-")) / "data"
    started = start(data_dir, demo=True, full_screen=True)
    if started is None:
        return 1
    app, window, classroom = started
    pump(app, 1.0)
    tiles = window.grid.tiles()
    QTest.mouseClick(tiles[9], Qt.MouseButton.LeftButton)
    pump(app, 0.5)
    shoot(app, out / "skill-picker.png")
    picker = window.picker
    assert picker is not None
    QTest.mouseClick(picker.buttons()[4], Qt.MouseButton.LeftButton)
    pump(app, 0.25)  # mid-animation: the +2 rising from the tile
    shoot(app, out / "whiteboard.png")
    pump(app, 1.0)
    window.set_privacy(True)
    shoot(app, out / "privacy-mode.png")
    window.set_privacy(False)
    family_pictures(app, window, classroom, out, data_dir.parent)
    window.close()
    classroom.close()
    shoot_managed_settings(app, data_dir.parent / "managed", out / "settings-managed.png")
    return 0


def shoot_managed_settings(app: QApplication, data_dir: Path, path: Path) -> None:
    """The Settings screen of a PC IT set up: managed values greyed out, with their source."""
    managed = ManagedSettings(
        server_url="https://dojo.hillside.example", privacy_mode=True, whiteboard_mode=True,
        start_at_login=True, ca_bundle="/etc/ssl/certs/hillside-ca.pem",
        source="/etc/xdg/DojoDesktop/DojoDesktop.conf")
    room = open_classroom(data_dir, managed=managed)
    dialog = SettingsDialog(room)
    dialog.resize(900, 420)
    dialog.show()
    pump(app, 0.5)
    dialog.grab().save(str(path))
    dialog.close()
    room.close()
def drawing(folder: Path, name: str, sky: str, ground: str) -> Path:
    """A simple picture to attach, drawn here so the screenshots need no photo files."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (800, 600), sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 420, 800, 600), fill=ground)
    draw.ellipse((600, 60, 720, 180), fill="#FDE047")
    draw.polygon([(180, 420), (330, 170), (480, 420)], fill="#92400E")
    path = folder / name
    image.save(path, format="JPEG")
    return path


def from_portal(classroom: Classroom, kind: EventKind, payload: dict[str, object]) -> None:
    """What the school server's family portal sends: guardians, replies, receipts."""
    event = Event(kind, Hlc(classroom.ctx.now_ms(), 0, "server"), payload)
    classroom.sync.store.apply_page([RemoteEvent(1, event, "server")], "", "")


def family_pictures(app: QApplication, window: MainWindow, classroom: Classroom, out: Path,
                    scratch: Path) -> None:
    class_id = window.class_id
    assert class_id is not None
    classroom.settings.set_preference(STAFF_NAME, "Ms Rossi")
    students = classroom.roster.students(class_id)
    volcano = classroom.attachments.add_file(drawing(scratch, "volcano.jpg", "#BAE6FD", "#4D7C0F"))
    classroom.stories.post("Our volcano models erupted today! Ask your child what makes the "
                           "lava fizz.", [class_id], [volcano.sha256])
    work = classroom.stories.submit_student_item(
        students[2].id, class_id, "I made the biggest eruption in the class!",
        [classroom.attachments.add_file(drawing(scratch, "eruption.jpg", "#FECACA",
                                                "#78350F")).sha256])
    classroom.stories.approve(work.story_id)
    classroom.stories.submit_student_item(students[5].id, class_id,
                                          "My poem about the rain: drip, drop, splash.")
    classroom.stories.submit_student_item(students[7].id, class_id, "I learned my 7 times table")
    skill = next(s for s in classroom.skills.list() if s.points > 0)
    classroom.awards.give(class_id, [students[2].id], skill.id)
    for index, (name, reply) in enumerate([("Sara Okafor", "Thank you! She talked about it all "
                                            "evening."), ("Li Wei", "Is the trip still on?")]):
        student_id = students[2 + index * 3].id
        guardian = uuid7()
        from_portal(classroom, EventKind.GUARDIAN_LINKED, {
            "guardian_id": guardian, "student_id": student_id, "name": name, "at_ms": 1})
        from_portal(classroom, EventKind.MESSAGE_SENT, {
            "message_id": uuid7(), "thread_id": student_thread_id(student_id),
            "student_id": student_id, "body": reply, "sender": "guardian",
            "guardian_id": guardian, "sender_name": name, "at_ms": classroom.ctx.now_ms()})
    classroom.messages.send(students[2].id, f"{students[2].first_name} explained the chemistry "
                            "to the whole class.")

    window.family.open_class_story()
    pump(app, 0.5)
    shoot(app, out / "class-story.png")
    close_screens(app, window)
    QTest.mouseClick(window.grid.tiles()[4], Qt.MouseButton.LeftButton)
    pump(app, 0.5)
    picker = window.picker
    assert picker is not None
    picker.story_requested.emit()
    picker.reject()
    pump(app, 0.5)
    screen = window.family.screens[-1]
    screen.text.setPlainText("We built a bridge out of straws and it held 12 books!")  # type: ignore[attr-defined]
    screen.tray.add_paths([drawing(scratch, "bridge.jpg", "#E0E7FF", "#9CA3AF")])  # type: ignore[attr-defined]
    pump(app, 1.0)
    shoot(app, out / "student-story.png")
    close_screens(app, window)
    window.family.open_story_approvals()
    pump(app, 0.5)
    shoot(app, out / "story-approvals.png")
    close_screens(app, window)
    window.family.open_messages()
    pump(app, 0.5)
    messages = window.family.screens[-1]
    messages.open_thread_of(students[2].id)  # type: ignore[attr-defined]
    pump(app, 0.5)
    shoot(app, out / "messages.png")
    close_screens(app, window)


def close_screens(app: QApplication, window: MainWindow) -> None:
    for screen in list(window.family.screens):
        screen.reject()
    pump(app, 0.3)


if __name__ == "__main__":
    sys.exit(main())
