"""The console's sentences chosen by code: why something was refused, what was done."""

from __future__ import annotations

from dojo_server.portal.i18n import N_

REASONS = {
    "not_found": N_("There is nothing here."),
    "csrf": N_("This form has expired. Please go back, reload the page and try again."),
    "rate_limited": N_("Too many attempts. Please wait a while and try again."),
    "wrong_login": N_("That email address and password do not match."),
    "bad_role": N_("Choose one of the roles in the list."),
    "bad_email": N_("That email address does not look right."),
    "name_needed": N_("Please give the name."),
    "email_taken": N_("Someone on the staff already has this email address."),
    "password_too_short": N_("The password needs at least 10 characters."),
    "passwords_differ": N_("The two passwords differ."),
    "last_leader": N_("The school would have no leader or admin left to manage it: give "
                      "someone else that role first."),
    "class_name_needed": N_("A class needs a name."),
    "first_name_needed": N_("A child needs a first name."),
    "name_too_long": N_("That name is too long."),
    "year_group_too_long": N_("That year group is too long."),
    "no_children": N_("That class has no children yet: no letters were made."),
    "bad_number": N_("Please give a number in the range shown."),
    "no_export": N_("Choose the zip file your school information system exported."),
    "import_gone": N_("That upload is no longer here. Please upload the export again."),
    "not_linked": N_("That family member is not linked to that child (any more)."),
    "bad_sign_in_name": N_("A sign-in name is 3 to 60 letters, digits, dots, dashes or "
                           "underscores, starting with a letter or digit."),
    "sign_in_name_taken": N_("Another family already signs in with that name."),
    "display_name_length": N_("The name families see needs 1 to 120 characters."),
    "school_year_needed": N_("Please give the new school year's name, e.g. 2027-2028."),
    "rules_needed": N_("Give at least one rule, such as Year 3 → Year 4, or upload an "
                       "export."),
    "bad_rule": N_("Each rule needs the year group it starts from and the one it becomes."),
}

NOTICES = {
    "staff_added": N_("The new member of staff was added."),
    "role_changed": N_("The role was changed."),
    "password_set": N_("The new password is set. They were signed out everywhere."),
    "class_added": N_("The class was added."),
    "class_renamed": N_("The class was renamed."),
    "class_archived": N_("The class was archived."),
    "class_restored": N_("The class is back in the lists."),
    "child_added": N_("The child was added."),
    "child_moved": N_("The child was moved."),
    "device_revoked": N_("The device can no longer sync. Its records stay."),
    "guardian_unlinked": N_("The family member no longer sees this child, and was signed "
                            "out of the portal."),
    "codes_cancelled": N_("The child's open invite codes no longer work."),
    "sign_in_name_set": N_("The sign-in name is set. Tell the family member in person."),
    "shown_name_set": N_("The name families see was changed, on every device too."),
    "teacher_assigned": N_("The teacher was added to the class."),
    "teacher_removed": N_("The teacher was taken off the class."),
}

ROLE_NAMES = {
    "leader": N_("School leader"),
    "admin": N_("Office (admin)"),
    "teacher": N_("Teacher"),
    "ta": N_("Teaching assistant"),
}


def titled_sections(titles: dict[str, str], sections: dict[str, list[str]]
                    ) -> list[tuple[str, list[str]]]:
    """A preview's or summary's sections that hold lines, each under its title (the
    templates translate it)."""
    return [(titles[name], lines) for name, lines in sections.items() if lines]
