"""Avatar pictures: re-encoded as a 256 px PNG without metadata; bad files change nothing."""

from __future__ import annotations

import hashlib
import io
import random
import struct
import zlib
from pathlib import Path

import pytest
from PIL import ExifTags, Image
from service_helpers import School, db_dump

from dojo_desktop.services.avatars import AVATAR_SIZE
from dojo_desktop.services.errors import InvalidInputError

RED, BLUE = (220, 20, 20), (20, 20, 220)


def noisy_image(width: int, height: int, seed: int = 1) -> Image.Image:
    rng = random.Random(seed)
    return Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))


def jpeg_with_gps(path: Path) -> Path:
    image = noisy_image(640, 480)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCo"
    exif[ExifTags.Base.Model] = "Snap 12"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 26.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (0.0, 7.0, 39.0)
    image.save(path, "JPEG", exif=exif, quality=90)
    return path


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares ``width`` x ``height`` but carries almost no pixel data."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def stored_avatar(school: School, student_id: str) -> tuple[bytes, Path]:
    student = school.room.roster.student(student_id)
    assert student is not None
    assert student.avatar.startswith("image:")
    path_text = school.room.roster.avatar_path(student)
    assert path_text is not None
    path = Path(path_text)
    digest = student.avatar.removeprefix("image:")
    data = path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == digest
    assert school.room.ctx.reader.blob_known(digest)
    return data, path


def assert_clean_square_png(data: bytes) -> Image.Image:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        assert image.format == "PNG"
        assert image.size == (AVATAR_SIZE, AVATAR_SIZE)
        assert len(image.getexif()) == 0
        assert "exif" not in image.info
        assert not getattr(image, "text", {})
        return image.copy()


def test_a_png_becomes_a_square_avatar(school: School, tmp_path: Path) -> None:
    source = tmp_path / "photo.png"
    noisy_image(500, 300).save(source, "PNG")
    kid = school.student_ids[0]
    changes = school.room.roster.set_avatar_image(kid, source)
    assert changes.students == frozenset({kid})
    data, path = stored_avatar(school, kid)
    assert_clean_square_png(data)
    assert path.is_relative_to(school.room.data_dir / "blobs")
    assert not list((school.room.data_dir / "blobs").rglob("*.part"))
    card = next(c for c in school.room.cards(school.class_id) if c.id == kid)
    assert card.avatar_path == str(path)


def test_a_jpeg_with_gps_loses_its_location(school: School, tmp_path: Path) -> None:
    source = jpeg_with_gps(tmp_path / "phone.jpg")
    with Image.open(source) as original:  # the source really carries a location
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitude]
    assert b"Exif" in source.read_bytes()
    kid = school.student_ids[1]
    school.room.roster.set_avatar_image(kid, source)
    data, _ = stored_avatar(school, kid)
    image = assert_clean_square_png(data)
    assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
    assert b"Exif" not in data
    assert b"PhoneCo" not in data
    assert b"eXIf" not in data


def test_the_camera_orientation_is_applied(school: School, tmp_path: Path) -> None:
    image = Image.new("RGB", (400, 200), RED)
    image.paste(BLUE, (200, 0, 400, 200))  # red left, blue right as stored
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 3  # shown turned by 180 degrees
    source = tmp_path / "turned.jpg"
    image.save(source, "JPEG", exif=exif, quality=95)
    kid = school.student_ids[2]
    school.room.roster.set_avatar_image(kid, source)
    avatar = assert_clean_square_png(stored_avatar(school, kid)[0]).convert("RGB")
    left = avatar.getpixel((20, AVATAR_SIZE // 2))
    right = avatar.getpixel((AVATAR_SIZE - 20, AVATAR_SIZE // 2))
    assert isinstance(left, tuple) and isinstance(right, tuple)
    assert left[2] > 150 > left[0]  # blue now on the left
    assert right[0] > 150 > right[2]


def test_the_same_picture_is_stored_once(school: School, tmp_path: Path) -> None:
    source = tmp_path / "photo.png"
    noisy_image(300, 300).save(source, "PNG")
    for kid in school.student_ids[:2]:
        school.room.roster.set_avatar_image(kid, source)
    files = [p for p in (school.room.data_dir / "blobs").rglob("*") if p.is_file()]
    assert len(files) == 1
    first, second = (school.room.roster.student(k) for k in school.student_ids[:2])
    assert first is not None and second is not None
    assert first.avatar == second.avatar


def refused_files(tmp_path: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}
    whole = io.BytesIO()
    noisy_image(640, 480).save(whole, "JPEG", quality=90)
    files["truncated jpeg"] = tmp_path / "cut.jpg"
    files["truncated jpeg"].write_bytes(whole.getvalue()[: len(whole.getvalue()) // 2])
    files["text renamed .png"] = tmp_path / "notes.png"
    files["text renamed .png"].write_text("This is not a picture.\n" * 20, encoding="utf-8")
    files["decompression bomb"] = tmp_path / "bomb.png"
    files["decompression bomb"].write_bytes(png_header_only(50_000, 50_000))
    files["empty file"] = tmp_path / "empty.jpg"
    files["empty file"].write_bytes(b"")
    files["missing file"] = tmp_path / "not-there.png"
    return files


@pytest.mark.parametrize("kind", ["truncated jpeg", "text renamed .png", "decompression bomb",
                                  "empty file", "missing file"])
def test_bad_files_are_refused_and_change_nothing(school: School, tmp_path: Path,
                                                  kind: str) -> None:
    source = refused_files(tmp_path)[kind]
    kid = school.student_ids[0]
    before = db_dump(school.room.data_dir)
    with pytest.raises(InvalidInputError) as caught:
        school.room.roster.set_avatar_image(kid, source)
    assert source.name in str(caught.value)
    assert db_dump(school.room.data_dir) == before
    blobs = school.room.data_dir / "blobs"
    assert not blobs.exists() or not any(blobs.rglob("*"))
    student = school.room.roster.student(kid)
    assert student is not None and student.avatar.startswith("drawn:")


def test_a_picture_with_too_many_pixels_is_called_too_large(school: School,
                                                            tmp_path: Path) -> None:
    """7000 x 7000 is under Pillow's own bomb limit but over the app's 40 megapixels."""
    source = tmp_path / "huge.png"
    source.write_bytes(png_header_only(7000, 7000))
    before = db_dump(school.room.data_dir)
    with pytest.raises(InvalidInputError) as caught:
        school.room.roster.set_avatar_image(school.student_ids[0], source)
    assert db_dump(school.room.data_dir) == before
    assert "too large" in str(caught.value)


def test_a_picture_for_a_student_who_is_gone_changes_nothing(school: School,
                                                             tmp_path: Path) -> None:
    source = tmp_path / "photo.png"
    noisy_image(300, 300).save(source, "PNG")
    before = db_dump(school.room.data_dir)
    with pytest.raises(InvalidInputError):
        school.room.roster.set_avatar_image("01900000-0000-7000-8000-000000000000", source)
    assert db_dump(school.room.data_dir) == before
