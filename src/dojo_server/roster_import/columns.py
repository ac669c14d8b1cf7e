"""The files and columns of the OneRoster CSV binding, 1.1 and 1.2: which columns a file
may have, and which must be there with a value."""

from __future__ import annotations

from dataclasses import dataclass

_COMMON = ("sourcedId", "status", "dateLastModified")


@dataclass(frozen=True)
class FileSpec:
    """One file of the binding: every column it may have, and those that need a value."""

    name: str
    columns: tuple[str, ...]
    required: tuple[str, ...]


ORGS = FileSpec("orgs.csv", (*_COMMON, "name", "type", "identifier", "parentSourcedId"),
                ("sourcedId", "name", "type"))
SESSIONS = FileSpec("academicSessions.csv",
                    (*_COMMON, "title", "type", "startDate", "endDate", "parentSourcedId",
                     "schoolYear"),
                    ("sourcedId", "title", "type", "startDate", "endDate", "schoolYear"))
COURSES = FileSpec("courses.csv",
                   (*_COMMON, "schoolYearSourcedId", "title", "courseCode", "grades",
                    "orgSourcedId", "subjects", "subjectCodes"),
                   ("sourcedId", "title", "orgSourcedId"))
CLASSES = FileSpec("classes.csv",
                   (*_COMMON, "title", "grades", "courseSourcedId", "classCode", "classType",
                    "location", "schoolSourcedId", "termSourcedIds", "subjects",
                    "subjectCodes", "periods"),
                   ("sourcedId", "title", "courseSourcedId", "classType", "schoolSourcedId",
                    "termSourcedIds"))
_USER_COLUMNS = (*_COMMON, "enabledUser", "username", "userIds", "givenName", "familyName",
                 "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds",
                 "grades", "password")
# 1.1 keeps a user's role and schools in users.csv; 1.2 moves them to roles.csv.
USERS_11 = FileSpec("users.csv", (*_USER_COLUMNS, "orgSourcedIds", "role"),
                    ("sourcedId", "enabledUser", "orgSourcedIds", "role", "username",
                     "givenName", "familyName"))
USERS_12 = FileSpec("users.csv",
                    (*_USER_COLUMNS, "userMasterIdentifier", "resourceSourcedIds",
                     "preferredGivenName", "preferredMiddleName", "preferredFamilyName",
                     "primaryOrgSourcedId", "pronouns"),
                    ("sourcedId", "enabledUser", "username", "givenName", "familyName"))
ROLES = FileSpec("roles.csv",
                 (*_COMMON, "userSourcedId", "roleType", "role", "beginDate", "endDate",
                  "orgSourcedId", "userProfileSourcedId"),
                 ("sourcedId", "userSourcedId", "roleType", "role", "orgSourcedId"))
ENROLLMENTS = FileSpec("enrollments.csv",
                       (*_COMMON, "classSourcedId", "schoolSourcedId", "userSourcedId", "role",
                        "primary", "beginDate", "endDate"),
                       ("sourcedId", "classSourcedId", "schoolSourcedId", "userSourcedId",
                        "role"))
DEMOGRAPHICS = FileSpec("demographics.csv",
                        (*_COMMON, "birthDate", "sex", "americanIndianOrAlaskaNative", "asian",
                         "blackOrAfricanAmerican", "nativeHawaiianOrOtherPacificIslander",
                         "white", "demographicRaceTwoOrMoreRaces", "hispanicOrLatinoEthnicity",
                         "countryOfBirthCode", "stateOfBirthAbbreviation", "cityOfBirth",
                         "publicSchoolResidenceStatus"),
                        ("sourcedId",))

STATUSES = ("active", "tobedeleted", "inactive")  # 1.1's bulk files also use "inactive"
USER_ROLES = ("administrator", "aide", "counselor", "districtAdministrator", "guardian",
              "parent", "principal", "proctor", "relative", "siteAdministrator", "student",
              "systemAdministrator", "teacher")
ENROLLMENT_ROLES = ("administrator", "aide", "guardian", "parent", "proctor", "relative",
                    "student", "teacher")
SESSION_TYPES = ("gradingPeriod", "semester", "schoolYear", "term")
CLASS_TYPES = ("homeroom", "scheduled")
ORG_TYPES = ("department", "school", "district", "local", "state", "national")
# The staff accounts users of these roles get on the server.
STAFF_ROLES = {"teacher": "teacher", "aide": "ta", "principal": "leader",
               "administrator": "admin", "siteAdministrator": "admin",
               "districtAdministrator": "admin", "systemAdministrator": "admin"}
