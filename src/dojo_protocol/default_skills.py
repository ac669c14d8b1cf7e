"""The skills every school starts with: the same ids and versions on the server and devices.

The server writes them into a new school's log; a device that has not paired yet makes
the same records locally so it works offline. They carry the oldest possible HLC, so any
edit made anywhere wins over them, and the fixed ids keep a device that made them itself
from ever showing two "Helping others" once it syncs.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from dojo_protocol.hlc import pack_hlc

SEED_DEVICE = "seed"
DEFAULT_SKILL_HLC = pack_hlc(0, 0, SEED_DEVICE)

# (name, icon, polarity, points, criteria)
DEFAULT_SKILLS: tuple[tuple[str, str, str, int, str], ...] = (
    ("Helping others", "heart", "positive", 1,
     "Helped a classmate or an adult without being asked."),
    ("Working hard", "star", "positive", 1,
     "Kept going on the task for the whole activity."),
    ("Teamwork", "team", "positive", 1,
     "Listened to the group and shared the work fairly."),
    ("Participating", "hand", "positive", 1,
     "Put a hand up, shared an idea or asked a question."),
    ("Persistence", "mountain", "positive", 2,
     "Tried again after getting something wrong."),
    ("Off task", "clock", "needs_work", -1,
     "Still off task after one quiet reminder."),
    ("Disrespect", "hand-stop", "needs_work", -1,
     "Unkind words or actions towards someone in the room."),
    ("No homework", "book", "needs_work", -1,
     "Homework not handed in by the agreed day."),
)


def default_skill_id(name: str) -> str:
    """The same id everywhere for a default skill."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"dojo-desktop:default-skill:{name}"))


def _same(text: str) -> str:
    return text


def default_skill_payloads(translate: Callable[[str], str] = _same) -> list[dict[str, Any]]:
    """The ``skill_saved`` payloads that make the default skills (school-wide), in order.

    ``translate`` gives each English name and criteria in the language they are made in;
    the ids stay those of the English names, so every device and the server agree on them.
    """
    return [{"skill_id": default_skill_id(name), "name": translate(name), "icon": icon,
             "polarity": polarity, "points": points, "criteria": translate(criteria),
             "position": position, "archived": False, "class_id": None}
            for position, (name, icon, polarity, points, criteria) in enumerate(DEFAULT_SKILLS)]
