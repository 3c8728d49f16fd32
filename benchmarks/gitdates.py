"""What ``devlog_check_git_dates`` costs: the corpus of benchmarks/corpus.py committed to
a temporary git repository, then the check timed alone and within builds.

    python benchmarks/gitdates.py                      # 1000 logs over 300 commits
    python benchmarks/gitdates.py --count 300 --commits 100 --repeats 3 --no-build

The history: the logs in date order, a commit every few logs on the day of its last log
(within the limit), a tenth of them renamed later with an edit as ``sphinx-devlog
set-status`` renames them (rename detection follows them), and every hundredth one
committed half a year late in a commit of its own (reported: the commits holding them
are read a second time).

Measured, as the median of the repeats:

check       the check alone: ``git rev-parse``, the ``git log`` of the logs' folder, its
            parsing, following the renames, judging; and the second ``git log`` of the
            commits that hold the reported logs
build-off   a fresh ``sphinx-build -b dummy`` with the check off
build-on    the same with the check on
noop-off    the same build again with nothing changed, check off (no document read)
noop-on     the same with the check on (it runs on every build)
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import corpus  # noqa: E402

from sphinxcontrib_devlog.filenames import parse_filename  # noqa: E402
from sphinxcontrib_devlog.gitdates import check_history, work_tree  # noqa: E402
from sphinxcontrib_devlog.githistory import DatedLog  # noqa: E402

LATE_EVERY = 100
RENAME_EVERY = 10


def git(repo: Path, *args: str, when: dt.date | None = None) -> None:
    env = dict(os.environ, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    if when is not None:
        stamp = f"{when.isoformat()}T18:00:00+01:00"
        env.update(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
    subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "user.name=Bench", "-c",
         "user.email=bench@example.org", *args],
        cwd=repo, env=env, check=True, capture_output=True,
    )  # fmt: skip


def make_repo(root: Path, count: int, commits: int) -> Path:
    corpus.write(root, count, "devlog")
    git(root, "init", "-q", "-b", "main")
    sessions = corpus.sessions(count)
    late = [s for s in sessions if s.index % LATE_EVERY == LATE_EVERY - 1]
    on_time = [s for s in sessions if s not in late]
    commits = min(commits, len(on_time))
    cuts = [len(on_time) * n // commits for n in range(commits + 1)]
    chunks = [on_time[a:b] for a, b in itertools.pairwise(cuts)]
    git(root, "add", "conf.py", "index.md", "collections.md")
    for n, chunk in enumerate(chunks):
        git(root, "add", *(f"logs/{s.name}.md" for s in chunk))
        git(root, "commit", "-qm", f"logs {n}", when=chunk[-1].date)
        for s in late:  # some logs arrive half a year late, each on its own
            if chunk[0].index <= s.index <= chunk[-1].index + 1:
                git(root, "add", f"logs/{s.name}.md")
                git(root, "commit", "-qm", "late", when=s.date + dt.timedelta(days=180))
    last = sessions[-1].date
    renamed = [s for s in on_time if s.index % RENAME_EVERY == 0]
    for s in renamed:  # as set-status does: git mv, then the status line edited
        old, new = f"logs/{s.name}.md", f"logs/{s.stable}-complete.md"
        if old == new:
            continue
        git(root, "mv", old, new)
        path = root / new
        path.write_text(
            path.read_text(encoding="utf-8").replace(f":status: {s.status}", ":status: complete"),
            encoding="utf-8",
        )
    git(root, "commit", "-qam", "statuses", when=last + dt.timedelta(days=3))
    return root


def dated_logs(root: Path) -> list[DatedLog]:
    found = []
    for path in sorted((root / "logs").glob("*.md")):
        parts = parse_filename(path.stem)
        assert parts is not None and parts.date is not None
        found.append(DatedLog(path.stem, f"logs/{path.name}", parts.date))
    return found


def time_check(root: Path, repeats: int) -> tuple[list[float], int, int]:
    logs = dated_logs(root)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        tree = work_tree(root)
        result, moved = check_history(tree, logs, 14)
        times.append(time.perf_counter() - start)
    return times, len(result.far), len(result.uncommitted) + len(result.unknown) + len(moved)


def time_build(root: Path, out: Path, on: bool, fresh: bool) -> float:
    args = [sys.executable, "-m", "sphinx", "-q", "-b", "dummy", str(root), str(out)]
    args += ["-D", f"devlog_check_git_dates={int(on)}"]
    if fresh:
        args.append("-E")
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-build", action="store_true", help="time the check alone")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="devlog-gitdates-") as tmp:
        start = time.perf_counter()
        root = make_repo(Path(tmp) / "repo", args.count, args.commits)
        made = time.perf_counter() - start
        commits = subprocess.run(
            ["git", "rev-list", "--count", "HEAD"], cwd=root, capture_output=True, text=True
        ).stdout.strip()
        print(f"{args.count} logs over {commits} commits, made in {made:.1f} s")
        times, far, skipped = time_check(root, args.repeats)
        print(
            f"check       median {statistics.median(times) * 1000:7.1f} ms  "
            f"(min {min(times) * 1000:.1f} ms; {far} reported, {skipped} not checked)"
        )
        if args.no_build:
            return
        results: dict[str, list[float]] = {}
        for _ in range(args.repeats):
            for on in (False, True):
                out = Path(tmp) / ("out-on" if on else "out-off")
                key = "on" if on else "off"
                results.setdefault(f"build-{key}", []).append(time_build(root, out, on, True))
        for _ in range(args.repeats):
            for on in (False, True):
                out = Path(tmp) / ("out-on" if on else "out-off")
                key = "on" if on else "off"
                results.setdefault(f"noop-{key}", []).append(time_build(root, out, on, False))
        for key, values in results.items():
            print(f"{key:<10}  median {statistics.median(values):7.2f} s   ({len(values)} runs)")


if __name__ == "__main__":
    main()
