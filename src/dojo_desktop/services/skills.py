"""Skills: the defaults, and adding, editing, reordering and archiving them."""

from __future__ import annotations

import builtins
from collections.abc import Callable
from dataclasses import replace

from dojo_desktop.core.default_skills import default_skill_events
from dojo_desktop.core.events import Event, EventKind
from dojo_desktop.core.ids import uuid7
from dojo_desktop.core.model import Polarity, Skill, check_skill_points
from dojo_desktop.services.context import ServiceContext
from dojo_desktop.services.errors import invalid
from dojo_desktop.services.settings import STAFF_ROLE
from dojo_desktop.services.stories import SCHOOL_ROLES
from dojo_desktop.services.views import Changes
from dojo_protocol.limits import MAX_CRITERIA, MAX_POINTS, MAX_SKILL_NAME, MIN_POINTS


def _same(text: str) -> str:
    return text


class SkillService:
    """The skills adults award by. Each call is one transaction."""

    def __init__(self, ctx: ServiceContext,
                 texts: Callable[[str], str] | None = None) -> None:
        self._ctx = ctx
        # The default skills' and demo class's English in the teacher's language, used
        # once as they are made: what is stored then is data, never renamed later.
        self.texts: Callable[[str], str] = texts or _same

    def list(self, class_id: str | None = None, include_archived: bool = False) -> list[Skill]:
        """School-wide skills plus those of ``class_id``: positive first, in the set order."""
        return self._ctx.reader.skills(class_id, include_archived)

    def may_change_school_skills(self) -> bool:
        """True on a leader's or admin's device, and on one not paired with a school
        (it keeps its own skills); a teacher changes only the skills of a class."""
        role = self._ctx.reader.preferences().get(STAFF_ROLE)
        return role is None or role in SCHOOL_ROLES

    def may_change(self, skill: Skill) -> bool:
        """True if this device may change ``skill`` (see ``may_change_school_skills``)."""
        return skill.class_id is not None or self.may_change_school_skills()

    def ensure_defaults(self) -> Changes:
        """Create the default skills if this device has none yet, so it works before it
        pairs (or never does).

        The school server writes the same records, with the same ids and the oldest
        possible HLC, into every school's log, and no device sends its own: a device that
        syncs never ends up with two "Helping others", and any edit wins over the seed.
        They are named in the teacher's language (``texts``); the ids stay the same.
        """
        if self._ctx.reader.skills(None, include_archived=True):
            return Changes()
        events = default_skill_events(self.texts)
        self._ctx.writer.seed(events)
        return Changes(skills=True)

    def save(self, skill: Skill) -> tuple[Skill, Changes]:
        """Add a skill (give it an empty id) or change one, after checking it."""
        name = " ".join(skill.name.split())
        if not name:
            raise invalid("skill.no_name")
        if len(name) > MAX_SKILL_NAME:
            raise invalid("skill.name_too_long", max=MAX_SKILL_NAME)
        criteria = " ".join(skill.criteria.split())
        if len(criteria) > MAX_CRITERIA:
            raise invalid("skill.criteria_too_long", max=MAX_CRITERIA)
        try:
            check_skill_points(skill.polarity, skill.points)
        except ValueError as exc:
            if skill.polarity is Polarity.POSITIVE:
                raise invalid("skill.points_positive", max=MAX_POINTS, points=skill.points) \
                    from exc
            raise invalid("skill.points_needs_work", min=MIN_POINTS, points=skill.points) \
                from exc
        stored = self._ctx.reader.skill(skill.id) if skill.id else None
        if stored is not None and not self.may_change(stored):
            raise invalid("skill.school_wide")
        if not self.may_change(skill):
            raise invalid("skill.school_wide" if stored else "skill.school_wide_new")
        position = skill.position
        if not skill.id:
            position = 1 + max((s.position for s in self.list(skill.class_id, True)), default=-1)
        saved = replace(skill, id=skill.id or uuid7(), name=name, criteria=criteria,
                        position=position)
        self._ctx.record([self._saved(saved)])
        return saved, Changes(skills=True)

    def archive(self, skill_id: str, archived: bool = True) -> Changes:
        """Hide a skill from the picker; awards already made keep it."""
        skill = self._ctx.reader.skill(skill_id)
        if skill is None:
            raise invalid("skill.gone")
        return self.save(replace(skill, archived=archived))[1]

    def reorder(self, skill_ids: builtins.list[str]) -> Changes:
        """Set the order skills appear in the picker."""
        self._ctx.record([self._ctx.event(EventKind.SKILLS_REORDERED,
                                          {"skill_ids": list(skill_ids)})])
        return Changes(skills=True)

    def _saved(self, skill: Skill) -> Event:
        return self._ctx.event(EventKind.SKILL_SAVED, _skill_payload(skill))


def _skill_payload(skill: Skill) -> dict[str, object]:
    return {
        "skill_id": skill.id, "name": skill.name, "icon": skill.icon,
        "polarity": Polarity(skill.polarity).value, "points": skill.points,
        "criteria": skill.criteria, "position": skill.position,
        "archived": skill.archived, "class_id": skill.class_id}
