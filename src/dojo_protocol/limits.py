"""The limits of what both programs write: one constant each, read by the protocol's checks
and by the app's services and screens."""

from __future__ import annotations

# Roster
MAX_CLASS_NAME = 60
MAX_YEAR_GROUP = 60
MAX_SCHOOL_YEAR = 20  # a class's school year, as the school writes it: 2026-2027
MAX_PERSON_NAME = 60  # a student's first or last name
# The id a school information system gives a class or a child (OneRoster's sourcedId).
MAX_SOURCED_ID = 255

# Skills and awards. A name fits a picker button; criteria are a sentence or two that a
# tooltip and one line of the skill editor show whole.
MAX_SKILL_NAME = 40
MAX_SKILL_ICON = 40
MAX_CRITERIA = 200
MIN_POINTS = -5
MAX_POINTS = 5
MAX_AWARD_NOTE = 500
MAX_TARGET_POINTS = 100  # a child's own target for the day
MAX_TARGET_SKILLS = 50  # the skills a target may count
MAX_IDS_PER_EVENT = 500  # awards one undo cancels, skills one reorder lists
MAX_SETTING_KEY = 64
MAX_SETTING_VALUE = 10_000  # a setting's JSON document, as text

# The lesson: a class goal's points target and the reward the class chose (one line).
MAX_GOAL_POINTS = 100_000
MAX_GOAL_REWARD = 120

# Stories and messages
MAX_STORY_TEXT = 10_000
MAX_ATTACHMENTS = 20
MAX_STORY_CLASSES = 50
MAX_REVIEW_COMMENT = 1000
MAX_AUTHOR_NAME = 120  # also a message's sender name and a guardian's name
MAX_MESSAGE_BODY = 5000
MAX_LANGUAGE_TAG = 16
