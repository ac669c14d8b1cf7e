"""A batch's ids and clocks checked with one match give the answers of the checks per value."""

from __future__ import annotations

import uuid
from typing import cast

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from dojo_protocol.events import all_hlcs, all_uuids, is_uuid, validate_hlc

HLC = "001763900000000-000001-0190a0b0-0000-7000-8000-000000000001"
OTHER_HLC = "001763900000001-000000-laptop"
UUID = "0190a0b0-0000-7000-8000-0000000000a1"
OTHER_UUID = "0190A0B0-0000-7000-8000-0000000000B2"


def _canonical_uuid(value: str) -> bool:
    """Written as ``str(uuid)`` writes it, in either case."""
    if len(value) != 36:
        return False
    try:
        return str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


_canonical_uuids = st.one_of(st.uuids().map(str), st.uuids().map(lambda u: str(u).upper()))
_uuid_near_misses = st.one_of(
    st.uuids().map(lambda u: "{" + u.hex + "}"),
    st.uuids().map(lambda u: "urn:uuid:" + u.hex),
    st.uuids().map(lambda u: "----" + u.hex),
    st.uuids().map(lambda u: str(u)[:-1]),
    st.uuids().map(lambda u: str(u) + "0"),
    st.uuids().map(lambda u: str(u)[:-1] + "\n"),
    st.uuids().map(lambda u: "\n" + str(u)[1:]),
    st.uuids().map(lambda u: str(u)[:-1] + "\u0663"),
    st.tuples(st.uuids(), st.uuids()).map(lambda pair: "\n".join(map(str, pair))),
)
_uuid_values = st.one_of(_canonical_uuids, _uuid_near_misses, st.text(max_size=40))


@settings(max_examples=300)
@given(st.lists(_uuid_values, max_size=6))
@example([UUID, OTHER_UUID])
def test_all_uuids_passes_only_what_is_uuid_passes(values: list[str]) -> None:
    if all_uuids(values):
        assert all(is_uuid(value) for value in values)


@settings(max_examples=300)
@given(st.lists(_uuid_values, max_size=6))
@example([UUID, OTHER_UUID])
@example([UUID, "{" + UUID.replace("-", "") + "}"])
def test_all_uuids_passes_exactly_the_usual_spelling(values: list[str]) -> None:
    assert all_uuids(values) is (bool(values) and all(map(_canonical_uuid, values)))


@settings(max_examples=300)
@given(st.lists(st.one_of(_canonical_uuids, _uuid_values), min_size=1, max_size=6))
def test_all_uuids_agrees_with_is_uuid_for_values_in_the_usual_spelling_or_none(
        values: list[str]) -> None:
    assume(all(_canonical_uuid(value) or not is_uuid(value) for value in values))
    assert all_uuids(values) is all(is_uuid(value) for value in values)


_node = st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=12)
_hlcs = st.builds(lambda ms, counter, node: f"{ms:015d}-{counter:06d}-{node}",
                  st.integers(0, 10**15 - 1), st.integers(0, 10**6 - 1), _node)
_digits = st.text(st.sampled_from("0123456789\u0663\uff11a"), min_size=5, max_size=16)
_hlc_near_misses = st.one_of(
    st.builds(lambda ms, counter, node: f"{ms}-{counter}-{node}", _digits, _digits, _node),
    _hlcs.map(lambda hlc: hlc + "\n"),
    _hlcs.map(lambda hlc: "\n" + hlc),
    _hlcs.map(lambda hlc: hlc + "\r\n"),
    _hlcs.map(lambda hlc: hlc.rsplit("-", 1)[0] + "-"),
    st.tuples(_hlcs, _hlcs).map("\n".join),
)
_hlc_values = st.one_of(_hlcs, _hlc_near_misses, st.text(max_size=40))


@settings(max_examples=300)
@given(st.lists(_hlc_values, min_size=1, max_size=6))
@example([HLC, f"{HLC}\n{OTHER_HLC}"])
@example([HLC, "001763900000000-000001-with space"])
@example(["\u0663" * 15 + "-000001-x"])
def test_all_hlcs_agrees_with_validate_hlc(values: list[str]) -> None:
    assert all_hlcs(values) is all(validate_hlc(value) is None for value in values)


def test_a_value_holding_two_clocks_on_two_lines_is_refused() -> None:
    assert all_hlcs([HLC, OTHER_HLC])
    assert not all_hlcs([f"{HLC}\n{OTHER_HLC}"])
    assert not all_hlcs([HLC, f"{HLC}\n{OTHER_HLC}", OTHER_HLC])


def test_a_value_holding_two_uuids_on_two_lines_is_refused() -> None:
    assert all_uuids([UUID, OTHER_UUID])
    assert not all_uuids([f"{UUID}\n{OTHER_UUID}"])


def test_an_empty_batch_is_not_vouched_for() -> None:
    assert all_uuids([]) is False
    assert all_hlcs([]) is False


def test_a_value_that_is_not_text_is_refused() -> None:
    assert all_uuids(cast(list[str], [UUID, None])) is False
    assert all_hlcs(cast(list[str], [HLC, 17])) is False
