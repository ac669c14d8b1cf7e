"""Comparing app versions: what ``min_client_version`` means on both sides."""

from __future__ import annotations

import re


def version_at_least(version: str, minimum: str) -> bool:
    """Compare dotted versions by their leading numbers: "0.10.1" >= "0.9"."""
    return _numbers(version) >= _numbers(minimum)


def _numbers(version: str) -> tuple[int, ...]:
    parts = []
    for part in version.split("."):
        digits = re.match(r"\d+", part)
        if digits is None:
            break
        parts.append(int(digits.group()))
    return tuple(parts)
