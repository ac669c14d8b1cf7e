"""Files to attach to posts and messages: checked, cleaned, stored once by sha256."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dojo_desktop.core.attachments import MAX_DOCUMENT_BYTES, MAX_IMAGE_BYTES, MB
from dojo_desktop.services.blobs import blob_path, store_blob, write_atomically
from dojo_desktop.services.context import ServiceContext
from dojo_desktop.services.errors import InvalidInputError


@dataclass(frozen=True)
class Attachment:
    """A file ready to attach, or one a post names."""

    sha256: str
    name: str
    mime: str
    size: int
    thumbnail: Path | None = None
    path: Path | None = None  # the file itself, when it is on this device


class AttachmentService:
    """Checks a file (Pillow loads only here), stores it for sync and makes its thumbnail."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        self._blobs = ctx.data_dir / "blobs"
        self._thumbnails = ctx.data_dir / "thumbnails"

    def add_file(self, source: Path) -> Attachment:
        """Check and store a file the user chose or dropped."""
        try:
            size = source.stat().st_size
            if size > MAX_DOCUMENT_BYTES:
                raise InvalidInputError(
                    f"{source.name} is {size / MB:.0f} MB; attachments can be at most "
                    f"{MAX_DOCUMENT_BYTES // MB} MB (pictures {MAX_IMAGE_BYTES // MB} MB).")
            with source.open("rb") as handle:
                data = handle.read(MAX_DOCUMENT_BYTES + 1)
        except OSError as exc:
            raise InvalidInputError(
                f"The file {source.name} cannot be opened ({exc.strerror}).") from exc
        return self.add_bytes(data, source.name)

    def add_bytes(self, data: bytes, name: str) -> Attachment:
        """Check and store file contents (a pasted picture, for one)."""
        from dojo_desktop.services.attachment_files import check_file

        checked = check_file(data, name)
        suffix = Path(checked.name).suffix.lower()
        digest, path = store_blob(self._blobs, checked.data, suffix)
        thumbnail: Path | None = None
        if checked.thumbnail is not None:
            # Named by the file it shows, so a post's thumbnail is found from its sha256.
            thumbnail = blob_path(self._thumbnails, digest, ".jpg")
            if not thumbnail.exists():
                write_atomically(thumbnail, checked.thumbnail)
        self._ctx.writer.add_attachment(
            digest, checked.name, checked.mime, len(checked.data),
            str(thumbnail.relative_to(self._ctx.data_dir)) if thumbnail else "")
        return Attachment(digest, checked.name, checked.mime, len(checked.data), thumbnail, path)

    def keep_fetched(self, sha256: str, data: bytes) -> None:
        """Keep a file another device attached, fetched by sync (its hash already checked):
        stored as it is, described from its content, with a thumbnail if it is a picture."""
        from dojo_desktop.services.attachment_files import describe_fetched

        name, mime, thumbnail_bytes = describe_fetched(data)
        digest, _path = store_blob(self._blobs, data, Path(name).suffix.lower())
        thumbnail: Path | None = None
        if thumbnail_bytes is not None:
            thumbnail = blob_path(self._thumbnails, digest, ".jpg")
            if not thumbnail.exists():
                write_atomically(thumbnail, thumbnail_bytes)
        if self._ctx.story_reader.attachment(digest) is None:
            self._ctx.writer.add_attachment(
                digest, name, mime, len(data),
                str(thumbnail.relative_to(self._ctx.data_dir)) if thumbnail else "")

    def describe(self, sha256: str) -> Attachment:
        """What is known here of a file a post or message names."""
        known = self._ctx.story_reader.attachment(sha256)
        if known is None:
            return Attachment(sha256, sha256[:12], "application/octet-stream", 0)
        name, mime, size, thumbnail = known
        path = blob_path(self._blobs, sha256, Path(name).suffix.lower())
        return Attachment(sha256, name, mime, size,
                          self._ctx.data_dir / thumbnail if thumbnail else None,
                          path if path.exists() else None)

    def check_known(self, sha256s: list[str]) -> None:
        """Raise unless every file was added here (so sync can upload it first)."""
        for sha256 in sha256s:
            if self._ctx.story_reader.attachment(sha256) is None:
                raise InvalidInputError("One of the attached files is no longer on this "
                                        "computer; remove it and attach it again.")
