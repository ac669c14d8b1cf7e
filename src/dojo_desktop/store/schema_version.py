"""The migration revisions this app knows, oldest first; the last is the current schema."""

from __future__ import annotations

KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_initial", "0002_pulled_events", "0003_stories_messages",
)
# The first revision with tables for stories, messages and guardians: a database older than
# this kept those events as received, and they are replayed into the tables after migrating.
STORY_TABLES_REVISION = "0003_stories_messages"
HEAD_REVISION = KNOWN_REVISIONS[-1]
