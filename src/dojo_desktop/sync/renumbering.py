"""Numbering a device's waiting events again after its data folder was put back from an
older copy of itself.

The copy's seq counter is behind: the server has events of this device under the numbers
the copy hands out again, and answers ``seq_reused`` naming the first such event. From
that one on, the waiting events take the numbers after the server's ``last_seq``, in the
order they were made (an undo still comes after its award); their ids stay, and the
device's counter moves past them. Events a server before ``seq_reused`` refused for a
reused number (``REUSED_REFUSAL``) are queued again the same way. It all happens in the
caller's one transaction: after a crash either nothing moved, and the server answers
``seq_reused`` again, or everything did.
"""

from __future__ import annotations

import sqlite3

# The words of the refusal servers sent for a reused seq before they answered seq_reused.
REUSED_REFUSAL = "was already used by another event of this device"

_MOVING = ("SELECT seq FROM outbox WHERE (state = 'pending' AND seq >= ?) "
           "OR (state = 'rejected' AND instr(last_error, ?) > 0) ORDER BY seq")


def renumber_waiting(conn: sqlite3.Connection, first_seq: int | None,
                     server_last_seq: int) -> int:
    """Renumber the pending events from ``first_seq`` on (``None``: from the first one a
    server refused for a reused number) and every such refused one, after
    ``server_last_seq`` and after the events that keep their numbers; move the device's
    counter past them and past ``server_last_seq``. Returns how many were renumbered."""
    if first_seq is None:
        first_seq = conn.execute(
            "SELECT MIN(seq) FROM outbox WHERE state = 'rejected' AND instr(last_error, ?) > 0",
            (REUSED_REFUSAL,)).fetchone()[0]
    moving: list[int] = [] if first_seq is None else [
        row[0] for row in conn.execute(_MOVING, (first_seq, REUSED_REFUSAL))]
    if moving:
        staying = conn.execute(
            "SELECT MAX(seq) FROM outbox WHERE seq NOT IN (SELECT value FROM json_each(?))",
            (_json_list(moving),)).fetchone()[0]
        base = max(server_last_seq, int(staying or 0)) + 1
        # Out of the way first: the new numbers may be held by other moving events.
        conn.execute("UPDATE outbox SET seq = -seq WHERE seq IN "
                             "(SELECT value FROM json_each(?))", (_json_list(moving),))
        conn.executemany(
            "UPDATE outbox SET seq = ?, state = 'pending', last_error = '' WHERE seq = ?",
            [(base + offset, -seq) for offset, seq in enumerate(moving)])
        server_last_seq = base + len(moving) - 1
    counter_past(conn, server_last_seq)
    return len(moving)


def counter_past(conn: sqlite3.Connection, server_last_seq: int) -> None:
    """Move the device's counter past ``server_last_seq`` (a pull answer's), so the next
    event made here does not take a number the server has for another one."""
    conn.execute("UPDATE device SET next_seq = ? WHERE next_seq <= ?",
                         (server_last_seq + 1, server_last_seq))


def _json_list(values: list[int]) -> str:
    return "[" + ",".join(str(int(v)) for v in values) + "]"
