"""The default skills' and the demo class's English, in the teacher's language.

The services make those records once, in the language of the window that makes them
(``open_classroom(texts=default_text)``); what is stored is data from then on. Each text
is written out here so ``pyside6-lupdate`` finds it; ``tests/ui/test_default_texts.py``
keeps this list in step with ``dojo_protocol.default_skills`` and the demo class.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _texts() -> dict[str, str]:
    return {
        "Demo class 4B": QCoreApplication.translate("Defaults", "Demo class 4B"),
        "Year 4": QCoreApplication.translate("Defaults", "Year 4"),
        "Helping others": QCoreApplication.translate("Defaults", "Helping others"),
        "Helped a classmate or an adult without being asked.": QCoreApplication.translate(
            "Defaults", "Helped a classmate or an adult without being asked."),
        "Working hard": QCoreApplication.translate("Defaults", "Working hard"),
        "Kept going on the task for the whole activity.": QCoreApplication.translate(
            "Defaults", "Kept going on the task for the whole activity."),
        "Teamwork": QCoreApplication.translate("Defaults", "Teamwork"),
        "Listened to the group and shared the work fairly.": QCoreApplication.translate(
            "Defaults", "Listened to the group and shared the work fairly."),
        "Participating": QCoreApplication.translate("Defaults", "Participating"),
        "Put a hand up, shared an idea or asked a question.": QCoreApplication.translate(
            "Defaults", "Put a hand up, shared an idea or asked a question."),
        "Persistence": QCoreApplication.translate("Defaults", "Persistence"),
        "Tried again after getting something wrong.": QCoreApplication.translate(
            "Defaults", "Tried again after getting something wrong."),
        "Off task": QCoreApplication.translate("Defaults", "Off task"),
        "Still off task after one quiet reminder.": QCoreApplication.translate(
            "Defaults", "Still off task after one quiet reminder."),
        "Disrespect": QCoreApplication.translate("Defaults", "Disrespect"),
        "Unkind words or actions towards someone in the room.": QCoreApplication.translate(
            "Defaults", "Unkind words or actions towards someone in the room."),
        "No homework": QCoreApplication.translate("Defaults", "No homework"),
        "Homework not handed in by the agreed day.": QCoreApplication.translate(
            "Defaults", "Homework not handed in by the agreed day."),
    }


def known_texts() -> frozenset[str]:
    """Every English text this module translates."""
    return frozenset(_texts())


def default_text(english: str) -> str:
    """``english`` (a default skill's name or criteria, the demo class's name or year
    group) in the window's language; any other text as it came."""
    return _texts().get(english, english)
