"""``sphinx-devlog show``: build one log as its project would and print what was read."""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from ..config import DevlogConfig, devlog_config
from ..export import header_record
from ..fields import BY_NAME, TEXT_OPTION_NAMES
from ..statusedit import EditError, decode
from .project import CliError, build, near_sourcedir, read

SHOW_CONF = """\
extensions = ["myst_parser", "sphinxcontrib_devlog"]
myst_enable_extensions = ["colon_fence", "tasklist"]
devlog_plain_logs = ["*"]
"""

#: the header fields ``show --json`` gives, by their ``devlog.json`` keys (the references
#: and the summary need the whole project, which ``show`` does not build)
SHOWN_KEYS = tuple(
    BY_NAME[name].json_key
    for name in ("status", "date", "purpose", "dependencies", "target", "tags", "estimate", "spent")
)


def cmd_show(args: argparse.Namespace) -> int:
    """Build the one log as its project would (its ``conf.py``, its place in the source
    tree) and print what the build read from it."""
    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"{path} is not a file")
    here = Path(os.path.abspath(path))  # where the file is named, links not followed
    sourcedir = near_sourcedir(here)
    data = read(path)
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
    config = devlog_config(app.env)  # as the build used it
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


def _why_not(docname: str, config: DevlogConfig, app: Any) -> str:
    from ..plain.transform import plain_candidate

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
    from ..model import KIND_NAMES, time_text

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
    for key in TEXT_OPTION_NAMES:
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
    header = header_record(log, str, str)
    return {
        "file": path,
        "form": log.form,
        "name": log.name,
        "title": log.title,
        "fields": {key: header[key] for key in SHOWN_KEYS},
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
