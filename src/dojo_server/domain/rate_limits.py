"""Attempt counters in the database, so every server process sees the same limits."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from dojo_server.db.family_models import RateLimit
from dojo_server.db.session import Database
from dojo_server.domain.clock import now_ms

MINUTE_MS = 60_000


@dataclass(frozen=True)
class Limit:
    """At most ``attempts`` per ``window_ms`` for one key."""

    name: str
    attempts: int
    window_ms: int


# Only failures count, per account and per client address. At a parents' evening every
# family may be behind the school's one Wi-Fi address: a few hundred sign-ins and joins
# succeed from it, and up to 100 mistyped passwords (about three each for a full hall)
# in a quarter of an hour. Guessing one account's password stays at 5 per quarter hour.
LOGIN_FAILURES_PER_ADDRESS = Limit("login-failures-address", 100, 15 * MINUTE_MS)
LOGIN_FAILURES_PER_ACCOUNT = Limit("login-failures-account", 5, 15 * MINUTE_MS)
# A 12-character code has 60 bits: 60 wrong codes an hour from one address find none.
INVITE_FAILURES_PER_ADDRESS = Limit("invite-address", 60, 60 * MINUTE_MS)
LINK_REQUESTS_PER_EMAIL = Limit("link-email", 3, 60 * MINUTE_MS)


class RateLimited(Exception):
    """Too many attempts; try again after ``retry_after_s`` seconds."""

    def __init__(self, retry_after_s: int) -> None:
        super().__init__(f"rate limited for {retry_after_s} s")
        self.retry_after_s = retry_after_s


def check(db: Database, limit: Limit, key: str) -> None:
    """Raise :class:`RateLimited` if ``key`` used up its attempts in the current window."""
    now = now_ms()
    with db.read() as session:
        row = session.get(RateLimit, f"{limit.name}:{key}")
    if row is not None and now - row.window_start_ms < limit.window_ms \
            and row.attempts >= limit.attempts:
        raise RateLimited(max(1, (row.window_start_ms + limit.window_ms - now) // 1000))


def record(db: Database, limit: Limit, key: str) -> None:
    """Count one attempt of ``key`` (a new window starts when the old one is over)."""
    now = now_ms()
    full_key = f"{limit.name}:{key}"
    try:
        with db.write() as session:
            row = session.get(RateLimit, full_key, with_for_update=True)
            if row is None:
                session.add(RateLimit(key=full_key, window_start_ms=now, attempts=1))
            elif now - row.window_start_ms >= limit.window_ms:
                row.window_start_ms, row.attempts = now, 1
            else:
                row.attempts += 1
    except IntegrityError:  # the first attempt of this key, counted by another request
        record(db, limit, key)


def check_and_record(db: Database, limit: Limit, key: str) -> None:
    """Refuse if over the limit, else count this attempt."""
    check(db, limit, key)
    record(db, limit, key)
