"""Files stored once under their sha256, written atomically in the data folder."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

_SHA256 = re.compile(r"[0-9a-f]{64}")


def store_blob(blobs_dir: Path, data: bytes, suffix: str = ".png") -> tuple[str, Path]:
    """Write ``data`` once under its sha256 (atomically: temp file, fsync, rename)."""
    digest = hashlib.sha256(data).hexdigest()
    target = blob_path(blobs_dir, digest, suffix)
    if not target.exists():
        write_atomically(target, data)
    return digest, target


def write_atomically(target: Path, data: bytes) -> None:
    """Write a file so that a crash leaves either nothing or all of it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_suffix(".part")
    with temp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    temp.replace(target)


def blob_path(blobs_dir: Path, digest: str, suffix: str = ".png") -> Path:
    return blobs_dir / digest[:2] / f"{digest}{suffix}"


def find_blob(blobs_dir: Path, digest: str) -> bytes | None:
    """The bytes stored under ``digest`` whatever their file ending, if they are here."""
    if not _SHA256.fullmatch(digest):
        return None
    for path in (blobs_dir / digest[:2]).glob(f"{digest}*"):
        if path.suffix != ".part":
            return path.read_bytes()
    return None
