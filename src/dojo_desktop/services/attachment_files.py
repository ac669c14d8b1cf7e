"""Checking a file before it is attached: type by content, size, damage; pictures re-encoded."""

from __future__ import annotations

import io
import math
import warnings
import zipfile
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from dojo_desktop.core.attachments import MAX_DOCUMENT_BYTES, MAX_IMAGE_BYTES, MB
from dojo_desktop.services.errors import InvalidInputError

MAX_PIXELS = 40_000_000  # a bigger picture is refused before it is decoded
# Pictures are sent at most this wide or tall: a 12-megapixel phone photo goes at its own
# size (scaling one down costs half a second), bigger ones are scaled down.
MAX_SIDE = 4096
THUMBNAIL_SIDE = 320
_ORIENTATION = 0x0112  # the EXIF tag saying which way up the camera was held
_MAX_UNZIPPED = 200 * 1024 * 1024

# File ending -> (what Pillow must find inside, or the document check; the mime type).
_IMAGES = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".gif": "GIF", ".webp": "WEBP",
           ".bmp": "BMP"}
_DOCUMENTS = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".txt": "text/plain",
}
KINDS_IN_WORDS = ("pictures (JPEG, PNG, GIF, WebP, BMP), PDFs, Word, Excel, PowerPoint and "
                  "OpenDocument files, and plain text")


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed the checks, as it will be sent."""

    data: bytes
    name: str
    mime: str
    thumbnail: bytes | None  # a small JPEG for pictures


def check_file(data: bytes, name: str) -> CheckedFile:
    """Check ``data`` (a file called ``name``); raise InvalidInputError saying what is wrong."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix in _IMAGES:
        _check_size(data, name, MAX_IMAGE_BYTES)
        return _clean_picture(data, name, _IMAGES[suffix])
    if suffix in _DOCUMENTS:
        _check_size(data, name, MAX_DOCUMENT_BYTES)
        _check_document(data, name, suffix)
        return CheckedFile(data, name, _DOCUMENTS[suffix], None)
    raise InvalidInputError(f"{name} cannot be attached. Dojo Desktop can attach "
                            f"{KINDS_IN_WORDS}.")


def _check_size(data: bytes, name: str, limit: int) -> None:
    if not data:
        raise InvalidInputError(f"{name} is empty.")
    if len(data) > limit:
        raise InvalidInputError(f"{name} is {len(data) / MB:.0f} MB; files of this kind can "
                                f"be at most {limit // MB} MB.")


def _clean_picture(data: bytes, name: str, expected: str) -> CheckedFile:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format != expected:
                    raise InvalidInputError(
                        f"{name} is named like a {expected} picture but holds "
                        f"{_described(probe.format)}, so it was not attached.")
                if probe.width * probe.height > MAX_PIXELS:
                    raise InvalidInputError(
                        f"{name} is too large ({probe.width}×{probe.height} pixels); pictures "
                        f"can have at most {MAX_PIXELS // 1_000_000} million pixels.")
                if expected == "JPEG":
                    # Decodes a huge photo at 1/2, 1/4 or 1/8 scale straight away (never
                    # below half of MAX_SIDE): far cheaper than decoding every pixel and
                    # scaling down afterwards.
                    half = MAX_SIDE / 2 / max(probe.size)
                    probe.draft("RGB", (math.ceil(probe.width * half),
                                        math.ceil(probe.height * half)))
                probe.load()
                upright = probe.getexif().get(_ORIENTATION, 1) == 1
                return _cleaned(probe if upright else ImageOps.exif_transpose(probe),
                                name, expected)
    except InvalidInputError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise InvalidInputError(f"{name} would unpack to far more pixels than a photo has, "
                                "so it was refused.") from exc
    except UnidentifiedImageError as exc:
        raise InvalidInputError(f"{name} is named like a picture but is not one Dojo Desktop "
                                "can read, so it was not attached.") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise InvalidInputError(f"{name} looks damaged or cut short, so it was not "
                                "attached.") from exc


def _cleaned(image: Image.Image, name: str, expected: str) -> CheckedFile:
    """``image`` at most MAX_SIDE wide or tall, re-encoded with nothing but its pixels."""
    if max(image.size) > MAX_SIDE:
        image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if expected == "JPEG":
        # Only pixels go on: Pillow writes EXIF (location, camera), ICC and XMP to a JPEG only
        # when asked, and its comment only from ``info``, which is emptied here.
        clean = image if image.mode == "RGB" else image.convert("RGB")
        clean.info = {}
        clean.save(out, format="JPEG", quality=88)
        mime, new_name = "image/jpeg", name
    else:
        # A fresh image holds pixels only: text chunks, profiles and EXIF stay behind.
        keep_alpha = image.mode in ("RGBA", "LA", "PA", "P")
        clean = Image.new("RGBA" if keep_alpha else "RGB", image.size)
        clean.paste(image if image.mode == clean.mode else image.convert(clean.mode))
        clean.save(out, format="PNG", optimize=True)
        mime, new_name = "image/png", name.rsplit(".", 1)[0] + ".png"
    return CheckedFile(out.getvalue(), new_name, mime, _thumbnail(clean))


def _thumbnail(image: Image.Image) -> bytes:
    """A small JPEG of ``image``, at most THUMBNAIL_SIDE wide or tall."""
    # Box-average down to about twice the thumbnail first: cheap, and LANCZOS then works on
    # a small picture.
    thumb = image.reduce(max(1, max(image.size) // (THUMBNAIL_SIDE * 2))).convert("RGB")
    thumb.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    thumb.save(out, format="JPEG", quality=80)
    return out.getvalue()


def _described(found: str | None) -> str:
    return f"a {found} picture" if found else "something else"


def _check_document(data: bytes, name: str, suffix: str) -> None:
    if suffix == ".pdf":
        if not data.startswith(b"%PDF-"):
            raise InvalidInputError(f"{name} is named like a PDF but is not one, so it was "
                                    "not attached.")
        if b"%%EOF" not in data[-2048:]:
            raise InvalidInputError(f"{name} looks cut short (its end is missing), so it was "
                                    "not attached.")
    elif suffix == ".txt":
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidInputError(f"{name} is named like a text file but holds something "
                                    "else, so it was not attached.") from exc
        if "\x00" in text:
            raise InvalidInputError(f"{name} is named like a text file but holds something "
                                    "else, so it was not attached.")
    else:
        _check_office_file(data, name, suffix)


def _check_office_file(data: bytes, name: str, suffix: str) -> None:
    kind = "an Office" if suffix in (".docx", ".xlsx", ".pptx") else "an OpenDocument"
    not_it = InvalidInputError(f"{name} is named like {kind} file but is not one (or is "
                               "damaged), so it was not attached.")
    if not data.startswith(b"PK\x03\x04"):
        raise not_it
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise not_it from exc
    names = {entry.filename for entry in entries}
    marker = "[Content_Types].xml" if kind == "an Office" else "mimetype"
    if marker not in names:
        raise not_it
    if sum(entry.file_size for entry in entries) > _MAX_UNZIPPED:
        raise InvalidInputError(f"{name} would unpack to far more than a document holds, so "
                                "it was refused.")


_FETCHED_PICTURES = {"JPEG": ("picture.jpg", "image/jpeg"), "PNG": ("picture.png", "image/png"),
                     "GIF": ("picture.gif", "image/gif"), "WEBP": ("picture.webp", "image/webp")}


def describe_fetched(data: bytes) -> tuple[str, str, bytes | None]:
    """(name, mime, thumbnail) of a file another device attached, from its content: events
    name files by hash only. A picture gets a thumbnail; anything unknown is a plain file."""
    if data.startswith(b"%PDF-"):
        return "document.pdf", "application/pdf", None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as picture:
                kind = _FETCHED_PICTURES.get(picture.format or "")
                if kind is None or picture.width * picture.height > MAX_PIXELS:
                    return "file", "application/octet-stream", None
                picture.draft("RGB", (THUMBNAIL_SIDE * 2, THUMBNAIL_SIDE * 2))
                picture.load()
                return kind[0], kind[1], _thumbnail(picture)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning, UnidentifiedImageError,
            OSError, SyntaxError, ValueError):
        return "file", "application/octet-stream", None
