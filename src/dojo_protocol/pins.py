"""A staff member's PIN and its verifier: the rule both programs share.

A PIN is 4 to 6 digits. It proves, on a shared board, that the person who picked a name is
that person before the board speaks for them (a post, a message, an approval). Devices
check it offline, so its verifier travels to every device of the school: an argon2id
hash in PHC form, never the PIN. The parameters are fixed within bounds, so a verifier
cannot make a board spend seconds or gigabytes checking it. A PIN is not a password: it
guards a board in a room against someone tapping in another's name, and the staff member's
password never leaves the server. Whoever copies a device's database can try every PIN
against its verifier offline (a million 6-digit PINs take hours, not years), which is why
a PIN must never be reused as a password.
"""

from __future__ import annotations

import re
from typing import Any

MIN_PIN_DIGITS = 4
MAX_PIN_DIGITS = 6
MAX_VERIFIER = 200
# What a new verifier is made with: argon2id, 19 MiB, 2 passes, 1 lane (OWASP's minimum
# for argon2id), which a board checks in under a tenth of a second
# (benchmarks/staff_checks.py).
PIN_TIME_COST = 2
PIN_MEMORY_KIB = 19_456
PIN_PARALLELISM = 1
# What a verifier may ask of a device that checks it.
_MEMORY_KIB = (8_192, 65_536)
_TIME_COST = (1, 6)
_PARALLELISM = (1, 4)
_PIN = re.compile(rf"[0-9]{{{MIN_PIN_DIGITS},{MAX_PIN_DIGITS}}}")
_VERIFIER = re.compile(r"\$argon2id\$v=19\$m=(\d{1,7}),t=(\d{1,3}),p=(\d{1,2})"
                       r"\$[A-Za-z0-9+/]{11,64}\$[A-Za-z0-9+/]{16,128}")


def pin_problem(pin: str) -> str | None:
    """None if ``pin`` is a well-formed PIN, else what is wrong, in words."""
    if _PIN.fullmatch(pin):
        return None
    return f"a PIN is {MIN_PIN_DIGITS} to {MAX_PIN_DIGITS} digits"


def check_verifier(value: Any) -> str | None:
    """The registry's check of a PIN verifier (an argon2id hash within the bounds)."""
    if not isinstance(value, str) or len(value) > MAX_VERIFIER:
        return "must be an argon2id hash"
    match = _VERIFIER.fullmatch(value)
    if match is None:
        return "must be an argon2id hash ($argon2id$v=19$m=..,t=..,p=..$salt$hash)"
    memory, time_cost, lanes = (int(group) for group in match.groups())
    bounds = ((memory, _MEMORY_KIB, "m"), (time_cost, _TIME_COST, "t"),
              (lanes, _PARALLELISM, "p"))
    for got, (low, high), name in bounds:
        if not low <= got <= high:
            return f"asks for {name}={got}; a PIN verifier keeps {name} within {low}..{high}"
    return None
