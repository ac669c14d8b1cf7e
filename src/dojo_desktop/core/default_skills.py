"""The skills a new school starts with, each with a written rule for when to award it."""

from __future__ import annotations

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
