"""The migration revisions this app knows, oldest first; the last is the current schema."""

from __future__ import annotations

KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_initial", "0002_pulled_events", "0003_stories_messages", "0004_records",
    "0005_field_clocks",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]
# The kinds of event a revision first projects into tables: a database older than it kept
# them as received (pulled, or in the outbox), and they are replayed after migrating.
FIRST_PROJECTED: dict[str, frozenset[str]] = {
    "0003_stories_messages": frozenset({
        "story_posted", "story_updated", "story_deleted", "message_sent", "message_read",
        "guardian_linked", "guardian_unlinked"}),
    "0004_records": frozenset({"attendance_marked"}),
}


def kinds_to_replay(version: str | None) -> frozenset[str]:
    """The kinds a database at ``version`` kept as received that the current schema
    projects (none for a new database)."""
    if version is None:
        return frozenset()
    after = KNOWN_REVISIONS[KNOWN_REVISIONS.index(version) + 1:]
    return frozenset().union(*(FIRST_PROJECTED.get(revision, frozenset())
                               for revision in after))
