"""How long the brief takes beyond the build, on the benchmark corpus.

    python benchmarks/brief.py              # N = 1000
    python benchmarks/brief.py --sizes 100 1000 3000

For each size it writes the corpus (``devlog`` variant), reads it with Sphinx's
``dummy`` builder in this process, then makes the brief from the built environment
five times (:func:`sphinxcontrib_devlog.export.brief_text`, what the build writes as
``devlog-brief.md``), unbounded and with ``--max-chars 4000``, and prints the median
and the slowest, next to the build's own time.
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

WORK = HERE / "_work" / "brief"


def measure(count: int) -> dict[str, float]:
    from sphinx.application import Sphinx

    from sphinxcontrib_devlog.export import brief_text

    root = WORK / str(count)
    shutil.rmtree(root, ignore_errors=True)
    src = corpus.write(root / "src", count, "devlog", closes_every=4)
    start = time.perf_counter()
    app = Sphinx(
        srcdir=src,
        confdir=src,
        outdir=root / "out",
        doctreedir=root / "doctrees",
        buildername="dummy",
        status=None,
        warning=io.StringIO(),
        freshenv=True,
    )
    app.build()
    build = time.perf_counter() - start
    result: dict[str, float] = {"build": build}
    for label, bound in (("brief", None), ("brief_4000", 4000)):
        times = []
        for _ in range(5):
            start = time.perf_counter()
            brief_text(app, max_chars=bound)
            times.append(time.perf_counter() - start)
        result[label] = statistics.median(times)
        result[label + "_max"] = max(times)
    result["chars"] = len(brief_text(app))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    args = parser.parse_args()
    print("| N | build (dummy) | brief | brief, --max-chars 4000 | brief length |")
    print("|---|---|---|---|---|")
    for count in args.sizes:
        r = measure(count)
        print(
            f"| {count} | {r['build']:.2f} s | {r['brief'] * 1000:.0f} ms "
            f"(slowest {r['brief_max'] * 1000:.0f}) | {r['brief_4000'] * 1000:.0f} ms "
            f"(slowest {r['brief_4000_max'] * 1000:.0f}) | {r['chars']:.0f} chars |"
        )


if __name__ == "__main__":
    main()
