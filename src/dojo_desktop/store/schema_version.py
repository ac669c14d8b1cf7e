"""The migration revisions this app knows, oldest first; the last is the current schema."""

from __future__ import annotations

KNOWN_REVISIONS: tuple[str, ...] = ("0001_initial",)
HEAD_REVISION = KNOWN_REVISIONS[-1]
