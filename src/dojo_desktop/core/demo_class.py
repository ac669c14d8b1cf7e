"""Names for the demo class: made-up children from many backgrounds."""

from __future__ import annotations

import random

_FIRST = (
    "Amira", "Ben", "Chloe", "Dev", "Ella", "Farah", "George", "Hana", "Isaac", "Jaya",
    "Kofi", "Lena", "Mateo", "Nia", "Oscar", "Priya", "Quinn", "Rosa", "Sami", "Tomas",
    "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zara", "Aoife", "Bilal", "Chen", "Dara",
)
_LAST = (
    "Khan", "Okafor", "Nowak", "Patel", "Smith", "Garcia", "Jones", "Kim", "Haddad",
    "Murphy", "Silva", "Ahmed", "Novak", "Brown", "Osei", "Rossi", "Ito", "Kaur",
    "Lopez", "Mensah", "Wilson", "Yilmaz", "Dubois", "Hughes", "Nguyen", "Adeyemi",
)

DEMO_CLASS_NAME = "Demo class 4B"  # English; the window names it in the teacher's language
DEMO_YEAR_GROUP = "Year 4"
DEMO_CLASS_SIZE = 28


def demo_names(count: int = DEMO_CLASS_SIZE, seed: int = 4) -> list[tuple[str, str]]:
    """``count`` distinct (first, last) names, the same every time for a given seed."""
    rng = random.Random(seed)
    firsts = rng.sample(_FIRST, k=min(count, len(_FIRST)))
    lasts: list[str] = []
    while len(lasts) < count:
        lasts.extend(rng.sample(_LAST, k=len(_LAST)))
    return sorted((firsts[i % len(firsts)], lasts[i]) for i in range(count))
