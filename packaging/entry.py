"""The bundle's ``dojo-desktop`` program: the installed command's ``main``, or the self-test.

``DOJO_SMOKE_TEST=1 dojo-desktop [DATA_DIR]`` runs ``smoke.py`` instead of the app: it starts the
app on the demo class, checks it, prints a JSON report and exits (0 when all is well). It is a
mode of the one program rather than a second one, because each PyInstaller program carries its
own 10 MB copy of the Python modules.
"""

import os
import sys


def main() -> int:
    if os.environ.get("DOJO_SMOKE_TEST") == "1":
        import smoke

        return smoke.main()
    from dojo_desktop.__main__ import main as run_app

    return run_app()


if __name__ == "__main__":
    sys.exit(main())
