"""The link home, whole: a teacher posts a photo while offline, goes online, the family sees
it in the portal and replies, and the reply shows in the app with an unread badge."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

from PIL import Image
from portal_kit import Family
from pytestqt.qtbot import QtBot
from school_kit import School, school_day_clock

from dojo_desktop.app import open_main_window
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.ui.messages import MessagesDialog
from dojo_server.domain import invites


def camera_photo() -> bytes:
    """A JPEG like a phone's, with a GPS position in its EXIF."""
    image = Image.new("RGB", (1600, 1200), (200, 120, 40))
    exif = Image.Exif()
    exif[0x8825] = {2: (51.0, 30.0, 0.0), 1: "N"}  # GPSInfo: latitude
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_post_offline_family_sees_it_and_the_reply_comes_back_unread(
        qtbot: QtBot, school: School, sync: Callable[[Classroom], None]) -> None:
    # In school hours, so the message is not held for the evening's quiet hours.
    laptop = school.device("teacher-laptop", "teacher", now_ms=school_day_clock())
    group, _ = laptop.roster.create_class("4B")
    amira, _ = laptop.roster.add_student(group.id, "Amira", "Khan")
    sync(laptop)
    [letter] = invites.create_invites(school.server.db, school.school_id, group.id)
    family = Family(school.url)
    try:
        assert family.join(letter.code, name="Sara Khan").status_code == 303

        # Offline: the post is kept and says it is waiting; the family sees nothing yet.
        original = camera_photo()
        assert 0x8825 in Image.open(io.BytesIO(original)).getexif()
        picture = laptop.attachments.add_bytes(original, "volcano.jpg")
        laptop.stories.post("Our volcano erupted!", [group.id], [picture.sha256])
        assert laptop.stories.class_feed(group.id)[0].waiting_to_send
        story_page = f"/portal/child/{amira.id}/story"
        assert "Our volcano erupted!" not in family.get(story_page).text

        sync(laptop)  # back online
        page = family.get(story_page).text
        assert "Our volcano erupted!" in page
        [photo_path] = re.findall(rf'/portal/child/{amira.id}/files/{picture.sha256}', page)[:1]
        photo = family.get(photo_path)
        assert photo.status_code == 200
        shown = Image.open(io.BytesIO(photo.content))
        assert 0x8825 not in shown.getexif(), "the location never left the laptop"

        laptop.messages.send(amira.id, "Amira explained the chemistry to the class.")
        sync(laptop)
        threads = family.get(f"/portal/child/{amira.id}/messages").text
        [thread_path] = set(re.findall(rf'/portal/child/{amira.id}/messages/[0-9a-f-]{{36}}',
                                       threads))
        assert "Amira explained the chemistry" in family.get(thread_path).text
        assert family.post(thread_path, {"body": "She talked about it all evening!"},
                           files={"photo": ("volcano.jpg", camera_photo(), "image/jpeg")}
                           ).status_code == 303
    finally:
        family.close()

    sync(laptop)
    [thread] = [t for t in laptop.messages.threads(group.id) if t.student_id == amira.id]
    assert thread.unread == 1 and thread.guardians == 1
    mine = [m for m in laptop.messages.student_messages(amira.id) if m.body.startswith("Amira")]
    assert (mine[0].read_by, mine[0].readers_possible) == (1, 1), "read by 1 of 1 guardians"

    window = open_main_window(laptop)
    qtbot.addWidget(window)
    dialog = MessagesDialog(laptop, group.id, window)
    qtbot.addWidget(dialog)
    listed = [dialog.thread_list.item(row).text() for row in range(dialog.thread_list.count())]
    assert any("Amira" in text and "1 new" in text for text in listed), listed
    dialog.open_thread_of(amira.id)
    shown_messages = [dialog.thread_view.item(row).text()
                      for row in range(dialog.thread_view.count())]
    assert any("She talked about it all evening!" in text for text in shown_messages)
    assert any("read by 1 of 1 guardians" in text for text in shown_messages), shown_messages
    [reply] = [m for m in laptop.messages.student_messages(amira.id) if m.body.startswith("She")]
    [photo_sha] = reply.attachments
    fetched = laptop.attachments.describe(photo_sha)
    assert fetched.mime == "image/jpeg" and fetched.size > 0, "the family's photo was fetched"
    assert fetched.path is not None and fetched.thumbnail is not None
    assert fetched.thumbnail.exists()


def test_a_photo_posted_on_the_laptop_is_fetched_by_the_whiteboard(
        school: School, sync: Callable[[Classroom], None]) -> None:
    laptop = school.device("teacher-laptop", "teacher")
    group, _ = laptop.roster.create_class("4B")
    picture = laptop.attachments.add_bytes(camera_photo(), "volcano.jpg")
    laptop.stories.post("Our volcano erupted!", [group.id], [picture.sha256])
    sync(laptop)
    board = school.device("whiteboard", "teacher")
    assert board.attachments.describe(picture.sha256).path is None
    sync(board)
    fetched = board.attachments.describe(picture.sha256)
    assert fetched.path is not None and fetched.path.read_bytes() == \
        laptop.attachments.describe(picture.sha256).path.read_bytes()  # type: ignore[union-attr]
    assert fetched.mime == "image/jpeg" and fetched.thumbnail is not None
    assert laptop.messages.threads(group.id)[0].unread == 0, "opening the thread read it"


def test_a_family_starts_the_conversation_and_the_teacher_sees_it(
        qtbot: QtBot, school: School, sync: Callable[[Classroom], None]) -> None:
    laptop = school.device("teacher-laptop", "teacher")
    group, _ = laptop.roster.create_class("4B")
    ben, _ = laptop.roster.add_student(group.id, "Ben", "Okafor")
    sync(laptop)
    [letter] = invites.create_invites(school.server.db, school.school_id, group.id)
    family = Family(school.url)
    try:
        assert family.join(letter.code, name="Sam Okafor").status_code == 303
        messages = f"/portal/child/{ben.id}/messages"
        assert family.post(messages, {"body": "Ben slept badly last night."}).status_code == 303
    finally:
        family.close()
    sync(laptop)
    [thread] = [t for t in laptop.messages.threads(group.id) if t.student_id == ben.id]
    assert thread.unread == 1 and thread.last_body == "Ben slept badly last night."
    laptop.messages.send(ben.id, "Thank you for telling me; we will take it gently today.")
    assert [m.body for m in laptop.messages.student_messages(ben.id)] == [
        "Ben slept badly last night.", "Thank you for telling me; we will take it gently today."]


def test_a_document_in_a_post_is_a_download_for_the_family_not_a_broken_picture(
        school: School, sync: Callable[[Classroom], None]) -> None:
    laptop = school.device("teacher-laptop", "teacher")
    group, _ = laptop.roster.create_class("4B")
    amira, _ = laptop.roster.add_student(group.id, "Amira", "Khan")
    pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    letter_file = laptop.attachments.add_bytes(pdf, "trip-letter.pdf")
    photo = laptop.attachments.add_bytes(camera_photo(), "bus.jpg")
    laptop.stories.post("The trip letter and the bus", [group.id],
                        [letter_file.sha256, photo.sha256])
    sync(laptop)
    [letter] = invites.create_invites(school.server.db, school.school_id, group.id)
    family = Family(school.url)
    try:
        assert family.join(letter.code, name="Sara Khan").status_code == 303
        page = family.get(f"/portal/child/{amira.id}/story").text
        files = f"/portal/child/{amira.id}/files/"
        assert f'<img src="{files}{photo.sha256}"' in page
        assert f'<a class="file" href="{files}{letter_file.sha256}">' in page
        assert f'<img src="{files}{letter_file.sha256}"' not in page
        download = family.get(files + letter_file.sha256)
        assert download.content == pdf
        assert download.headers["content-disposition"] == \
            f'attachment; filename="document-{letter_file.sha256[:8]}.pdf"'
        assert download.headers["content-type"] == "application/pdf"
    finally:
        family.close()
