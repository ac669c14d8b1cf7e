"""Checking a file before it is attached: type by content, size, damage; pictures re-encoded."""

from __future__ import annotations

import io
import warnings
import zipfile
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from dojo_desktop.core.attachments import MAX_DOCUMENT_BYTES, MAX_IMAGE_BYTES, MB
from dojo_desktop.services.errors import InvalidInputError

MAX_PIXELS = 40_000_000  # a bigger picture is refused before it is decoded
MAX_SIDE = 3000  # pictures are sent at most this wide or tall
THUMBNAIL_SIDE = 320
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
                probe.load()
                image = ImageOps.exif_transpose(probe)
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
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    # A fresh image holds pixels only: EXIF (location, camera), comments and profiles stay
    # behind.
    keep_alpha = expected != "JPEG" and image.mode in ("RGBA", "LA", "PA", "P")
    clean = Image.new("RGBA" if keep_alpha else "RGB", image.size)
    clean.paste(image.convert(clean.mode))
    out = io.BytesIO()
    if expected == "JPEG":
        clean.save(out, format="JPEG", quality=88, optimize=True)
        mime, new_name = "image/jpeg", name
    else:
        clean.save(out, format="PNG", optimize=True)
        mime, new_name = "image/png", name.rsplit(".", 1)[0] + ".png"
    thumb = clean.convert("RGB")
    thumb.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.LANCZOS)
    thumb_out = io.BytesIO()
    thumb.save(thumb_out, format="JPEG", quality=80)
    return CheckedFile(out.getvalue(), new_name, mime, thumb_out.getvalue())


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
