"""The words of plain logs: which heading names which kind of item, which field a header
line sets, and which status a free-text status line means. Pure functions.

Headings are recognised from their words, not from a list of titles: a heading (or a
segment of it, between ``:``, ``-``, brackets) names a kind when it is one of the kind's
*key phrases* (``lessons``, ``next steps``, ``files``, ``goals``, ...) surrounded only by
*qualifiers* (``key``, ``new``, ``modified``, ``technical``, ``future``, ...), optionally
followed by a preposition and anything (``Lessons learned from the cache rewrite``).
So *Key Lessons Learned*, *Files Created/Modified*, *Future Enhancements* and *7. Next
Steps (priority order)* are read, while *Updating the config files*, *File structure* and
*Code changes summary* are not. ``devlog_section_words`` adds key phrases.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

#: the item kinds a section can hold
SECTION_KINDS = ("goal", "lesson", "step", "file")

#: things that are files, and what a session does to them: ``Scripts added``
FILE_THINGS = (
    "docs",
    "documentation",
    "scripts",
    "tests",
    "modules",
    "notebooks",
    "configs",
    "templates",
    "code",
)
FILE_DONE = (
    "created",
    "added",
    "modified",
    "changed",
    "updated",
    "written",
    "touched",
    "deleted",
    "removed",
)

#: key phrases of each kind (words lower-cased; a hyphen counts as a space)
KEY_PHRASES: dict[str, tuple[str, ...]] = {
    "goal": ("goal", "goals", "objective", "objectives", "aim", "aims"),
    "lesson": (
        "lesson",
        "lessons",
        "lessons learned",
        "lessons learnt",
        "learning",
        "learnings",
        "insight",
        "insights",
        "takeaway",
        "takeaways",
        "take away",
        "take aways",
        "best practices established",
        "best practices learned",
        "best practices identified",
        "best practices discovered",
        "gotcha",
        "gotchas",
        "pitfall",
        "pitfalls",
        "what we learned",
        "what i learned",
        "what we learnt",
        "what i learnt",
        "things learned",
        "things we learned",
        "things to remember",
        "notes for next time",
        "notes for future sessions",
    ),
    "step": (
        "next step",
        "next steps",
        "next action",
        "next actions",
        "next session",
        "next sessions",
        "follow up",
        "follow ups",
        "followup",
        "followups",
        "todo",
        "todos",
        "to do",
        "to dos",
        "future",
        "remaining work",
        "remaining tasks",
        "remaining items",
        "remaining steps",
        "remaining todos",
        "remaining actions",
        "what remains",
        "immediate actions",
        "recommended actions",
        "suggested actions",
        "next recommended steps",
        "recommendations",
        "what's needed",
        "what is needed",
        "needed to unblock",
        "queued",
        "what's queued",
        "action item",
        "action items",
        "open items",
        "open tasks",
        "open issues",
        "outstanding",
        "pending",
        "backlog",
        "what's next",
        "whats next",
        "what is next",
        "up next",
        "further work",
        "still to do",
        "left to do",
        "to be done",
        "handoff",
        "handover",
    ),
    "file": (
        "file",
        "files",
        "file changes",
        "file list",
        "artifact",
        "artifacts",
        *(f"{what} {done}" for what in FILE_THINGS for done in FILE_DONE),
    ),
}

#: headings that hold no items, whatever section they are in: under *Next steps*, a
#: *References* subsection lists no next steps
NO_ITEMS = (
    "references",
    "reference",
    "links",
    "resources",
    "sources",
    "see also",
    "related docs",
    "related documentation",
    "related links",
    "documentation consulted",
    "docs consulted",
    "further reading",
    "appendix",
    "bibliography",
    "citations",
    "evidence",
    "screenshots",
    "logs",
    "output",
    "example output",
    "raw output",
    "commands",
    "commands run",
    "code",
    "example",
    "examples",
    "code example",
    "code examples",
)

#: words that may stand around a key phrase without changing what the heading names
QUALIFIERS = frozenset(
    """
    a an the and or of for to in on with this that these our my your all any other some
    key main major minor core important notable primary secondary critical essential general
    overall final short long term mid medium high low priority priorities top
    new created modified changed updated added deleted removed renamed moved touched affected
    edited written generated saved output
    code source test tests testing config configuration documentation docs doc script scripts
    technical session sessions project immediate potential possible suggested recommended
    planned proposed additional more further remaining open next previous later upcoming
    future near
    learned learnt established identified discovered observed gained considered noted
    required needed
    summary list overview
    work works task tasks item items action actions step steps enhancement enhancements
    improvement improvements consideration considerations plan plans idea ideas direction
    directions feature features issue issues point points
    """.split()
)

#: words after which the rest of a heading is free: ``Lessons learned from the rewrite``
PREPOSITIONS = frozenset(
    "from for in on about with to into of after before during regarding since until by across "
    "once when if".split()
)

#: what separates the clauses of a heading (``Phase 4: Next steps``)
_CLAUSES = re.compile(r"\s+[-–—]\s+|[:|,;]|\s[-–—]|[-–—]\s")
#: what joins alternatives within a clause (``Lessons & best practices``)
_ALTERNATIVES = re.compile(r"[/&+]|\band\b", re.IGNORECASE)
#: qualifiers that make a list of files one of files to look at, not files changed
_NOT_CHANGED = frozenset(
    "key important main core notable essential primary relevant related reference referenced "
    "useful interesting".split()
)
#: words that say a file was changed (``Modified file``, ``**Files changed:**``)
CHANGED_WORDS = frozenset(
    "new created modified changed updated added deleted removed renamed moved touched affected "
    "edited written generated saved".split()
)
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}")
_NUMBERING = re.compile(
    r"^(?:(?:step|phase|part|section|stage|day|session)\s+)?"
    r"(?:\d+(?:[.:]\d+)*[.)]?|[ivxlc]+[.)]|[a-z][.)])(?=\s|$)\s*",
    re.IGNORECASE,
)


_BUILTIN_FILE_KEYS: frozenset[tuple[str, ...]] = frozenset()  # set below


_WORD_RUN = re.compile(r"[^\W_]+")


def normalize_words(text: str) -> str:
    """Lower-case words only: emoji, punctuation and markup dropped, spaces collapsed.

    Hyphens and apostrophes join nothing: ``follow-up`` is ``follow up``.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return " ".join(_WORD_RUN.findall(text.lower()))


def phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(normalize_words(phrase).split())


@dataclass(frozen=True)
class SectionWords:
    """The key phrases in use: the built-in ones and the project's own
    (``devlog_section_words``: phrase -> kind, or ``""`` for "names no kind")."""

    #: words of a key phrase -> kind ("" for a phrase that names none)
    phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    longest: int = 1

    @classmethod
    def make(cls, extra: Mapping[str, str] | None = None) -> SectionWords:
        phrases: dict[tuple[str, ...], str] = {}
        for kind, keys in KEY_PHRASES.items():
            for key in keys:
                phrases[phrase_words(key)] = kind
        for key in NO_ITEMS:
            phrases[phrase_words(key)] = ""
        for key, kind in (extra or {}).items():
            words = phrase_words(key)
            if words:
                phrases[words] = kind
        return cls(phrases, max(len(words) for words in phrases))

    def kind_of(self, heading: str) -> str | None:
        """The kind a heading (or a bold label) names: a kind, ``""`` for a heading that
        holds no items (*References*), or ``None`` when it names nothing.

        Tried on each segment of the heading in turn (``Phase 4: Next steps``); words in
        brackets only qualify (``Option 1 (future consideration)`` names no kind).
        """
        for clause in _CLAUSES.split(_BRACKETED.sub(" ", heading)):
            first = _ALTERNATIVES.split(clause, maxsplit=1)[0]
            found = self._segment_kind(first)
            if found is not None:
                return found
        return None

    def _segment_kind(self, segment: str) -> str | None:
        words = normalize_words(_NUMBERING.sub("", segment.strip())).split()
        if not words:
            return None
        # a project's own phrase anywhere in the segment wins over the rules
        for size in range(min(self.longest, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                key = tuple(words[start : start + size])
                kind = self.phrases.get(key)
                if kind is None:
                    continue
                before, after = words[:start], words[start + size :]
                if not (all(w in QUALIFIERS for w in before) and _free_after(after, kind)):
                    continue
                if kind == "file" and not self._changed_files(words, key):
                    continue
                return kind
        return None

    def _changed_files(self, words: list[str], key: tuple[str, ...]) -> bool:
        """Whether a heading naming files names files the session changed: *Files*,
        *Test files*, *Files created*, *New scripts added*; not *Key files*, *Files
        reviewed*, *Artifacts* (what a run wrote), a single *File*. A project's own
        phrase always counts."""
        if key not in _BUILTIN_FILE_KEYS:
            return True
        if any(w in _NOT_CHANGED for w in words):
            return False
        if any(w in CHANGED_WORDS for w in words):
            return True
        return key in (("files",), ("file", "changes"), ("file", "list"))


#: prepositions after which files are still the session's (*Files changed in src*), not
#: files to look at (*Files to review*, *Files for later*)
_FILE_PREPOSITIONS = frozenset("in under of from during across by since with".split())


def _free_after(words: list[str], kind: str = "") -> bool:
    """Whether the words after a key phrase leave the heading's meaning alone."""
    for word in words:
        if word in PREPOSITIONS:
            return kind != "file" or word in _FILE_PREPOSITIONS
        if word not in QUALIFIERS:
            return False
    return True


_BUILTIN_FILE_KEYS = frozenset(
    tuple(normalize_words(key).split()) for key in (*KEY_PHRASES["file"], "file")
)


# -- header fields ---------------------------------------------------------------------

#: header field names as written (normalised) -> devlog option
FIELD_NAMES = {
    "purpose": "purpose",
    "goal": "purpose",
    "objective": "purpose",
    "summary": "purpose",
    "description": "purpose",
    "status": "status",
    "session status": "status",
    "final status": "status",
    "overall status": "status",
    "current status": "status",
    "outcome": "status",
    "result": "status",
    "date": "date",
    "session date": "date",
    "created": "date",
    "created on": "date",
    "created at": "date",
    "dependencies": "dependencies",
    "dependency": "dependencies",
    "depends on": "dependencies",
    "requirements": "dependencies",
    "prerequisites": "dependencies",
    "target": "target",
    "target audience": "target",
    "audience": "target",
    "for": "target",
    "tags": "tags",
    "follows": "follows",
    "closes": "closes",
    "estimate": "estimate",
    "estimated": "estimate",
    "estimated time": "estimate",
    "time estimate": "estimate",
    "spent": "spent",
    "time spent": "spent",
    "actual time": "spent",
    "duration": "spent",
    "session duration": "spent",
    "time taken": "spent",
    "total time": "spent",
}
#: fields a later, more specific name may replace (``Created`` gives way to ``Date``)
WEAK_FIELD_NAMES = frozenset(
    {
        "created",
        "created on",
        "created at",
        "summary",
        "description",
        "goal",
        "objective",
        "result",
        "outcome",
    }
)


def field_option(name: str) -> str | None:
    return FIELD_NAMES.get(normalize_words(name))


# -- statuses ------------------------------------------------------------------------------

GOOD, MIDDLE, BAD = "good", "middle", "bad"

#: words (and short phrases) in free-text statuses -> status; users add theirs
DEFAULT_STATUS_ALIASES: dict[str, str] = {
    "success": "success",
    "successful": "success",
    "successfully": "success",
    "succeeded": "success",
    "works": "success",
    "working": "success",
    "worked": "success",
    "fixed": "success",
    "resolved": "success",
    "solved": "success",
    "passed": "success",
    "passing": "success",
    "ready": "success",
    "operational": "success",
    "functional": "success",
    "achieved": "success",
    "verified": "success",
    "complete": "complete",
    "completed": "complete",
    "done": "complete",
    "finished": "complete",
    "delivered": "complete",
    "shipped": "complete",
    "implemented": "complete",
    "merged": "complete",
    "released": "complete",
    "partial": "partial",
    "partially": "partial",
    "partly": "partial",
    "incomplete": "partial",
    "in progress": "partial",
    "wip": "partial",
    "ongoing": "partial",
    "pending": "partial",
    "mostly": "partial",
    "underway": "partial",
    "started": "partial",
    "failed": "failed",
    "fail": "failed",
    "fails": "failed",
    "failing": "failed",
    "failure": "failed",
    "unsuccessful": "failed",
    "broken": "failed",
    "abandoned": "failed",
    "error": "failed",
    "errors": "failed",
    "crash": "failed",
    "crashed": "failed",
    "crashes": "failed",
    "regression": "failed",
    "reverted": "failed",
    "failures": "failed",
    "unsuccessfully": "failed",
    "aborted": "failed",
    "abort": "failed",
    "crashing": "failed",
    "timed out": "failed",
    "timeout": "failed",
    "work": "success",
    "blocked": "blocked",
    "blocker": "blocked",
    "blocking": "blocked",
    "stuck": "blocked",
    "waiting": "blocked",
    "on hold": "blocked",
    "paused": "blocked",
    "stalled": "blocked",
    "halted": "blocked",
}
#: the built-in statuses' side: good, middle or bad
POLARITY = {
    "success": GOOD,
    "complete": GOOD,
    "partial": MIDDLE,
    "failed": BAD,
    "blocked": BAD,
}
#: emoji that state an outcome on their own
EMOJI = {
    "✅": GOOD,
    "✔": GOOD,
    "✓": GOOD,
    "☑": GOOD,
    "🎉": GOOD,
    "🟢": GOOD,
    "💚": GOOD,
    "🚀": GOOD,
    "⚠": MIDDLE,
    "🟡": MIDDLE,
    "🟠": MIDDLE,
    "🚧": MIDDLE,
    "⏳": MIDDLE,
    "🔄": MIDDLE,
    "❌": BAD,
    "✖": BAD,
    "✗": BAD,
    "✘": BAD,
    "🔴": BAD,
    "💥": BAD,
    "🛑": "blocked",
    "⛔": "blocked",
    "🚫": "blocked",
    "⏸": "blocked",
}
#: words that turn the status word after them around: ``not working``
NEGATIONS = frozenset(
    "not no never cannot cant isnt wasnt arent werent doesnt didnt dont wont unable without "
    "non nothing".split()
)
#: words between a negation and what it negates: ``not yet fully working``
_NEGATION_GAP = frozenset(
    "yet fully completely entirely quite really all be been being is was to".split()
)
#: a tail that only answers no: ``Resolved: no``, ``Fixed? No.``
_ANSWERED_NO = frozenset({"no", "false", "nope", "not yet", "not really", "negative", "none"})
#: words that say something went badly, though they name no outcome: ``CRITICAL``
SEVERITY = frozenset("critical severe fatal urgent serious showstopper emergency".split())
_SEPARATOR = re.compile(
    r"\s+[-–—]\s+|[:;(),|?]|\s[-–—]|[-–—]\s|\s(?:but|however|although|except)\s",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class StatusReading:
    """What a status line says: the status, or ``None``, and why when unsure."""

    status: str | None
    #: ``""`` when the line was read with confidence, else what was unclear
    doubt: str = ""


@dataclass(frozen=True)
class _Signal:
    status: str  # a status name, or GOOD/MIDDLE/BAD for an emoji, negation or severity
    strong: bool  # an outcome word or emoji; a severity word alone is weak
    position: int


#: badge colour -> side, for a project's own statuses
_COLOUR_SIDE = {
    "success": GOOD,
    "primary": GOOD,
    "info": GOOD,
    "warning": MIDDLE,
    "danger": BAD,
    "secondary": BAD,
    "dark": BAD,
    "black": BAD,
}


def status_side(status: str, statuses: Mapping[str, str]) -> str:
    """Whether a status is a good, middling or bad outcome."""
    if status in (GOOD, MIDDLE, BAD):
        return status
    if status in POLARITY:
        return POLARITY[status]
    return _COLOUR_SIDE.get(statuses.get(status, ""), MIDDLE)


def _tokens(text: str) -> list[str]:
    """Words (apostrophes dropped: ``isn't`` is ``isnt``) and outcome emoji, in order."""
    out: list[str] = []
    word: list[str] = []
    for char in unicodedata.normalize("NFKC", text.replace("'", "").replace("\u2019", "")):
        if unicodedata.category(char)[0] in "LN":
            word.append(char.lower())
            continue
        if word:
            out.append("".join(word))
            word = []
        if char in EMOJI:
            out.append(char)
    if word:
        out.append("".join(word))
    return out


def _signals(text: str, table: Mapping[str, str], known: Mapping[str, str]) -> list[_Signal]:
    tokens = _tokens(text)
    signals: list[_Signal] = []
    index = 0
    negated_until = -1
    while index < len(tokens):
        token = tokens[index]
        if token in EMOJI:
            signals.append(_Signal(EMOJI[token], True, index))
            index += 1
            continue
        if token in NEGATIONS:
            negated_until = index + 1
            while negated_until < len(tokens) and tokens[negated_until] in _NEGATION_GAP:
                negated_until += 1
            index += 1
            continue
        size, status = 2, _lookup(" ".join(tokens[index : index + 2]), table, known)
        if status is None or index + 1 >= len(tokens):
            size, status = 1, _lookup(token, table, known)
        if status is not None:
            if index <= negated_until:
                status = _negated(status, tokens[:index], known)
            signals.append(_Signal(status, True, index))
        elif token in SEVERITY:
            signals.append(_Signal(BAD, False, index))
        index += size
    return signals


def _lookup(words: str, table: Mapping[str, str], known: Mapping[str, str]) -> str | None:
    if words in known:
        return words
    return table.get(words)


def _negated(status: str, before: list[str], known: Mapping[str, str]) -> str:
    """What ``not <status>`` means: not working is bad, not (fully) complete is partway."""
    side = status_side(status, known)
    if side == GOOD:
        partway = status == "complete" or any(
            t in ("fully", "completely", "entirely", "quite", "yet") for t in before
        )
        return MIDDLE if partway else BAD
    if side == BAD:
        return GOOD  # "no errors", "not blocked"
    return MIDDLE


def resolve_status(
    text: str,
    statuses: Mapping[str, str],
    aliases: Mapping[str, str],
    filename_status: str = "",
) -> StatusReading:
    """The status a free-text status line means.

    *statuses* maps the known statuses to their badge colours (``devlog_statuses``).
    The line is a status, or an alias as a whole; otherwise its words and emoji are
    weighed. Negation turns a word around (*not working* is bad, *not complete*
    partway); a severity word (*CRITICAL*) counts as bad. The first segment of the line
    (before ``-``, ``:``, a bracket) says the outcome and the rest only qualifies it,
    unless the rest says something went wrong. Good and bad together are a doubt: a
    filename's middling or bad outcome named in the line decides; otherwise the status is
    ``partial`` (never a good one) and the doubt is reported. Among good outcomes
    (*success*, *complete*) the filename's is taken: free text does not tell them apart.
    """
    known = dict(statuses)
    table = {**DEFAULT_STATUS_ALIASES, **{normalize_words(k): v for k, v in aliases.items()}}
    table = {k: v for k, v in table.items() if v in known}
    words = normalize_words(text)
    whole = words if words in known else table.get(words)
    emoji_sides = {status_side(EMOJI[c], known) for c in text if c in EMOJI}
    if whole is not None and emoji_sides <= {status_side(whole, known)}:
        return StatusReading(whole)  # the line is a status, or an alias, as a whole

    parts = _SEPARATOR.split(text, maxsplit=1)
    head = _signals(parts[0], table, known)
    tail_text = parts[1] if len(parts) > 1 else ""
    if head and normalize_words(tail_text) in _ANSWERED_NO:  # Resolved: no
        head = [_Signal(_negated(s.status, [], known), s.strong, s.position) for s in head]
        tail_text = ""
    tail = _signals(tail_text, table, known)
    weak = [s for s in head + tail if not s.strong]
    head_strong = [s for s in head if s.strong]
    tail_strong = [s for s in tail if s.strong]
    if head_strong:
        # the rest only qualifies the outcome, unless it says something went wrong: a bad
        # word, or a severity word with no good word of its own (not "critical bug fixed")
        tail_bad = [s for s in tail_strong if status_side(s.status, known) == BAD]
        if not any(status_side(s.status, known) == GOOD for s in tail_strong):
            tail_bad += [s for s in tail if not s.strong]
        chosen = head_strong + tail_bad
    else:
        chosen = tail_strong
    if not chosen:  # only a severity word: CRITICAL
        chosen = weak
    if not chosen:
        return StatusReading(None, "it names no status")
    return _decide(chosen, known, filename_status)


def _decide(
    signals: list[_Signal], known: Mapping[str, str], filename_status: str
) -> StatusReading:
    sides = {status_side(s.status, known) for s in signals}
    named = [s.status for s in sorted(signals, key=lambda s: s.position) if s.status in known]
    file_side = status_side(filename_status, known) if filename_status in known else ""

    def pick(side: str) -> str | None:
        if file_side == side and (side == GOOD or filename_status in named):
            return filename_status
        on_side = [s for s in named if status_side(s, known) == side]
        if on_side:
            return on_side[0]
        if file_side == side:
            return filename_status
        fallback = {GOOD: "success", MIDDLE: "partial", BAD: "failed"}[side]
        if fallback in known:
            return fallback
        return next((s for s in known if status_side(s, known) == side), None)

    if GOOD in sides and BAD in sides:
        # the filename decides, unless it would show a good badge for a line that says
        # something went wrong
        if (filename_status in named and file_side != GOOD) or file_side == MIDDLE:
            return StatusReading(filename_status)
        return StatusReading(pick(MIDDLE) or pick(BAD), "it reads as both a good and a bad outcome")
    for side in (BAD, MIDDLE, GOOD):
        if side in sides:
            return StatusReading(pick(side))
    return StatusReading(None, "it names no status")  # pragma: no cover - sides is not empty
