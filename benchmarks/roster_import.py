"""OneRoster import on the school server: a generated school of 1,000 children, 60 staff,
50 classes and 3,000 child enrolments (each child in 3 classes) as a OneRoster 1.1 CSV
export; the time to read and preview it, to apply it to a new SQLite database, and to
preview it again (nothing to change), against a plain ``csv`` read of the same files."""

from __future__ import annotations

import csv
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dojo_server.db.session import Database
from dojo_server.domain import schools
from dojo_server.domain.roster_import import apply_import, preview_import, read_roster
from dojo_server.settings import sqlite_url

CHILDREN, STAFF, CLASSES, CLASSES_PER_CHILD = 1000, 60, 50, 3
_COMMON = ["sourcedId", "status", "dateLastModified"]


def write_school(folder: Path) -> None:
    """The export: manifest, orgs, sessions, courses, classes, users and enrolments."""
    def table(name: str, header: list[str], rows: list[list[str]]) -> None:
        with (folder / name).open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(header)
            writer.writerows(rows)

    files = ("academicSessions", "classes", "courses", "enrollments", "orgs", "users")
    table("manifest.csv", ["propertyName", "value"],
          [["manifest.version", "1.0"], ["oneroster.version", "1.1"],
           *[[f"file.{f}", "bulk"] for f in files]])
    table("orgs.csv", [*_COMMON, "name", "type", "identifier", "parentSourcedId"],
          [["org-1", "", "", "Benchmark School", "school", "", ""]])
    table("academicSessions.csv", [*_COMMON, "title", "type", "startDate", "endDate",
                                   "parentSourcedId", "schoolYear"],
          [["y1", "", "", "2026-27", "schoolYear", "2026-09-01", "2027-07-20", "", "2027"]])
    table("courses.csv", [*_COMMON, "schoolYearSourcedId", "title", "courseCode", "grades",
                          "orgSourcedId", "subjects", "subjectCodes"],
          [["course-1", "", "", "y1", "General", "", "", "org-1", "", ""]])
    table("classes.csv", [*_COMMON, "title", "grades", "courseSourcedId", "classCode",
                          "classType", "location", "schoolSourcedId", "termSourcedIds",
                          "subjects", "subjectCodes", "periods"],
          [[f"class-{c}", "", "", f"Class {c}", "", "course-1", "", "scheduled", "",
            "org-1", "y1", "", "", ""] for c in range(CLASSES)])
    users = [[f"child-{n}", "", "", "true", "org-1", "student", f"child{n}", "",
              f"Child{n}", f"Family{n % 300}", "", "", "", "", "", "", "", ""]
             for n in range(CHILDREN)]
    users += [[f"staff-{n}", "", "", "true", "org-1", "teacher" if n % 10 else "administrator",
               f"staff{n}", "", f"Staff{n}", "Member", "", "", f"staff{n}@school.example",
               "", "", "", "", ""] for n in range(STAFF)]
    table("users.csv", [*_COMMON, "enabledUser", "orgSourcedIds", "role", "username",
                        "userIds", "givenName", "familyName", "middleName", "identifier",
                        "email", "sms", "phone", "agentSourcedIds", "grades", "password"],
          users)
    enrolments = [[f"e-{n}-{k}", "", "", f"class-{(n + k * 17) % CLASSES}", "org-1",
                   f"child-{n}", "student", "false", "", ""]
                  for n in range(CHILDREN) for k in range(CLASSES_PER_CHILD)]
    table("enrollments.csv", [*_COMMON, "classSourcedId", "schoolSourcedId",
                              "userSourcedId", "role", "primary", "beginDate", "endDate"],
          enrolments)


def plain_read(folder: Path) -> int:
    rows = 0
    for path in folder.glob("*.csv"):
        with path.open(newline="", encoding="utf-8") as handle:
            rows += len(list(csv.DictReader(handle)))
    return rows


def timed(run: object) -> tuple[float, object]:
    started = time.perf_counter()
    result = run()  # type: ignore[operator]
    return time.perf_counter() - started, result


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="dojo-roster-bench-") as tmp:
        root = Path(tmp)
        export = root / "export"
        export.mkdir()
        write_school(export)
        db = Database(sqlite_url(root / "server.sqlite3"))
        db.migrate()
        school = schools.create_school(db, "Benchmark School")
        baseline, rows = timed(lambda: plain_read(export))
        parse, _ = timed(lambda: read_roster(export))
        preview, summary = timed(lambda: preview_import(db, school, read_roster(export)))
        apply, _ = timed(lambda: apply_import(db, school, read_roster(export)))
        again, unchanged = timed(lambda: preview_import(db, school, read_roster(export)))
        db.dispose()
    print(f"machine: {platform.machine()} {platform.python_implementation()} "
          f"{platform.python_version()}, {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f}")
    print(f"school: {CHILDREN} children, {STAFF} staff, {CLASSES} classes, "
          f"{CHILDREN * CLASSES_PER_CHILD} child enrolments ({rows} CSV rows)")
    print(f"baseline, plain csv read of the files: {baseline * 1000:8.0f} ms")
    print(f"read and check the export:             {parse * 1000:8.0f} ms")
    print(f"read + preview (new school):           {preview * 1000:8.0f} ms  (goal ≤ 2000)")
    print(f"read + apply, one transaction:         {apply * 1000:8.0f} ms  (goal ≤ 3000)")
    print(f"read + preview again (nothing to do):  {again * 1000:8.0f} ms")
    assert summary.count("new children") == CHILDREN  # type: ignore[attr-defined]
    assert unchanged.unchanged  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
