"""Run one ``sphinx-build`` and report its time and peak memory as JSON on the last line.

With ``DEVLOG_BENCH_TIMERS=1`` it also times the extension's cross-document work:
the next-step chains, filling the collections and back-links, and writing devlog.json
(and, within it, the brief).

With ``DEVLOG_BENCH_PROFILE=1`` it samples the build: a ``SIGPROF`` timer
(``setitimer(ITIMER_PROF)``, every millisecond of the process's CPU time, or every
``DEVLOG_BENCH_PROFILE_INTERVAL`` seconds) interrupts it, and each sample is charged to
the phase of the build at that moment (see :data:`PHASES`), to the extension if any frame
on the stack is the extension's — by its outermost frame there, the entry point, such as
``directives/log.py:LogDirective.run`` — and to sphinx-design if any frame is
sphinx-design's. The JSON line then has a ``profile`` key (see :func:`_profile_report`).

Each sample is weighed by the CPU time since the one before, measured, not assumed: the
kernel may deliver the signal less often than asked (at its clock tick: every 4 ms on a
250 Hz kernel, however short the interval), and a signal that arrives during a call into
C (pickling, compression, regular expressions) is handled by Python only when the call
returns, the timer's other expirations meanwhile lost; the time is still charged, to the
frame that made the call. The collector's full passes (timed through ``gc.callbacks``)
are counted apart, as ``gc``: they run when some allocation happens to start one, and
would otherwise be charged to whatever allocated.

Phases nest: each wrapped method of Sphinx pushes its phase on a stack for as long as it
runs, and a sample is charged to the top. ``Builder.read``, the ``env-updated`` event,
``Builder.write`` and ``Builder.finish`` (or the ``build-finished`` event) also start a
*stage*, the bottom of the stack, which lasts until the next one: what Sphinx does
between the wrapped methods (pickling the environment after reading, say) has the phase
of its stage.

Only the process itself is sampled: the workers of a ``-j N`` build are forked processes,
which do not inherit the timer, so profile serial builds; what the main process does in
a parallel build is sampled, the rest is not. Programs run in subprocesses (``dot``,
``git``) are not sampled either.
"""

from __future__ import annotations

import functools
import gc
import importlib.util
import json
import os
import resource
import signal
import sys
import time
from collections import defaultdict
from types import CodeType, FrameType
from typing import Any

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


# -- the sampling profiler ------------------------------------------------------------

#: the phases of a build, in their order; ``other`` is what is in none of them (while
#: writing: the ``write-started`` event, preparing the writer, copying static files)
PHASES = ("setup", "read", "after-read", "resolve", "write", "other", "finish")
#: the phase now is the stack's top; its bottom is the stage the build has reached
_phases: list[str] = ["setup"]
#: per phase entered: samples, CPU seconds, of which the extension's, sphinx-design's,
#: and the collector's full passes'
_rows: dict[str, list[float]] = {}
#: per phase and extension entry point: CPU seconds
_entries: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
#: a code object's kind: "" neither, _DESIGN sphinx-design's, else the extension's label
_codes: dict[CodeType, str] = {}
_DESIGN = "\0design"
#: where the extension's and sphinx-design's code is (each as imported, and its real path)
_roots: dict[str, tuple[str, ...]] = {}
#: CPU time at the last sample; full passes' time since then; the start of a pass under way
_clock = [0.0]
_gc_time = [0.0]
_gc_start: list[float | None] = [None]
#: a sample being taken (a handler interrupted by the next signal leaves it to the next)
_busy = [False]


def _enter(phase: str) -> None:
    if phase not in _rows:
        _rows[phase] = [0, 0.0, 0.0, 0.0, 0.0]


def _package_dir(name: str) -> str | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return next(iter(spec.submodule_search_locations))


def _classify(code: CodeType) -> str:
    filename = code.co_filename
    for root in _roots.get("extension", ()):
        if filename.startswith(root):
            return f"{filename[len(root) :]}:{code.co_qualname}".replace(os.sep, "/")
    if filename.startswith(_roots.get("design", ())):
        return _DESIGN
    return ""


def _sample(signum: int, frame: FrameType | None) -> None:
    """Charge the CPU time since the last sample to what the stack is doing now.

    Python runs this between two bytecodes of the main thread, never inside a call into
    C: *frame* is the frame that made the call, which is charged for its time.
    """
    if _busy[0]:
        return
    _busy[0] = True
    try:
        _charge(frame)
    finally:
        _busy[0] = False


def _charge(frame: FrameType | None) -> None:
    now = time.process_time()
    spent = now - _clock[0]
    _clock[0] = now
    collected = _gc_time[0]
    _gc_time[0] = 0.0
    if _gc_start[0] is not None:  # in a collector callback, in a full pass
        collected += now - _gc_start[0]
        _gc_start[0] = now
    phase = _phases[-1]
    row = _rows[phase]
    work = max(spent - collected, 0.0)
    row[0] += 1
    row[1] += work + collected
    row[4] += collected
    entry = ""
    design = False
    codes = _codes
    while frame is not None:  # the whole stack, however deep: its outermost frames count
        code = frame.f_code
        kind = codes.get(code)
        if kind is None:
            kind = codes[code] = _classify(code)
        if kind:
            if kind is _DESIGN:
                design = True
            else:
                entry = kind
        frame = frame.f_back
    if entry:
        row[2] += work
        _entries[phase][entry] += work
    if design:
        row[3] += work


def _on_gc(stage: str, info: dict[str, int]) -> None:
    if info["generation"] != 2:
        return
    now = time.process_time()
    if stage == "start":
        _gc_start[0] = now
    elif _gc_start[0] is not None:
        _gc_time[0] += now - _gc_start[0]
        _gc_start[0] = None


def _in_phase(phase: str, function: Any, stage: bool = False) -> Any:
    """*function*, running in *phase*; with *stage*, the build stays in that phase after
    it returns, until the next stage starts (the bottom of the stack)."""

    @functools.wraps(function)
    def wrapper(*args: object, **kwargs: object) -> object:
        _enter(phase)
        if stage:
            _phases[0] = phase
        _phases.append(phase)
        try:
            return function(*args, **kwargs)
        finally:
            _phases.pop()

    return wrapper


#: events that run in a phase of their own: (phase, whether it is a stage from then on)
_EVENTS = {
    "env-updated": ("after-read", True),
    "env-get-updated": ("after-read", False),
    "env-check-consistency": ("after-read", False),
    "build-finished": ("finish", True),
}


def _mark_the_phases() -> None:
    """Wrap the methods of Sphinx that start and end the phases (in this process only)."""
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.events import EventManager

    emit = EventManager.emit
    marked = {name: _in_phase(phase, emit, stage) for name, (phase, stage) in _EVENTS.items()}

    @functools.wraps(emit)
    def emit_in_phase(self: Any, name: str, *args: Any, **kwargs: Any) -> Any:
        return marked.get(name, emit)(self, name, *args, **kwargs)

    init = Builder.__init__

    @functools.wraps(init)
    def init_in_phases(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        # on the instance: the builder's class overrides these (the HTML builder does)
        self.write = _in_phase("other", self.write, stage=True)
        self.write_doc_serialized = _in_phase("write", self.write_doc_serialized)
        self.write_doc = _in_phase("write", self.write_doc)
        self.finish = _in_phase("finish", self.finish, stage=True)

    resolve = BuildEnvironment.get_and_resolve_doctree
    for owner, name, method in (
        (EventManager, "emit", emit_in_phase),
        (BuildEnvironment, "get_and_resolve_doctree", _in_phase("resolve", resolve)),
        (Builder, "read", _in_phase("read", Builder.read, stage=True)),
        (Builder, "__init__", init_in_phases),
    ):
        setattr(owner, name, method)


def _start_profile() -> float:
    """Start sampling; return the interval."""
    interval = float(os.environ.get("DEVLOG_BENCH_PROFILE_INTERVAL") or 0.001)
    for key, name in (("extension", "sphinxcontrib_devlog"), ("design", "sphinx_design")):
        root = _package_dir(name)
        if root:
            real = os.path.realpath(root)
            _roots[key] = tuple(dict.fromkeys(os.path.join(r, "") for r in (root, real)))
    _enter("setup")
    gc.callbacks.append(_on_gc)
    _clock[0] = time.process_time()
    signal.signal(signal.SIGPROF, _sample)
    signal.setitimer(signal.ITIMER_PROF, interval, interval)
    _mark_the_phases()
    return interval


def _stop_profile() -> None:
    signal.setitimer(signal.ITIMER_PROF, 0, 0)
    signal.signal(signal.SIGPROF, signal.SIG_DFL)
    gc.callbacks.remove(_on_gc)


def _profile_report(interval: float, cpu: float) -> dict[str, Any]:
    """The ``profile`` key: per phase, the samples taken and the CPU seconds charged to
    it (``seconds``), to the extension, to sphinx-design, to the collector's full passes
    (``gc``), and to each of the extension's entry points (``entries``); ``cpu`` is the
    process's CPU time while it was sampled."""
    phases = {}
    for phase in sorted(_rows, key=lambda p: PHASES.index(p) if p in PHASES else len(PHASES)):
        samples, seconds, extension, design, collected = _rows[phase]
        entries = sorted(_entries[phase].items(), key=lambda kv: (-kv[1], kv[0]))
        phases[phase] = {
            "samples": int(samples),
            "seconds": round(seconds, 6),
            "extension": round(extension, 6),
            "sphinx_design": round(design, 6),
            "gc": round(collected, 6),
            "entries": {k: round(v, 6) for k, v in entries},
        }
    return {"interval": interval, "cpu": round(cpu, 6), "phases": phases}


def main() -> int:
    if os.environ.get("DEVLOG_BENCH_TIMERS") == "1":
        _time_the_extension()
    profile = os.environ.get("DEVLOG_BENCH_PROFILE") == "1"
    if profile:
        cpu_start = time.process_time()
        interval = _start_profile()
    from sphinx.cmd.build import main as sphinx_main

    start = time.perf_counter()
    used = _cpu()
    try:
        code = sphinx_main(sys.argv[1:])
    finally:
        if profile:
            _stop_profile()
    seconds = time.perf_counter() - start
    peak_kb = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    result: dict[str, Any] = {
        "code": code,
        "seconds": seconds,
        # user and system time of the build and of its workers (-j): steadier than the
        # wall clock on a shared machine, which waits for other machines' work too
        "cpu": _cpu() - used,
        "peak_kb": peak_kb,
        "timers": dict(timers),
    }
    if profile:
        result["profile"] = _profile_report(interval, time.process_time() - cpu_start)
    print(json.dumps(result))
    return int(code)


def _cpu() -> float:
    """User and system CPU seconds of this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    sys.exit(main())
