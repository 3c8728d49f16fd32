"""``devlog.json``: the logs and the outstanding next steps as data.

Pure functions over model objects; the output is sorted and byte-stable. The build
writes it when it finishes (:func:`write_json`).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable, Iterator
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .chains import Chain, ChainResult
from .fields import BY_NAME, JSON_ORDER
from .model import Log

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from .brief import Brief
    from .collections.filters import Filter

JSON_VERSION = 1


#: each header field's value in ``devlog.json``, read from a log (in :data:`JSON_ORDER`)
_HEADER = [(BY_NAME[name], attrgetter(BY_NAME[name].attribute)) for name in JSON_ORDER]


def header_record(
    log: Log,
    resolve_log: Callable[[str], str],
    resolve_step: Callable[[str], str],
) -> dict[str, Any]:
    """The header fields of a log's record, as :data:`.fields.HEADER_FIELDS` declares them:
    lists copied, references resolved, empty values ``null`` where declared (status, date)."""
    resolvers = {"log": resolve_log, "step": resolve_step}
    record: dict[str, Any] = {}
    for spec, read in _HEADER:
        value = read(log)
        if spec.refers_to:
            value = [resolvers[spec.refers_to](t) for t in value]
        elif spec.is_list:
            value = list(value)
        elif spec.null_when_empty:
            value = value or None
        record[spec.json_key] = value
    return record


def log_record(
    log: Log,
    chains: ChainResult,
    resolve_log: Callable[[str], str],
    resolve_step: Callable[[str], str],
) -> dict[str, Any]:
    return {
        "name": log.name,
        "stable_name": log.stable_name,
        "docname": log.docname,
        "title": log.title,
        **header_record(log, resolve_log, resolve_step),
        "goals": [{"id": g.ident(log.name), "text": g.text, "done": g.done} for g in log.goals],
        "lessons": [{"id": item.ident(log.name), "text": item.text} for item in log.lessons],
        "next_steps": [
            {
                "id": s.ident(log.name),
                "text": s.text,
                "done": s.done,
                "open": chains.step_open(log, s),
            }
            for s in log.steps
        ],
        "files": [
            {"id": item.ident(log.name), "path": item.path, "description": item.description}
            for item in log.files
        ],
    }


def outstanding_record(chain: Chain) -> dict[str, Any]:
    """An open step, as ``devlog.json`` and ``sphinx-devlog list --json`` give it."""
    first, latest = chain.first, chain.latest
    return {
        "id": latest.ident,
        "kind": latest.item.kind,
        "text": chain.text,
        "log": latest.log.name,
        "date": latest.log.fields.date or None,
        "first_raised": first.log.name,
        "first_raised_date": first.log.fields.date or None,
        "first_id": first.ident,
        "sessions": chain.sessions,
    }


def build(
    logs: Iterable[Log],
    chains: ChainResult,
    resolve_log: Callable[[str], str] = lambda t: t,
    resolve_step: Callable[[str], str] = lambda t: t,
) -> dict[str, Any]:
    ordered = sorted(logs, key=lambda log: log.sort_key)
    return {
        "version": JSON_VERSION,
        "logs": [log_record(log, chains, resolve_log, resolve_step) for log in ordered],
        "outstanding": [outstanding_record(chain) for chain in chains.outstanding()],
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _dumped(value: Any, level: int) -> str:
    """*value* as :func:`dumps` writes it *level* levels deep (without the newline)."""
    text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)
    return text.replace("\n", "\n" + "  " * level)


def chunks(
    logs: Iterable[Log],
    chains: ChainResult,
    resolve_log: Callable[[str], str] = lambda t: t,
    resolve_step: Callable[[str], str] = lambda t: t,
) -> Iterator[str]:
    """``dumps(build(...))``, a log at a time: the same text, without the whole of it, or
    of the data, in memory at once (at 1000 logs, 2.6 MB of text made of some 300 000
    pieces by :mod:`json`)."""
    ordered = sorted(logs, key=lambda log: log.sort_key)
    # the keys sorted, as dumps sorts them: logs, outstanding, version
    if not ordered:
        yield '{\n  "logs": [],'
    else:
        yield '{\n  "logs": ['
        for i, log in enumerate(ordered):
            record = log_record(log, chains, resolve_log, resolve_step)
            yield ("," if i else "") + "\n    " + _dumped(record, 2)
        yield "\n  ],"
    outstanding = [outstanding_record(chain) for chain in chains.outstanding()]
    yield '\n  "outstanding": ' + _dumped(outstanding, 1) + ","
    yield '\n  "version": ' + json.dumps(JSON_VERSION) + "\n}\n"


def write_json(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write ``devlog.json`` and the brief, ``devlog-brief.md``
    (``devlog_json``), unless they already hold exactly that."""
    from .config import devlog_config
    from .domain import devlog_domain

    if exception is not None or not devlog_config(app.env).devlog_json:
        return
    domain = devlog_domain(app.env)

    def resolve_log(target: str) -> str:
        log = domain.find_log(target)
        return log.name if log else target

    def resolve_step(target: str) -> str:
        found = domain.find_item("step", target)
        return found[1].ident(found[0].name) if found else target

    parts = chunks(domain.logs.values(), domain.chains, resolve_log, resolve_step)
    _write_parts(Path(app.outdir) / "devlog.json", parts)
    _write(Path(app.outdir) / BRIEF_FILE, brief_text(app))


#: the brief the build writes beside ``devlog.json``
BRIEF_FILE = "devlog-brief.md"


def brief_text(app: Sphinx, flt: Filter | None = None, max_chars: int | None = None) -> str:
    """The brief of a built project (:mod:`.brief`): what ``sphinx-devlog brief`` prints
    and, with no filter and no bound, what the build writes as ``devlog-brief.md``."""
    return project_brief(app, flt, max_chars)[1]


def project_brief(
    app: Sphinx, flt: Filter | None = None, max_chars: int | None = None
) -> tuple[Brief, str]:
    """The brief of a built project, fitted to *max_chars*, and its Markdown."""
    from .brief import fit, make_brief
    from .config import devlog_config
    from .domain import devlog_domain

    domain = devlog_domain(app.env)
    brief = make_brief(
        domain.logs.values(),
        domain.chains,
        devlog_config(app.env).devlog_statuses,
        flt,
        project=project_name(app),
        not_logs=domain.not_logs,
    )
    return fit(brief, max_chars)


def project_name(app: Sphinx) -> str:
    """The project's name from ``conf.py`` (``""`` when it sets none: Sphinx's stand-in
    *Project name not set* is no name to title a brief with)."""
    from sphinx.config import Config

    name = str(app.config.project or "")
    default = getattr(Config.config_values.get("project"), "default", None)
    return "" if name == default else name


def _write(path: Path, text: str) -> None:
    """Write *text* to *path*, unless it already holds exactly that."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _write_parts(path: Path, parts: Iterable[str]) -> None:
    """Write the text of *parts* to *path* a part at a time, unless *path* already holds
    exactly that text: written beside it, then moved in place, or dropped."""
    import filecmp
    import os
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_symlink():  # written through, as the text of a whole file would be
        _write(path, "".join(parts))
        return
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.writelines(parts)
        if path.is_file() and filecmp.cmp(name, path, shallow=False):
            os.unlink(name)
        else:
            # a new file's permissions (mkstemp makes it readable by its owner only)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(name, 0o666 & ~umask)
            os.replace(name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


#: what ``exclude_patterns`` gains: a brief written into an output folder inside the
#: sources, by this build or another (another builder's, the command line's), is no page
BRIEF_PATTERN = f"**/{BRIEF_FILE}"


def keep_the_brief_out(app: Sphinx, config: Config) -> None:
    """``config-inited``: leave the briefs of earlier builds out of the sources.

    ``devlog-brief.md`` is Markdown: when a build's output folder is inside its sources
    (``sphinx-build docs docs/_build/html``) and ``exclude_patterns`` does not leave it
    out, the next build would read it as a page of its own (and warn that no toctree
    holds it). The pattern is the same for every builder and output folder, so switching
    builders changes no configuration value (which would read every document again). A
    page named ``devlog-brief.md`` at the top of the sources is still read: no output
    folder can be the sources' own.
    """
    if BRIEF_PATTERN not in config.exclude_patterns:
        config.exclude_patterns = [*config.exclude_patterns, BRIEF_PATTERN]


def setup_export(app: Sphinx) -> None:
    app.connect("config-inited", keep_the_brief_out)
    app.connect("build-finished", write_json)
