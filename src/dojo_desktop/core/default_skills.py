"""The skills a new school starts with, each with a written rule for when to award it."""

from __future__ import annotations

import uuid

from dojo_desktop.core.events import Event, EventKind
from dojo_desktop.core.hlc import Hlc
from dojo_desktop.core.model import Polarity

# (name, icon, polarity, points, criteria)
DEFAULT_SKILLS: tuple[tuple[str, str, Polarity, int, str], ...] = (
    ("Helping others", "heart", Polarity.POSITIVE, 1,
     "Helped a classmate or an adult without being asked."),
    ("Working hard", "star", Polarity.POSITIVE, 1,
     "Kept going on the task for the whole activity."),
    ("Teamwork", "team", Polarity.POSITIVE, 1,
     "Listened to the group and shared the work fairly."),
    ("Participating", "hand", Polarity.POSITIVE, 1,
     "Put a hand up, shared an idea or asked a question."),
    ("Persistence", "mountain", Polarity.POSITIVE, 2,
     "Tried again after getting something wrong."),
    ("Off task", "clock", Polarity.NEEDS_WORK, -1,
     "Still off task after one quiet reminder."),
    ("Disrespect", "hand-stop", Polarity.NEEDS_WORK, -1,
     "Unkind words or actions towards someone in the room."),
    ("No homework", "book", Polarity.NEEDS_WORK, -1,
     "Homework not handed in by the agreed day."),
)


def default_skill_id(name: str) -> str:
    """The same id on every device for a default skill."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"dojo-desktop:default-skill:{name}"))


def default_skill_events() -> list[Event]:
    """The events that make the default skills: every device applies the same ones, with
    the oldest possible HLC, and sends none (see ``SkillService.ensure_defaults``)."""
    seed = Hlc(0, 0, "seed")
    return [
        Event(EventKind.SKILL_SAVED, seed, {
            "skill_id": default_skill_id(name), "name": name, "icon": icon,
            "polarity": Polarity(polarity).value, "points": points, "criteria": criteria,
            "position": position, "archived": False, "class_id": None},
            id=default_skill_id(f"event:{name}"))
        for position, (name, icon, polarity, points, criteria) in enumerate(DEFAULT_SKILLS)
    ]
