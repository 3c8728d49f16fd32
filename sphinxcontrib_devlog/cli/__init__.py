"""``sphinx-devlog``: write, check, list and re-status logs from the terminal.

    sphinx-devlog new TITLE [--status S] [--date D] [--dir DIR] [--format md|rst]
    sphinx-devlog check [SOURCEDIR] [--jobs N]
    sphinx-devlog list [SOURCEDIR] [--outstanding | --lessons | --logs] [--json]
    sphinx-devlog brief [SOURCEDIR] [--since D] [--tags T] [--format md|json] [--max-chars N]
    sphinx-devlog show FILE [--json]
    sphinx-devlog set-status FILE STATUS

Exit codes: 0 success; 1 ``check`` found problems, or a refusal (a file that exists,
a file that is not a log); 2 bad arguments (unknown status, impossible date,
missing source directory).

One module per command, over a shared core:

- :mod:`.new`: ``new``, its templates and the title escapes
- :mod:`.check`: ``check``
- :mod:`.listing`: ``list``
- :mod:`.brief`: ``brief``
- :mod:`.show`: ``show``
- :mod:`.set_status`: ``set-status``, its safe rewrite and rename, and the git it runs
- :mod:`.project`: what they share: the source directory, ``conf.py`` values and
  ``[tool.sphinx-devlog]`` settings, the quiet Sphinx build, :class:`.CliError`

Here: the argument parser and :func:`main`, the console script's entry point.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from .brief import add_brief_options, cmd_brief
from .check import cmd_check
from .listing import add_list_options, cmd_list
from .new import SUFFIXES, cmd_new
from .project import CliError
from .set_status import cmd_set_status
from .show import cmd_show


def _project_arguments(command: argparse.ArgumentParser) -> None:
    """SOURCEDIR and --jobs, shared by the commands that build the project."""
    command.add_argument(
        "sourcedir", nargs="?", help="Sphinx source directory (default: docs or .)"
    )
    command.add_argument("--jobs", "-j", type=int, default=1, help="parallel reading processes")


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="sphinx-devlog",
        description="Write, check and list development-session logs of a Sphinx project.",
    )
    main.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = sub.add_parser(
        "new",
        help="write a new log from the template",
        description=(
            "Write a new log named YYYY-MM-DD_slug-status from the template; never overwrites."
        ),
    )
    new.add_argument("title", help="the session's title, e.g. 'Pixi setup'")
    new.add_argument("--status", default="partial", help="its status (default: partial)")
    new.add_argument("--date", help="YYYY-MM-DD (default: today)")
    new.add_argument("--dir", help="the folder (default: [tool.sphinx-devlog] dir, else .)")
    new.add_argument("--format", choices=sorted(SUFFIXES), default="md", help="md (MyST) or rst")
    new.set_defaults(func=cmd_new)

    check = sub.add_parser(
        "check",
        help="print every devlog problem; exit 1 if any",
        description=(
            "Build the project without writing pages and print every devlog.* warning as "
            "file:line: [devlog.subtype] message. Exit 1 if there is any, 0 otherwise."
        ),
    )
    _project_arguments(check)
    check.set_defaults(func=cmd_check)

    lst = sub.add_parser(
        "list",
        help="print the collections in the terminal",
        description=("Print the outstanding next steps (default), the lessons or the logs."),
    )
    _project_arguments(lst)
    add_list_options(lst)
    lst.add_argument("--json", action="store_true", help="JSON instead of a table")
    lst.set_defaults(func=cmd_list)

    brief = sub.add_parser(
        "brief",
        help="print the page to read at the start of a session",
        description=(
            "Print one page for the start of the next session: the open next steps, oldest "
            "first, with the session that raised each and how many carried it; the lessons "
            "worth re-reading; how the latest sessions ended. The build writes the same text "
            "as devlog-brief.md beside devlog.json."
        ),
    )
    _project_arguments(brief)
    add_brief_options(brief)
    brief.set_defaults(func=cmd_brief)

    show = sub.add_parser(
        "show",
        help="print what the build reads from one log",
        description=(
            "Build one log as its project would (its conf.py; the defaults and "
            "devlog_plain_logs = ['*'] outside a project) and print what was read: its "
            "fields, and every goal, lesson, next step and file with its source line and "
            "done state, then its problems. Exit 0 (1: no such file)."
        ),
    )
    show.add_argument("file", help="the log's file")
    show.add_argument("--json", action="store_true", help="JSON instead of text")
    show.set_defaults(func=cmd_show)

    setst = sub.add_parser(
        "set-status",
        help="change a log's status and rename its file",
        description=(
            "Rewrite the status (directive option or HEADER line) and rename the file to match, "
            "with git mv inside a git work tree. References by stable name keep working."
        ),
    )
    setst.add_argument("file", help="the log's file")
    setst.add_argument("status", help="the new status")
    setst.set_defaults(func=cmd_set_status)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except CliError as exc:
        print(f"sphinx-devlog: error: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
