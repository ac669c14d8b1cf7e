"""The default skills and the demo class are made in the teacher's language, once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from language_helpers import checkout_catalogue
from PySide6.QtWidgets import QApplication

from dojo_desktop.core.demo_class import DEMO_CLASS_NAME, DEMO_YEAR_GROUP
from dojo_desktop.services.classroom import open_classroom
from dojo_desktop.ui.default_texts import default_text, known_texts
from dojo_protocol.default_skills import DEFAULT_SKILLS, default_skill_id


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[None]:
    with checkout_catalogue(qapp, "es"):
        yield


def test_every_default_text_is_listed_for_translation() -> None:
    english = {DEMO_CLASS_NAME, DEMO_YEAR_GROUP}
    for name, _icon, _polarity, _points, criteria in DEFAULT_SKILLS:
        english |= {name, criteria}
    assert known_texts() == english


def test_without_a_translation_the_english_stays() -> None:
    assert default_text("Teamwork") == "Teamwork"
    assert default_text("A skill of our own") == "A skill of our own"


@pytest.mark.usefixtures("spanish")
def test_the_demo_class_and_its_skills_are_made_in_spanish(data_dir: Path) -> None:
    room = open_classroom(data_dir, texts=default_text)
    try:
        demo = room.create_demo_class()
        assert demo.name == "Clase de prueba 4B"
        assert room.demo_class() == demo
        skills = {s.id: s for s in room.skills.list()}
        teamwork = skills[default_skill_id("Teamwork")]  # the server's id, whatever the name
        assert teamwork.name == "Trabajo en equipo"
        assert teamwork.criteria.startswith("Escuchó al grupo")
        assert not {s.name for s in skills.values()} & {row[0] for row in DEFAULT_SKILLS}
    finally:
        room.close()


def test_stored_names_are_never_renamed(qapp: QApplication, data_dir: Path) -> None:
    """Made in English, the skills stay English when the window later speaks Spanish."""
    open_classroom(data_dir, texts=default_text).close()
    with checkout_catalogue(qapp, "es"):
        room = open_classroom(data_dir, texts=default_text)
        try:
            room.create_demo_class()
            assert "Teamwork" in {s.name for s in room.skills.list()}
        finally:
            room.close()


def test_every_kind_of_event_has_words_for_the_teacher() -> None:
    from dojo_desktop.ui.event_kind_words import kind_words
    from dojo_protocol.kinds import KINDS

    assert all(kind_words(kind) != kind.replace("_", " ") for kind in KINDS)
    assert kind_words("award_given") == "Point"
    assert kind_words("a_kind_from_later") == "a kind from later"


@pytest.mark.usefixtures("spanish")
def test_kinds_of_event_read_in_spanish() -> None:
    from dojo_desktop.ui.event_kind_words import kind_words

    assert kind_words("award_given") == "Punto"
