"""Last writer wins per field, for rows whose updates name only some of their fields
(classes and students: ``class_updated``, ``student_updated``, the new school year's
archiving).

One clock for the whole row is not enough there: a rename at HLC 9 applied before an
archive at HLC 8 would make the archive look old and lose it, while a replica that got
them the other way round keeps both. So each field keeps the HLC of the write that set
it, in a JSON object stored with the row (``field_hlcs``), and any order of applying the
same events leaves the same row on every device and on the server.

The map is empty (``{}``) until a write changes the row after it was made: every field's
clock is then the row's ``hlc``. The first such write fills it for every field, from the
row's ``hlc``, so the map says the same whichever order the writes came in.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

NO_FIELD_CLOCKS = "{}"  # a row nothing has changed since it was made


@dataclass(frozen=True)
class FieldWrite:
    """What a write changes on a row: the fields it wins, the row's clocks and HLC after."""

    values: dict[str, Any]
    field_hlcs: str
    hlc: str


def newer_fields(row_hlc: str, field_hlcs: str, fields: Mapping[str, Any], hlc: str,
                 row_fields: Collection[str]) -> FieldWrite | None:
    """The part of a write of ``fields`` at ``hlc`` that wins over a row whose clocks are
    ``row_hlc`` and ``field_hlcs`` (``row_fields`` are every field the map keeps); None
    if it wins no field. ``fields`` must name only ``row_fields``."""
    kept = json.loads(field_hlcs) if field_hlcs else {}
    clocks = {name: kept.get(name, row_hlc) for name in row_fields}
    values = {name: value for name, value in fields.items() if clocks[name] < hlc}
    if not values:
        return None
    clocks.update(dict.fromkeys(values, hlc))
    return FieldWrite(values, json.dumps(clocks, separators=(",", ":"), sort_keys=True),
                      max(row_hlc, hlc))
