"""What the new school year would change: worked out from the school's tables and the
leader's request (naming rules such as "Year 3" → "Year 4", or a OneRoster export), as
events for the log, the boards to move to their new class and a summary in words.

A promoted class is followed by a new class for the new year: its children are moved to
it (``student_added`` with ``moved_from``, so each child keeps their id, history, family
and story), last year's class is archived (its awards stay with it, in last year's
reports) and linked to its successor (``class_succeeded``), its teachers carry over unless
the request names others, and the boards enrolled for it are moved to the new class. The
children of a leavers' class are archived with it. A class already in the new year, or
that no rule names, is left as it is, so applying the same request twice changes nothing.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dojo_protocol import limits
from dojo_server.db.models import DeviceRow, RosterLink, Staff
from dojo_server.db.read_models import ClassMember, ClassTeacherView, ClassView, StudentView
from dojo_server.domain.clock import new_id, now_ms
from dojo_server.domain.roster_plan import Plan as ImportPlan
from dojo_server.domain.roster_plan import plan_import
from dojo_server.roster_import.oneroster import Roster

SECTIONS = ("new classes", "children moved", "leavers (archived)", "classes archived",
            "classes staying as they are", "teachers assigned", "boards moved")


@dataclass(frozen=True)
class Promotion:
    """A naming rule: a class whose name or year group says ``old`` becomes ``new``."""

    old: str
    new: str

    @classmethod
    def parse(cls, text: str) -> Promotion:
        """``"Year 3=Year 4"`` (or with ``->`` or ``→``); ValueError if it is not a rule."""
        for sign in ("=", "->", "→"):
            old, found, new = text.partition(sign)
            if found and old.strip() and new.strip():
                return cls(old.strip(), new.strip())
        raise ValueError(f"not a naming rule (write OLD=NEW, e.g. 'Year 3=Year 4'): {text!r}")


@dataclass(frozen=True)
class RolloverRequest:
    """The leader's new school year: promote by ``promotions`` (leavers are the classes of
    ``leavers``, by default the year groups the rules promote to but not from), or take the
    classes and enrolments of a OneRoster export (``roster``); ``teachers`` names who
    teaches a new class (its name → staff emails), else last year's teachers carry over."""

    school_year: str
    promotions: tuple[Promotion, ...] = ()
    leavers: tuple[str, ...] | None = None
    teachers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    roster: Roster | None = None

    def leaver_groups(self) -> tuple[str, ...]:
        if self.leavers is not None:
            return self.leavers
        olds = {p.old.casefold() for p in self.promotions}
        return tuple(p.new for p in self.promotions if p.new.casefold() not in olds)


@dataclass
class RolloverSummary:
    """What a rollover changes, section by section (``SECTIONS``), in sentences; counts of
    the events and children; and warnings."""

    school_year: str
    sections: dict[str, list[str]] = field(
        default_factory=lambda: {name: [] for name in SECTIONS})
    warnings: list[str] = field(default_factory=list)
    events: int = 0
    children_moved: int = 0

    @property
    def unchanged(self) -> bool:
        return not self.events

    def count(self, section: str) -> int:
        return len(self.sections[section])


@dataclass
class RolloverPlan:
    """The writes of one rollover: events, and the boards to move (old class → new)."""

    summary: RolloverSummary
    events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    successors: dict[str, str] = field(default_factory=dict)  # last year's class -> new
    import_plan: ImportPlan | None = None  # a rollover from an export: its links and staff


@dataclass
class _School:
    classes: dict[str, ClassView]
    students: dict[str, StudentView]
    members: dict[str, list[str]]  # class -> students
    teachers: dict[str, list[tuple[str, str]]]  # class -> (staff id, name)
    staff: dict[str, Staff]  # by email, casefolded
    class_links: dict[str, str]  # an export's class id -> the class here

    @classmethod
    def load(cls, session: Session, school_id: str) -> _School:
        members: dict[str, list[str]] = defaultdict(list)
        for class_id, student_id in session.execute(
                select(ClassMember.class_id, ClassMember.student_id)
                .where(ClassMember.school_id == school_id)
                .order_by(ClassMember.class_id, ClassMember.student_id)):
            members[class_id].append(student_id)
        teachers: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for row in session.scalars(select(ClassTeacherView).where(
                ClassTeacherView.school_id == school_id, ClassTeacherView.removed.is_(False))
                .order_by(ClassTeacherView.name)):
            teachers[row.class_id].append((row.staff_id, row.name))
        return cls(
            {c.id: c for c in session.scalars(select(ClassView).where(
                ClassView.school_id == school_id).order_by(ClassView.name))},
            {s.id: s for s in session.scalars(select(StudentView).where(
                StudentView.school_id == school_id))},
            members, teachers,
            {s.email.casefold(): s for s in session.scalars(select(Staff).where(
                Staff.school_id == school_id))},
            {sourced_id: local_id for sourced_id, local_id in session.execute(
                select(RosterLink.sourced_id, RosterLink.local_id).where(
                    RosterLink.school_id == school_id, RosterLink.kind == "class"))})


def plan_rollover(session: Session, school_id: str, request: RolloverRequest) -> RolloverPlan:
    """The plan of ``request`` for the school, read in ``session``'s transaction (which it
    does not change)."""
    plan = RolloverPlan(RolloverSummary(request.school_year))
    school = _School.load(session, school_id)
    if request.roster is not None:
        _from_import(plan, session, school_id, school, request)
    else:
        _promote(plan, school, request)
    plan.summary.events = len(plan.events)
    if plan.successors:
        _boards(plan, session, school_id, school)
    return plan


def _boards(plan: RolloverPlan, session: Session, school_id: str, school: _School) -> None:
    """The boards enrolled for last year's classes, which move to this year's."""
    for name, class_id in session.execute(
            select(DeviceRow.name, DeviceRow.class_id).where(
                DeviceRow.school_id == school_id, DeviceRow.revoked_at.is_(None),
                DeviceRow.class_id.in_(list(plan.successors)))
            .order_by(DeviceRow.name)):
        old = str(class_id)
        plan.summary.sections["boards moved"].append(
            f"{name}: {school.classes[old].name} → "
            f"{_new_name(plan, plan.successors[old], school)}")


def _new_name(plan: RolloverPlan, class_id: str, school: _School) -> str:
    for kind, payload in plan.events:
        if kind == "class_created" and payload["class_id"] == class_id:
            return str(payload["name"])
    view = school.classes.get(class_id)
    return view.name if view is not None else class_id


def _current(view: ClassView, request: RolloverRequest) -> bool:
    return not view.archived and view.school_year != request.school_year


def _rule_for(texts: tuple[str, ...], groups: tuple[str, ...]) -> tuple[str, str] | None:
    """The first of ``groups`` that one of ``texts`` names as a whole word: (group, text)."""
    for group in sorted(groups, key=len, reverse=True):
        pattern = re.compile(rf"(?<!\w){re.escape(group)}(?!\w)", re.IGNORECASE)
        for text in texts:
            if pattern.search(text):
                return group, text
    return None


def _renamed(text: str, old: str, new: str) -> str:
    return re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", lambda _m: new, text, count=1,
                  flags=re.IGNORECASE)


def _promote(plan: RolloverPlan, school: _School, request: RolloverRequest) -> None:
    say = plan.summary.sections
    rules = {p.old.casefold(): p.new for p in request.promotions}
    olds = tuple(p.old for p in request.promotions)
    leavers = request.leaver_groups()
    for view in school.classes.values():
        if not _current(view, request):
            continue
        texts = (view.year_group, view.name)
        promoted = _rule_for(texts, olds)
        if promoted is not None:
            old, _text = promoted
            new = rules[old.casefold()]
            name = _renamed(view.name, old, new)[:limits.MAX_CLASS_NAME]
            year_group = _renamed(view.year_group, old, new) if view.year_group else new
            _succeed(plan, school, request, view, name, year_group[:limits.MAX_YEAR_GROUP])
        elif _rule_for(texts, leavers) is not None:
            _leave(plan, school, view)
        else:
            say["classes staying as they are"].append(view.name)


def _succeed(plan: RolloverPlan, school: _School, request: RolloverRequest, view: ClassView,
             name: str, year_group: str) -> None:
    """Last year's ``view`` followed by a new class ``name``, with its children."""
    say = plan.summary.sections
    new_class = new_id()
    plan.events.append(("class_created", {"class_id": new_class, "name": name,
                                          "year_group": year_group,
                                          "school_year": request.school_year}))
    _link(plan, view, new_class, name, year_group, request.school_year)
    moved = 0
    for position, student_id in enumerate(school.members.get(view.id, [])):
        child = school.students.get(student_id)
        if child is None or child.archived:
            continue
        plan.events.append(("student_added", {
            "student_id": child.id, "class_id": new_class, "first_name": child.first_name,
            "last_name": child.last_name, "position": position, "moved_from": view.id}))
        moved += 1
    say["new classes"].append(f"{view.name} → {name} ({request.school_year})")
    say["children moved"].append(f"{view.name} → {name}: {moved} children")
    plan.summary.children_moved += moved
    plan.events.append(("class_updated", {"class_id": view.id, "fields": {"archived": True}}))
    _assign(plan, school, request, view.id, new_class, name)


def _link(plan: RolloverPlan, view: ClassView, new_class: str, name: str, year_group: str,
          school_year: str) -> None:
    """Link last year's class to its successor, before the children move (a device of
    the old class learns of the new one from it); the caller archives the old class."""
    plan.events.append(("class_succeeded", {
        "class_id": view.id, "successor_id": new_class, "successor_name": name,
        "year_group": year_group, "school_year": school_year, "at_ms": now_ms()}))
    plan.successors[view.id] = new_class
    plan.summary.sections["classes archived"].append(view.name)


def _assign(plan: RolloverPlan, school: _School, request: RolloverRequest, old_class: str,
            new_class: str, name: str) -> None:
    named = {n.casefold(): emails for n, emails in request.teachers.items()}.get(
        name.casefold())
    people: list[tuple[str, str]] = []
    if named is None:
        people = school.teachers.get(old_class, [])
    else:
        for email in named:
            staff = school.staff.get(email.casefold())
            if staff is None:
                plan.summary.warnings.append(
                    f"{email} is not a member of staff here: not assigned to {name}")
            else:
                people.append((staff.id, staff.name))
    for staff_id, staff_name in people:
        _teacher(plan, new_class, name, staff_id, staff_name)


def _teacher(plan: RolloverPlan, class_id: str, class_name: str, staff_id: str,
             staff_name: str) -> None:
    plan.events.append(("class_teacher_assigned", {
        "class_id": class_id, "staff_id": staff_id,
        "name": staff_name[:limits.MAX_AUTHOR_NAME], "at_ms": now_ms()}))
    plan.summary.sections["teachers assigned"].append(f"{staff_name}: {class_name}")


def _leave(plan: RolloverPlan, school: _School, view: ClassView) -> None:
    """The children of a leavers' class archived, then the class."""
    for student_id in school.members.get(view.id, []):
        child = school.students.get(student_id)
        if child is None or child.archived:
            continue
        plan.events.append(("student_updated", {"student_id": child.id,
                                                "fields": {"archived": True}}))
        plan.summary.sections["leavers (archived)"].append(
            f"{child.first_name} {child.last_name}".strip() + f" ({view.name})")
    plan.events.append(("class_updated", {"class_id": view.id, "fields": {"archived": True}}))
    plan.summary.sections["classes archived"].append(view.name)


def _from_import(plan: RolloverPlan, session: Session, school_id: str, school: _School,
                 request: RolloverRequest) -> None:
    """The export's plan (new classes, moves, leavers), with the new classes in the new
    year and each class the export drops linked to where most of its children went (the
    link before the children's moves, as a promotion writes it)."""
    assert request.roster is not None
    imported = plan_import(session, school_id, request.roster)
    plan.import_plan = imported
    plan.summary.warnings.extend(imported.summary.warnings)
    created: dict[str, dict[str, Any]] = {}
    went: dict[str, Counter[str]] = defaultdict(Counter)
    archived: list[str] = []
    for kind, payload in imported.events:
        if kind == "class_created":
            payload["school_year"] = request.school_year
            created[payload["class_id"]] = payload
        elif kind == "student_added" and payload.get("moved_from"):
            went[payload["moved_from"]][payload["class_id"]] += 1
        elif kind == "class_updated" and payload["fields"].get("archived"):
            archived.append(payload["class_id"])
    say, sections = plan.summary.sections, imported.summary.sections
    say["new classes"].extend(sections["new classes"])
    say["children moved"].extend(sections["moved between classes"])
    say["leavers (archived)"].extend(sections["left (archived)"])
    plan.summary.children_moved = len(sections["moved between classes"])
    links: dict[str | None, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for class_id in archived:
        view = school.classes[class_id]
        if not went[class_id]:
            say["classes archived"].append(view.name)
            continue
        successor = went[class_id].most_common(1)[0][0]
        new = created.get(successor)
        name = new["name"] if new else school.classes[successor].name
        year_group = new.get("year_group", "") if new else school.classes[successor].year_group
        links[successor if new else None].append(("class_succeeded", {
            "class_id": class_id, "successor_id": successor, "successor_name": name,
            "year_group": year_group, "school_year": request.school_year,
            "at_ms": now_ms()}))
        plan.successors[class_id] = successor
        say["classes archived"].append(f"{view.name} (followed by {name})")
    plan.events.extend(links[None])  # successors already here
    for kind, payload in imported.events:
        plan.events.append((kind, payload))
        if kind == "class_created":
            plan.events.extend(links[payload["class_id"]])
    taught = _export_teachers(school, imported, request.roster)
    for old, new_class in plan.successors.items():
        if new_class not in taught:
            new = created.get(new_class)
            _assign(plan, school, request, old, new_class,
                    new["name"] if new else school.classes[new_class].name)
    for class_id, people in taught.items():
        new = created.get(class_id)
        name = new["name"] if new else school.classes[class_id].name
        already = {staff_id for staff_id, _name in school.teachers.get(class_id, [])}
        for staff_id, staff_name in people:
            if staff_id not in already:
                _teacher(plan, class_id, name, staff_id, staff_name)


def _export_teachers(school: _School, imported: ImportPlan, roster: Roster
                     ) -> dict[str, list[tuple[str, str]]]:
    """Who the export says teaches each of its classes (by id here): staff already here or
    made by the import."""
    staff = {s.sourced_id: s for s in [*school.staff.values(), *imported.new_staff]
             if s.sourced_id}
    classes = {link.sourced_id: link.local_id for link in imported.links if link.kind == "class"}
    classes.update(school.class_links)
    taught: dict[str, list[tuple[str, str]]] = {}
    for sourced_id, people in roster.teachers.items():
        class_id = classes.get(sourced_id)
        found = [(staff[p].id, staff[p].name) for p in people if p in staff]
        if class_id is not None and found:
            taught[class_id] = found
    return taught
