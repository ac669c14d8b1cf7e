"""The award digest a device compares with the server's after a sync: per class, how many
awards there are and one hash of their ids that does not depend on their order.

Which awards count, on both sides: every ``award_given`` of the class (an undone award
too: an undo is an event of its own and never removes the award), that the server
numbered at or below the device's cursor, and the asking device's own awards whatever
their number (the device holds them since it made them, but its cursor may not have
passed them yet). The device leaves out its awards the server has not taken (waiting or
refused), and compares only when nothing waits to be sent.

The hash (format ``DIGEST_FORMAT``): each award id, as UTF-8, hashed with SHA-256; the
first 16 bytes of each as a big-endian number; their sum modulo 2**128, written as 32
lowercase hex digits. A sum (unlike a xor) tells one award twice from none, and it can be
taken apart again: the server keeps a class's digest and adds or subtracts the awards
between two cursors instead of reading the class again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

DIGEST_FORMAT = "sha256-128-sum"
_BITS = 128
_MODULUS = 1 << _BITS
_BYTES = _BITS // 8


def award_hash(award_id: str) -> int:
    """One award id's share of a digest."""
    return int.from_bytes(hashlib.sha256(award_id.encode()).digest()[:_BYTES], "big")


@dataclass(frozen=True)
class ClassDigest:
    """How many awards a class has and the sum of their hashes (see the module's rule)."""

    count: int = 0
    total: int = 0

    @classmethod
    def of(cls, award_ids: Iterable[str]) -> ClassDigest:
        """The digest of ``award_ids`` (any order)."""
        return ClassDigest().plus(award_ids)

    @classmethod
    def parse(cls, count: int, text: str) -> ClassDigest:
        """A digest as it travels (``count`` and ``hex``); ValueError if malformed."""
        if count < 0 or len(text) != 2 * _BYTES:
            raise ValueError("not an award digest")
        return cls(count, int(text, 16))

    def plus(self, award_ids: Iterable[str]) -> ClassDigest:
        """This digest with ``award_ids`` added."""
        count, total = self.count, self.total
        sha256 = hashlib.sha256
        for award_id in award_ids:
            count += 1
            total += int.from_bytes(sha256(award_id.encode()).digest()[:_BYTES], "big")
        return ClassDigest(count, total % _MODULUS)

    def minus(self, award_ids: Iterable[str]) -> ClassDigest:
        """This digest with ``award_ids`` (counted in it) taken out."""
        removed = ClassDigest.of(award_ids)
        return ClassDigest(self.count - removed.count, (self.total - removed.total) % _MODULUS)

    def __add__(self, other: ClassDigest) -> ClassDigest:
        return ClassDigest(self.count + other.count, (self.total + other.total) % _MODULUS)

    @property
    def hex(self) -> str:
        return f"{self.total:0{2 * _BYTES}x}"
