"""What importing a roster export would change: worked out from the school's tables and
the export, as events for the log, links to keep and staff rows, with a summary in words.

A class or child is found by the export's id (``roster_links``); one not linked yet is
matched by name to one already here (a class by its name, a child by first and last name
in one of their classes) before anything is added, so a school that started by hand is
not copied. Importing the same export again finds nothing to change.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dojo_server.db.models import RosterLink, Staff
from dojo_server.db.read_models import ClassMember, ClassView, StudentView
from dojo_server.domain.clock import new_id
from dojo_server.roster_import.columns import STAFF_ROLES
from dojo_server.roster_import.oneroster import Roster, RosterPerson

SECTIONS = ("new classes", "renamed classes", "classes no longer in the roster (archived)",
            "new children", "children matched to ones already here", "renamed children",
            "moved between classes", "back on the roster", "left (archived)",
            "new staff (no password until they set one)", "staff matched or changed")


@dataclass
class ImportSummary:
    """What an import changes, section by section (see ``SECTIONS``), in sentences, and
    the warnings about the export."""

    sections: dict[str, list[str]] = field(
        default_factory=lambda: {name: [] for name in SECTIONS})
    warnings: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not any(self.sections.values())

    def count(self, section: str) -> int:
        return len(self.sections[section])


@dataclass
class Plan:
    """The writes of one import, and their summary."""

    summary: ImportSummary
    events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    links: list[RosterLink] = field(default_factory=list)
    new_staff: list[Staff] = field(default_factory=list)
    staff_changes: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # id, values


def plan_import(session: Session, school_id: str, roster: Roster) -> Plan:
    """The plan of importing ``roster`` into the school, read in ``session``'s transaction
    (which it does not change)."""
    plan = Plan(ImportSummary(warnings=[str(w) for w in roster.warnings]))
    state = _State.load(session, school_id)
    class_ids = _classes(plan, state, school_id, roster)
    _students(plan, state, school_id, roster, class_ids)
    _staff(plan, session, school_id, roster)
    return plan


@dataclass
class _State:
    classes: dict[str, ClassView]
    students: dict[str, StudentView]
    members: dict[str, set[str]]  # student -> classes
    links: dict[str, dict[str, str]]  # kind -> sourcedId -> id

    @classmethod
    def load(cls, session: Session, school_id: str) -> _State:
        links: dict[str, dict[str, str]] = {"class": {}, "student": {}}
        for kind, sourced_id, local_id in session.execute(select(
                RosterLink.kind, RosterLink.sourced_id, RosterLink.local_id).where(
                RosterLink.school_id == school_id)):
            links[kind][sourced_id] = local_id
        members: dict[str, set[str]] = defaultdict(set)
        for class_id, student_id in session.execute(select(
                ClassMember.class_id, ClassMember.student_id).where(
                ClassMember.school_id == school_id)):
            members[student_id].add(class_id)
        return cls(
            {c.id: c for c in session.scalars(select(ClassView).where(
                ClassView.school_id == school_id))},
            {s.id: s for s in session.scalars(select(StudentView).where(
                StudentView.school_id == school_id))},
            members, links)


def _classes(plan: Plan, state: _State, school_id: str, roster: Roster) -> dict[str, str]:
    """Each export class's id here, planning the classes to add, rename and archive."""
    say = plan.summary.sections
    linked = state.links["class"]
    unlinked = {c.name.casefold(): c.id for c in state.classes.values()
                if c.id not in set(linked.values()) and not c.archived}
    ids: dict[str, str] = {}
    for sourced_id, found in roster.classes.items():
        class_id = linked.get(sourced_id)
        if class_id not in state.classes:
            class_id = unlinked.pop(found.title.casefold(), None)
            if class_id is None:
                class_id = new_id()
                plan.events.append(("class_created", {
                    "class_id": class_id, "name": found.title, "sourced_id": sourced_id}))
                say["new classes"].append(found.title)
            plan.links.append(RosterLink(school_id=school_id, kind="class",
                                         sourced_id=sourced_id, local_id=class_id))
        ids[sourced_id] = class_id
        view = state.classes.get(class_id)
        if view is None:
            continue
        fields: dict[str, Any] = {}
        if view.name != found.title:
            fields["name"] = found.title
            say["renamed classes"].append(f"{view.name} → {found.title}")
        if view.archived:
            fields["archived"] = False
            say["back on the roster"].append(f"the class {found.title}")
        if fields:
            plan.events.append(("class_updated", {"class_id": class_id, "fields": fields}))
    for sourced_id, class_id in linked.items():
        view = state.classes.get(class_id)
        if sourced_id not in roster.classes and view is not None and not view.archived:
            plan.events.append(("class_updated", {"class_id": class_id,
                                                  "fields": {"archived": True}}))
            say["classes no longer in the roster (archived)"].append(view.name)
    return ids


def _students(plan: Plan, state: _State, school_id: str, roster: Roster,
              class_ids: dict[str, str]) -> None:
    say = plan.summary.sections
    linked = state.links["student"]
    taken = set(linked.values())
    unlinked: dict[tuple[str, str, str], str] = {}
    for student in state.students.values():
        if student.id not in taken and not student.archived:
            for class_id in state.members.get(student.id, ()):
                unlinked.setdefault((student.first_name.casefold(),
                                     student.last_name.casefold(), class_id), student.id)
    class_name = {cid: state.classes[cid].name if cid in state.classes else ""
                  for cid in class_ids.values()}
    for found in roster.classes.values():
        class_name[class_ids[found.sourced_id]] = found.title
    for sourced_id, child in roster.students.items():
        targets = [class_ids[c] for c in roster.enrollments.get(sourced_id, [])]
        if not targets:
            continue
        student_id = linked.get(sourced_id)
        if student_id not in state.students:
            student_id = _match(unlinked, child, targets)
            if student_id is None:
                _add_child(plan, school_id, child, targets, class_name)
                continue
            plan.links.append(RosterLink(school_id=school_id, kind="student",
                                         sourced_id=sourced_id, local_id=student_id))
            say["children matched to ones already here"].append(_name(child))
        _update_child(plan, state.students[student_id], child)
        current = state.members.get(student_id, set())
        leaving = sorted(c for c in current if c not in targets)
        joining = [c for c in targets if c not in current]
        for class_id in joining:
            moved_from = leaving.pop(0) if leaving else None
            plan.events.append(("student_added", _child_payload(
                student_id, class_id, child, moved_from)))
            say["moved between classes"].append(
                f"{_name(child)}: {_class_of(state, moved_from)} → {class_name[class_id]}"
                if moved_from else f"{_name(child)}: joined {class_name[class_id]}")
        for moved_from in leaving:  # left a class without joining one: still in the others
            plan.events.append(("student_added", _child_payload(
                student_id, targets[0], child, moved_from)))
            say["moved between classes"].append(
                f"{_name(child)}: left {_class_of(state, moved_from)}")
    in_export = {s for s in roster.students if roster.enrollments.get(s)}
    for sourced_id, student_id in linked.items():
        view = state.students.get(student_id)
        if sourced_id not in in_export and view is not None and not view.archived:
            plan.events.append(("student_updated", {"student_id": student_id,
                                                    "fields": {"archived": True}}))
            say["left (archived)"].append(f"{view.first_name} {view.last_name}".strip())


def _class_of(state: _State, class_id: str | None) -> str:
    view = state.classes.get(class_id or "")
    return view.name if view is not None else str(class_id)


def _match(unlinked: dict[tuple[str, str, str], str], child: RosterPerson,
           targets: list[str]) -> str | None:
    """A child already here, not yet linked, with this name in one of ``targets``."""
    for class_id in targets:
        key = (child.given_name.casefold(), child.family_name.casefold(), class_id)
        student_id = unlinked.get(key)
        if student_id is not None:
            for other in [k for k, v in unlinked.items() if v == student_id]:
                del unlinked[other]
            return student_id
    return None


def _add_child(plan: Plan, school_id: str, child: RosterPerson, targets: list[str],
               class_name: dict[str, str]) -> None:
    student_id = new_id()
    payload = _child_payload(student_id, targets[0], child, None)
    payload["avatar"] = drawn_avatar(student_id)
    plan.events.append(("student_added", payload))
    for class_id in targets[1:]:
        plan.events.append(("student_added", _child_payload(student_id, class_id, child,
                                                            None)))
    plan.links.append(RosterLink(school_id=school_id, kind="student", sourced_id=child.sourced_id,
                                 local_id=student_id))
    plan.summary.sections["new children"].append(
        f"{_name(child)} ({', '.join(class_name[c] for c in targets)})")


def drawn_avatar(student_id: str) -> str:
    """One of the app's drawn avatars, picked by the child's id (the same one everywhere)."""
    return f"drawn:{int(student_id.replace('-', '')[-6:], 16) % 24}"


def _update_child(plan: Plan, view: StudentView, child: RosterPerson) -> None:
    fields: dict[str, Any] = {}
    if (view.first_name, view.last_name) != (child.given_name, child.family_name):
        fields.update(first_name=child.given_name, last_name=child.family_name)
        old = f"{view.first_name} {view.last_name}".strip()
        plan.summary.sections["renamed children"].append(f"{old} → {_name(child)}")
    if view.archived:
        fields["archived"] = False
        plan.summary.sections["back on the roster"].append(_name(child))
    if fields:
        plan.events.append(("student_updated", {"student_id": view.id, "fields": fields}))


def _child_payload(student_id: str, class_id: str, child: RosterPerson,
                   moved_from: str | None) -> dict[str, Any]:
    payload: dict[str, Any] = {"student_id": student_id, "class_id": class_id,
                               "first_name": child.given_name,
                               "last_name": child.family_name,
                               "sourced_id": child.sourced_id}
    if moved_from:
        payload["moved_from"] = moved_from
    return payload


def _name(person: RosterPerson) -> str:
    return f"{person.given_name} {person.family_name}".strip()


def _staff(plan: Plan, session: Session, school_id: str, roster: Roster) -> None:
    say = plan.summary.sections
    rows = list(session.scalars(select(Staff).where(Staff.school_id == school_id)))
    by_source = {r.sourced_id: r for r in rows if r.sourced_id}
    by_email = {r.email: r for r in rows}
    new_emails: set[str] = set()
    for sourced_id, person in roster.staff.items():
        role, name = STAFF_ROLES[person.role], _name(person)
        row = by_source.get(sourced_id)
        changes: dict[str, str] = {}
        if row is None and person.email in by_email:
            row = by_email[person.email]
            if row.sourced_id is not None:
                plan.summary.warnings.append(
                    f"{name} ({sourced_id}) has the email address {person.email} of "
                    f"another member of staff ({row.sourced_id}) and was left out")
                continue
            changes["sourced_id"] = sourced_id
            say["staff matched or changed"].append(f"{name} ({person.email}) matched")
        if row is None:
            if "@" not in person.email or person.email in new_emails:
                plan.summary.warnings.append(
                    f"{name} ({sourced_id}) has no email address of their own and was left "
                    "out: staff sign in with theirs")
                continue
            new_emails.add(person.email)
            plan.new_staff.append(Staff(id=new_id(), school_id=school_id, name=name,
                                        email=person.email, role=role, password_hash="",
                                        created_ms=0, sourced_id=sourced_id))
            say["new staff (no password until they set one)"].append(
                f"{name} ({role}, {person.email})")
            continue
        if (row.name, row.role) != (name, role):
            say["staff matched or changed"].append(f"{row.name} ({row.role}) → {name} ({role})")
            changes.update(name=name, role=role)
        if changes:
            plan.staff_changes.append((row.id, changes))
