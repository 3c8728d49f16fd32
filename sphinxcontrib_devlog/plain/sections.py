"""Which kind of item a section holds, from the words of its heading (or of a bold
label standing for one): :class:`SectionWords` and its tables of key phrases.

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
from collections.abc import Mapping
from dataclasses import dataclass, field

from .normalize import normalize_words, phrase_words

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
