"""Wakes long-polling pulls when a push to their school commits in this process."""

from __future__ import annotations

import asyncio


class ChangeNotifier:
    """One asyncio.Event per school with waiters. Use it from the event loop thread only.

    Other server processes sharing a PostgreSQL database cannot reach it; pulls also poll
    the database every ``poll_interval_s`` for them.
    """

    def __init__(self) -> None:
        self._events: dict[str, asyncio.Event] = {}

    def waiter(self, school_id: str) -> asyncio.Event:
        """An event set by the next :meth:`notify` of ``school_id``.

        Take it *before* reading the database, so a push that commits between the read
        and the wait still wakes the pull.
        """
        event = self._events.get(school_id)
        if event is None:
            event = self._events[school_id] = asyncio.Event()
        return event

    def notify(self, school_id: str) -> None:
        """Something new committed for ``school_id``: wake everyone waiting on it."""
        event = self._events.pop(school_id, None)
        if event is not None:
            event.set()
