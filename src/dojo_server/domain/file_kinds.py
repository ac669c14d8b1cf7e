"""What a stored attachment is, read from its bytes: the name and media type a family's
browser downloads it with (events name files by sha256 only).

The kinds are those the app lets a teacher attach: pictures, PDF, Office and OpenDocument
files, plain text; anything else is a plain file.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from dojo_server.domain.blobs import picture_type

_TEXT_PEEK = 64 * 1024
_PICTURE_SUFFIX = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif",
                   "image/webp": ".webp"}
_OFFICE = (("word/", ".docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
           ("xl/", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
           ("ppt/", ".pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation"))
_OPEN_DOCUMENT = {"application/vnd.oasis.opendocument.text": ".odt",
                  "application/vnd.oasis.opendocument.spreadsheet": ".ods",
                  "application/vnd.oasis.opendocument.presentation": ".odp"}
PLAIN_FILE = "application/octet-stream"


@dataclass(frozen=True)
class FileKind:
    """How to hand a file to a browser."""

    name: str
    media_type: str

    @property
    def is_picture(self) -> bool:
        return self.media_type.startswith("image/")


def describe(path: Path, sha256: str) -> FileKind:
    """The file's kind, and a name made of what it is and the start of its hash
    ("document-1a2b3c4d.pdf"), so two downloads do not overwrite each other."""
    short = sha256[:8]
    picture = picture_type(path)
    if picture is not None:
        return FileKind(f"picture-{short}{_PICTURE_SUFFIX[picture]}", picture)
    suffix, media = _document(path)
    stem = "file" if media == PLAIN_FILE else "document"
    return FileKind(f"{stem}-{short}{suffix}", media)


def _document(path: Path) -> tuple[str, str]:
    try:
        with path.open("rb") as source:
            head = source.read(_TEXT_PEEK)
    except OSError:
        return "", PLAIN_FILE
    if head.startswith(b"%PDF-"):
        return ".pdf", "application/pdf"
    if head.startswith(b"PK\x03\x04"):
        return _archive(path)
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # not merely a character cut off by the peek
                return "", PLAIN_FILE
        return ".txt", "text/plain; charset=utf-8"
    return "", PLAIN_FILE


def _archive(path: Path) -> tuple[str, str]:
    """An Office or OpenDocument file by its entries; any other zip is a plain file."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                declared = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                if declared in _OPEN_DOCUMENT:
                    return _OPEN_DOCUMENT[declared], declared
            if "[Content_Types].xml" in names:
                for folder, suffix, media in _OFFICE:
                    if any(name.startswith(folder) for name in names):
                        return suffix, media
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        pass
    return "", PLAIN_FILE
