"""Work run below the board's priority: on its own thread, with its result or its error
handed back, and (on Linux) at a higher nice value than the thread that asked."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from dojo_desktop.store.background_priority import NICENESS, run_at_low_priority


def test_the_work_runs_on_another_thread_and_its_result_comes_back() -> None:
    caller = threading.get_ident()
    assert run_at_low_priority(lambda: threading.get_ident() != caller) is True


def test_an_error_in_the_work_is_raised_to_the_caller() -> None:
    def fails() -> None:
        raise ValueError("the copy failed")

    with pytest.raises(ValueError, match="the copy failed"):
        run_at_low_priority(fails)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice is Linux's")
def test_the_work_runs_at_a_lower_cpu_priority_and_the_caller_keeps_its_own() -> None:
    def niceness() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    before = niceness()
    inside = run_at_low_priority(niceness)
    assert inside == min(19, before + NICENESS)
    assert niceness() == before
