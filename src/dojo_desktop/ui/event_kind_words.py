"""What each kind of event is, in the teacher's words (the sync details list the events
the server did not accept)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _words() -> dict[str, str]:
    return {
        "attendance_marked": QCoreApplication.translate("EventKinds", "Register mark"),
        "award_given": QCoreApplication.translate("EventKinds", "Point"),
        "award_undone": QCoreApplication.translate("EventKinds", "Point undone"),
        "class_created": QCoreApplication.translate("EventKinds", "New class"),
        "class_goal_set": QCoreApplication.translate("EventKinds", "Class goal"),
        "class_succeeded": QCoreApplication.translate("EventKinds", "Next year's class"),
        "class_teacher_assigned": QCoreApplication.translate("EventKinds", "Class teacher"),
        "class_updated": QCoreApplication.translate("EventKinds", "Class change"),
        "guardian_linked": QCoreApplication.translate("EventKinds", "Family member added"),
        "guardian_unlinked": QCoreApplication.translate("EventKinds", "Family member removed"),
        "message_read": QCoreApplication.translate("EventKinds", "Message read"),
        "message_sent": QCoreApplication.translate("EventKinds", "Message"),
        "setting_changed": QCoreApplication.translate("EventKinds", "Setting"),
        "skill_saved": QCoreApplication.translate("EventKinds", "Skill"),
        "skills_reordered": QCoreApplication.translate("EventKinds", "Skill order"),
        "staff_member": QCoreApplication.translate("EventKinds", "Member of staff"),
        "staff_pin_set": QCoreApplication.translate("EventKinds", "Staff PIN"),
        "story_deleted": QCoreApplication.translate("EventKinds", "Story post deleted"),
        "story_posted": QCoreApplication.translate("EventKinds", "Story post"),
        "story_updated": QCoreApplication.translate("EventKinds", "Story post change"),
        "student_added": QCoreApplication.translate("EventKinds", "New student"),
        "student_updated": QCoreApplication.translate("EventKinds", "Student change"),
        "target_set": QCoreApplication.translate("EventKinds", "Daily target"),
    }


def kind_words(kind: str) -> str:
    """``kind`` (e.g. "award_given") as the teacher knows it; a kind added later and not
    named here reads as its name with spaces."""
    return _words().get(kind, kind.replace("_", " "))
