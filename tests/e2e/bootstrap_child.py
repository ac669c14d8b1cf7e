"""Child process for the first-sync SIGKILL test: a new device's first pull, once.

Usage: ``python bootstrap_child.py DATA_DIR PAGE_SIZE`` with the device token in the
environment variable ``DOJO_TEST_TOKEN`` and the computer's keyring machine id in
``DOJO_TEST_MACHINE_ID`` (the test's stand-in for the OS keyring).

Prints ``READY`` once the classroom is open, ``PAGE`` after each page is stored, ``TAKING``
just before the download is taken into the live database, and ``DONE <applied>`` after the
pull returned.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import keyring
import keyring.backend
from sync_loop import TokenKeyring  # this script's folder is on the path

from dojo_desktop.services.classroom import open_classroom
from dojo_desktop.sync.engine import SyncEngine
from dojo_desktop.sync.first_sync_tables import Bootstrap
from dojo_desktop.sync.transport import HttpTransport


def main() -> None:
    data_dir, page = Path(sys.argv[1]), int(sys.argv[2])
    keyring.set_keyring(TokenKeyring())
    add_page, take_in = Bootstrap.add_page, Bootstrap.take_in

    def page_announced(self: Bootstrap, *args: Any) -> None:
        add_page(self, *args)
        print("PAGE", flush=True)

    def take_in_announced(self: Bootstrap) -> Any:
        print("TAKING", flush=True)
        return take_in(self)

    Bootstrap.add_page = page_announced  # type: ignore[method-assign]
    Bootstrap.take_in = take_in_announced  # type: ignore[method-assign]
    room = open_classroom(data_dir)
    url, token = room.sync.server_url(), room.sync.token()
    assert url is not None and token is not None
    engine = SyncEngine(room.sync.store, HttpTransport(url, token), room.ctx.clock,
                        catch_up_page=page)
    print("READY", flush=True)
    report = engine.pull_all()
    print(f"DONE {report.pulled.applied}", flush=True)
    room.close()


if __name__ == "__main__":
    main()
