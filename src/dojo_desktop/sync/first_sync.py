"""A new device's first sync: the school's pages streamed into a database of their own,
checked, then taken into the live database at once (sync/first_sync_tables.py says why).

Only a device with nothing of the school yet takes this path, and only when the school
does not fit in one page; everything after it is the incremental path (one transaction
per page, the cursor advanced in it). A device whose copy differs from the server's takes
it too, to download the school again (``again``; see sync/digest_check.py).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dojo_desktop.sync.first_sync_tables import Bootstrap
from dojo_desktop.sync.sync_store import AppliedPage, SyncPosition
from dojo_desktop.sync.wire import RawPull


@dataclass(frozen=True)
class Downloaded:
    """What a bootstrap brought in."""

    page: AppliedPage
    others: list[dict[str, Any]]  # payloads of the events that are not awards (files named)
    last_seq: int  # the server's last_seq for this device, from the last page


def download(db_path: Path, position: SyncPosition, first: RawPull,
             fetch: Callable[[str], RawPull], again: bool = False) -> Downloaded:
    """Load ``first`` and every page after it (``fetch(cursor)``), check them and take
    them in. While a page is stored, a helper thread fetches the next one. ``again``: a
    device that has the school already downloads it whole again, in place of its copy.

    Raises BootstrapFailed when a check fails (nothing reached the live database) and the
    transport's errors as they come.
    """
    scratch = Bootstrap(db_path, position, again)
    try:
        page = first
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="bootstrap") as fetcher:
            while True:
                following: Future[RawPull] | None = (
                    fetcher.submit(fetch, page.next_cursor) if page.has_more else None)
                scratch.add_page(page.changes, page.next_cursor, page.epoch)
                if following is None:
                    break
                page = following.result()
        scratch.finish()
        applied = scratch.take_in()
    finally:
        scratch.close()
    return Downloaded(applied, scratch.others, page.last_seq)
