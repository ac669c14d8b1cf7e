"""Unsubscribe links: an HMAC of the guardian's id under a server secret, no login needed."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy.orm import Session

from dojo_server.db.family_models import Guardian
from dojo_server.db.models import ServerMeta
from dojo_server.db.session import Database

SECRET_KEY = "unsubscribe_secret"


def _secret(session: Session) -> bytes:
    row = session.get(ServerMeta, SECRET_KEY)
    if row is None:
        row = ServerMeta(key=SECRET_KEY, value=secrets.token_hex(32))
        session.add(row)
        session.flush()
    return bytes.fromhex(row.value)


def unsubscribe_token(session: Session, guardian_id: str) -> str:
    """The token of the guardian's unsubscribe link (stable: links in old emails work)."""
    return hmac.new(_secret(session), guardian_id.encode(), hashlib.sha256).hexdigest()


def unsubscribe(db: Database, guardian_id: str, token: str) -> bool:
    """Stop the guardian's emails if the token is theirs; False if it is not."""
    with db.write() as session:
        expected = unsubscribe_token(session, guardian_id)
        guardian = session.get(Guardian, guardian_id)
        if guardian is None or not hmac.compare_digest(expected, token):
            return False
        guardian.email_notifications = False
        return True
