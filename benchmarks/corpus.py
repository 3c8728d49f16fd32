"""Synthetic development-log corpora for the benchmarks.

One corpus of N sessions, written as several *variants* of the same text:

``plain``       the plain Markdown template, Sphinx without the extension (the baseline)
``design``      the ``plain`` files with sphinx-design loaded: what sphinx-design alone costs
``devlog``      the same content with the extension's directives and its collections
``designed``    ``devlog`` with ``devlog_sphinx_design = True``: the extension loading the
                whole of sphinx-design, as it did by default before
``plainlogs``   the ``plain`` files as they are, read by the extension (``devlog_plain_logs``)
``pictures``    ``devlog`` with the three charts and the session graph on the collection page:
                what the pictures cost
``todo``        next steps as ``sphinx.ext.todo`` todos, with a ``todolist`` page
``needs``       logs and next steps as sphinx-needs needs, with ``needtable`` pages

Every variant has the same logs, in the same words; only the markup differs. The
collection page of ``devlog`` corresponds to a page with the same headings (and, for
the peers, their own list directives) in the others.

The tests build this corpus too (``tests/corpus.py``), with ``closes_every`` set so that
some sessions also close an earlier session's step by reference; the benchmarks leave
it at 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

VARIANTS = ("plain", "design", "devlog", "designed", "plainlogs", "pictures", "todo", "needs")
#: the variants built with the extension (they have its collection page)
EXTENSION_VARIANTS = ("devlog", "designed", "plainlogs", "pictures")
#: what the ``pictures`` variant adds to the collection page: the charts and the graph
PICTURES = (
    ("chart", ":kind: status-by-month\n"),
    ("chart", ":kind: estimate-vs-spent\n"),
    ("chart", ":kind: open-steps-by-age\n"),
    ("graph", ""),
)
STATUSES = ("success", "partial", "failed", "blocked", "complete")
TOPICS = (
    "parser",
    "cache",
    "exporter",
    "scheduler",
    "importer",
    "search index",
    "api client",
    "config loader",
    "retry logic",
    "metrics",
    "auth flow",
    "migration",
)
VERBS = ("Refactor", "Profile", "Fix", "Document", "Test", "Benchmark", "Harden", "Simplify")


@dataclass
class Session:
    index: int
    date: dt.date
    status: str
    title: str
    purpose: str
    tags: list[str]
    follows: str
    goals: list[tuple[str, bool]]
    lessons: list[str]
    steps: list[tuple[str, bool]]
    files: list[tuple[str, str]]
    code: list[str] = field(default_factory=list)
    #: next steps of earlier sessions this one closes by reference (``LOG#N``)
    closes: list[str] = field(default_factory=list)

    @property
    def stable(self) -> str:
        return f"{self.date.isoformat()}_session-{self.index:04d}"

    @property
    def name(self) -> str:
        return f"{self.stable}-{self.status}"


def sessions(count: int, seed: int = 7, closes_every: int = 0) -> list[Session]:
    """The corpus: deterministic for a given count and seed.

    With *closes_every* n, every n-th session closes the last next step of the
    session before it by reference; the rest of the corpus is the same.
    """
    rng = random.Random(seed)
    start = dt.date(2022, 1, 3)
    out: list[Session] = []
    carried: list[str] = []
    for i in range(count):
        topic = TOPICS[i % len(TOPICS)]
        verb = VERBS[(i // len(TOPICS)) % len(VERBS)]
        date = start + dt.timedelta(days=i // 2)  # two sessions a day
        # take up to two steps left open by earlier sessions: chains across logs
        taken = carried[:2]
        carried = carried[2:]
        goals = [(t, rng.random() < 0.6) for t in taken] + [(f"{verb} the {topic} ({i})", True)]
        steps = [(t, False) for t, done in goals if not done]
        steps += [(f"Follow up on the {topic} after session {i}", rng.random() < 0.2)]
        steps += [(f"Measure the {topic} again ({i})", False)]
        carried += [t for t, done in steps if not done][-2:]
        closes = []
        if closes_every and out and i % closes_every == 0:
            closes = [f"{out[-1].stable}#{len(out[-1].steps)}"]
        out.append(
            Session(
                index=i,
                date=date,
                status=STATUSES[i % len(STATUSES)],
                title=f"{verb} the {topic}, session {i}",
                purpose=f"{verb} the {topic} so that the nightly job stays under its budget",
                tags=[topic.split()[0], ("infra", "api", "data")[i % 3]],
                follows=out[-1].stable if out else "",
                goals=goals,
                lessons=[
                    f"The {topic} spends most of its time in I/O, not parsing ({i}).",
                    f"Write the benchmark before the fix; session {i} found the slow path that way.",
                ],
                steps=steps,
                files=[
                    (f"src/{topic.replace(' ', '_')}.py", f"{verb.lower()} the main loop"),
                    (f"tests/test_{topic.replace(' ', '_')}.py", "cover the new path"),
                ],
                code=[
                    f"$ python -m bench {topic.replace(' ', '-')} --runs 5\nmedian 41.{i % 10} ms",
                    f"def run_{i}(items):\n    return [item for item in items if item.ready]",
                ],
                closes=closes,
            )
        )
    return out


def _box(done: bool) -> str:
    return "[x]" if done else "[ ]"


def _body(s: Session, variant: str) -> str:
    """The part of a log after its header: implementation log, outcomes, lists."""
    lists = {
        "goal": "\n".join(f"- {_box(d)} {t}" for t, d in s.goals),
        "lesson": "\n".join(f"- {t}" for t in s.lessons),
        "step": "\n".join(f"- {_box(d)} {t}" for t, d in s.steps),
        "file": "\n".join(f"- `{p}` - {d}" for p, d in s.files),
    }
    if variant == "devlog":
        for kind, directive in (
            ("goal", "goals"),
            ("lesson", "lessons"),
            ("step", "next-steps"),
            ("file", "files"),
        ):
            lists[kind] = f"```{{devlog:{directive}}}\n{lists[kind]}\n```"
    if variant == "todo":
        lists["step"] += "\n\n" + "\n\n".join(f"```{{todo}}\n{t}\n```" for t, d in s.steps if not d)
    if variant == "needs":
        lists["step"] += "\n\n" + "\n\n".join(
            f"```{{need}} {t}\n:id: S_{s.index:04d}_{n}\n:status: {'done' if d else 'open'}\n"
            f":links: L_{s.index:04d}\n```"
            for n, (t, d) in enumerate(s.steps, 1)
        )
    return f"""
## Session Goals

{lists["goal"]}

## Implementation Log

### 09:30 - Measure

```bash
{s.code[0]}
```

**Result**: the {s.title.lower()} baseline is recorded.

### 11:00 - Change

```python
{s.code[1]}
```

**Result**: the change is in; see the outcomes.

## Outcomes

✅ **Completed**:
- {s.goals[-1][0]}

⚠️ **Partial/Issues**:
- Some measurements vary by 5 %.

## Lessons Learned

{lists["lesson"]}

## Next Steps

{lists["step"]}

## Files Modified

{lists["file"]}
"""


def render_log(s: Session, variant: str) -> str:
    if variant == "devlog":
        follows = f":follows: {s.follows}\n" if s.follows else ""
        follows += f":closes: {', '.join(s.closes)}\n" if s.closes else ""
        header = (
            f"```{{devlog}}\n:status: {s.status}\n:date: {s.date.isoformat()}\n"
            f":purpose: {s.purpose}\n:dependencies: Python 3.12\n:target: developers\n"
            f":tags: {', '.join(s.tags)}\n{follows}:estimate: 2h\n:spent: 2h30m\n```\n"
        )
    else:
        follows = f"- **Follows**: {s.follows}\n" if s.follows else ""
        follows += f"- **Closes**: {', '.join(s.closes)}\n" if s.closes else ""
        header = (
            f"## HEADER\n- **Purpose**: {s.purpose}\n- **Status**: {s.status}\n"
            f"- **Date**: {s.date.isoformat()}\n- **Dependencies**: Python 3.12\n"
            f"- **Target**: developers\n- **Tags**: {', '.join(s.tags)}\n{follows}"
        )
        if variant == "needs":
            header += (
                f"\n```{{need}} {s.title}\n:id: L_{s.index:04d}\n:status: {s.status}\n"
                f":tags: {';'.join(t.replace(' ', '_') for t in s.tags)}\n```\n"
            )
    return f"# {s.title}\n\n{header}{_body(s, variant)}"


COLLECTIONS = ("outstanding", "lessonlist", "logtable", "timeline", "stats", "filehistory")


def collections_page(variant: str) -> str:
    parts = ["# Collections\n"]
    for kind in COLLECTIONS:
        parts.append(f"## {kind}\n")
        if variant in EXTENSION_VARIANTS:
            parts.append(f"```{{devlog:{kind}}}\n```\n")
        elif variant == "todo" and kind == "outstanding":
            parts.append("```{todolist}\n```\n")
        elif variant == "needs" and kind in ("outstanding", "logtable"):
            flt = (
                "status == 'open' and id.startswith('S_')"
                if kind == "outstanding"
                else "id.startswith('L_')"
            )
            parts.append(f"```{{needtable}}\n:filter: {flt}\n```\n")
        else:
            parts.append(f"The {kind} of the sessions.\n")
    if variant == "pictures":
        for kind, options in PICTURES:
            parts.append(f"## {kind}\n")
            parts.append(f"```{{devlog:{kind}}}\n{options}```\n")
    return "\n".join(parts)


def conf_py(variant: str) -> str:
    extensions = ["myst_parser"]
    extra = ""
    if variant in EXTENSION_VARIANTS:
        extensions.append("sphinxcontrib_devlog")
    if variant == "design":
        extensions.append("sphinx_design")
    if variant == "designed":
        extra += "devlog_sphinx_design = True\n"
    if variant == "plainlogs":
        extra += 'devlog_plain_logs = ["logs/*"]\n'
    if variant == "todo":
        extensions.append("sphinx.ext.todo")
        extra += "todo_include_todos = True\n"
    if variant == "needs":
        extensions.append("sphinx_needs")
        extra += "needs_id_regex = r'^[A-Z0-9_]{3,}'\nneeds_statuses = []\n"
    return (
        f'project = "bench"\nextensions = {extensions!r}\n'
        'myst_enable_extensions = ["colon_fence", "tasklist"]\n'
        'html_theme = "alabaster"\nsmartquotes = False\n'
        # alabaster's sidebar holds the whole toctree on every page: quadratic in the
        # number of pages for every variant alike, so it is left out
        'html_sidebars = {"**": []}\n' + extra
    )


def write(root: Path, count: int, variant: str, closes_every: int = 0) -> Path:
    """Write the corpus of *count* sessions as *variant* into *root* (*closes_every*:
    see :func:`sessions`)."""
    logs = root / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(conf_py(variant), encoding="utf-8")
    (root / "index.md").write_text(
        "# Benchmark devlog\n\n```{toctree}\n:glob:\n:maxdepth: 1\n\nlogs/*\ncollections\n```\n",
        encoding="utf-8",
    )
    (root / "collections.md").write_text(collections_page(variant), encoding="utf-8")
    markup = {
        "plainlogs": "plain",
        "design": "plain",
        "designed": "devlog",
        "pictures": "devlog",
    }.get(variant, variant)
    for s in sessions(count, closes_every=closes_every):
        (logs / f"{s.name}.md").write_text(render_log(s, markup), encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--variant", choices=VARIANTS, default="devlog")
    args = parser.parse_args()
    print(write(args.root, args.count, args.variant))


if __name__ == "__main__":
    main()
