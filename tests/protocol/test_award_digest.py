"""The award digest: one order-independent hash of a class's award ids, and its count."""

from __future__ import annotations

import hashlib
import random

from hypothesis import given
from hypothesis import strategies as st

from dojo_protocol.digest import DIGEST_FORMAT, ClassDigest

award_ids = st.lists(st.uuids().map(str), max_size=40)


@given(award_ids, st.randoms())
def test_the_order_does_not_matter(ids: list[str], rng: random.Random) -> None:
    shuffled = list(ids)
    rng.shuffle(shuffled)
    assert ClassDigest.of(shuffled) == ClassDigest.of(ids)


@given(award_ids.filter(bool), st.data())
def test_one_id_changed_changes_the_digest(ids: list[str], data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(ids) - 1))
    other = data.draw(st.uuids().map(str).filter(lambda new: new != ids[index]))
    changed = [*ids[:index], other, *ids[index + 1:]]
    before, after = ClassDigest.of(ids), ClassDigest.of(changed)
    assert after.count == before.count
    assert after.hex != before.hex


@given(award_ids, award_ids)
def test_digests_add_up_and_come_apart(first: list[str], second: list[str]) -> None:
    whole = ClassDigest.of(first + second)
    assert ClassDigest.of(first) + ClassDigest.of(second) == whole
    assert ClassDigest.of(first).plus(second) == whole
    assert whole.minus(second) == ClassDigest.of(first)
    assert ClassDigest.parse(whole.count, whole.hex) == whole


@given(st.uuids().map(str))
def test_an_award_twice_is_not_an_award_none_times(award_id: str) -> None:
    assert ClassDigest.of([award_id, award_id]).hex != ClassDigest().hex
    assert ClassDigest.of([award_id, award_id]) != ClassDigest.of([award_id])


def test_the_format_is_the_one_named() -> None:
    """sha256-128-sum: the first 16 bytes of each id's SHA-256, summed modulo 2**128."""
    assert DIGEST_FORMAT == "sha256-128-sum"
    ids = ["a", "b"]
    total = sum(int.from_bytes(hashlib.sha256(i.encode()).digest()[:16], "big")
                for i in ids) % 2**128
    assert ClassDigest.of(ids).hex == f"{total:032x}"
    assert len(ClassDigest().hex) == 32
