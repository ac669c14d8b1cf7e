"""The console's areas, in the order of its navigation: one route module each."""

from __future__ import annotations

from typing import NamedTuple

from dojo_server.portal.i18n import N_


class Area(NamedTuple):
    """A page of the navigation: its path under /staff, its title and what it is for."""

    path: str
    title: str
    summary: str


AREAS = (
    Area("/people", N_("Staff"), N_("Who may sign in, their roles and passwords.")),
    Area("/classes", N_("Classes and children"),
         N_("Add, rename and archive classes; add children and move them between classes.")),
    Area("/families", N_("Families"),
         N_("Who has joined the family portal, and invite letters to print.")),
    Area("/devices", N_("Devices"),
         N_("The school's laptops and boards, and codes to connect new ones.")),
    Area("/imports", N_("Imports"),
         N_("Bring classes, children and staff in from the school information system.")),
    Area("/rollover", N_("New school year"),
         N_("Move every class up a year: new classes, the children moved, leavers.")),
)
