"""Pydantic models for every request and answer of the sync protocol (v1)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from dojo_protocol.hlc import HLC_MAX_LENGTH

PROTOCOL_VERSION = 1
MAX_PUSH_EVENTS = 500

# Machine codes carried in ErrorBody.error; the client decides what to do by these.
UPGRADE_REQUIRED = "upgrade_required"
UNAUTHORIZED = "unauthorized"
REVOKED = "revoked"
EPOCH_CHANGED = "epoch_changed"
GAP = "gap"
# A push reused a seq this device had already given another event: its data folder was put
# back from an older copy. It renumbers its unsent events after ``last_seq`` and sends again.
SEQ_REUSED = "seq_reused"
# The device's data folder was copied from another computer: it must be paired again.
OTHER_COMPUTER = "other_computer"
INVALID_REQUEST = "invalid_request"
TOO_LARGE = "too_large"
NOT_FOUND = "not_found"
BAD_CURSOR = "bad_cursor"
BAD_CODE = "bad_code"
DEVICE_CONFLICT = "device_conflict"
HASH_MISMATCH = "hash_mismatch"
BUSY = "busy"

# Sent with every request of a device: its machine proof (see the app's
# services/machine_identity.py), which the server remembers from enrollment.
MACHINE_HEADER = "X-Dojo-Machine"

_ID = Field(min_length=1, max_length=64)

Role = Literal["teacher", "ta", "leader", "admin"]


class _Wire(BaseModel):
    """Common settings: extra fields are ignored, so a newer peer can add some. Only keys
    go through pydantic-core's string cache: the values are mostly ids seen once, and
    caching them made reading a push of 500 events a fifth slower."""

    model_config = ConfigDict(extra="ignore", cache_strings="keys")


class WireEvent(_Wire):
    """One event as it travels: who made it, its place in that device's sequence, what it is.

    Only the shape is checked here. Whether the id, HLC, kind and payload make sense is
    decided per event by the server, so one bad event is rejected on its own instead of
    failing the whole batch.
    """

    event_id: str = Field(min_length=1, max_length=64, description="UUID made by the device")
    device_id: str = _ID
    seq: int = Field(ge=1, le=2**62, description="1, 2, 3 ... per device, no gaps")
    kind: str = Field(min_length=1, max_length=40)
    hlc: str = Field(min_length=1, max_length=HLC_MAX_LENGTH,
                     description='packed HLC: "%015d-%06d-<device>"')
    payload: dict[str, Any]


class PulledEvent(WireEvent):
    """An event handed out by pull, with its place in the school's sequence."""

    server_seq: int = Field(ge=1)


class PushRequest(_Wire):
    """A batch of a device's outbox events, oldest first."""

    protocol_version: int
    schema_version: str = Field(max_length=64)
    batch_id: str = _ID
    device_id: str = _ID
    events: list[WireEvent] = Field(max_length=MAX_PUSH_EVENTS)
    # What the device has seen of the server, so a server restored from a backup finds
    # out before it takes a new event (absent in pushes of older apps).
    cursor: str = Field(default="", max_length=512, description="the device's pull cursor")
    acked_seq: int | None = Field(
        default=None, ge=0, description="the highest seq of this device the server "
        "acknowledged to it (its last_seq as the device knows it)")


class EventResult(_Wire):
    """What became of one pushed event."""

    event_id: str
    seq: int
    status: Literal["applied", "duplicate", "rejected"]
    reason: str = ""


class PushResponse(_Wire):
    """Per-event results, the device's new ``last_seq`` and how far its clock is off."""

    results: list[EventResult]
    last_seq: int
    server_time_ms: int
    clock_skew_ms: int = Field(description="client clock minus server clock; 0 if unknown")


class PullResponse(_Wire):
    """A page of the school's changes after the cursor, in server order."""

    changes: list[PulledEvent]
    next_cursor: str
    has_more: bool
    last_seq: int = Field(description="the pulling device's last acknowledged seq")
    epoch: str
    server_time_ms: int


class ClassAwardDigest(_Wire):
    """One class's awards as the server counts them for the asking device."""

    class_id: str
    count: int = Field(ge=0)
    digest: str = Field(min_length=32, max_length=32,
                        description="dojo_protocol.digest, in the answer's format")


class DigestResponse(_Wire):
    """The award digest of each class of the device's audience, as of its cursor (the rule
    is ``dojo_protocol.digest``'s). ``whole_school``: every class with awards is listed,
    so a class the device holds awards of and the answer leaves out has none."""

    format: str
    cursor: str
    whole_school: bool
    classes: list[ClassAwardDigest]


class EnrollRequest(_Wire):
    """A device asking to join a school with a one-time code."""

    code: str = Field(min_length=1, max_length=40)
    device_id: str = _ID
    device_name: str = Field(min_length=1, max_length=120)
    client_version: str = Field(min_length=1, max_length=40)
    protocol_version: int | None = Field(
        default=None, description="refused with 426 unless the server speaks it")
    machine: str | None = Field(
        default=None, max_length=64, description="the computer's machine proof; a device "
        "enrolled from another computer is refused with 'other_computer'")
    replaces: str | None = Field(
        default=None, max_length=64, description="the device id this device's data was "
        "copied from, on another computer: events stored under it are not stored twice")


class EnrollResponse(_Wire):
    """The device's token (shown once: the server keeps only its hash) and its scope."""

    device_id: str
    token: str
    school_id: str
    role: Role
    class_id: str | None
    epoch: str
    staff_id: str | None = Field(
        default=None, description="the member of staff a personal device is enrolled for: "
        "every event it records is theirs (none: a room's board or a shared device)")


class Health(_Wire):
    """What a client checks before syncing."""

    server_time_ms: int
    epoch: str
    min_client_version: str
    protocol_version: int


class BlobStored(_Wire):
    """Answer to a blob upload."""

    sha256: str
    size: int
    created: bool = Field(description="false when the blob was already stored")


class ErrorBody(_Wire):
    """Every error: a machine code for the client and plain words for a teacher."""

    error: str
    message: str
    last_seq: int | None = Field(
        default=None, description="with error 'gap' or 'seq_reused': the device's last "
        "seq stored; resend from last_seq + 1")
    seq: int | None = Field(
        default=None, description="with error 'seq_reused': the first event of the batch "
        "whose seq the server had stored for another event; those before it are stored")
