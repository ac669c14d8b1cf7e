"""The class goal: a points target the class works towards, and the reward it chose.

A record kind of the protocol's registry (``class_goal_set``, one record per class, the
newest version winning), so every device of the class shows the same goal and the generic
record path stores, syncs and repaints it.
"""

from __future__ import annotations

from dataclasses import dataclass

from dojo_desktop.services.awards import AwardService
from dojo_desktop.services.context import ServiceContext
from dojo_desktop.services.errors import invalid
from dojo_desktop.services.views import Changes
from dojo_protocol import limits

KIND = "class_goal_set"


@dataclass(frozen=True)
class ClassGoal:
    """A class's target in points this period, the reward, and when it was set (ms)."""

    target: int
    reward: str
    set_at: int


class ClassGoalService:
    """Sets and reads each class's goal, and how far the class has come."""

    def __init__(self, ctx: ServiceContext, awards: AwardService) -> None:
        self._ctx, self._awards = ctx, awards

    def goal(self, class_id: str) -> ClassGoal | None:
        """The class's goal, or None if none was set."""
        for p in self._ctx.reader.records(KIND, class_id):
            return ClassGoal(int(p["target"]), str(p["reward"]), int(p["set_at"]))
        return None

    def set_goal(self, class_id: str, target: int, reward: str) -> Changes:
        """Set the class's goal (the newest goal set on any device wins)."""
        reward = " ".join(reward.split())
        if not 1 <= target <= limits.MAX_GOAL_POINTS:
            raise invalid("goal.target", max=limits.MAX_GOAL_POINTS)
        if len(reward) > limits.MAX_GOAL_REWARD:
            raise invalid("goal.reward_too_long", max=limits.MAX_GOAL_REWARD)
        self._ctx.record([self._ctx.event(KIND, {
            "class_id": class_id, "target": target, "reward": reward,
            "set_at": self._ctx.now_ms()})])
        return Changes(records=frozenset({KIND}))

    def progress(self, class_id: str) -> int:
        """The class's points this period, what the goal counts."""
        return self._awards.class_total(class_id)

    @staticmethod
    def concerns(changes: Changes) -> bool:
        """True if ``changes`` may move a goal: a goal set, or points given or undone."""
        return KIND in changes.records or bool(changes.students) or changes.settings \
            or changes.roster
