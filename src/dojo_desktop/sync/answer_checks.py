"""Whether an answer accounts for what was asked: a push's answer names every event sent,
once; a pull's page that says more is waiting moves on. Anything else is a protocol error,
so the events stay waiting and the scheduler backs off instead of asking again at once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from dojo_desktop.core.error_texts import Message, message
from dojo_desktop.sync.errors import BadResponse

if TYPE_CHECKING:
    from dojo_desktop.sync.sync_store import OutboxItem
    from dojo_protocol import PullResponse, PushResponse


def check_push_answer(items: Sequence[OutboxItem], response: PushResponse) -> None:
    """Raise BadResponse unless ``response`` answers each of ``items`` exactly once (by its
    event id and seq) and nothing else."""
    sent = {(item.seq, item.event_id) for item in items}
    answered = [(result.seq, result.event_id) for result in response.results]
    if not sent.issuperset(answered):
        raise _not_understood(message("sync.detail.unknown_result"))
    if len(set(answered)) != len(answered):
        raise _not_understood(message("sync.detail.doubled_result"))
    if len(answered) != len(sent):
        raise _not_understood(message("sync.detail.result_count", answered=len(answered),
                                      sent=len(sent)))


def check_pull_progress(cursor: str, response: PullResponse) -> None:
    """Raise BadResponse if ``response`` says more is waiting after ``cursor`` but hands
    back ``cursor`` itself: asking again would get the same page forever."""
    if response.has_more and response.next_cursor == cursor:
        raise _not_understood(message("sync.detail.no_progress"))


def _not_understood(detail: Message) -> BadResponse:
    return BadResponse(message("sync.not_understood"), detail)
