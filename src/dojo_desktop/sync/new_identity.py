"""A data folder copied from another computer becomes a device of its own.

The copy keeps everything it holds. What it sent under the old identity is on the server
as that device's (the first computer's): those events move from the outbox to
``pulled_events``, known by id like any event pulled from another device. What it had not
sent, and what the server refused it, is numbered 1, 2, 3 … for the new identity and
waits to be sent under it (an event the first computer sent meanwhile is answered
``duplicate``: the server knows which device this one was copied from). All in the
caller's one transaction.
"""

from __future__ import annotations

import sqlite3

_MOVE_SENT = (
    "INSERT OR IGNORE INTO pulled_events (event_id, server_seq, device_id, kind, hlc, "
    "payload, error) SELECT event_id, 0, ?, kind, hlc, payload, '' FROM outbox "
    "WHERE state = 'sent'")


def take_new_identity(conn: sqlite3.Connection, server_url: str, new_device_id: str,
                      epoch: str) -> int:
    """Make ``new_device_id`` this device's id, paired with ``server_url``, inside the
    caller's transaction. The cursor is kept if the server and its ``epoch`` are the
    same. Returns how many events wait to be sent under the new id."""
    old_device_id = conn.execute("SELECT id FROM device").fetchone()[0]
    conn.execute(_MOVE_SENT, (old_device_id,))
    conn.execute("DELETE FROM outbox WHERE state = 'sent'")
    waiting = [row[0] for row in conn.execute("SELECT seq FROM outbox ORDER BY seq")]
    if waiting:
        conn.execute("UPDATE outbox SET seq = -seq")
        conn.executemany(
            "UPDATE outbox SET seq = ?, state = 'pending', last_error = '', attempts = 0 "
            "WHERE seq = ?", [(number, -seq) for number, seq in enumerate(waiting, start=1)])
    conn.execute("UPDATE device SET id = ?, next_seq = ?",
                         (new_device_id, len(waiting) + 1))
    kept = conn.execute(
        "UPDATE sync_state SET device_id = ? WHERE server_url = ? AND epoch = ?",
        (new_device_id, server_url, epoch)).rowcount
    if not kept:  # another server, or restored: pull from the start (the HLC stays)
        moved = conn.execute(
            "UPDATE sync_state SET server_url = ?, device_id = ?, cursor = '', epoch = ?",
            (server_url, new_device_id, epoch)).rowcount
        if not moved:
            conn.execute(
                "INSERT INTO sync_state (server_url, device_id, cursor, epoch, hlc) "
                "VALUES (?, ?, '', ?, '')", (server_url, new_device_id, epoch))
    return len(waiting)
