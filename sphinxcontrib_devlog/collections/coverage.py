"""What a collection of items looked at, said in words.

A tool whose job is to remember must not say "nothing outstanding" because it could
not read something: an empty collection says how many logs it read, how many have no
section of its kind, and how many such sections held nothing it could read. Pure
functions, shared by the pages and the command line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..chains import ChainResult
from ..model import Log
from .filters import Filter

_SECTION_WORDS = {"step": "next-steps", "lesson": "lessons", "file": "files"}
_ITEM_WORDS = {"step": "open next steps", "lesson": "lessons", "file": "modified files"}


@dataclass(frozen=True)
class Coverage:
    """What a collection of one kind of item looked at among the selected logs."""

    kind: str
    logs: int
    #: logs with no section (or item directive) of the kind
    without: int
    #: sections of the kind that held something, but no item could be read from them
    unread: int
    #: items of the kind in the selected logs, and how many are done (next steps)
    items: int = 0
    done: int = 0


def coverage(
    logs: Iterable[Log], flt: Filter, kind: str, chains: ChainResult | None = None
) -> Coverage:
    chosen = [log for log in logs if flt.matches(log)]
    items = sum(len(log.items[kind]) for log in chosen)
    done = 0
    if kind == "step" and chains is not None:
        done = sum(1 for log in chosen for s in log.steps if not chains.step_open(log, s))
    return Coverage(
        kind=kind,
        logs=len(chosen),
        without=sum(1 for log in chosen if not log.sections.get(kind)),
        unread=sum(log.unread.get(kind, 0) for log in chosen),
        items=items,
        done=done,
    )


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def coverage_text(cov: Coverage, filtered: bool, empty: bool) -> str:
    """What a collection says about what it read: for an empty one, in place of a bare
    "nothing outstanding"; for others, when some logs could not give what it lists
    (``""`` when all could)."""
    section = f"{_SECTION_WORDS[cov.kind]} section"
    if cov.logs == 0:
        return "No logs match the filter." if filtered else "No logs."
    parts = []
    logs = _count(cov.logs, "selected log" if filtered else "log")
    if empty:
        first = f"No {_ITEM_WORDS[cov.kind]} in {logs}"
        if cov.kind == "step" and cov.items and cov.done == cov.items:
            first += f": {'the' if cov.items == 1 else 'all'} {_count(cov.items, 'next step')}"
            first += f" {'is' if cov.items == 1 else 'are'} done"
        elif cov.kind == "step" and cov.items:
            # open, but listed now in a later log that the filter leaves out
            still = cov.items - cov.done
            first += (
                f": {still} of their {_count(cov.items, 'next step')} "
                f"{'is' if still == 1 else 'are'} still open, listed now in a later log "
                "that the filter leaves out"
            )
        parts.append(first + ".")
    elif cov.without or cov.unread:
        parts.append(f"Read from {logs}.")
    if cov.without:
        if cov.logs == 1:
            parts.append(f"It has no {section}.")
        elif cov.without == cov.logs:
            parts.append(f"None of them has a {section}.")
        else:
            verb = "has" if cov.without == 1 else "have"
            parts.append(f"{cov.without} of them {verb} no {section}.")
    if cov.unread:
        verb = "was" if cov.unread == 1 else "were"
        parts.append(
            f"{_count(cov.unread, section)} {verb} not read: nothing in "
            f"{'it' if cov.unread == 1 else 'them'} is a list (see the build's "
            "devlog.structure warnings)."
        )
    return " ".join(parts)
