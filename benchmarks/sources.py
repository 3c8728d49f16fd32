"""What the links to the work cost (``devlog_source_url``, ``devlog_commit_url``,
``devlog_source_root``): the corpus of benchmarks/corpus.py, each log listing two more
files of its own (one relative, one absolute from another machine) and naming a commit,
half of its own relative files missing from the project.

    python benchmarks/sources.py                  # 1000 logs, 3 repeats
    python benchmarks/sources.py --count 300 --repeats 1

Measured in-process (``-b dummy``), in CPU time of the process (a shared machine's load
changes wall-clock times more than the differences measured), as the median of the
repeats:

survey      every listed path looked for once (``env-updated``), kept for the next build
check       the ``devlog.file`` warnings (``env-check-consistency``)
outdated    the last build's paths looked for again (``env-get-outdated``)
links       the links made in every log read (``doctree-read``)
build-off   a fresh build without the three values
build-on    the same with them
noop-off    the same build again with nothing changed, without them
noop-on     the same with them (the paths are looked for on every build)

and ``looks``: how many paths the fresh build looked for (once each, however many logs
list them).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import corpus  # noqa: E402

from sphinxcontrib_devlog import sourcepaths, sources  # noqa: E402

SETTINGS = (
    'devlog_source_root = "work"\n'
    'devlog_source_url = "https://example.org/bench/blob/main/{path}"\n'
    'devlog_commit_url = "https://example.org/bench/commit/{sha}"\n'
    'exclude_patterns = ["work", "_build"]\n'
)


def write(root: Path, count: int) -> Path:
    """The corpus, each log listing two files of its own and naming a commit; the files
    of the project (``work/``): the corpus's, and every other one of the logs' own."""
    corpus.write(root, count, "devlog")
    with (root / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(SETTINGS)
    work = root / "work"
    for index, log in enumerate(sorted((root / "logs").glob("*.md"))):
        text = log.read_text(encoding="utf-8")
        own = f"src/session_{index:04d}.py"
        text = text.replace(
            "## Files Modified\n\n```{devlog:files}\n",
            "## Files Modified\n\n```{devlog:files}\n"
            f"- `{own}` - its own module\n"
            f"- `/home/alice/bench/tests/test_session_{index:04d}.py` - its test\n",
        )
        text += f"\nMerged as {index:07x}a.\n"
        log.write_text(text, encoding="utf-8")
        if index % 2 == 0:
            (work / own).parent.mkdir(parents=True, exist_ok=True)
            (work / own).write_text("", encoding="utf-8")
        test = work / f"tests/test_session_{index:04d}.py"
        test.parent.mkdir(parents=True, exist_ok=True)
        test.write_text("", encoding="utf-8")
    for topic in corpus.TOPICS:
        for name in (
            f"src/{topic.replace(' ', '_')}.py",
            f"tests/test_{topic.replace(' ', '_')}.py",
        ):
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            (work / name).write_text("", encoding="utf-8")
    return root


def timed(times: dict[str, float], name: str, method: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return method(*args, **kwargs)
        finally:
            times[name] += time.process_time() - start

    return run


def build(src: Path, out: Path, on: bool, fresh: bool) -> tuple[float, dict[str, float], int]:
    """One build: its time, the handlers' times, the paths looked for."""
    from sphinx.application import Sphinx

    times: dict[str, float] = defaultdict(float)
    looks = [0]
    originals = {
        name: getattr(sources.SourceLinks, name)
        for name in ("outdated", "read", "updated", "check")
    }
    look = sourcepaths.Survey._look

    def counted(self: sourcepaths.Survey, source: sourcepaths.SourcePath) -> str | None:
        looks[0] += 1
        return look(self, source)

    names = {"outdated": "outdated", "read": "links", "updated": "survey", "check": "check"}
    for name, method in originals.items():
        setattr(sources.SourceLinks, name, timed(times, names[name], method))
    sourcepaths.Survey._look = counted  # type: ignore[method-assign]
    overrides = (
        {} if on else {"devlog_source_root": "", "devlog_source_url": "", "devlog_commit_url": ""}
    )
    try:
        start = time.process_time()
        app = Sphinx(
            src, src, out / "dummy", out / "doctrees", "dummy",
            confoverrides=overrides, status=StringIO(), warning=StringIO(), freshenv=fresh,
        )  # fmt: skip
        app.build()
        elapsed = time.process_time() - start
    finally:
        for name, method in originals.items():
            setattr(sources.SourceLinks, name, method)
        sourcepaths.Survey._look = look  # type: ignore[method-assign]
    return elapsed, dict(times), looks[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[float]] = defaultdict(list)
    looks = 0
    with tempfile.TemporaryDirectory() as tmp:
        src = write(Path(tmp) / "corpus", args.count)
        for _ in range(args.repeats):
            for on in (False, True):
                key = "on" if on else "off"
                out = Path(tmp) / f"_build_{key}"
                elapsed, times, looked = build(src, out, on, fresh=True)
                results[f"build-{key}"].append(elapsed)
                if on:
                    looks = looked
                    for name in ("survey", "check", "links"):
                        results[name].append(times.get(name, 0.0))
                elapsed, times, _ = build(src, out, on, fresh=False)
                results[f"noop-{key}"].append(elapsed)
                if on:
                    results["outdated"].append(times.get("outdated", 0.0))
    print(f"{args.count} logs, {args.repeats} repeats, {looks} paths looked for")
    for name in (
        "survey",
        "check",
        "outdated",
        "links",
        "build-off",
        "build-on",
        "noop-off",
        "noop-on",
    ):
        print(f"{name:10} {statistics.median(results[name]) * 1000:9.1f} ms")


if __name__ == "__main__":
    main()
