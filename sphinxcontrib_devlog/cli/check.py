"""``sphinx-devlog check``: build the project and print every ``devlog.*`` warning."""

from __future__ import annotations

import argparse
import sys

from .project import build, find_sourcedir, relative


def cmd_check(args: argparse.Namespace) -> int:
    sourcedir = find_sourcedir(args.sourcedir)
    _app, warnings = build(sourcedir, jobs=args.jobs)
    problems = sorted(
        (w for w in warnings if w.type.split(".")[0] == "devlog"),
        key=lambda w: (relative(w.path), w.line or 0),
    )
    for w in problems:
        where = f"{relative(w.path)}:{w.line}" if w.line else relative(w.path)
        message = " ".join(w.message.split())  # one line per problem
        print(f"{where}: [{w.type}] {message}" if where else f"[{w.type}] {message}")
    others = len(warnings) - len(problems)
    if problems or others:
        note = f"{len(problems)} devlog problem{'s' if len(problems) != 1 else ''}"
        if others:
            note += f" ({others} other Sphinx warning{'s' if others != 1 else ''} not shown)"
        print(note, file=sys.stderr)
    return 1 if problems else 0
