"""Which status a free-text status line means (``✅ Working, but slow``, ``not yet
complete``, ``CRITICAL``): :func:`resolve_status`. Pure functions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from .normalize import normalize_words

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
