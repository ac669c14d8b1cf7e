"""What the roster commands (``import-oneroster``, ``rollover``) print: a refused export's
problems and a summary's sections of changes."""

from __future__ import annotations

import sys

from dojo_server.roster_import.problems import RosterFileError

PREVIEW_LINES = 10  # of each kind of change


def print_problems(nothing_done: str, refused: RosterFileError) -> int:
    """Every problem of the refused export, on stderr, after ``nothing_done``; returns the
    exit status."""
    print(f"{nothing_done} Fix these problems and export again:", file=sys.stderr)
    for problem in refused.problems:
        print(f"  {problem}", file=sys.stderr)
    return 1


def print_sections(sections: dict[str, list[str]]) -> None:
    """Each kind of change that has lines: how many, and the first ``PREVIEW_LINES``."""
    for section, lines in sections.items():
        if not lines:
            continue
        print(f"{len(lines)} {section}:")
        for line in lines[:PREVIEW_LINES]:
            print(f"  {line}")
        if len(lines) > PREVIEW_LINES:
            print(f"  … and {len(lines) - PREVIEW_LINES} more")
