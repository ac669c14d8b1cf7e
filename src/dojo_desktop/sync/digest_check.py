"""Now and then after a sync: compare this device's awards with the server's, class by
class (a count and a digest of the ids, ``dojo_protocol.digest``); where they differ,
download the school again (sync/first_sync.py, ``again``) and compare once more.

A comparison means something only if neither side moved while it was made: the outbox
holds nothing waiting, and no tap or pull happened between reading the device's
position and reading its awards. Otherwise it is dropped and tried again a minute later.
A difference that a download does not repair is reported and downloaded again only
after a growing pause (30 minutes, then an hour ... up to a day), never in a loop.
Blocking and Qt-free: the scheduler runs it on its pull thread, between pulls.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass

from dojo_desktop.core.sync_status import AwardCheck
from dojo_desktop.sync.engine import SyncEngine, SyncReport
from dojo_desktop.sync.errors import ServerRefused, SyncError
from dojo_desktop.sync.first_sync_tables import BootstrapFailed
from dojo_desktop.sync.sync_store import DigestBasis, SyncStore
from dojo_protocol.digest import DIGEST_FORMAT, ClassDigest

log = logging.getLogger(__name__)

CHECK_INTERVAL_S = 30 * 60.0
RETRY_S = 60.0  # after a comparison that could not be made (a tap meanwhile, offline)
MAX_PAUSE_S = 24 * 3600.0  # the longest pause between two downloads that did not help


@dataclass(frozen=True)
class Difference:
    """One class whose awards here and on the server differ."""

    class_id: str
    name: str
    here: ClassDigest
    server: ClassDigest


@dataclass(frozen=True)
class CheckOutcome:
    """What a check found (None: nothing could be told) and what a download changed."""

    result: AwardCheck | None
    differences: tuple[Difference, ...] = ()
    downloaded: SyncReport | None = None

    @property
    def class_names(self) -> tuple[str, ...]:
        return tuple(d.name for d in self.differences)


class DigestCheck:
    """When to compare, and what to do about a difference. Use from one thread."""

    def __init__(self, engine: SyncEngine, store: SyncStore,
                 interval_s: float = CHECK_INTERVAL_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._engine, self._store = engine, store
        self._interval, self._clock = interval_s, clock
        self._epoch: str | None = None  # of the last comparison; a new one checks at once
        self._next_check = float("-inf")  # once after start
        self._next_download = float("-inf")
        self._failed_downloads = 0  # downloads again not yet followed by agreement

    def run_if_due(self) -> CheckOutcome | None:
        """Compare if due and nothing waits to be sent; None when it did not run."""
        basis = self._store.digest_basis()
        if basis is None or basis.waiting or not basis.cursor:
            return None
        if basis.epoch != self._epoch:  # after start, a first sync, a restored server
            self._epoch, self._next_check = basis.epoch, float("-inf")
        if self._clock() < self._next_check:
            return None
        return self.run(basis)

    def run(self, basis: DigestBasis) -> CheckOutcome:
        """Compare now; on a difference, download again (unless paused) and compare again."""
        differences = self._compare(basis)
        if differences is None:
            self._next_check = max(self._next_check, self._clock() + RETRY_S)
            return CheckOutcome(None)
        self._next_check = self._clock() + self._interval
        if not differences:
            return self._agreed()
        for d in differences:
            log.warning("awards of class %s (%s) differ from the server's: %d here, %d on "
                        "the server", d.name, d.class_id, d.here.count, d.server.count)
        if self._clock() < self._next_download:
            log.warning("not downloading the school again before %.0f minutes have passed",
                        (self._next_download - self._clock()) / 60)
            return CheckOutcome(AwardCheck.DIFFERS, differences)
        return self._download_again(differences)

    def _agreed(self) -> CheckOutcome:
        repaired = self._failed_downloads > 0
        self._failed_downloads, self._next_download = 0, float("-inf")
        return CheckOutcome(AwardCheck.REPAIRED if repaired else AwardCheck.MATCHED)

    def _download_again(self, differences: tuple[Difference, ...]) -> CheckOutcome:
        log.warning("downloading the school's data again to repair this device's copy")
        self._failed_downloads += 1
        self._next_download = self._clock() + min(
            MAX_PAUSE_S, self._interval * 2 ** (self._failed_downloads - 1))
        try:
            report = self._engine.download_again()
        except (BootstrapFailed, SyncError, sqlite3.Error) as exc:
            log.warning("the school's data could not be downloaded again: %s", exc)
            return CheckOutcome(AwardCheck.DIFFERS, differences)
        basis = self._store.digest_basis()
        after = self._compare(basis) if basis is not None and not basis.waiting else None
        if after is None:  # a tap meanwhile: the next check tells (soon)
            self._next_check = self._clock() + RETRY_S
            return CheckOutcome(None, differences, report)
        if not after:
            log.info("the download repaired this device's awards")
            self._failed_downloads, self._next_download = 0, float("-inf")
            return CheckOutcome(AwardCheck.REPAIRED, differences, report)
        for d in after:
            log.warning("awards of class %s (%s) still differ after downloading again: %d "
                        "here, %d on the server", d.name, d.class_id, d.here.count,
                        d.server.count)
        return CheckOutcome(AwardCheck.DIFFERS, after, report)

    def _compare(self, basis: DigestBasis) -> tuple[Difference, ...] | None:
        """The classes whose awards differ; None if the comparison could not be made."""
        try:
            answer = self._engine.transport.digest(basis.cursor)
        except ServerRefused as exc:
            if exc.status == 404:  # a server from before the check: ask again much later
                log.info("the school server does not compare awards yet")
                self._next_check = self._clock() + self._interval
            else:
                log.info("award check not made: %s", exc)
            return None
        except SyncError as exc:
            log.info("award check not made: %s", exc)
            return None
        if answer.format != DIGEST_FORMAT or answer.cursor != basis.cursor:
            log.info("award check not made: the server answered in format %s", answer.format)
            return None
        try:
            server = {c.class_id: ClassDigest.parse(c.count, c.digest)
                      for c in answer.classes}
        except ValueError:
            log.info("award check not made: the server's digest is malformed")
            return None
        here = self._store.award_digests()
        if not answer.whole_school:  # the device's class alone
            here = {class_id: digest for class_id, digest in here.items() if class_id in server}
        if self._store.digest_basis() != basis:
            return None
        names = self._store.class_names()
        empty = ClassDigest()
        return tuple(
            Difference(class_id, names.get(class_id, class_id), here.get(class_id, empty),
                       server.get(class_id, empty))
            for class_id in sorted(server.keys() | here.keys())
            if here.get(class_id, empty) != server.get(class_id, empty))
