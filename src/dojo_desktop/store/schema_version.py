"""The migration revisions this app knows, oldest first; the last is the current schema."""

from __future__ import annotations

KNOWN_REVISIONS: tuple[str, ...] = ("0001_initial", "0002_pulled_events")
HEAD_REVISION = KNOWN_REVISIONS[-1]
