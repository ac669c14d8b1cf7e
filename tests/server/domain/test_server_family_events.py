"""Family acts become events in the school's log, which devices pull like any other."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from portal_kit import Teacher
from server_kit import Harness

from dojo_server.domain import family_auth, family_messages, invites
from dojo_server.domain.blobs import blob_path
from dojo_server.domain.family_auth import FamilyMember
from dojo_server.domain.photos import PhotoError, clean_photo
from dojo_server.domain.portal_log import portal_device_id

GPS_TAG = 0x8825


def _family(harness: Harness, teacher: Teacher) -> tuple[FamilyMember, str, str]:
    maple = teacher.new_class("Maple")
    ada = teacher.new_student(maple, "Ada")
    teacher.new_student(maple, "Bo")
    letters = invites.create_invites(harness.db, harness.school_id, maple)
    assert [letter.student_name for letter in letters] == ["Ada", "Bo"]
    guardian_id, school_id = invites.join(
        harness.db, letters[0].code.lower(), "10.0.0.1",
        new=invites.NewGuardian("Grace Lovelace", "grace@example.org", "a long password",
                                "es"))
    assert school_id == harness.school_id
    member = family_auth.session_member(harness.db, family_auth.start_session(
        harness.db, guardian_id))
    assert member is not None
    return member, ada, maple


def _photo_with_location() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_TAG)[2] = (51.0, 30.0, 0.0)
    out = io.BytesIO()
    Image.new("RGB", (3000, 1000), "orange").save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_joining_replying_and_reading_reach_the_teachers_device(harness: Harness) -> None:
    teacher = Teacher(harness.enroll("teacher"))
    member, ada, _maple = _family(harness, teacher)
    message, thread = teacher.message("Ada read beautifully", student_id=ada)
    _child, opened, receipts = family_messages.open_thread(harness.db, member, ada, thread)
    assert receipts == 1 and [m.id for m in opened.messages] == [message]
    assert family_messages.open_thread(harness.db, member, ada, thread)[2] == 0
    family_messages.reply(harness.db, harness.server.settings.blobs_dir, member, ada, thread,
                          " Thank you! ", _photo_with_location(), 10_000_000)

    pulled = [c for c in teacher.device.pull_all() if c["device_id"].startswith("portal-")]
    assert [c["kind"] for c in pulled] == ["guardian_linked", "message_read", "message_sent"]
    assert {c["device_id"] for c in pulled} == {portal_device_id(harness.school_id)}
    linked, read, sent = (c["payload"] for c in pulled)
    assert linked["student_id"] == ada and linked["language"] == "es"
    assert read == {"message_id": message, "reader": "guardian",
                    "guardian_id": member.guardian_id, "at_ms": read["at_ms"]}
    assert sent["sender"] == "guardian" and sent["body"] == "Thank you!"
    assert sent["thread_id"] == thread and sent["student_id"] == ada
    sha = sent["attachments"][0]
    assert teacher.device.http.head(f"/v1/blobs/{sha}").status_code == 200
    with Image.open(blob_path(harness.server.settings.blobs_dir, sha)) as stored:
        assert stored.format == "JPEG" and max(stored.size) == 2048
        assert len(stored.getexif()) == 0 and "exif" not in stored.info


def test_the_portal_device_numbers_its_events_like_any_device(harness: Harness) -> None:
    teacher = Teacher(harness.enroll("leader"))  # it makes school-wide skills
    member, ada, _maple = _family(harness, teacher)
    _message, thread = teacher.message("Hello", student_id=ada)
    for text in ("one", "two"):
        family_messages.reply(harness.db, harness.server.settings.blobs_dir, member, ada,
                              thread, text, None, 1000)
        teacher.award(ada, _maple, teacher.new_skill(text))
    changes = teacher.device.pull_all()
    assert [c["server_seq"] for c in changes] == list(range(1, len(changes) + 1))
    portal = [c["seq"] for c in changes if c["device_id"].startswith("portal-")]
    assert portal == [1, 2, 3]


def test_a_class_announcement_cannot_be_answered(harness: Harness) -> None:
    teacher = Teacher(harness.enroll("teacher"))
    member, ada, maple = _family(harness, teacher)
    _message, thread = teacher.message("Trip on Friday", class_id=maple)
    with pytest.raises(family_auth.FamilyError) as refused:
        family_messages.reply(harness.db, harness.server.settings.blobs_dir, member, ada,
                              thread, "Can Ada come?", None, 1000)
    assert refused.value.code == "announcement"


@pytest.mark.parametrize(("data", "code"), [
    (b"x" * 2000, "too_large"),
    (b"GIF89a not really", "not_an_image"),
    (b"%PDF-1.4 not a photo", "not_an_image"),
])
def test_photos_that_are_refused(data: bytes, code: str) -> None:
    with pytest.raises(PhotoError) as refused:
        clean_photo(data, 1000)
    assert refused.value.code == code


def test_a_decompression_bomb_is_refused_before_it_is_decoded() -> None:
    out = io.BytesIO()
    Image.new("1", (9000, 5000)).save(out, "PNG")  # 45 megapixels in a few kilobytes
    assert len(out.getvalue()) < 100_000
    with pytest.raises(PhotoError) as refused:
        clean_photo(out.getvalue(), 1_000_000)
    assert refused.value.code == "too_many_pixels"
