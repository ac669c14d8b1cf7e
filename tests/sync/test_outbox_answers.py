"""The server's answers recorded in the outbox: what was sent, what was refused, by seq."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from outbox_kit import device_with_awards

from dojo_desktop.services.classroom import Classroom
from dojo_desktop.sync.sync_store import OutboxItem

AWARDS = 12


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Classroom]:
    classroom = device_with_awards(tmp_path / "device", AWARDS)
    yield classroom
    classroom.close()


def states(room: Classroom) -> dict[int, tuple[str, str]]:
    conn = sqlite3.connect(room.ctx.db_path)
    try:
        return {seq: (state, error) for seq, state, error in conn.execute(
            "SELECT seq, state, last_error FROM outbox")}
    finally:
        conn.close()


def test_pending_events_come_oldest_first_from_after_a_seq(room: Classroom) -> None:
    store = room.sync.store
    every = store.pending(10_000)
    assert [item.seq for item in every] == sorted(item.seq for item in every)
    later = store.pending(3, every[4].seq)
    assert later == every[5:8]
    assert all(isinstance(item, OutboxItem) and item.payload for item in later)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_answers_mark_exactly_the_seqs_they_name(room: Classroom, data: st.DataObject) -> None:
    """Runs, gaps, any order, refusals among them: each seq takes its own answer and the
    others stay as they were."""
    store = room.sync.store
    before = states(room)
    seqs = sorted(before)
    chosen = data.draw(st.lists(st.sampled_from(seqs), unique=True, max_size=len(seqs)))
    answers = [(seq, data.draw(st.sampled_from(["applied", "duplicate", "rejected"])),
                f"reason {seq}") for seq in chosen]
    store.acknowledge(answers)
    after = states(room)
    expected = dict(before)
    for seq, status, reason in answers:
        expected[seq] = ("rejected", reason) if status == "rejected" else ("sent", "")
    assert after == expected
    conn = sqlite3.connect(room.ctx.db_path)  # all waiting again for the next example
    try:
        with conn:
            conn.execute("UPDATE outbox SET state = 'pending', last_error = ''")
    finally:
        conn.close()


def test_a_run_of_sent_answers_leaves_the_events_around_it_waiting(room: Classroom) -> None:
    seqs = sorted(states(room))
    run = seqs[3:9]
    room.sync.store.acknowledge([(seq, "applied", "") for seq in reversed(run)])
    after = states(room)
    assert [seq for seq in seqs if after[seq][0] == "sent"] == run
    assert all(after[seq] == ("pending", "") for seq in seqs if seq not in run)


def test_answers_out_of_order_as_many_as_a_run_mark_only_their_own(room: Classroom) -> None:
    """Four answers whose first and last seqs span four seqs, but not those four."""
    seqs = sorted(states(room))
    named = [seqs[2], seqs[0], seqs[1], seqs[5]]
    room.sync.store.acknowledge([(seq, "applied", "") for seq in named])
    after = states(room)
    assert sorted(seq for seq in seqs if after[seq][0] == "sent") == sorted(named)
