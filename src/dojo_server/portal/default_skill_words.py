"""The default skills' names and criteria in a school's language (``dojo-server
create-school --language``), from the portal's catalogues: each is marked here so
``pybabel extract`` finds it; ``tests/server/test_server_cli.py`` keeps the list in step
with ``dojo_protocol.default_skills``."""

from __future__ import annotations

from collections.abc import Callable

from dojo_server.portal.i18n import translations


def _(text: str) -> str:
    return text


MARKED = (
    _("Helping others"), _("Helped a classmate or an adult without being asked."),
    _("Working hard"), _("Kept going on the task for the whole activity."),
    _("Teamwork"), _("Listened to the group and shared the work fairly."),
    _("Participating"), _("Put a hand up, shared an idea or asked a question."),
    _("Persistence"), _("Tried again after getting something wrong."),
    _("Off task"), _("Still off task after one quiet reminder."),
    _("Disrespect"), _("Unkind words or actions towards someone in the room."),
    _("No homework"), _("Homework not handed in by the agreed day."),
)


def skill_words(language: str) -> Callable[[str], str]:
    """The default skills' English in ``language`` (as it is, for English)."""
    return translations(language).gettext
