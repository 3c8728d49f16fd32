"""Run one ``sphinx-build`` and report its time and peak memory as JSON on the last line.

With ``DEVLOG_BENCH_TIMERS=1`` it also times the extension's cross-document work:
the next-step chains, filling the collections and back-links, and writing devlog.json
(and, within it, the brief).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections import defaultdict

timers: dict[str, float] = defaultdict(float)


def _timed(module: object, name: str, label: str) -> None:
    original = getattr(module, name)

    def wrapper(*args: object, **kwargs: object) -> object:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            timers[label] += time.perf_counter() - start

    setattr(module, name, wrapper)


def _time_the_extension() -> None:
    """Wrap the extension's cross-document handlers (before its setup connects them)."""
    try:
        from sphinxcontrib_devlog import chains, domain
    except ImportError:
        return
    _timed(chains, "build_chains", "chains")
    domain.build_chains = chains.build_chains  # the domain imported it by name
    try:  # this checkout's modules
        from sphinxcontrib_devlog import export, placeholders, rewrites
    except ImportError:  # a baseline from before the modules were named for what they hold
        from sphinxcontrib_devlog import events

        _timed(events, "fill_placeholders", "fill")
        _timed(events, "finish", "json")
        _timed(events, "pages_to_rewrite", "dependencies")
    else:
        _timed(placeholders, "fill_placeholders", "fill")
        try:  # entries written one at a time into HTML pages: the rest of the fill
            from sphinxcontrib_devlog.collections import stream
        except ImportError:
            pass
        else:
            _timed(stream, "_write_entries", "stream")
        _timed(export, "write_json", "json")
        if hasattr(export, "brief_text"):  # the brief, written with devlog.json
            _timed(export, "brief_text", "brief")
        _timed(rewrites, "pages_to_rewrite", "dependencies")


def main() -> int:
    if os.environ.get("DEVLOG_BENCH_TIMERS") == "1":
        _time_the_extension()
    from sphinx.cmd.build import main as sphinx_main

    start = time.perf_counter()
    code = sphinx_main(sys.argv[1:])
    seconds = time.perf_counter() - start
    peak_kb = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    print(
        json.dumps({"code": code, "seconds": seconds, "peak_kb": peak_kb, "timers": dict(timers)})
    )
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
