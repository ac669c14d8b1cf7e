"""The building blocks of payload rules: checks that answer None or the problem in words,
and the one-match tests for a batch's ids and clock stamps."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from dojo_protocol import limits
from dojo_protocol.hlc import HLC_PATTERN, HLC_PROBLEM, is_hlc

Check = Callable[[Any], str | None]

_SHA256 = re.compile(r"[0-9a-f]{64}")
_AVATAR = re.compile(r"drawn:\d{1,4}|image:[0-9a-f]{64}")
# The spelling ``str(uuid)`` writes. ``uuid.UUID`` also takes others (braces, "urn:uuid:",
# hyphens anywhere), so text that does not match is still asked of it.
_CANONICAL_UUID = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_canonical_uuid = _CANONICAL_UUID.fullmatch
_UUID_LINES = re.compile(rf"{_CANONICAL_UUID.pattern}(?:\n{_CANONICAL_UUID.pattern}){{4}}")
five_canonical_uuids = _UUID_LINES.fullmatch  # five ids, one a line


def all_uuids(values: Sequence[str]) -> bool:
    """True if every one of ``values`` is a UUID written the usual way (one match for
    all); False means "ask :func:`is_uuid` of each"."""
    return _all_lines(values, _CANONICAL_UUID.pattern)


def all_hlcs(values: Sequence[str]) -> bool:
    """True if :func:`validate_hlc` passes every one of ``values`` (one match for all)."""
    return _all_lines(values, HLC_PATTERN)


@functools.cache
def _lines_of(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{pattern}\n)*{pattern}")


def _all_lines(values: Sequence[str], pattern: str) -> bool:
    if not values or not all(isinstance(value, str) for value in values):
        return False
    text = "\n".join(values)
    # A line break inside a value would split it into two lines that might each match.
    return text.count("\n") == len(values) - 1 and bool(_lines_of(pattern).fullmatch(text))


def is_uuid(value: Any) -> bool:
    """True for a 36-character string that ``uuid.UUID`` accepts."""
    if not isinstance(value, str) or len(value) != 36:
        return False
    if _canonical_uuid(value):  # the usual case, without building a UUID object
        return True
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def uuid_id(value: Any) -> str | None:
    """An id: a UUID string."""
    return None if is_uuid(value) else "must be a UUID string"


def text(max_len: int, min_len: int = 0) -> Check:
    """Text of at most ``max_len`` characters, and ``min_len`` not blank."""
    def check(value: Any) -> str | None:
        if not isinstance(value, str):
            return "must be text"
        if len(value.strip()) < min_len:
            return "must not be empty"
        return f"must be at most {max_len} characters" if len(value) > max_len else None
    return check


def whole(low: int = -(2**62), high: int = 2**62) -> Check:
    """A whole number from ``low`` to ``high``."""
    def check(value: Any) -> str | None:
        if type(value) is not int:
            return "must be a whole number"
        return None if low <= value <= high else f"must be between {low} and {high}"
    return check


def boolean(value: Any) -> str | None:
    """True or false."""
    return None if isinstance(value, bool) else "must be true or false"


def one_of(*choices: str) -> Check:
    """One of ``choices``."""
    def check(value: Any) -> str | None:
        return None if value in choices else f"must be one of {', '.join(choices)}"
    return check


def matches(pattern: re.Pattern[str], what: str) -> Check:
    """Text ``pattern`` matches whole, described as ``what``."""
    def check(value: Any) -> str | None:
        ok = isinstance(value, str) and pattern.fullmatch(value)
        return None if ok else f"must be {what}"
    return check


def list_of(item: Check, max_len: int, min_len: int = 0) -> Check:
    """A list of ``min_len`` to ``max_len`` items, each passing ``item``."""
    def check(value: Any) -> str | None:
        if not isinstance(value, list):
            return "must be a list"
        if not min_len <= len(value) <= max_len:
            return f"must list {min_len} to {max_len} items"
        for element in value:
            problem = item(element)
            if problem:
                return f"has an item that {problem}"
        return None
    return check


def optional(check: Check) -> Check:
    """Null, or what ``check`` passes."""
    return lambda value: None if value is None else check(value)


def either(first: Check, second: Check, what: str) -> Check:
    """What ``first`` or ``second`` passes, described as ``what``."""
    def check(value: Any) -> str | None:
        return None if first(value) is None or second(value) is None else f"must be {what}"
    return check


def json_text(value: Any) -> str | None:
    """A JSON document written as text (a setting's value)."""
    if not isinstance(value, str) or len(value) > limits.MAX_SETTING_VALUE:
        return f"must be a JSON document as text (at most {limits.MAX_SETTING_VALUE} characters)"
    try:
        json.loads(value)
    except ValueError:
        return "must be a JSON document as text"
    return None


def iso_date(value: Any) -> str | None:
    """A date written YYYY-MM-DD."""
    try:
        dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return "must be a date written YYYY-MM-DD"
    return None if len(value) == 10 else "must be a date written YYYY-MM-DD"


AT_MS = whole(0)  # Unix milliseconds
SHA256 = matches(_SHA256, "a sha256 in lowercase hex")
ATTACHMENTS = list_of(SHA256, limits.MAX_ATTACHMENTS)
POINTS = whole(limits.MIN_POINTS, limits.MAX_POINTS)
AVATAR = matches(_AVATAR, "drawn:N or image:<sha256>")


def validate_hlc(packed: str) -> str | None:
    """None if ``packed`` is an HLC as ``Hlc.pack()`` writes it, else the problem."""
    return None if is_hlc(packed) else HLC_PROBLEM
