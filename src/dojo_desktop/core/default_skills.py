"""The skills a new school starts with (``dojo_protocol.default_skills``), as this app's
events and types."""

from __future__ import annotations

from collections.abc import Callable

from dojo_desktop.core.events import Event, EventKind
from dojo_desktop.core.hlc import Hlc
from dojo_desktop.core.model import Polarity
from dojo_protocol.default_skills import DEFAULT_SKILLS as SHARED_DEFAULTS
from dojo_protocol.default_skills import (
    SEED_DEVICE,
    default_skill_id,
    default_skill_payloads,
)

__all__ = ["DEFAULT_SKILLS", "default_skill_events", "default_skill_id"]

# (name, icon, polarity, points, criteria)
DEFAULT_SKILLS: tuple[tuple[str, str, Polarity, int, str], ...] = tuple(
    (name, icon, Polarity(polarity), points, criteria)
    for name, icon, polarity, points, criteria in SHARED_DEFAULTS)


def _same(text: str) -> str:
    return text


def default_skill_events(translate: Callable[[str], str] = _same) -> list[Event]:
    """The events that make the default skills on a device that has not synced them: the
    same records the server writes, with the oldest possible HLC, sent by no one (see
    ``SkillService.ensure_defaults``). ``translate`` names them in the teacher's language
    once, as they are made; the ids are the English names' everywhere."""
    seed = Hlc(0, 0, SEED_DEVICE)
    return [Event(EventKind.SKILL_SAVED, seed, payload,
                  id=default_skill_id(f"event:{english[0]}"))
            for english, payload in zip(DEFAULT_SKILLS, default_skill_payloads(translate),
                                        strict=True)]
