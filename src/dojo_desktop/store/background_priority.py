"""Running a piece of work on its own thread at a lower priority than the board's, so the
GUI thread and a tap's commit get the processor and the disk first."""

from __future__ import annotations

import contextlib
import ctypes
import os
import platform
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

NICENESS = 10  # Linux: added to the thread's nice value
# Linux's ioprio_set(2), which has no wrapper in Python: the syscall's number by machine.
_IOPRIO_SET = {"x86_64": 251, "aarch64": 30}
_IOPRIO_WHO_PROCESS = 1  # with a thread id: that thread only
_IOPRIO_CLASS_BE, _IOPRIO_CLASS_SHIFT = 2, 13
_IOPRIO_LOWEST_BE = (_IOPRIO_CLASS_BE << _IOPRIO_CLASS_SHIFT) | 7
_THREAD_MODE_BACKGROUND_BEGIN = 0x00010000  # Windows: lower CPU, disk and memory priority


def run_at_low_priority(work: Callable[[], T]) -> T:
    """``work()`` on a new thread of lower CPU and disk priority; its result or its
    exception, once it ends. The thread ends with the work, so no pool thread is left
    lowered (an ordinary process may not raise a priority back)."""
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        lower_this_thread()
        try:
            outcome.append(work())
        except BaseException as exc:  # handed to the caller's thread below
            failure.append(exc)

    thread = threading.Thread(target=run, name="low-priority-work", daemon=True)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return outcome[0]


def lower_this_thread() -> None:
    """Lower the calling thread's CPU and disk priority, as far as the system allows."""
    # A failure leaves the priority as it was: the work is the same, only less polite.
    if sys.platform.startswith("linux"):
        tid = threading.get_native_id()
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, tid, os.getpriority(os.PRIO_PROCESS, tid)
                           + NICENESS)
        number = _IOPRIO_SET.get(platform.machine())
        if number is not None:
            with contextlib.suppress(OSError, AttributeError):
                libc = ctypes.CDLL(None, use_errno=True)
                libc.syscall(number, _IOPRIO_WHO_PROCESS, tid, _IOPRIO_LOWEST_BE)
    elif sys.platform == "win32":
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        kernel32.SetThreadPriority(kernel32.GetCurrentThread(),
                                   _THREAD_MODE_BACKGROUND_BEGIN)
