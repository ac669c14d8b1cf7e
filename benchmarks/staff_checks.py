"""What naming an event's author costs: checking 500 awards that carry ``by`` against 500
that do not (the baseline, the same run), and a board checking one PIN against its argon2id
verifier (the parameters of ``dojo_protocol.pins``), right and wrong.

    python benchmarks/staff_checks.py [--runs 50]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import statistics
import time
import uuid
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError

from dojo_protocol.events import validate_payload
from dojo_protocol.pins import PIN_MEMORY_KIB, PIN_PARALLELISM, PIN_TIME_COST


def _award(by: bool) -> dict[str, Any]:
    payload: dict[str, Any] = {key: str(uuid.uuid4()) for key in (
        "award_id", "student_id", "class_id", "skill_id", "batch_id")}
    payload.update(points=1, at_ms=1, note="")
    if by:
        payload["by"] = str(uuid.uuid4())
    return payload


def _batch_us(by: bool, runs: int) -> float:
    batch = [_award(by) for _ in range(500)]
    best = float("inf")
    for _ in range(runs):
        began = time.perf_counter()
        for payload in batch:
            assert validate_payload("award_given", payload) is None
        best = min(best, time.perf_counter() - began)
    return best * 1e6 / len(batch)


def _pin_ms(runs: int) -> tuple[float, float]:
    hasher = PasswordHasher(time_cost=PIN_TIME_COST, memory_cost=PIN_MEMORY_KIB,
                            parallelism=PIN_PARALLELISM)
    verifier = hasher.hash("2468")
    right, wrong = [], []
    for _ in range(max(5, runs // 5)):
        began = time.perf_counter()
        hasher.verify(verifier, "2468")
        right.append(time.perf_counter() - began)
        began = time.perf_counter()
        with contextlib.suppress(VerificationError):
            hasher.verify(verifier, "1111")
        wrong.append(time.perf_counter() - began)
    return statistics.median(right) * 1000, statistics.median(wrong) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    runs = parser.parse_args().runs
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")
    baseline, with_by = _batch_us(False, runs), _batch_us(True, runs)
    print(f"award check, best of {runs} batches of 500: without by {baseline:.2f} us, "
          f"with by {with_by:.2f} us per award")
    right, wrong = _pin_ms(runs)
    print(f"PIN check (m={PIN_MEMORY_KIB} KiB, t={PIN_TIME_COST}, p={PIN_PARALLELISM}), "
          f"median: right {right:.1f} ms, wrong {wrong:.1f} ms")


if __name__ == "__main__":
    main()
