"""The new school year on a device: which class followed the one this board showed.

The school server's rollover links last year's class to this year's (``class_succeeded``,
a record kind) and archives it; the server moves a board enrolled for it to the new class.
The board offers the new class once ("Year 4 is this year's class for this board. Open
it?"); a child's history, family and story follow the child, whose id never changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from dojo_desktop.services.context import ServiceContext
from dojo_desktop.services.settings import NEW_CLASSES_OFFERED, SettingsService

KIND = "class_succeeded"


@dataclass(frozen=True)
class NewClassOffer:
    """This year's class that followed last year's ``old_class_id``."""

    old_class_id: str
    class_id: str
    name: str
    school_year: str


class SchoolYearService:
    """Finds the class that followed another, and remembers which were offered."""

    def __init__(self, ctx: ServiceContext, settings: SettingsService) -> None:
        self._ctx, self._settings = ctx, settings

    def successor(self, class_id: str) -> NewClassOffer | None:
        """The class that followed ``class_id`` (the newest, if it was followed by one
        that was followed in turn), if this device holds it and it is not archived."""
        current = {c.id: c for c in self._ctx.reader.classes(False)}
        found: NewClassOffer | None = None
        seen = {class_id}
        while True:
            records = self._ctx.reader.records(KIND, None, {"class_id": class_id})
            if not records:
                break
            p = records[0]
            class_id = str(p["successor_id"])
            if class_id in seen:
                break
            seen.add(class_id)
            if class_id in current:
                found = NewClassOffer(str(p["class_id"]), class_id, current[class_id].name,
                                      str(p.get("school_year", "")))
        return found

    def offer(self, shown_class_id: str | None) -> NewClassOffer | None:
        """The new class to offer a board that showed ``shown_class_id``, once."""
        if not shown_class_id or shown_class_id in self._offered():
            return None
        return self.successor(shown_class_id)

    def answered(self, offer: NewClassOffer) -> None:
        """The teacher answered the offer (either way): it is not made again."""
        self._settings.set_preference(NEW_CLASSES_OFFERED,
                                      [*self._offered(), offer.old_class_id])

    def _offered(self) -> list[str]:
        return list(self._settings.preference(NEW_CLASSES_OFFERED) or [])
