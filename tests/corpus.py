"""A generated project of many logs with chains across them, for the -j and incremental tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

STATUSES = ["success", "partial", "failed", "blocked", "complete"]


def write_project(root: Path, count: int) -> Path:
    """Write *count* MyST logs and a page holding every collection under *root*."""
    (root / "logs").mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib_devlog"]\n'
        'myst_enable_extensions = ["colon_fence", "tasklist"]\n',
        encoding="utf-8",
    )
    (root / "index.md").write_text(
        "# Generated devlog\n\n```{toctree}\n:glob:\nlogs/*\ncollections\n```\n", encoding="utf-8"
    )
    (root / "collections.md").write_text(
        "# Collections\n\n"
        + "".join(
            f"## {kind}\n\n```{{devlog:{kind}}}\n```\n\n"
            for kind in (
                "outstanding",
                "lessonlist",
                "logtable",
                "timeline",
                "stats",
                "filehistory",
            )
        ),
        encoding="utf-8",
    )
    start = dt.date(2024, 1, 1)
    previous = ""
    for i in range(count):
        date = start + dt.timedelta(days=3 * i)
        status = STATUSES[i % len(STATUSES)]
        stable = f"{date.isoformat()}_session-{i:03d}"
        carried = f"Follow up on topic {i // 3}"  # the same text across three sessions
        follows = f":follows: {previous}\n" if previous else ""
        closes = f":closes: {previous}#2\n" if previous and i % 4 == 0 else ""
        (root / "logs" / f"{stable}-{status}.md").write_text(
            f"# Session {i}\n\n```{{devlog}}\n:tags: t{i % 4}\n{follows}{closes}"
            f":estimate: {1 + i % 3}h\n:spent: {90 + i % 50}m\n```\n\n"
            f"## Session Goals\n\n```{{devlog:goals}}\n- [x] Goal {i}\n- [ ] {carried}\n```\n\n"
            f"## Lessons Learned\n\n```{{devlog:lessons}}\n- Lesson {i}\n```\n\n"
            f"## Next Steps\n\n```{{devlog:next-steps}}\n- [{'x' if i % 6 == 5 else ' '}] {carried}\n"
            f"- [ ] Step {i}.2\n```\n\n"
            f"## Files Modified\n\n```{{devlog:files}}\n- `src/module_{i % 5}.py` - change {i}\n```\n",
            encoding="utf-8",
        )
        previous = stable
    return root
