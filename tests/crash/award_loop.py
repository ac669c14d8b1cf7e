"""Child process for the SIGKILL test: award points in a loop, print what was stored.

Usage: ``python award_loop.py DATA_DIR CLASS_ID SKILL_ID STUDENT_ID[,STUDENT_ID...]``

Each line is printed and flushed only after the service call has returned, so every
line the parent reads names something the app has told the user is saved:
``A <award id> ...`` for one tap (single or batch), ``U <award id> ...`` for an undo.
"""

from __future__ import annotations

import sys
from pathlib import Path

from dojo_desktop.services.classroom import open_classroom


def main() -> None:
    data_dir, class_id, skill_id, students = sys.argv[1:5]
    student_ids = students.split(",")
    room = open_classroom(Path(data_dir))
    if room.damage is not None:
        print(f"N the database could not be read: {room.damage.problem}", flush=True)
    print("READY", flush=True)
    tap = 0
    while True:
        if tap % 3 == 0:  # every third tap is a batch on several students
            chosen = student_ids[tap % len(student_ids):][:4] or student_ids[:4]
        else:
            chosen = [student_ids[tap % len(student_ids)]]
        result = room.awards.give(class_id, chosen, skill_id)
        print("A " + " ".join(result.award_ids), flush=True)
        if tap % 7 == 6:
            room.awards.undo_batch(result.batch_id)
            print("U " + " ".join(result.award_ids), flush=True)
        tap += 1


if __name__ == "__main__":
    main()
