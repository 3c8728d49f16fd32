"""``sphinx-devlog brief``: the page to read at the start of a session (:mod:`..brief`),
as Markdown or JSON, within a bound on its length."""

from __future__ import annotations

import argparse
import json

from .project import CliError, build, find_sourcedir


def add_brief_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--since", help="only logs dated YYYY-MM-DD or later")
    command.add_argument("--tags", help="only logs with one of these tags (comma-separated)")
    command.add_argument(
        "--format", choices=("md", "json"), default="md", help="Markdown (default) or JSON"
    )
    command.add_argument(
        "--max-chars",
        type=int,
        metavar="N",
        help="at most N characters of Markdown: entries that do not fit are counted, not shown",
    )


def cmd_brief(args: argparse.Namespace) -> int:
    from ..brief import brief_record
    from ..collections.filters import parse_filter
    from ..export import project_brief

    if args.max_chars is not None and args.max_chars < 1:
        raise CliError(f"--max-chars must be a whole number above 0, not {args.max_chars}")
    options = {"since": args.since or "", "tags": args.tags or ""}
    sourcedir = find_sourcedir(args.sourcedir)
    flt, problems = parse_filter(options, ())
    if problems:
        raise CliError(f"invalid date {args.since!r} for --since (expected YYYY-MM-DD)")
    app, _warnings = build(sourcedir, jobs=args.jobs)
    fitted, text = project_brief(app, flt, args.max_chars)
    if args.format == "json":
        print(json.dumps(brief_record(fitted), ensure_ascii=False, indent=2))
    else:
        print(text, end="")
    return 0
