"""Export: all awards (with undo state), students, classes and skills as CSV files."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from pathlib import Path

from dojo_desktop.services.context import ServiceContext
from dojo_desktop.services.errors import invalid

TABLES = ("awards", "students", "classes", "skills")


def export_csv(ctx: ServiceContext, out: Path,
               progress: Callable[[int, int], None] | None = None) -> list[Path]:
    """Write ``out`` (the awards) and ``<stem>.students.csv`` etc. beside it.

    Each file is written to a temporary name and renamed when complete, so a failed
    export never leaves a half-written file under the final name. ``progress(done,
    total)`` hears of each table; if it raises (the user cancelled), the files this
    export wrote are removed, so no mix of old and new files is left.
    """
    if out.suffix.lower() != ".csv":
        out = out.with_name(out.name + ".csv")
    targets = {t: out if t == "awards" else out.with_name(f"{out.stem}.{t}.csv")
               for t in TABLES}
    written: list[Path] = []
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        for done, (table, target) in enumerate(targets.items()):
            if progress is not None:
                progress(done, len(targets))
            columns, rows = ctx.reader.all_rows(table)
            temp = target.with_name(target.name + ".part")
            try:
                with temp.open("w", encoding="utf-8-sig", newline="") as handle:
                    writer = csv.writer(handle)
                    writer.writerow(columns)
                    writer.writerows(rows)
                    handle.flush()
                    os.fsync(handle.fileno())
                temp.replace(target)
            finally:
                temp.unlink(missing_ok=True)
            written.append(target)
    except OSError as exc:
        raise invalid("export.cannot_write", folder=str(out.parent),
                      reason=exc.strerror or str(exc)) from exc
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
