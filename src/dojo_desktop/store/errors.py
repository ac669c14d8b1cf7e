"""Errors the store raises, in words a teacher can act on."""

from __future__ import annotations


class StorageError(RuntimeError):
    """A write could not be committed; nothing of it was stored."""
