"""The brief: one page to read at the start of a session.

The next session, often an assistant with an empty memory, reads it first: the next
steps still open (oldest first, each with the session that raised it and how many
sessions carried it), the lessons most worth re-reading, and how the last sessions
ended. Pure functions over the model, shared by ``sphinx-devlog brief`` and the build,
which writes ``devlog-brief.md`` beside ``devlog.json``:

- :func:`make_brief` selects what the brief holds;
- :func:`fit` keeps what fits a bound on its length (``--max-chars``), saying what it left
  out;
- :func:`render_markdown` and :func:`brief_record` write it as Markdown or as data.

Order and wording depend on the logs alone (no clock, no set order), so the same logs give
the same bytes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .chains import Chain, ChainResult, normalize
from .collections import COLLECTIONS
from .collections.coverage import coverage, coverage_text
from .collections.filters import Filter
from .export import outstanding_record
from .model import Item, Log
from .plain.status import BAD, MIDDLE, status_side

BRIEF_VERSION = 1
#: lessons of the latest logs the brief lists
LATEST_LESSONS = 5
#: further lessons, from logs that share tags or files with the open steps' logs
RELATED_LESSONS = 5
#: the latest sessions whose outcome the brief gives
RECENT_SESSIONS = 5

#: a status line's words after the status: ``BLOCKED - waiting for credentials``
_REASON = re.compile(r"\s(?:-|\u2013|\u2014|:)\s+|:\s|\s\(|;\s")


@dataclass(frozen=True)
class Lesson:
    """A lesson the brief lists, and why."""

    log: Log
    item: Item
    #: ``latest``, or what its log shares with the open steps' logs
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Session:
    """One of the latest sessions: its log, how many of its next steps are open, and, for
    a bad or middling outcome, the reason its status line gives and its summary (``""``
    when it gives none)."""

    log: Log
    open_steps: int
    why: str
    summary: str = ""


@dataclass
class Brief:
    """What a brief holds, before it is fitted to a length."""

    project: str
    flt: Filter
    #: how many logs it read, and their first and last dates
    logs: int
    first_date: str
    last_date: str
    #: open chains, oldest first
    steps: list[Chain]
    lessons: list[Lesson]
    #: newest first
    sessions: list[Session]
    #: what the open steps' list read, when it could not read everything (or is empty)
    steps_note: str
    #: documents among the logs (``devlog_plain_logs``) that were not read as logs
    not_logs: list[str] = field(default_factory=list)
    #: how many entries of each list the fitting left out
    omitted: dict[str, int] = field(
        default_factory=lambda: {"steps": 0, "lessons": 0, "sessions": 0}
    )
    #: the whole text was cut at the bound (it could not fit even without entries)
    cut: bool = False


def make_brief(
    logs: Iterable[Log],
    chains: ChainResult,
    statuses: dict[str, str],
    flt: Filter | None = None,
    project: str = "",
    not_logs: Iterable[str] = (),
) -> Brief:
    """Select the brief's content from every log (unfitted; see :func:`fit`)."""
    flt = flt or Filter()
    chosen = sorted((log for log in logs if flt.matches(log)), key=lambda log: log.sort_key)
    steps = [c for c in chains.outstanding() if flt.matches(c.latest.log)]
    empty = not steps
    cov = coverage(chosen, Filter(), "step", chains)
    note = coverage_text(cov, flt.filtered, empty) if chosen else ""
    if not chosen:
        note = "No logs match the filter." if flt.filtered else "No logs."
    open_in: Counter[str] = Counter(c.latest.log.docname for c in steps)
    dates = [log.fields.date for log in chosen if log.fields.date]
    return Brief(
        project=project,
        flt=flt,
        logs=len(chosen),
        first_date=min(dates, default=""),
        last_date=max(dates, default=""),
        steps=steps,
        lessons=_lessons(chosen, steps),
        sessions=[
            Session(log, open_in[log.docname], *_why(log, statuses))
            for log in reversed(chosen[-RECENT_SESSIONS:])
        ],
        steps_note=note,
        not_logs=sorted(not_logs),
    )


def _lessons(logs: Sequence[Log], steps: Sequence[Chain]) -> list[Lesson]:
    """The latest lessons, then those of logs sharing tags or files with the open steps'
    logs (files count twice: they say more than a tag), each text once."""
    seen: set[str] = set()
    out: list[Lesson] = []

    def take(log: Log, item: Item, reasons: tuple[str, ...]) -> bool:
        key = normalize(item.text)
        if not key or key in seen:
            return False
        seen.add(key)
        out.append(Lesson(log, item, reasons))
        return True

    newest_first = list(reversed(logs))
    for log in newest_first:
        if len(out) >= LATEST_LESSONS:
            break
        for item in log.lessons:
            if len(out) >= LATEST_LESSONS:
                break
            take(log, item, ("latest",))

    # what the open steps' logs are about: each tag and file, and how many such logs have it
    open_logs = {m.log.docname: m.log for c in steps for m in (c.first, c.latest)}
    tag_count: Counter[str] = Counter()
    file_count: Counter[str] = Counter()
    for log in open_logs.values():
        tag_count.update(_tags(log))
        file_count.update(_files(log))
    scored = []
    for log in newest_first:
        if not log.lessons:
            continue
        own = 1 if log.docname in open_logs else 0  # a log shares nothing with itself
        tags = sorted(t for t in _tags(log) if tag_count[t] - own > 0)
        files = sorted(f for f in _files(log) if file_count[f] - own > 0)
        if tags or files:
            scored.append((len(tags) + 2 * len(files), log, tags, files))
    # the highest score first; among equals the newest (the list is newest first)
    scored.sort(key=lambda entry: -entry[0])
    related = 0
    for _score, log, tags, files in scored:
        reasons = []
        if tags:
            reasons.append("tags " + ", ".join(tags))
        if files:
            reasons.append("files " + ", ".join(files))
        for item in log.lessons:
            if related >= RELATED_LESSONS:
                return out
            if take(log, item, (f"shares {' and '.join(reasons)} with open steps' logs",)):
                related += 1
    return out


def _tags(log: Log) -> set[str]:
    return {t.casefold() for t in log.fields.tags}


def _files(log: Log) -> set[str]:
    return {item.path.removeprefix("./") for item in log.files if item.path}


def _why(log: Log, statuses: dict[str, str]) -> tuple[str, str]:
    """What a log says of an outcome that was bad or partway: the words after the status
    on its status line (``blocked - waiting for credentials``), and its summary when the
    status line gives no reason (``("", "")`` for a good outcome)."""
    status = log.fields.status.lower()
    if not status or status_side(status, statuses) not in (BAD, MIDDLE):
        return "", ""
    parts = _REASON.split(log.fields.status_text, maxsplit=1)
    if len(parts) == 2 and parts[1].strip(" .)"):
        return " ".join(parts[1].split()).rstrip(")"), ""
    return "", " ".join(log.summary.split())


# -- fitting ----------------------------------------------------------------------------


def fit(brief: Brief, max_chars: int | None) -> tuple[Brief, str]:
    """The brief with as many entries as fit in *max_chars* characters, and its Markdown.

    Entries are kept in turns, one open step, one session, one lesson, …, each list from
    its start; a list whose next entry does not fit stops. Open steps are kept latest
    session's first (they are where the last session stopped), then oldest first; the
    brief still lists them oldest first. What is left out is counted in the text. If even
    the headings do not fit, the text is cut at a line and says so.
    """
    text = render_markdown(brief)
    if max_chars is None or len(text) <= max_chars:
        return brief, text
    latest = brief.sessions[0].log.docname if brief.sessions else None
    step_order = sorted(
        range(len(brief.steps)),
        key=lambda i: (brief.steps[i].latest.log.docname != latest, i),
    )
    lists: dict[str, list[Any]] = {
        "steps": [brief.steps[i] for i in step_order],
        "sessions": list(brief.sessions),
        "lessons": list(brief.lessons),
    }
    kept = {name: 0 for name in lists}

    def build(counts: dict[str, int]) -> Brief:
        steps_kept = set(step_order[: counts["steps"]])
        return Brief(
            **{
                **vars(brief),
                "steps": [c for i, c in enumerate(brief.steps) if i in steps_kept],
                "sessions": lists["sessions"][: counts["sessions"]],
                "lessons": lists["lessons"][: counts["lessons"]],
                "omitted": {name: len(lists[name]) - counts[name] for name in lists},
            }
        )

    size = len(render_markdown(build(kept)))
    if size > max_chars:
        return _cut(build(kept), max_chars)
    open_lists = [name for name in ("steps", "sessions", "lessons") if lists[name]]
    while open_lists:
        for name in list(open_lists):
            if kept[name] >= len(lists[name]):
                open_lists.remove(name)
                continue
            # an entry costs its line; the "… more" line it shortens is ignored here and
            # the exact length is checked below
            cost = len(_entry_line(name, lists[name][kept[name]], brief)) + 1
            if size + cost > max_chars:
                open_lists.remove(name)
                continue
            kept[name] += 1
            size += cost
    fitted = build(kept)
    text = render_markdown(fitted)
    while len(text) > max_chars:  # the estimate was short: give back the last entries
        name = max(kept, key=lambda n: kept[n])
        kept[name] -= 1
        fitted = build(kept)
        text = render_markdown(fitted)
    return fitted, text


def _cut(brief: Brief, max_chars: int) -> tuple[Brief, str]:
    brief.cut = True
    text = render_markdown(brief)
    mark = f"\n\n(cut at {max_chars} characters)\n"
    room = max_chars - len(mark)
    if room <= 0:
        return brief, text[:max_chars]
    head = text[:room]
    if "\n" in head:
        head = head[: head.rindex("\n")]
    return brief, head.rstrip() + mark


# -- Markdown ---------------------------------------------------------------------------

_ESCAPE = re.compile(r"([\\`*\[\]<>|&])|(?<![^\W_])_|_(?![^\W_])")


def md(text: str) -> str:
    """Text as Markdown that shows it as written: one line, and no character that would
    make code, emphasis, a link, HTML, an entity or a table of it. An underscore is
    escaped unless it stands between two letters or digits, so ``snake_case`` stays
    readable and ``__init__`` is no emphasis."""
    return _ESCAPE.sub(lambda m: "\\" + m.group(0), " ".join(text.split()))


def code(text: str) -> str:
    """*text* as a code span, whatever backticks it holds."""
    text = " ".join(text.split())
    run = max((len(r) for r in re.findall(r"`+", text)), default=0)
    fence = "`" * (run + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or run else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _plural(number: int, word: str, plural: str = "") -> str:
    return f"{number} {word if number == 1 else plural or word + 's'}"


def _log_ref(log: Log, *, named: bool = True) -> str:
    """A log as the brief names it: date, title and (*named*) the name to link it by."""
    date = f"{log.fields.date} " if log.fields.date else ""
    name = f" ({code(log.name)})" if named else ""
    return f"{date}*{md(log.title)}*{name}"


def _entry_line(kind: str, entry: Any, brief: Brief) -> str:
    if kind == "steps":
        return _step_line(entry)
    if kind == "lessons":
        return _lesson_line(entry)
    return _session_line(entry)


def _step_line(chain: Chain) -> str:
    first, latest = chain.first, chain.latest
    line = (
        f"- {md(chain.text)} ({code(latest.ident)}): raised in {_log_ref(first.log, named=False)}"
    )
    if latest.log.docname != first.log.docname:
        # the id names the log that lists it now: name the one that raised it
        line += f" ({code(first.log.name)}), carried through "
        line += _plural(chain.sessions, "session")
        if latest.item.kind == "goal":
            line += ", listed now as a goal"
    return line + "."


def _lesson_line(lesson: Lesson) -> str:
    return (
        f"- {md(lesson.item.text)} ({code(lesson.item.ident(lesson.log.name))}), from "
        f"{_log_ref(lesson.log, named=False)}: {md('; '.join(lesson.reasons))}."
    )


def _session_line(session: Session) -> str:
    log = session.log
    line = f"- {_log_ref(log)}: **{md(log.fields.status or 'no status')}**"
    if log.fields.purpose:
        line += f". {md(log.fields.purpose.rstrip('.'))}"
    if session.why:
        line += f". Why: {md(session.why.rstrip('.'))}"
    elif session.summary:
        line += f". Summary: {md(session.summary.rstrip('.'))}"
    if session.open_steps:
        line += f". Left {_plural(session.open_steps, 'next step')} open"
    return line + "."


#: how many of the documents not read as logs the brief names
NAMED_NOT_LOGS = 5


def _not_logs_line(docnames: Sequence[str]) -> str:
    """What the brief could not read: the documents among the logs that are no logs."""
    named = ", ".join(code(d) for d in docnames[:NAMED_NOT_LOGS])
    more = len(docnames) - NAMED_NOT_LOGS
    if more > 0:
        named += f" and {more} more"
    one = len(docnames) == 1
    return (
        f"{_plural(len(docnames), 'document')} among the logs (`devlog_plain_logs`) "
        f"{'was not read as a log' if one else 'were not read as logs'}, so "
        f"{'it is' if one else 'they are'} not in this brief: {named}. "
        "`sphinx-devlog show FILE` says why."
    )


def _listing(collection: str) -> str:
    """The command that lists a whole collection (the default one needs no option)."""
    option = COLLECTIONS[collection].cli_option
    default = next(c for c in COLLECTIONS.values() if c.cli_option).cli_option
    return "`sphinx-devlog list`" if option == default else f"`sphinx-devlog list --{option}`"


def _scope(brief: Brief) -> str:
    flt = brief.flt
    parts = []
    if flt.tags:
        parts.append("tagged " + " or ".join(flt.tags))
    if flt.since:
        parts.append(f"dated {flt.since} or later")
    return f" (only logs {' and '.join(parts)})" if parts else ""


def render_markdown(brief: Brief) -> str:
    """The brief as one Markdown page."""
    title = f"Brief: {md(brief.project)}" if brief.project.strip() else "Brief"
    lines = [f"# {title}", ""]
    if brief.logs:
        span = (
            f", {brief.first_date} to {brief.last_date}"
            if brief.first_date and brief.first_date != brief.last_date
            else (f", {brief.first_date}" if brief.first_date else "")
        )
        total = len(brief.steps) + brief.omitted["steps"]
        lines.append(
            f"{_plural(brief.logs, 'log')}{span}{_scope(brief)}; "
            f"{_plural(total, 'next step')} open."
        )
    else:
        lines.append(f"No logs{_scope(brief)}.")
    if brief.not_logs:
        lines += ["", _not_logs_line(brief.not_logs)]
    lines += ["", "## Open next steps, oldest first", ""]
    if brief.steps_note:
        lines += [md(brief.steps_note), ""]
    if brief.steps or brief.omitted["steps"]:
        lines += [_step_line(c) for c in brief.steps]
        if brief.omitted["steps"]:
            lines.append(
                f"- … and {brief.omitted['steps']} more; {_listing('outstanding')} lists every "
                "open step."
            )
        lines.append("")
    lines += ["## Lessons worth re-reading", ""]
    if brief.lessons or brief.omitted["lessons"]:
        lines += [_lesson_line(lesson) for lesson in brief.lessons]
        if brief.omitted["lessons"]:
            lines.append(
                f"- … and {brief.omitted['lessons']} more; {_listing('lessonlist')} lists "
                "every lesson."
            )
    else:
        lines.append("No lessons in these logs.")
    lines += ["", "## Latest sessions, newest first", ""]
    if brief.sessions or brief.omitted["sessions"]:
        lines += [_session_line(s) for s in brief.sessions]
        if brief.omitted["sessions"]:
            lines.append(
                f"- … and {brief.omitted['sessions']} more; {_listing('logtable')} lists every log."
            )
    else:
        lines.append("No sessions.")
    return "\n".join(lines).rstrip("\n") + "\n"


# -- data -------------------------------------------------------------------------------


def brief_record(brief: Brief) -> dict[str, Any]:
    """The brief as data (``sphinx-devlog brief --format json``), holding the entries the
    Markdown holds."""
    return {
        "version": BRIEF_VERSION,
        "project": brief.project,
        "filter": {"tags": list(brief.flt.tags), "since": brief.flt.since or None},
        "logs": brief.logs,
        "first_date": brief.first_date or None,
        "last_date": brief.last_date or None,
        "open_steps": [
            {**outstanding_record(c), "first_raised_title": c.first.log.title} for c in brief.steps
        ],
        "open_steps_note": brief.steps_note,
        "not_logs": list(brief.not_logs),
        "lessons": [
            {
                "id": lesson.item.ident(lesson.log.name),
                "text": lesson.item.text,
                "log": lesson.log.name,
                "title": lesson.log.title,
                "date": lesson.log.fields.date or None,
                "reasons": list(lesson.reasons),
            }
            for lesson in brief.lessons
        ],
        "sessions": [
            {
                "log": s.log.name,
                "title": s.log.title,
                "date": s.log.fields.date or None,
                "status": s.log.fields.status or None,
                "purpose": s.log.fields.purpose,
                "why": s.why,
                "summary": s.summary,
                "open_steps": s.open_steps,
            }
            for s in brief.sessions
        ],
        "omitted": dict(brief.omitted),
        "cut": brief.cut,
    }
