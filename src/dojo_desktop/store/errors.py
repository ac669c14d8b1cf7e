"""Errors the store raises, in words a teacher can act on."""

from __future__ import annotations


class StorageError(RuntimeError):
    """A write could not be committed; nothing of it was stored."""


class InvalidEvent(ValueError):
    """The app built an event the protocol refuses: a programming error, caught before
    anything is stored, so no other device is ever sent what it would drop."""
