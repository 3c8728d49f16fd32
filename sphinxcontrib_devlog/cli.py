"""``sphinx-devlog``: write, check, list and re-status logs from the terminal.

    sphinx-devlog new TITLE [--status S] [--date D] [--dir DIR] [--format md|rst]
    sphinx-devlog check [SOURCEDIR] [--jobs N]
    sphinx-devlog list [SOURCEDIR] [--outstanding | --lessons | --logs] [--json]
    sphinx-devlog show FILE [--json]
    sphinx-devlog set-status FILE STATUS

Exit codes: 0 success; 1 ``check`` found problems, or a refusal (a file that exists,
a file that is not a log); 2 bad arguments (unknown status, impossible date,
missing source directory).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import tomllib
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from . import __version__, export, selection
from .capture import WarningCapture, WarningRecord
from .config import DevlogConfig, fields_of
from .filenames import compile_pattern, make_filename, parse_date, parse_filename
from .statusedit import EditError, decode, encode, rewrite_status, undecodable

SUFFIXES = {"md": ".md", "rst": ".rst"}


class CliError(Exception):
    """A one-line error for the user; ``code`` is the exit status."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


# -- project settings ------------------------------------------------------------------


def tool_settings(start: Path) -> dict[str, Any]:
    """``[tool.sphinx-devlog]`` of the nearest ``pyproject.toml`` (``dir``, ``source``)."""
    for folder in (start, *start.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise CliError(f"cannot read {pyproject}: {_one_line(exc)}") from exc
            except OSError:
                return {}
            settings = data.get("tool", {}).get("sphinx-devlog", {})
            if isinstance(settings, dict):
                return {
                    k: (folder / v if k in ("dir", "source") else v) for k, v in settings.items()
                }
            return {}
    return {}


def find_sourcedir(given: str | None) -> Path:
    if given:
        path = Path(given)
    else:
        settings = tool_settings(Path.cwd())
        if "source" in settings:
            path = Path(settings["source"])
        elif (Path("docs") / "conf.py").is_file():
            path = Path("docs")
        else:
            path = Path(".")
    if not path.is_dir():
        raise CliError(f"source directory {str(path)!r} does not exist")
    if not (path / "conf.py").is_file():
        raise CliError(f"no conf.py in {str(path)!r}: not a Sphinx source directory")
    return path


def conf_values(sourcedir: Path | None) -> dict[str, Any]:
    """The values a Sphinx project's ``conf.py`` sets (``{}`` without one)."""
    if sourcedir is None or not (sourcedir / "conf.py").is_file():
        return {}
    from sphinx.config import eval_config_file
    from sphinx.util.tags import Tags

    conf_py = (sourcedir / "conf.py").resolve()
    try:
        with _quiet(), _in_dir(conf_py.parent):
            return dict(eval_config_file(conf_py, Tags()))
    except Exception as exc:  # conf.py is user code; any error is reported in one line
        raise CliError(f"cannot read {conf_py}: {_one_line(exc)}") from exc


def project_config(sourcedir: Path | None, values: dict[str, Any] | None = None) -> DevlogConfig:
    """The ``devlog_*`` values of a Sphinx project (the defaults without one)."""
    namespace = conf_values(sourcedir) if values is None else values
    return DevlogConfig.from_values({k: namespace[k] for k in fields_of() if k in namespace})[0]


#: what a document's file may end with, besides a project's ``source_suffix``
DOCUMENT_SUFFIXES = (".md", ".rst", ".txt", ".markdown", ".ipynb")


def document_suffixes(values: dict[str, Any]) -> tuple[str, ...]:
    """The suffixes a project's documents may have (its ``source_suffix`` and the usual)."""
    given = values.get("source_suffix") or ()
    if isinstance(given, str):
        given = (given,)
    extra = tuple(str(s) for s in given if isinstance(s, str))
    return tuple(dict.fromkeys((*DOCUMENT_SUFFIXES, *extra)))


def twins(path: Path, suffixes: Sequence[str]) -> list[Path]:
    """Documents named as *path* with any of *suffixes* (its own suffix too) that exist."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return [p for p in (path.with_name(stem + s) for s in suffixes) if os.path.lexists(p)]


def _near_sourcedir(path: Path) -> Path | None:
    """A Sphinx source directory that holds *path*, if any."""
    for folder in (path.parent, *path.parent.parents):
        if (folder / "conf.py").is_file():
            return folder
    return None


@contextlib.contextmanager
def _in_dir(path: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        yield


# -- new -------------------------------------------------------------------------------

MYST_TEMPLATE = """\
# {title}

```{{devlog}}
:status: {status}
:date: {date}
:purpose: What this session attempts
:dependencies: What was needed
:target: AI assistants, developers
```

## Session Goals

```{{devlog:goals}}
- [ ] Goal 1
```

## Implementation Log

### {time} - Start

What was done, the commands run and what happened.

## Outcomes

What was completed, what is partial, what failed and why.

## Lessons Learned

```{{devlog:lessons}}
- Key insight 1
```

## Next Steps

```{{devlog:next-steps}}
- [ ] Follow-up task 1
```

## Files Modified

```{{devlog:files}}
- `path/to/file.py` - what changed
```
"""

RST_TEMPLATE = """\
{title}
{underline}

.. devlog::
   :status: {status}
   :date: {date}
   :purpose: What this session attempts
   :dependencies: What was needed
   :target: AI assistants, developers

Session Goals
-------------

.. devlog:goals::

   - [ ] Goal 1

Implementation Log
------------------

{time} - Start
~~~~~~~~~~~~~~

What was done, the commands run and what happened.

Outcomes
--------

What was completed, what is partial, what failed and why.

Lessons Learned
---------------

.. devlog:lessons::

   - Key insight 1

Next Steps
----------

.. devlog:next-steps::

   - [ ] Follow-up task 1

Files Modified
--------------

.. devlog:files::

   - ``path/to/file.py`` - what changed
"""


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def cmd_new(args: argparse.Namespace) -> int:
    title = " ".join(args.title.split())
    if not title:
        raise CliError("the title is empty")
    if args.dir:
        folder = Path(args.dir)
    else:
        folder = Path(tool_settings(Path.cwd()).get("dir", "."))
    values = conf_values(_near_sourcedir(folder.absolute() / "x"))
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
        underline="=" * max(_width(shown), 1),
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


# -- building ----------------------------------------------------------------------------


def build(
    sourcedir: Path,
    jobs: int = 1,
    *,
    confdir: Path | None = None,
    overrides: dict[str, Any] | None = None,
    tmp: Path | None = None,
) -> tuple[Any, list[WarningRecord]]:
    """Run Sphinx's ``dummy`` builder (no pages written) on *sourcedir*.

    Returns the application and its warnings, read from the log records themselves (not
    from Sphinx's printed text, which ``show_warning_types`` and colours change).
    """
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError, SphinxParallelError

    capture = WarningCapture().start()
    app = None
    try:
        with contextlib.ExitStack() as stack:
            if tmp is None:
                tmp = Path(
                    stack.enter_context(tempfile.TemporaryDirectory(prefix="sphinx-devlog-"))
                )
            with _quiet():
                app = Sphinx(
                    srcdir=sourcedir,
                    confdir=confdir or sourcedir,
                    outdir=tmp / "out",
                    doctreedir=tmp / "doctrees",
                    buildername="dummy",
                    status=None,
                    warning=io.StringIO(),
                    freshenv=True,
                    parallel=jobs,
                    confoverrides={"devlog_json": False, **(overrides or {})},
                )
                capture.attach(app)
                app.build()
        return app, capture.records
    except (UnicodeDecodeError, SphinxParallelError) as exc:
        raise CliError(_unreadable(app, sourcedir, exc), code=1) from exc
    except SphinxError as exc:
        raise CliError(f"Sphinx could not build {sourcedir}: {_one_line(exc)}") from exc
    except (OSError, RecursionError, MemoryError) as exc:
        raise CliError(f"Sphinx could not build {sourcedir}: {_one_line(exc)}", code=1) from exc
    finally:
        capture.stop()


def _unreadable(app: Any, sourcedir: Path, exc: Exception) -> str:
    """One line naming the source file that stopped the build (Sphinx reads every file as
    UTF-8 and stops at the first that is not)."""
    env = getattr(app, "env", None)
    if env is not None:
        encoding = app.config.source_encoding
        for docname in sorted(env.found_docs):
            path = env.doc2path(docname)
            try:
                Path(path).read_bytes().decode(encoding)
            except UnicodeDecodeError as bad:
                return undecodable(os.path.relpath(path), bad)
            except (OSError, LookupError):
                continue
    return f"Sphinx could not build {sourcedir}: {_one_line(exc)}"


def _one_line(exc: BaseException) -> str:
    """An error message on one line (Sphinx's configuration errors embed a traceback)."""
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    if len(lines) <= 1:
        return lines[0] if lines else type(exc).__name__
    return f"{lines[0].rstrip(':')}: {lines[-1]}"


def _relative(path: str) -> str:
    if not path:
        return path
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive
        return path


def cmd_check(args: argparse.Namespace) -> int:
    sourcedir = find_sourcedir(args.sourcedir)
    _app, warnings = build(sourcedir, jobs=args.jobs)
    problems = sorted(
        (w for w in warnings if w.type.split(".")[0] == "devlog"),
        key=lambda w: (_relative(w.path), w.line or 0),
    )
    for w in problems:
        where = f"{_relative(w.path)}:{w.line}" if w.line else _relative(w.path)
        message = " ".join(w.message.split())  # one line per problem
        print(f"{where}: [{w.type}] {message}" if where else f"[{w.type}] {message}")
    others = len(warnings) - len(problems)
    if problems or others:
        note = f"{len(problems)} devlog problem{'s' if len(problems) != 1 else ''}"
        if others:
            note += f" ({others} other Sphinx warning{'s' if others != 1 else ''} not shown)"
        print(note, file=sys.stderr)
    return 1 if problems else 0


# -- list --------------------------------------------------------------------------------


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [_width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], _width(cell))

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True)
        ).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def cmd_list(args: argparse.Namespace) -> int:
    sourcedir = find_sourcedir(args.sourcedir)
    app, _text = build(sourcedir, jobs=args.jobs)
    domain = app.env.domains["devlog"]
    logs = list(domain.logs.values())
    chains = domain.chains
    everything = selection.Filter()
    if args.lessons:
        rows = selection.lessons(logs, everything)
        if args.json:
            data: Any = [
                {
                    "id": item.ident(log.name),
                    "text": item.text,
                    "log": log.name,
                    "date": log.fields.date or None,
                }
                for log, item in rows
            ]
        else:
            table = [[log.fields.date or "", item.text, log.title] for log, item in rows]
            text = _with_coverage(
                _table(["Date", "Lesson", "Log"], table) if table else "", logs, "lesson", chains
            )
    elif args.logs:
        if args.json:
            data = export.build(logs, chains)["logs"]
        else:
            table = [
                [
                    row.log.fields.date or "",
                    row.log.fields.status,
                    row.log.title,
                    str(row.open_steps),
                    row.log.name,
                ]
                for row in selection.logtable(logs, everything, chains)
            ]
            text = (
                _table(["Date", "Status", "Title", "Open", "Name"], table) if table else "No logs."
            )
    else:
        outstanding = selection.outstanding(chains, everything)
        if args.json:
            data = [export.outstanding_record(chain) for chain in outstanding]
        else:
            table = [
                [
                    c.first.log.fields.date or "",
                    c.text,
                    c.latest.log.title,
                    str(c.sessions),
                    c.latest.ident,
                ]
                for c in outstanding
            ]
            text = _with_coverage(
                _table(["Raised", "Next step", "Listed in", "Sessions", "Id"], table)
                if table
                else "",
                logs,
                "step",
                chains,
            )
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(text)
    return 0


def _with_coverage(text: str, logs: list[Any], kind: str, chains: Any) -> str:
    """A listing, or what was looked at when it is empty; and what could not be read."""
    cov = selection.coverage(logs, selection.Filter(), kind, chains)
    said = selection.coverage_text(cov, False, not text)
    return "\n\n".join(part for part in (text, said) if part)


# -- show --------------------------------------------------------------------------------

SHOW_CONF = """\
extensions = ["myst_parser", "sphinxcontrib_devlog"]
myst_enable_extensions = ["colon_fence", "tasklist"]
devlog_plain_logs = ["*"]
"""


def cmd_show(args: argparse.Namespace) -> int:
    """Build the one log as its project would (its ``conf.py``, its place in the source
    tree) and print what the build read from it."""
    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"{path} is not a file")
    here = Path(os.path.abspath(path))  # where the file is named, links not followed
    sourcedir = _near_sourcedir(here)
    data = _read(path)
    try:
        decode(data, str(path))  # one line, not a failed build, for a file that is no UTF-8
    except EditError as exc:
        raise CliError(str(exc), code=1) from exc
    with tempfile.TemporaryDirectory(prefix="sphinx-devlog-") as tmp:
        srcdir = Path(tmp) / "src"
        if sourcedir is not None:
            confdir = sourcedir
            relative = here.relative_to(sourcedir)
        else:
            confdir = Path(tmp) / "conf"
            confdir.mkdir()
            (confdir / "conf.py").write_text(SHOW_CONF, encoding="utf-8")
            relative = Path(here.name)
        docname = relative.with_suffix("").as_posix()
        (srcdir / relative).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / relative).write_bytes(data)
        app, warnings = build(
            srcdir, confdir=confdir, overrides={"root_doc": docname}, tmp=Path(tmp)
        )
    config = devlog_config(app.config)  # as the build used it
    domain = app.env.domains["devlog"]
    log = domain.logs.get(docname)
    problems = [
        (w.line, w.type, " ".join(w.message.split()))
        for w in warnings
        if w.type.split(".")[0] == "devlog"
        and w.type != "devlog.ref"  # other logs are not in this build
    ]
    if args.json:
        print(json.dumps(_show_record(str(path), log, problems), ensure_ascii=False, indent=2))
        return 0
    if log is None:
        print(f"{path}: not a log: {_why_not(docname, config, app)}")
    else:
        print(_show_text(str(path), log, config))
    if problems:
        print("problems:")
        for line, subtype, message in sorted(problems, key=lambda p: (p[0] or 0, p[1])):
            print(f"  {path}:{line or ''}: [{subtype}] {message}")
    return 0


def devlog_config(config: Any) -> DevlogConfig:
    from .util import devlog_config as checked

    return checked(config)


def _why_not(docname: str, config: DevlogConfig, app: Any) -> str:
    from .plain.transform import plain_candidate

    if docname not in app.env.all_docs:
        return "Sphinx did not read it (exclude_patterns, or not a source suffix)"
    candidate, why = plain_candidate(docname, config)
    if not candidate:
        return f"it has no devlog directive, and it is not read as a plain log: {why}"
    return (
        "it has no devlog directive, its name does not match devlog_filename_pattern, and "
        "it has no HEADER block, status or date line"
    )


def _show_text(path: str, log: Any, config: DevlogConfig) -> str:
    from .model import KIND_NAMES, time_text

    f = log.fields
    form = "a plain log (devlog_plain_logs)" if log.form == "plain" else "a directive log"
    out = [f"{path}: {form}"]
    rows = [
        (
            "name",
            log.name
            + (f"  (stable name {log.stable_name})" if log.stable_name != log.name else ""),
            None,
        ),
        ("title", log.title, None),
        ("status", f.status or "-", f.lines.get("status")),
        ("date", f.date or f.unreadable.get("date", "-"), f.lines.get("date")),
    ]
    for key in ("purpose", "dependencies", "target"):
        if getattr(f, key):
            rows.append((key, getattr(f, key), f.lines.get(key)))
    if f.tags:
        rows.append(("tags", ", ".join(f.tags), f.lines.get("tags")))
    if f.follows:
        rows.append(("follows", ", ".join(f.follows), f.lines.get("follows")))
    if f.closes:
        rows.append(("closes", ", ".join(f.closes), f.lines.get("closes")))
    time = time_text(f)
    if time:
        rows.append(("time", time, f.lines.get("spent") or f.lines.get("estimate")))
    for name, value, line in rows:
        where = f"  (line {line})" if line else ""
        out.append(f"  {name:<13} {value}{where}")
    for kind in ("goal", "lesson", "step", "file"):
        items = log.items[kind]
        sections = log.sections.get(kind, 0)
        head = f"{KIND_NAMES[kind]}: {len(items)}"
        if log.form == "plain":
            head += f" from {sections} section{'s' if sections != 1 else ''}"
            if log.unread.get(kind):
                head += f", {log.unread[kind]} not read (no list)"
        out.append(head)
        for item in items:
            box = "[x]" if item.checked else "[ ]" if item.checked is not None else "   "
            text = item.text
            if kind == "file":
                text = item.path + (f" — {item.description}" if item.description else "")
            out.append(f"  line {item.line or '?':<5} #{item.number:<3} {box} {text}")
    return "\n".join(out)


def _show_record(path: str, log: Any, problems: list[Any]) -> dict[str, Any]:
    if log is None:
        return {"file": path, "log": None, "problems": [list(p) for p in problems]}
    f = log.fields
    return {
        "file": path,
        "form": log.form,
        "name": log.name,
        "title": log.title,
        "fields": {
            "status": f.status or None,
            "date": f.date or None,
            "purpose": f.purpose,
            "dependencies": f.dependencies,
            "target": f.target,
            "tags": f.tags,
            "estimate_minutes": f.estimate_minutes,
            "spent_minutes": f.spent_minutes,
        },
        "lines": f.lines,
        "items": {
            kind: [
                {
                    "id": item.ident(log.name),
                    "line": item.line,
                    "text": item.text,
                    "done": item.checked,
                    **(
                        {"path": item.path, "description": item.description}
                        if kind == "file"
                        else {}
                    ),
                }
                for item in log.items[kind]
            ]
            for kind in ("goal", "lesson", "step", "file")
        },
        "sections": log.sections,
        "unread": log.unread,
        "problems": [
            {"line": line, "type": subtype, "message": message}
            for line, subtype, message in problems
        ],
    }


# -- set-status ---------------------------------------------------------------------------


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CliError(f"{path}: cannot read it: {exc.strerror or exc}", code=1) from exc


def cmd_set_status(args: argparse.Namespace) -> int:
    """Set a log's status in its file and rename the file to match.

    Only the status changes, byte for byte; the new content is written to a temporary file
    beside the log and moved over it atomically, then the file is renamed (``git mv`` when
    git tracks it). On any failure everything is put back as it was.
    """
    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"{path} is not a file")
    # the project: the nearest conf.py above the file as named; the file: its folder as
    # the system finds it (links and '..' resolved in order), its own name kept
    sourcedir = _near_sourcedir(Path(os.path.abspath(path)))
    here = Path(os.path.realpath(path.parent)) / path.name
    real = _inside_project(path, here, sourcedir)
    values = conf_values(sourcedir)
    config = project_config(None, values)
    status = args.status.lower()
    if status not in config.devlog_statuses:
        raise CliError(
            f"unknown status {args.status!r} (known: {', '.join(config.devlog_statuses)})"
        )
    data = _read(real)
    try:
        decoded = decode(data, str(path))
        text = rewrite_status(
            decoded.text,
            str(path),
            status,
            extensions=_myst_extensions(values, sourcedir),
            words=config.section_words,
        )
    except EditError as exc:
        raise CliError(str(exc), code=1) from exc
    new_data = encode(decoded, text)

    target = here
    parts = parse_filename(path.stem, config.devlog_filename_pattern, config.devlog_statuses)
    if parts is not None and (parts.status or parts.not_an_outcome):
        match = compile_pattern(config.devlog_filename_pattern).fullmatch(path.stem)
        assert match is not None  # parse_filename matched it
        if parts.status:  # replace the outcome
            stem = path.stem[: match.start("status")] + status + path.stem[match.end("status") :]
        else:  # no outcome yet: add one, keeping every word of the description
            stem = f"{path.stem}-{status}"
        target = here.with_name(stem + path.suffix)
    if target != here:
        existing = [p for p in twins(target, document_suffixes(values)) if p != here]
        if existing:
            raise CliError(
                f"{_relative(str(existing[0]))} exists; not renaming {path} to "
                f"{target.name} (two documents would have one name)",
                code=1,
            )
    if new_data == data and target == here:
        print(f"{path}: status {status} (unchanged)")
        return 0
    _change(here, real, data, new_data, target, str(path))
    if target != here:
        print(f"{path} -> {_relative(str(target))}")
        if sourcedir is not None and parts is not None:
            for where in _references_to(sourcedir, path.stem):
                print(
                    f"note: {where} refers to {path.stem!r}, which no longer exists; "
                    f"refer to the stable name {parts.stable_name!r} instead"
                )
    else:
        print(f"{path}: status {status}")
    return 0


def _inside_project(path: Path, here: Path, sourcedir: Path | None) -> Path:
    """The file *path* names, links followed; a one-line refusal when a link leads out of
    the project (the source directory, or the file's own folder outside one)."""
    root = (sourcedir or here.parent).resolve()
    real = here.resolve()
    if not (real.is_relative_to(root) and here.parent.is_relative_to(root)):
        raise CliError(
            f"{path} is a link to {real}, outside {root}; not changing a file outside the project",
            code=1,
        )
    return real


def _myst_extensions(values: dict[str, Any], sourcedir: Path | None) -> set[str]:
    """The MyST extensions a project enables (``colon_fence`` outside a project)."""
    if sourcedir is None:
        return {"colon_fence"}
    given = values.get("myst_enable_extensions") or ()
    return {str(name) for name in given} if not isinstance(given, str) else {given}


def _change(here: Path, real: Path, old: bytes, new: bytes, target: Path, shown: str) -> None:
    """Write *new* over the file *real* and rename *here* to *target*, as one change:
    on any failure, the file, its name and git's index are as they were."""
    info = real.stat()
    if not info.st_mode & stat.S_IWUSR:
        raise CliError(f"{shown} is read-only; not changing it", code=1)
    undo: list[Callable[[], object]] = []
    try:
        _replace(real, new, info)
        undo.append(lambda: _replace(real, old, info, times=True))
        if target != here:
            if _tracked(here):
                # the rename is staged; the content is not (the user's own unstaged edits
                # of the file stay unstaged, as the new status does)
                # undone even when interrupted right after the move
                undo.append(lambda: _git_checked(here.parent, "mv", "--", target.name, here.name))
                _git_checked(here.parent, "mv", "--", here.name, target.name)
            else:
                if os.path.lexists(target):
                    raise CliError(f"{target} exists; not renaming {here.name} onto it", code=1)
                undo.append(lambda: os.rename(target, here) if target.exists() else None)
                os.rename(here, target)
    except BaseException as exc:
        for step in reversed(undo):
            with contextlib.suppress(Exception):
                step()
        if isinstance(exc, CliError):
            raise
        if isinstance(exc, OSError):
            raise CliError(
                f"{shown}: cannot change it: {exc.strerror or exc}; left as it was", code=1
            ) from exc
        raise


def _replace(path: Path, data: bytes, info: os.stat_result, *, times: bool = False) -> None:
    """Write *data* to a new file beside *path* and move it over *path* (atomic: a reader
    sees the old file or the new one, never a part). The file keeps its permissions, and,
    with *times*, its access and modification times."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(name, stat.S_IMODE(info.st_mode))
        if hasattr(os, "chown"):
            with contextlib.suppress(OSError):  # only the owner or root may give it away
                os.chown(name, info.st_uid, info.st_gid)
        if times:
            os.utime(name, ns=(info.st_atime_ns, info.st_mtime_ns))
        os.replace(name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


def _references_to(sourcedir: Path, name: str) -> Iterator[str]:
    """``file:line`` of each source line under *sourcedir* that mentions *name*."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    for path in sorted(sourcedir.rglob("*")):
        if path.suffix not in (".md", ".rst", ".txt") or "_build" in path.parts:
            continue
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, start=1):
            if pattern.search(line):
                yield f"{os.path.relpath(path)}:{number}"


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    git = shutil.which("git")
    if git is None:
        return None
    return subprocess.run(
        [git, "-C", str(folder), *args], capture_output=True, text=True, check=False
    )


def _git_checked(folder: Path, *args: str) -> None:
    done = _git(folder, *args)
    if done is None or done.returncode != 0:
        why = done.stderr.strip().splitlines()[-1] if done and done.stderr.strip() else "no git"
        raise CliError(f"git {args[0]} failed: {why}", code=1)


def _tracked(path: Path) -> bool:
    """Whether git tracks *path* (False without git or outside a work tree)."""
    done = _git(path.parent, "ls-files", "--error-unmatch", "--", path.name)
    return done is not None and done.returncode == 0


# -- main ----------------------------------------------------------------------------------


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
    what = lst.add_mutually_exclusive_group()
    what.add_argument("--outstanding", action="store_true", help="open next steps (default)")
    what.add_argument("--lessons", action="store_true", help="every lesson")
    what.add_argument("--logs", action="store_true", help="every log")
    lst.add_argument("--json", action="store_true", help="JSON instead of a table")
    lst.set_defaults(func=cmd_list)

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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
