"""Where the app keeps its data: --data-dir, then DOJO_DATA_DIR, then the platform's place."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "DojoDesktop"
APP_AUTHOR = "Dojo"


def resolve_data_dir(explicit: str | None, demo: bool = False) -> Path:
    """The data folder. The demo class lives in its own folder unless one is given."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    from_env = os.environ.get("DOJO_DATA_DIR")
    if from_env:
        return Path(from_env).expanduser().resolve()
    from platformdirs import user_data_dir

    base = Path(user_data_dir(APP_NAME, APP_AUTHOR))
    return base / "demo" if demo else base
