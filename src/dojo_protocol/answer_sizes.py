"""The largest answer each request may get, worked out from the protocol's own limits.

A device reads no more of an answer than this: a proxy's endless page or a broken server's
huge one ends as a protocol error instead of filling the memory. Sizes are bytes of JSON.
"""

from __future__ import annotations

from dojo_protocol import limits
from dojo_protocol.hlc import HLC_MAX_LENGTH

# The most JSON spends on one character of text: one beyond the Basic Multilingual Plane,
# written as two escapes ("\ud83d\ude00"), as a device that writes ASCII-only JSON does.
BYTES_PER_CHAR = 12
ID_CHARS = 64  # the longest id the wire models take (event, device, batch)
KIND_CHARS = 40
UUID_CHARS = 36
SHA256_CHARS = 64
NUMBER_BYTES = 20  # a whole number up to 2**63, with its sign
FRAME_BYTES = 1024  # one object's keys, punctuation and small fields
# Health, enrollment and error answers: a few ids, numbers and a sentence.
SMALL_ANSWER_BYTES = 64 * 1024
MAX_REASON_CHARS = 1000  # why the server refused one event: a sentence it writes
MAX_CURSOR_CHARS = 512  # the pull cursor the server takes back


def text_bytes(chars: int) -> int:
    """The most JSON bytes a text of ``chars`` characters takes."""
    return chars * BYTES_PER_CHAR


def _id_list(count: int, chars: int) -> int:
    return count * (chars + 3)  # quotes and a comma each


# The most one payload holds: the largest kind with every key at its limit (a story post,
# a message, a setting, a list of 500 ids), and a frame's room for keys a newer app adds.
_STORY = (text_bytes(limits.MAX_STORY_TEXT + limits.MAX_REVIEW_COMMENT
                     + limits.MAX_AUTHOR_NAME + limits.MAX_LANGUAGE_TAG)
          + _id_list(limits.MAX_ATTACHMENTS, SHA256_CHARS)
          + _id_list(limits.MAX_STORY_CLASSES, UUID_CHARS))
_MESSAGE = (text_bytes(limits.MAX_MESSAGE_BODY + limits.MAX_AUTHOR_NAME)
            + _id_list(limits.MAX_ATTACHMENTS, SHA256_CHARS))
_SETTING = text_bytes(limits.MAX_SETTING_KEY + limits.MAX_SETTING_VALUE)
_IDS = _id_list(limits.MAX_IDS_PER_EVENT, UUID_CHARS)
MAX_PAYLOAD_BYTES = max(_STORY, _MESSAGE, _SETTING, _IDS) + 4 * FRAME_BYTES

MAX_PULLED_EVENT_BYTES = (FRAME_BYTES + text_bytes(2 * ID_CHARS + KIND_CHARS + HLC_MAX_LENGTH)
                          + 2 * NUMBER_BYTES + MAX_PAYLOAD_BYTES)
MAX_EVENT_RESULT_BYTES = (FRAME_BYTES + text_bytes(ID_CHARS + MAX_REASON_CHARS)
                          + NUMBER_BYTES)


def push_answer_bytes(events: int) -> int:
    """The largest answer to a push of ``events`` events: one result each."""
    return FRAME_BYTES + events * MAX_EVENT_RESULT_BYTES


def pull_answer_bytes(limit: int) -> int:
    """The largest page a pull of at most ``limit`` events may get."""
    return (FRAME_BYTES + text_bytes(MAX_CURSOR_CHARS + ID_CHARS)
            + limit * MAX_PULLED_EVENT_BYTES)


# More classes than any school has: the digest answer lists each class with awards once.
MAX_DIGEST_CLASSES = 5000
MAX_CLASS_DIGEST_BYTES = FRAME_BYTES + text_bytes(ID_CHARS + 32) + NUMBER_BYTES


def digest_answer_bytes() -> int:
    """The largest answer to an award check: every class's count and digest."""
    return (FRAME_BYTES + text_bytes(MAX_CURSOR_CHARS + ID_CHARS)
            + MAX_DIGEST_CLASSES * MAX_CLASS_DIGEST_BYTES)
