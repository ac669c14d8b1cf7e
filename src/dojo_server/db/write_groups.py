"""Group commit: the writes of requests that arrive together share one transaction.

Under load a transaction costs more than the rows it writes: ``BEGIN IMMEDIATE``, the
commit's fsync, the read tables brought up to date, and every statement waiting to get
the GIL back from the event loop. Pushes that queue for the write turn are therefore
taken together: the first to get the turn runs every write waiting at that moment, one
after the other in one transaction, then each distinct ``finish`` step once, and commits
once. Throughput grows with the queue instead of the queue with the load. A ``finish``
step gets the results of the group's writes that named it, in order.

A write may name errors it raises only before it has written anything (``alone``: push's
checks): such an error fails that write alone, and the group goes on. Any other error
rolls the group back and every write of it runs again in a transaction of its own, so
one bad write cannot fail the others, and a write is never committed twice.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy.orm import Session

T = TypeVar("T")
# A step run once per group after its writes, with the results of those that named it.
Finish = Callable[[Session, list[T]], object]

MAX_GROUP = 64  # writes per transaction: bounds how long one commit keeps others waiting


@dataclass
class _Write(Generic[T]):
    write: Callable[[Session], T]
    finish: tuple[Hashable, Finish[T]] | None
    alone: tuple[type[Exception], ...]
    done: bool = False
    result: T | None = None
    error: BaseException | None = field(default=None, repr=False)


class WriteGroups:
    """Runs writes in shared transactions opened by ``begin`` (``Database.write``)."""

    def __init__(self, begin: Callable[[], AbstractContextManager[Session]]) -> None:
        self._begin = begin
        self._turn = threading.Lock()
        self._queue_lock = threading.Lock()
        self._queue: list[_Write[Any]] = []

    def run(self, write: Callable[[Session], T],
            finish: tuple[Hashable, Finish[T]] | None = None,
            alone: tuple[type[Exception], ...] = ()) -> T:
        """Run ``write`` in a transaction, perhaps with others; then ``finish[1]`` once
        per distinct ``finish[0]`` in the group, with the results of the writes that
        named it; return what ``write`` returned once committed, or raise what it (or
        the commit) raised."""
        job: _Write[T] = _Write(write, finish, alone)
        with self._queue_lock:
            self._queue.append(job)
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

    def _run_group(self, group: list[_Write[Any]]) -> None:
        try:
            with self._begin() as session:
                for job in group:
                    try:
                        job.result = job.write(session)
                    except job.alone as exc:  # raised before it wrote anything
                        job.error = exc
                _finish(session, [job for job in group if job.error is None])
        except Exception:
            for job in group:  # rolled back: each again on its own
                job.result = job.error = None
                self._run_alone(job)
        finally:
            for job in group:
                job.done = True

    def _run_alone(self, job: _Write[Any]) -> None:
        try:
            with self._begin() as session:
                job.result = job.write(session)
                _finish(session, [job])
        except Exception as exc:
            job.result, job.error = None, exc


def _finish(session: Session, jobs: list[_Write[Any]]) -> None:
    steps: dict[Hashable, tuple[Finish[Any], list[Any]]] = {}
    for job in jobs:
        if job.finish is not None:
            key, step = job.finish
            steps.setdefault(key, (step, []))[1].append(job.result)
    for step, results in steps.values():
        step(session, results)
