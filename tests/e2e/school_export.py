"""A small OneRoster 1.2 export built in a test: two year-3 classes (Oak, Ms Rossi's, with
Ada and Ben; Elm, with Cy), three children and two members of staff, as a zip."""

from __future__ import annotations

import zipfile
from pathlib import Path

ROSSI = "rossi@hillside.example"

MANIFEST = """propertyName,value
manifest.version,1.0
oneroster.version,1.2
file.academicSessions,bulk
file.classes,bulk
file.courses,bulk
file.enrollments,bulk
file.orgs,bulk
file.roles,bulk
file.users,bulk
source.systemName,Example SIS
"""
SESSIONS = """sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,\
schoolYear
y2027,,,2026-27,schoolYear,2026-09-01,2027-07-20,,2027
"""
ORGS = """sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId
org-1,,,Hillside Primary,school,HP1,
"""
COURSES = """sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,\
orgSourcedId,subjects,subjectCodes
course-3,,,y2027,Year 3,Y3,03,org-1,,
"""
CLASSES = """sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,\
classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods
k-oak,,,Year 3 Oak,03,course-3,3O,homeroom,,org-1,y2027,,,
k-elm,,,Year 3 Elm,03,course-3,3E,homeroom,,org-1,y2027,,,
"""
USERS_HEADER = ("sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,"
                "familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,"
                "password,userMasterIdentifier,resourceSourcedIds,preferredGivenName,"
                "preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns\n")
USER = "{id},,,true,{login},,{given},{family},,{number},{email},,,,{grade},,,,,,,org-1,\n"
ENROLLMENTS_HEADER = ("sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,"
                      "userSourcedId,role,primary,beginDate,endDate\n")
ENROLLMENT = "{id},,,{class_id},org-1,{user},{role},{primary},,\n"
ROLES_HEADER = ("sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,"
                "endDate,orgSourcedId,userProfileSourcedId\n")
ROLE = "r-{user},,,{user},primary,{role},,,org-1,\n"


def school_export(stem: Path, ben: str = "Ben", cy_class: str = "k-elm") -> Path:
    """The export as a zip, ``stem`` with ``.zip`` added: Ada and Ben in Year 3 Oak (Ms
    Rossi's class), Cy in Year 3 Elm unless ``cy_class`` says otherwise, Ben named ``ben``."""
    people = [("p-ada", "ada.b", "Ada", "Byron", "3001", "", "03"),
              ("p-ben", "ben.c", ben, "Carter", "3002", "", "03"),
              ("p-cy", "cy.d", "Cy", "Dean", "3003", "", "03"),
              ("p-rossi", "maria.r", "Maria", "Rossi", "S1", ROSSI, ""),
              ("p-tom", "tom.a", "Tom", "Aide", "S2", "tom@hillside.example", "")]
    users = USERS_HEADER + "".join(
        USER.format(id=i, login=login, given=given, family=family, number=number,
                    email=email, grade=grade)
        for i, login, given, family, number, email, grade in people)
    roles = ROLES_HEADER + "".join(
        ROLE.format(user=i, role="teacher" if i == "p-rossi" else
                    "aide" if i == "p-tom" else "student") for i, *_ in people)
    enrollments = ENROLLMENTS_HEADER + "".join(
        ENROLLMENT.format(id=i, class_id=class_id, user=user, role=role, primary=primary)
        for i, class_id, user, role, primary in (
            ("e1", "k-oak", "p-ada", "student", "false"),
            ("e2", "k-oak", "p-ben", "student", "false"),
            ("e3", cy_class, "p-cy", "student", "false"),
            ("e4", "k-oak", "p-rossi", "teacher", "true"),
            ("e5", "k-elm", "p-tom", "aide", "false")))
    files = {"manifest.csv": MANIFEST, "academicSessions.csv": SESSIONS, "orgs.csv": ORGS,
             "courses.csv": COURSES, "classes.csv": CLASSES, "users.csv": users,
             "roles.csv": roles, "enrollments.csv": enrollments}
    target = stem.with_suffix(".zip")
    with zipfile.ZipFile(target, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return target
