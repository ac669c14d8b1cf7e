"""What is wrong with a roster export (refused as a whole) and what is only odd (warned)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RosterProblem:
    """A sentence about one place in the export: the file, its line (the header is line 1)
    and its column, where these are known."""

    file: str
    line: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class RosterFileError(ValueError):
    """The export was refused as a whole; ``problems`` lists every reason found."""

    def __init__(self, problems: list[RosterProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems[:5]))
        self.problems = problems
