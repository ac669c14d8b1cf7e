"""Splitting a class into groups: sizes within one of each other, chosen pairs kept apart,
and either at random or balanced by points so no group starts far ahead."""

from __future__ import annotations

import math
import random
from collections.abc import Collection, Iterable, Mapping, Sequence


def group_count(children: int, *, size: int | None = None, count: int | None = None) -> int:
    """How many groups: ``count`` of them, or as many as groups of ``size`` need (at least
    one, and never more than there are children)."""
    if (size is None) == (count is None):
        raise ValueError("give a group size or a number of groups")
    wanted = count if count is not None else math.ceil(children / max(1, size or 1))
    return max(1, min(wanted, children))


def make_groups(children: Sequence[str], groups: int, rng: random.Random, *,
                points: Mapping[str, int] | None = None,
                apart: Iterable[Collection[str]] = ()) -> list[list[str]]:
    """``children`` in ``groups`` groups whose sizes differ by one at most.

    With ``points`` the groups are balanced: the strongest go first, each to the group with
    the fewest points so far, then swaps between the richest and the poorest group narrow
    the gap; without, the children are dealt at random. Two children of a pair in ``apart``
    are put in different groups wherever the numbers allow it.
    """
    if not children:
        return []
    k = max(1, min(groups, len(children)))
    pairs = [tuple(pair) for pair in apart if len(set(pair)) == 2]
    avoid: dict[str, set[str]] = {child: set() for child in children}
    for a, b in pairs:
        if a in avoid and b in avoid:
            avoid[a].add(b)
            avoid[b].add(a)
    score = {child: (points or {}).get(child, 0) for child in children}
    order = list(children)
    rng.shuffle(order)  # ties in points, and the random deal, fall differently each time
    if points is not None:
        order.sort(key=lambda child: -score[child])
    base, extra = divmod(len(order), k)
    room = [base + (1 if i < extra else 0) for i in range(k)]
    result: list[list[str]] = [[] for _ in range(k)]
    for child in order:
        open_groups = [i for i in range(k) if len(result[i]) < room[i]]
        clear = [i for i in open_groups if not avoid[child] & set(result[i])] or open_groups
        if points is not None:
            best = min(clear, key=lambda i: (sum(score[c] for c in result[i]), len(result[i])))
        else:
            best = min(clear, key=lambda i: (len(result[i]), rng.random()))
        result[best].append(child)
    _separate(result, avoid, score, balanced=points is not None)
    if points is not None:
        _narrow_gap(result, avoid, score)
    return result


def _conflicts(group: list[str], child: str, avoid: Mapping[str, set[str]],
               leaving: str | None = None) -> bool:
    return any(other in avoid[child] for other in group if other not in (child, leaving))


def _separate(result: list[list[str]], avoid: Mapping[str, set[str]],
              score: Mapping[str, int], *, balanced: bool) -> None:
    """Swap a child out of a group that holds a pair kept apart, where a swap can."""
    for _round in range(len(score)):
        moved = False
        for gi, group in enumerate(result):
            for child in list(group):
                if not _conflicts(group, child, avoid):
                    continue
                swaps = [(gj, other) for gj, other_group in enumerate(result) if gj != gi
                         for other in other_group
                         if not _conflicts(other_group, child, avoid, leaving=other)
                         and not _conflicts(group, other, avoid, leaving=child)]
                if not swaps:
                    continue
                # Balanced: the swap that moves the fewest points between the two groups.
                gj, other = (min(swaps, key=lambda s: abs(score[s[1]] - score[child]))
                             if balanced else swaps[0])
                _swap(result, gi, child, gj, other)
                moved = True
        if not moved:
            return


def _narrow_gap(result: list[list[str]], avoid: Mapping[str, set[str]],
                score: Mapping[str, int]) -> None:
    """Swap between the richest and the poorest group while it narrows their gap."""
    for _round in range(len(score) * 4):
        sums = [sum(score[c] for c in group) for group in result]
        rich = max(range(len(result)), key=sums.__getitem__)
        poor = min(range(len(result)), key=sums.__getitem__)
        gap = sums[rich] - sums[poor]
        best: tuple[int, str, str] | None = None
        for a in result[rich]:
            for b in result[poor]:
                moved = score[a] - score[b]
                if 0 < moved < gap and abs(gap - 2 * moved) < (best[0] if best else gap) \
                        and not _conflicts(result[poor], a, avoid, leaving=b) \
                        and not _conflicts(result[rich], b, avoid, leaving=a):
                    best = (abs(gap - 2 * moved), a, b)
        if best is None:
            return
        _swap(result, rich, best[1], poor, best[2])


def _swap(result: list[list[str]], gi: int, a: str, gj: int, b: str) -> None:
    result[gi][result[gi].index(a)] = b
    result[gj][result[gj].index(b)] = a


def spread(result: Sequence[Sequence[str]], points: Mapping[str, int]) -> int:
    """The points between the richest and the poorest group."""
    sums = [sum(points.get(c, 0) for c in group) for group in result]
    return max(sums) - min(sums) if sums else 0
