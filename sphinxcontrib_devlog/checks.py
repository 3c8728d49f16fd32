"""Checks that need every log, run once every document is read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .chains import follows_cycles
from .warnings_ import DevlogWarning, warn

if TYPE_CHECKING:
    from .domain import DevlogDomain


def check_logs(domain: DevlogDomain) -> None:
    """Checks that need every log: names used twice, follows and closes that lead back."""
    seen_name: dict[str, str] = {}
    seen_stable: dict[str, str] = {}
    for log in sorted(domain.logs.values(), key=lambda log: log.docname):
        other = seen_name.get(log.name)
        if other is not None:
            warn(
                DevlogWarning.DUPLICATE,
                f"log name {log.name!r} is also used by {other!r}; references by "
                "name go to the first; use the full docname to reach this one",
                (log.docname, log.line),
            )
        else:
            other = seen_stable.get(log.stable_name)
            if other is not None and log.stable_name != log.name:
                warn(
                    DevlogWarning.DUPLICATE,
                    f"log stable name {log.stable_name!r} is also used by {other!r}; "
                    "references by stable name go to the first",
                    (log.docname, log.line),
                )
        seen_name.setdefault(log.name, log.docname)
        seen_stable.setdefault(log.stable_name, log.docname)
    _check_pointing_back(domain)


def _check_pointing_back(domain: DevlogDomain) -> None:
    """``follows`` and ``closes`` that lead back to their own log: a log following
    itself, or logs following one another in a cycle, or closing its own step.

    Run after every read, on every log: a cycle needs every log to be seen, and the
    warning goes (or comes) with the edit that breaks (or makes) it.
    """
    ordered = domain.sorted_logs()
    follows: dict[str, list[str]] = {}
    for log in ordered:
        lines = log.fields.lines
        targets = follows[log.docname] = []
        for target in dict.fromkeys(log.fields.follows):
            followed = domain.find_log(target)
            if followed is None:
                continue  # reported where the link is rendered
            if followed.docname == log.docname:
                warn(
                    DevlogWarning.REF,
                    f"log {log.name!r} follows itself ({target!r}): follows names the "
                    "earlier sessions this one continues",
                    (log.docname, lines.get("follows", log.line)),
                )
            elif followed.docname not in targets:
                targets.append(followed.docname)
        for target in dict.fromkeys(log.fields.closes):
            found = domain.find_item("step", target)
            if found is not None and found[0].docname == log.docname:
                warn(
                    DevlogWarning.REF,
                    f"log {log.name!r} closes its own next step {found[1].number} "
                    f"({target!r}): check it ([x]) instead; closes names steps of "
                    "earlier sessions",
                    (log.docname, lines.get("closes", log.line)),
                )
    for cycle in follows_cycles(follows, [log.docname for log in ordered]):
        first = domain.logs[cycle[0]]
        names = [domain.logs[docname].name for docname in [*cycle, cycle[0]]]
        warn(
            DevlogWarning.REF,
            f"logs follow one another in a cycle: {' follows '.join(names)}; a session "
            "follows earlier ones, so one of these follows is wrong",
            (first.docname, first.fields.lines.get("follows", first.line)),
        )
