"""Keeps PySide6's import check from filling ``linecache`` with every module's source.

PySide6 replaces ``__import__`` (for ``from __feature__ import ...``). After each import it
asks whether the new module mentions "PySide6", with ``inspect.getsource``, and
``linecache`` then keeps that module's source lines for the life of the process: about
6 MB on a board, 14 MB more once the sync stack has loaded. :func:`check_sources_uncached`
answers the same question from the file's bytes and keeps nothing. Modules without a
readable ``.py`` file (built-ins, extensions, a bundle's compiled modules) still get
PySide6's own answer.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from types import ModuleType

# Where PySide6 keeps the check (``shibokensupport.feature`` is the same module).
FEATURE_MODULES = ("PySide6.support.feature", "shibokensupport.feature")


def check_sources_uncached() -> bool:
    """Replace PySide6's check with one that caches nothing; safe to call again. Imports
    ``PySide6.QtCore``. False, and nothing changed, where PySide6 has no such check."""
    import PySide6.QtCore  # noqa: F401  (it installs the import hook and the check)

    feature = next((sys.modules[name] for name in FEATURE_MODULES if name in sys.modules),
                   None)
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original):
        return False
    if getattr(original, "__wrapped__", None) is not None:
        return True  # done before

    @functools.wraps(original)
    def mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                return b"PySide6" in Path(path).read_bytes()
            except OSError:
                pass
        return bool(original(module))

    feature._mod_uses_pyside = mod_uses_pyside  # type: ignore[attr-defined]
    return True
