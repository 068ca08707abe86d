"""`coach` and `python -m coach`: read the command line and hand over."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from coach import paths


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="coach",
        description="Hip & Core Coach: short guided hip and core routines for back and hip pain.",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"where your data is kept (default: ${paths.ENV_VAR}, else your user data folder)",
    )
    parser.add_argument(
        "--time-scale",
        type=_positive_float,
        default=1.0,
        metavar="F",
        help="run every timer F times faster, for demos (default 1)",
    )
    parser.add_argument(
        "--start",
        metavar="ROUTINE",
        help="open straight into a workout of this routine (an id from `coach routines`)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("routines", help="list the routines, and any routine file that is broken")
    export = commands.add_parser(
        "export", help="write all your data to a JSON file or a zip of CSV files"
    )
    export.add_argument(
        "--format", choices=["json", "csv"], help="json, or csv (a zip); default: from -o's suffix"
    )
    export.add_argument(
        "-o", "--output", metavar="FILE", type=Path,
        help="the file to write: NAME.json, or NAME.zip for CSV files",
    )  # fmt: skip
    sheet = commands.add_parser("print", help="write a routine's sheet, to print, as a PDF")
    sheet.add_argument("routine", metavar="ROUTINE_ID", help="an id from `coach routines`")
    sheet.add_argument(
        "-o", "--output", metavar="FILE", type=Path, help="the PDF file to write"
    )  # fmt: skip
    sheet.add_argument(
        "--paper", choices=["a4", "letter"], help="paper size (default: from your locale)"
    )
    plan = commands.add_parser(
        "plan", help="show your workout days, or save them for your calendar with --ics"
    )
    plan.add_argument("--ics", action="store_true", help="write an iCalendar (.ics) file")
    plan.add_argument("-o", "--output", metavar="FILE", type=Path, help="where (with --ics)")
    plan.add_argument(
        "--time", metavar="HH:MM", help="the time of day (default: your reminder time)"
    )
    restore = commands.add_parser(
        "import", help="merge an export into your data (what is already there is kept)"
    )
    restore.add_argument("file", metavar="FILE", type=Path)
    desktop = commands.add_parser(
        "desktop", help="add the program to your applications menu, or take it away"
    )
    desktop.add_argument("action", choices=["install", "uninstall"])
    commands.add_parser(
        "doctor", help="what this machine has and lacks for the program, and what to install"
    )
    return parser.parse_args(argv)


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not 0 < value <= 1000:
        raise argparse.ArgumentTypeError("the time scale must be above 0 and at most 1000")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    data_dir = paths.data_dir(args.data_dir)
    if args.command == "desktop":
        from coach import desktop

        if args.action == "install":
            return desktop.install(sys.stdout)
        return desktop.uninstall(sys.stdout)
    if args.command == "doctor":
        from coach.doctor import doctor

        return doctor(sys.stdout)
    if args.command == "routines":
        from coach.cli import list_routines

        return list_routines(data_dir, sys.stdout)
    if args.command == "export":
        from coach.cli import export_data

        if args.output is None:
            print("coach export: say which file to write, for example\n"
                  "  coach export -o my-data.json   (or -o my-data.zip for CSV files)",
                  file=sys.stderr)  # fmt: skip
            return 2
        kind = args.format or ("csv" if args.output.suffix.lower() in (".zip", ".csv") else "json")
        return export_data(data_dir, args.output, kind, sys.stdout)
    if args.command == "print":
        from coach.cli import print_sheet
        from coach.ui.sheet import default_paper

        if args.output is None:
            example = f"coach print {args.routine} -o {args.routine}.pdf"
            print(f"coach print: say which PDF file to write, for example\n  {example}",
                  file=sys.stderr)  # fmt: skip
            return 2

        paper = args.paper or default_paper()
        return print_sheet(data_dir, args.routine, args.output, paper, sys.stdout)
    if args.command == "plan":
        from coach.cli import show_plan

        if args.ics and args.output is None:
            print("coach plan: --ics needs -o FILE, the calendar file to write", file=sys.stderr)
            return 2
        return show_plan(data_dir, args.output if args.ics else None, args.time, sys.stdout)
    if args.command == "import":
        from coach.cli import import_data

        return import_data(data_dir, args.file, sys.stdout)
    from coach.qtcheck import problem

    if (message := problem()) is not None:
        print(message, file=sys.stderr)
        return 1
    from coach.app import run

    return run(data_dir, args.time_scale, start=args.start)


if __name__ == "__main__":
    sys.exit(main())
