"""Group commit: the writes of requests that arrive together share one transaction.

Under load a transaction costs more than the rows it writes: ``BEGIN IMMEDIATE``, the
commit's fsync, every statement's round trip (to PostgreSQL) and every statement waiting
to get the GIL back from the event loop. Writes that queue for the write turn are
therefore taken together: the first to get the turn takes every write waiting at that
moment and hands them to their *batch* function at once, which writes them all with a
few statements, in one transaction, committed once. Throughput grows with the queue
instead of the queue with the load.

A batch function answers each item: its result, or an exception to raise for that item
alone, which it may do only for an item it wrote nothing for (push's checks). If the
function raises, the group is rolled back and each item runs again in a transaction of
its own, so one bad item cannot fail the others, and nothing is committed twice.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy.orm import Session

A = TypeVar("A")
R = TypeVar("R")
# Writes items together; one answer per item, in order: a result, or an exception that
# fails that item alone (nothing of it was written).
Batch = Callable[[Session, list[A]], Sequence[R | Exception]]

MAX_GROUP = 64  # writes per transaction: bounds how long one commit keeps others waiting


@dataclass
class _Write(Generic[A, R]):
    batch: Batch[A, R]
    item: A
    done: bool = False
    result: R | None = None
    error: BaseException | None = field(default=None, repr=False)


class WriteGroups:
    """Runs writes in shared transactions opened by ``begin`` (``Database.write``)."""

    def __init__(self, begin: Callable[[], AbstractContextManager[Session]]) -> None:
        self._begin = begin
        self._turn = threading.Lock()
        self._queue_lock = threading.Lock()
        self._queue: list[_Write[Any, Any]] = []

    def run(self, batch: Batch[A, R], item: A,
            queued: Callable[[], None] | None = None) -> R:
        """Write ``item`` with ``batch``, perhaps together with the items of other writes
        waiting at the same time; return its result once committed, or raise its error
        (or the commit's). ``queued`` is called once the write has its place in the queue:
        writes are taken in the order they were queued."""
        job: _Write[A, R] = _Write(batch, item)
        with self._queue_lock:
            self._queue.append(job)
        if queued is not None:
            queued()
        while not job.done:
            with self._turn:
                if job.done:  # an earlier holder of the turn ran it
                    break
                with self._queue_lock:
                    group, self._queue = self._queue[:MAX_GROUP], self._queue[MAX_GROUP:]
                self._run_group(group)
        if job.error is not None:
            raise job.error
        return job.result  # type: ignore[return-value]

    def _run_group(self, group: list[_Write[Any, Any]]) -> None:
        by_batch: dict[Batch[Any, Any], list[_Write[Any, Any]]] = {}
        for job in group:
            by_batch.setdefault(job.batch, []).append(job)
        try:
            with self._begin() as session:
                for batch, jobs in by_batch.items():
                    _answer(jobs, batch(session, [job.item for job in jobs]))
        except Exception:
            for job in group:  # rolled back: each again on its own
                job.result = job.error = None
                self._run_alone(job)
        finally:
            for job in group:
                job.done = True

    def _run_alone(self, job: _Write[Any, Any]) -> None:
        try:
            with self._begin() as session:
                _answer([job], job.batch(session, [job.item]))
        except Exception as exc:
            job.result, job.error = None, exc


def _answer(jobs: list[_Write[Any, Any]], answers: Sequence[Any]) -> None:
    if len(answers) != len(jobs):
        raise RuntimeError(f"a batch answered {len(answers)} of {len(jobs)} writes")
    for job, answer in zip(jobs, answers, strict=True):
        if isinstance(answer, Exception):
            job.result, job.error = None, answer
        else:
            job.result, job.error = answer, None
