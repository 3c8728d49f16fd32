"""Next steps across sessions: which are still open.

Pure functions over model objects (no Sphinx), run once after all documents are
read, in time linear in the number of items (plus sorting the logs).

A next step is **open** unless one of these closes it:

1. it is checked (``[x]``) in its own log;
2. a log lists it in ``:closes:``;
3. a later log (by date, then name) has a goal or next step with the same text
   (compared case-insensitively, whitespace collapsed, a trailing period
   ignored). Items with the same text form one *chain*: the chain is open or
   done as its latest mention is, it is listed once, and it remembers the
   session that first raised it.

Mentions are ordered by log (date, name, docname), and within one log goals
before next steps, each in document order; a ``:closes:`` entry counts after
every mention in the closing log (and never before the step it closes).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from .model import Item, Log

_WS = re.compile(r"\s+")


def normalize(text: str) -> str:
    """The comparison key of an item's text."""
    key = _WS.sub(" ", text).strip().casefold()
    while key.endswith("."):
        key = key[:-1].rstrip()
    return key


@dataclass(frozen=True)
class Mention:
    """One goal or next step taking part in a chain."""

    log: Log
    item: Item
    #: position of the log in date order
    position: int

    @property
    def ident(self) -> str:
        return self.item.ident(self.log.name)


@dataclass
class Chain:
    """All mentions of one next step's text, from the session that raised it."""

    key: str
    mentions: list[Mention] = field(default_factory=list)
    #: logs whose ``:closes:`` named a step of this chain, by position
    closed_at: list[int] = field(default_factory=list)
    open: bool = True

    @property
    def first(self) -> Mention:
        """The next step that raised the chain."""
        return self.mentions[0]

    @property
    def latest(self) -> Mention:
        """The latest mention: where the step is listed now."""
        return self.mentions[-1]

    @property
    def text(self) -> str:
        return self.latest.item.text

    @property
    def sessions(self) -> int:
        """How many sessions (logs) mention it."""
        return len({m.log.docname for m in self.mentions})


@dataclass
class ChainResult:
    """Every chain of next steps, and what each step of each log became."""

    chains: list[Chain]
    #: (docname, step number) -> the chain it belongs to
    by_step: dict[tuple[str, int], Chain]

    def step_open(self, log: Log, item: Item) -> bool:
        chain = self.by_step.get((log.docname, item.number))
        return chain.open if chain is not None else not item.done

    def outstanding(self) -> list[Chain]:
        """Open chains, oldest first (by the log that raised them, then step number)."""
        return [c for c in self.chains if c.open]


def order_logs(logs: Sequence[Log]) -> list[Log]:
    return sorted(logs, key=lambda log: log.sort_key)


def build_chains(
    logs: Sequence[Log],
    resolve_step: Callable[[str], tuple[str, int] | None],
) -> ChainResult:
    """Link every next step to later mentions of its text and decide which are open.

    *resolve_step* turns a ``:closes:`` target into ``(docname, step number)`` or
    ``None`` when it names no step (that is reported where the reference is
    rendered).
    """
    ordered = order_logs(logs)
    chains: dict[str, Chain] = {}
    by_step: dict[tuple[str, int], Chain] = {}
    for position, log in enumerate(ordered):
        mentions = [("goal", item) for item in log.goals] + [("step", item) for item in log.steps]
        for kind, item in mentions:
            key = normalize(item.text)
            if not key:
                continue
            chain = chains.get(key)
            if chain is None:
                if kind != "step":
                    continue  # a goal no next step asked for
                chain = chains[key] = Chain(key)
            chain.mentions.append(Mention(log, item, position))
            if kind == "step":
                by_step[(log.docname, item.number)] = chain

    position_of = {log.docname: i for i, log in enumerate(ordered)}
    for position, log in enumerate(ordered):
        for target in log.fields.closes:
            resolved = resolve_step(target)
            if resolved is None:
                continue
            chain = by_step.get(resolved)
            if chain is None:
                continue
            chain.closed_at.append(max(position, position_of.get(resolved[0], position)))

    for chain in chains.values():
        if max(chain.closed_at, default=-1) >= chain.latest.position:
            chain.open = False  # a close counts after every mention in its log
        else:
            chain.open = not chain.latest.item.done
    ordered_chains = sorted(chains.values(), key=lambda c: (c.first.position, c.first.item.number))
    return ChainResult(ordered_chains, by_step)


def follows_cycles(follows: Mapping[str, Sequence[str]], order: Sequence[str]) -> list[list[str]]:
    """The cycles among logs following each other: ``[A, B]`` for A follows B follows A.

    *follows* maps a log to the logs it follows (itself left out); *order* holds every
    log, earliest first. One cycle is given for each group of logs that lead back to one
    another, starting at the group's earliest log (whose ``:follows:`` names a later
    session, so is the likely mistake), in the order of *order*. Tarjan's algorithm,
    without recursion: time linear in the logs and their follows.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for root in order:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(follows.get(root, ())))]
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(follows.get(target, ()))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:  # every target seen: the node is done
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(group)
    position = {name: i for i, name in enumerate(order)}
    cycles = [
        _cycle_from(min(g, key=lambda n: position.get(n, len(position))), set(g), follows)
        for g in groups
    ]
    return sorted(cycles, key=lambda cycle: position.get(cycle[0], len(position)))


def _cycle_from(start: str, group: set[str], follows: Mapping[str, Sequence[str]]) -> list[str]:
    """A shortest way from *start* back to it within *group* (breadth first)."""
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for target in follows.get(node, ()):
            if target == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return path[::-1]
            if target in group and target not in came_from and target != start:
                came_from[target] = node
                queue.append(target)
    return [start]  # pragma: no cover - every group leads back to its start
