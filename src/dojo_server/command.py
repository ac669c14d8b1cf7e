"""The `dojo-server` command's entry point: the admin CLI, or which extra to install first."""

from __future__ import annotations

import sys
from collections.abc import Sequence

INSTALL_HINT = ('install them with  python3 -m pip install -e ".[server]"  in the source folder '
                '(or  python3 -m pip install "dojo-desktop[server]")')


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``dojo_server.cli``; without the server's libraries, say in one line what to do.

    Some commands import their libraries only when they run (``serve`` and FastAPI), so a
    missing library is caught around the command as well as around the import."""
    try:
        from dojo_server.cli import main as run_command

        return run_command(argv)
    except ModuleNotFoundError as exc:
        if exc.name is None or exc.name.split(".")[0].startswith("dojo_"):
            raise
        print(f"dojo-server: the school server needs libraries that are not installed "
              f"(no module named {exc.name!r}): {INSTALL_HINT}", file=sys.stderr)
        return 1
