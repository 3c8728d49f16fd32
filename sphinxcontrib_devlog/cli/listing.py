"""``sphinx-devlog list``: a collection (the outstanding next steps, the lessons or the
logs) as a table or JSON.

Which collections the command lists, and how, is each collection's own
(:attr:`~sphinxcontrib_devlog.collections.base.Collection.cli_option` and its
``cli_*`` methods); this module only picks one and prints it.
"""

from __future__ import annotations

import argparse
import json

from ..collections import COLLECTIONS
from ..collections.base import Collection
from .project import build, find_sourcedir

#: the collections ``list`` can print, the first by default
LISTED: tuple[Collection, ...] = tuple(c for c in COLLECTIONS.values() if c.cli_option)


def add_list_options(command: argparse.ArgumentParser) -> None:
    """``--outstanding``, ``--lessons``, …: one option per listed collection, one at most."""
    group = command.add_mutually_exclusive_group()
    for collection in LISTED:
        group.add_argument(
            f"--{collection.cli_option}", action="store_true", help=collection.cli_help
        )


def cmd_list(args: argparse.Namespace) -> int:
    from ..config import devlog_config
    from ..domain import devlog_domain

    sourcedir = find_sourcedir(args.sourcedir)
    app, _warnings = build(sourcedir, jobs=args.jobs)
    domain = devlog_domain(app.env)
    chosen = next((c for c in LISTED if getattr(args, str(c.cli_option))), LISTED[0])
    logs = list(domain.logs.values())
    config = devlog_config(app.env)
    if args.json:
        records = chosen.cli_records(logs, domain.chains, config)
        print(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        print(chosen.cli_text(logs, domain.chains, config))
    return 0
