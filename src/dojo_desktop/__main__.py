"""``dojo-desktop`` and ``python -m dojo_desktop``: the GUI, and a few verbs for IT."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dojo_desktop import __version__
from dojo_desktop.paths import resolve_data_dir


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dojo-desktop", description="Dojo Desktop: classroom points, offline first.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", help="folder for the database and files "
                        "(default: $DOJO_DATA_DIR, else the platform's user data folder)")
    parser.add_argument("--demo", action="store_true", help="open the demo class")
    parser.add_argument("--full-screen", action="store_true", help="start full screen")
    parser.add_argument("--lang", help="language of the window, e.g. es (default: the system's)")
    verbs = parser.add_subparsers(dest="verb")
    export = verbs.add_parser("export", help="write all data as CSV files")
    export.add_argument("--format", choices=["csv"], default="csv")
    export.add_argument("--out", required=True, help="the awards CSV; students, classes and "
                        "skills are written beside it as <name>.students.csv etc.")
    export.add_argument("--data-dir", dest="verb_data_dir")
    imp = verbs.add_parser("import-roster", help="import students from a CSV file")
    imp.add_argument("file")
    imp.add_argument("--class", dest="class_name", help="class for rows without a Class column")
    imp.add_argument("--data-dir", dest="verb_data_dir")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    data_dir = resolve_data_dir(getattr(args, "verb_data_dir", None) or args.data_dir, args.demo)
    if args.verb is None:
        # The database check reads the whole file: start it before loading Qt.
        from dojo_desktop.services.integrity_check import start_integrity_check

        check = start_integrity_check(data_dir)
        from dojo_desktop.ui.pyside_import_check import check_sources_uncached

        check_sources_uncached()  # before the window's modules load
        from dojo_desktop.app import run

        return run(data_dir, demo=args.demo, full_screen=args.full_screen, check=check,
                   lang=args.lang)
    from dojo_desktop.cli import export_command, import_roster_command

    if args.verb == "export":
        return export_command(data_dir, Path(args.out))
    return import_roster_command(data_dir, Path(args.file), args.class_name)


if __name__ == "__main__":
    sys.exit(main())
