"""Attachments: pictures re-encoded without metadata, thumbnails, limits and refusals."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from dojo_desktop.core.attachments import MAX_DOCUMENT_BYTES, MAX_IMAGE_BYTES
from dojo_desktop.services.blobs import find_blob
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import InvalidInputError

GPS_IFD = 0x8825


def photo_with_location(size: tuple[int, int] = (800, 600), fmt: str = "JPEG") -> bytes:
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x0112] = 6  # orientation: rotate 90° to display
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)})
    out = io.BytesIO()
    image.save(out, format=fmt, exif=exif.tobytes())
    return out.getvalue()


def test_a_photo_loses_its_location_and_camera_but_keeps_its_orientation(
        room: Classroom, data_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "trip.jpg"
    source.write_bytes(photo_with_location())
    with Image.open(source) as original:
        assert original.getexif().get_ifd(GPS_IFD)  # the test photo does carry a location
    attachment = room.attachments.add_file(source)
    stored = find_blob(data_dir / "blobs", attachment.sha256)
    assert stored is not None and stored != source.read_bytes()
    with Image.open(io.BytesIO(stored)) as cleaned:
        assert cleaned.format == "JPEG"
        assert dict(cleaned.getexif()) == {}
        assert "exif" not in cleaned.info
        assert cleaned.size == (600, 800)  # turned upright, then the tag dropped
    assert attachment.mime == "image/jpeg" and attachment.size == len(stored)
    assert attachment.thumbnail is not None and attachment.thumbnail.exists()
    with Image.open(attachment.thumbnail) as thumb:
        assert max(thumb.size) <= 320
    assert room.attachments.describe(attachment.sha256).name == "trip.jpg"
    assert room.ctx.reader.blob_known(attachment.sha256)


def test_the_same_picture_twice_is_stored_once(room: Classroom, data_dir: Path) -> None:
    data = photo_with_location(fmt="PNG")
    first = room.attachments.add_bytes(data, "pasted.png")
    second = room.attachments.add_bytes(data, "again.png")
    assert first.sha256 == second.sha256
    assert len(list((data_dir / "blobs").rglob("*.png"))) == 1


def refused(room: Classroom, data: bytes, name: str) -> str:
    with pytest.raises(InvalidInputError) as caught:
        room.attachments.add_bytes(data, name)
    return str(caught.value)


def test_a_decompression_bomb_is_refused(room: Classroom) -> None:
    out = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(out, format="PNG")  # tiny file, 400 M pixels
    assert len(out.getvalue()) < 1_000_000
    assert "far more pixels" in refused(room, out.getvalue(), "bomb.png")


def test_a_truncated_picture_is_refused(room: Classroom) -> None:
    data = photo_with_location()
    assert "damaged or cut short" in refused(room, data[: len(data) // 2], "half.jpg")


def test_content_that_does_not_match_the_name_is_refused(room: Classroom) -> None:
    png = photo_with_location(fmt="PNG")
    assert "holds a PNG picture" in refused(room, png, "photo.jpg")
    assert "not one Dojo Desktop can read" in refused(room, b"MZ\x90\x00" * 100, "virus.png")
    assert "not one" in refused(room, b"MZ\x90\x00" * 100, "letter.pdf")
    assert "not one" in refused(room, png, "report.docx")
    assert "holds something else" in refused(room, b"\x00\xff\xfe" * 10, "notes.txt")
    assert "cannot be attached" in refused(room, b"#!/bin/sh\n", "run.sh")


def test_a_pdf_cut_short_is_refused_and_a_whole_one_kept(room: Classroom) -> None:
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    assert room.attachments.add_bytes(pdf, "letter.pdf").mime == "application/pdf"
    assert "cut short" in refused(room, pdf[:20] + b"x" * 4000, "letter2.pdf")


def test_office_documents_are_checked_inside(room: Classroom) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    attachment = room.attachments.add_bytes(out.getvalue(), "Homework.docx")
    assert attachment.mime.endswith("wordprocessingml.document")
    assert attachment.thumbnail is None
    assert "not one" in refused(room, out.getvalue()[:-30], "cut.docx")


def test_files_over_the_size_limit_are_refused_before_decoding(room: Classroom) -> None:
    message = refused(room, b"\xff\xd8" + b"\x00" * MAX_IMAGE_BYTES, "huge.jpg")
    assert "at most 20 MB" in message
    assert "is empty" in refused(room, b"", "nothing.png")


def test_a_file_that_cannot_be_opened_says_so(room: Classroom, tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="cannot be opened"):
        room.attachments.add_file(tmp_path / "missing.jpg")


def test_a_file_bigger_than_any_limit_is_refused_without_reading_it(room: Classroom,
                                                                    tmp_path: Path) -> None:
    huge = tmp_path / "film.pdf"
    with huge.open("wb") as handle:
        handle.truncate(MAX_DOCUMENT_BYTES * 4)  # sparse: 100 MB on paper, nothing on disk
    with pytest.raises(InvalidInputError) as caught:
        room.attachments.add_file(huge)
    assert str(caught.value).startswith("film.pdf is 100 MB; attachments can be at most 25 MB")
