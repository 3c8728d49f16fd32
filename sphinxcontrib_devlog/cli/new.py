"""``sphinx-devlog new``: write a new log from the MyST or reST template (``template.py``)."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path

from ..collections.base import display_width
from ..filenames import make_filename, parse_date
from ..template import MYST_TEMPLATE, RST_TEMPLATE
from .project import (
    CliError,
    conf_values,
    document_suffixes,
    near_sourcedir,
    project_config,
    tool_settings,
    twins,
)

SUFFIXES = {"md": ".md", "rst": ".rst"}


def cmd_new(args: argparse.Namespace) -> int:
    title = " ".join(args.title.split())
    if not title:
        raise CliError("the title is empty")
    if args.dir:
        folder = Path(args.dir)
    else:
        folder = Path(tool_settings(Path.cwd()).get("dir", "."))
    values = conf_values(near_sourcedir(folder.absolute() / "x"))
    config = project_config(None, values)
    status = args.status.lower()
    if status not in config.devlog_statuses:
        raise CliError(
            f"unknown status {args.status!r} (known: {', '.join(config.devlog_statuses)})"
        )
    if args.date:
        date = parse_date(args.date)
        if date is None:
            raise CliError(f"invalid date {args.date!r} (expected an existing YYYY-MM-DD date)")
    else:
        date = dt.date.today()
    name = make_filename(date, title, status)
    path = folder / f"{name}{SUFFIXES[args.format]}"
    existing = twins(path, document_suffixes(values))
    if existing:
        raise CliError(f"{existing[0]} exists; not overwriting it", code=1)
    if args.format == "md":
        template, shown = MYST_TEMPLATE, escape_markdown(title)
    else:
        template, shown = RST_TEMPLATE, escape_rst(title)
    text = template.format(
        title=shown,
        underline="=" * max(display_width(shown), 1),
        status=status,
        date=date.isoformat(),
        time=dt.datetime.now().strftime("%H:%M") if not args.date else "09:00",
    )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as stream:
            stream.write(text)
    except FileExistsError as exc:
        raise CliError(f"{path} exists; not overwriting it", code=1) from exc
    except OSError as exc:
        raise CliError(f"{path}: cannot write it: {exc.strerror or exc}", code=1) from exc
    print(path)
    return 0


#: characters that may start inline markup in a Markdown heading (MyST's roles included)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~$&])")
#: characters that may start inline markup in a reST title
_RST_SPECIAL = re.compile(r"([\\`*_|])|^([^\w\s])")


def escape_markdown(title: str) -> str:
    """*title* as the text of a Markdown heading that shows it as written: every
    character that could start markup is escaped."""
    return _MD_SPECIAL.sub(r"\\\1", title)


def escape_rst(title: str) -> str:
    """*title* as the text of a reST section title that shows it as written."""
    return _RST_SPECIAL.sub(lambda m: "\\" + m.group(), title)
