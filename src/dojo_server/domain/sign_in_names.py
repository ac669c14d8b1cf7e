"""What a family signs in with: one email address, or a sign-in name of their choosing.

An email is one plain address (no display name, no second address, no line breaks or
commas), so it can go into a mail header as it is. A sign-in name never holds "@", so
what a family types on the sign-in page says which of the two it is
(``family_auth.find_account``).
"""

from __future__ import annotations

import re

from dojo_server.domain.family_auth import FamilyError

MAX_EMAIL = 254  # the longest address SMTP carries
# One local part, one "@", a domain with a dot; none of the characters that would let a
# header hold a second address or a second header.
_EMAIL = re.compile(r"[^@\s,;:<>()\[\]\\\"]{1,64}@[^@\s,;:<>()\[\]\\\"]+\.[^@\s,;:<>()\[\]\\\".]+")
_LOGIN_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,59}")


def clean_email(raw: str) -> str:
    """The address in lowercase, "" if none was given; FamilyError("bad_email") if it is
    not exactly one address."""
    email = raw.strip().lower()
    if not email:
        return ""
    if len(email) > MAX_EMAIL or not _EMAIL.fullmatch(email):
        raise FamilyError("bad_email")
    return email


def clean_login_name(raw: str) -> str:
    """The sign-in name in lowercase, "" if none was given; FamilyError("bad_login_name")
    unless it is 3 to 60 letters, digits, dots, dashes or underscores."""
    name = raw.strip().lower()
    if not name:
        return ""
    if not _LOGIN_NAME.fullmatch(name):
        raise FamilyError("bad_login_name")
    return name

