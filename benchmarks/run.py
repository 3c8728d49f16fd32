"""Measure what the extension costs, against plain Sphinx and its peers.

    python benchmarks/run.py                       # N = 100, 300, 1000; 3 paired repeats
    python benchmarks/run.py --sizes 100 --repeats 1 --variants plain devlog
    python benchmarks/run.py --report              # the docs table again, from results.json
    python benchmarks/run.py --baseline ../before  # also the extension variants with the
                                                   # code of another checkout: before/after
    python benchmarks/run.py --profile --sizes 1000  # where the time goes, phase by phase
    python benchmarks/run.py --profile --report    # that table again, from results-profile.json

With ``--baseline DIR`` (a checkout of an earlier commit), every extension variant is
measured a second time with that checkout's code, as ``<variant>@before``, on the same
files, taking turns with the others: a before/after comparison in one run.

For every size and variant it writes the corpus (benchmarks/corpus.py) and measures,
as the median over the repeats (the variants take turns within each repeat, so that
each repeat compares them under the same machine load):

full      a fresh ``sphinx-build -E -b html``
noop      the same build again, nothing changed
edit      one log edited (a lesson's words change), then an incremental build; for the
          devlog variants the runner checks that the collection page shows the edit
j2        a fresh build with ``-j 2``
peak      the peak memory of the full build (MB)

and, for the devlog variants at the largest size, the time the extension spends on
its cross-document work (chains, collections and back-links, devlog.json).
Results go to benchmarks/results.json and, as a Markdown table, to
docs/performance-results.md.

With ``--profile`` it measures none of that: it samples fresh ``-E -b html`` builds
(``DEVLOG_BENCH_PROFILE``, see benchmarks/_build.py) of the ``devlog`` and ``plainlogs``
variants, or of those given with ``--variants``, ``--repeats`` times each, and tells per
phase of the build (reading, resolving, writing...) the CPU time, the extension's share of
it and the extension's entry points that took it. The samples go to
benchmarks/results-profile.json (``--profile-out``), the table to
docs/performance-profile.md (``--profile-docs``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
from _build import PHASES  # noqa: E402

WORK = HERE / "_work"
MEASURES = ("full", "noop", "edit", "j2")


def available(variant: str) -> bool:
    if variant == "needs":
        return importlib.util.find_spec("sphinx_needs") is not None
    return True


def build(
    src: Path,
    *extra: str,
    timers: bool = False,
    code: Path | None = None,
    profile: bool = False,
) -> dict[str, Any]:
    env = dict(
        os.environ,
        DEVLOG_BENCH_TIMERS="1" if timers else "0",
        DEVLOG_BENCH_PROFILE="1" if profile else "0",
        PYTHONHASHSEED="0",
    )
    if code is not None:  # the extension of another checkout, ahead of the installed one
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH")]))
    out = subprocess.run(
        [
            sys.executable,
            str(HERE / "_build.py"),
            "-q",
            "-b",
            "html",
            *extra,
            str(src),
            str(src / "_build"),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    try:
        result = json.loads(out.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        raise SystemExit(f"build of {src} failed:\n{out.stdout}\n{out.stderr}") from None
    if result["code"] != 0:
        raise SystemExit(f"build of {src} failed:\n{out.stderr}")
    return result


def edit_one_log(src: Path, count: int, repeat: int, variant: str) -> str:
    """Change the words of one lesson in the middle log; return the new words.

    The words name the variant: variants that build the same files (``devlog`` and
    ``devlog@before``) each make a change of their own, never the one already there.
    """
    session = corpus.sessions(count)[count // 2]
    path = src / "logs" / f"{session.name}.md"
    text = path.read_text(encoding="utf-8")
    old = session.lessons[0]
    # not "@": the HTML writer writes it as an entity (against address harvesting)
    marker = f"Edited lesson, run {repeat}, {variant.replace('@', ' ')}."
    lines = [line for line in text.splitlines() if not line.startswith("- Edited lesson, run")]
    text = "\n".join(lines) + "\n"
    text = text.replace(f"- {old}", f"- {old}\n- {marker}", 1)
    path.write_text(text, encoding="utf-8")
    return marker


BEFORE = "@before"


def _files(variant: str) -> str:
    """The corpus a measured variant builds (``plainlogs@before`` builds ``plainlogs``)."""
    return variant.removesuffix(BEFORE)


def _setting(repeats: int) -> dict:
    """The machine and the versions measured, for a results file."""
    import docutils
    import myst_parser
    import sphinx

    setting: dict = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
            "cpus": os.cpu_count(),
        },
        "versions": {
            "sphinx": sphinx.__version__,
            "docutils": docutils.__version__,
            "myst-parser": myst_parser.__version__,
        },
        "repeats": repeats,
        "sizes": {},
    }
    if importlib.util.find_spec("sphinx_needs"):
        import sphinx_needs

        setting["versions"]["sphinx-needs"] = getattr(sphinx_needs, "__version__", "?")
    return setting


def _with_baseline(results: dict, variants: list[str], baseline: Path | None) -> list[str]:
    """*variants*, and the extension variants again with the code of *baseline*."""
    if baseline is None:
        return variants
    head = subprocess.run(
        ["git", "-C", str(baseline), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    results["baseline"] = head or str(baseline)
    return variants + [f"{v}{BEFORE}" for v in variants if v in corpus.EXTENSION_VARIANTS]


def measure(
    sizes: list[int], repeats: int, variants: list[str], baseline: Path | None = None
) -> dict:
    results = _setting(repeats)
    variants = _with_baseline(results, variants, baseline)
    for count in sizes:
        roots = {}
        for variant in dict.fromkeys(_files(v) for v in variants):
            root = WORK / f"{variant}-{count}"
            shutil.rmtree(root, ignore_errors=True)
            roots[variant] = corpus.write(root, count, variant)
        runs: dict[str, dict[str, list[float]]] = {
            v: {m: [] for m in (*MEASURES, "peak", "cpu", "edit_cpu")} for v in variants
        }
        timers: dict[str, dict[str, float]] = {}
        for repeat in range(repeats):
            order = variants[repeat % len(variants) :] + variants[: repeat % len(variants)]
            for variant in order:
                src = roots[_files(variant)]
                code = baseline if variant.endswith(BEFORE) else None
                extension = _files(variant) in corpus.EXTENSION_VARIANTS
                shutil.rmtree(src / "_build", ignore_errors=True)
                full = build(src, "-E", timers=extension, code=code)
                runs[variant]["full"].append(full["seconds"])
                runs[variant]["cpu"].append(full["cpu"])
                runs[variant]["peak"].append(full["peak_kb"] / 1024)
                if full["timers"]:
                    timers[variant] = full["timers"]
                runs[variant]["noop"].append(build(src, code=code)["seconds"])
                marker = edit_one_log(src, count, repeat, variant)
                edited = build(src, code=code)
                runs[variant]["edit"].append(edited["seconds"])
                runs[variant]["edit_cpu"].append(edited["cpu"])
                if extension:
                    page = (src / "_build" / "collections.html").read_text(encoding="utf-8")
                    if marker not in page:
                        raise SystemExit(f"{variant}-{count}: the collection page missed the edit")
                shutil.rmtree(src / "_build", ignore_errors=True)
                runs[variant]["j2"].append(build(src, "-E", "-j", "2", code=code)["seconds"])
                print(
                    f"N={count} {variant} repeat {repeat + 1}: "
                    + ", ".join(f"{m} {runs[variant][m][-1]:.2f}" for m in (*MEASURES, "peak")),
                    flush=True,
                )
        results["sizes"][str(count)] = {
            "medians": {
                v: {m: statistics.median(vals) for m, vals in runs[v].items()} for v in variants
            },
            "runs": runs,
            "timers": timers,
        }
    return results


def _variant_order(variant: str) -> tuple[int, bool]:
    order = list(corpus.VARIANTS)
    base = _files(variant)
    return (order.index(base) if base in order else len(order), variant != base)


def table(results: dict) -> str:
    lines = [
        "| N | variant | full (s) | vs plain | vs design | per log (ms) | no-op (s) "
        "| one-log edit (s) | edit / full | -j 2 (s) | peak (MB) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    sizes = sorted(results["sizes"].items(), key=lambda item: int(item[0]))
    for count, data in sizes:
        medians = data["medians"]
        base = medians.get("plain", {}).get("full")
        design = medians.get("design", {}).get("full")
        for variant in sorted(medians, key=_variant_order):
            m = medians[variant]
            ratio = f"{m['full'] / base:.3f}" if base else "—"
            to_design = f"{m['full'] / design:.3f}" if design else "—"
            lines.append(
                f"| {count} | {variant} | {m['full']:.2f} | {ratio} | {to_design} "
                f"| {1000 * m['full'] / int(count):.1f} | {m['noop']:.2f} | {m['edit']:.2f} "
                f"| {m['edit'] / m['full']:.1%} | {m['j2']:.2f} | {m['peak']:.0f} |"
            )
    out = ["\n".join(lines), ""]
    cpu = cpu_table(results)
    if cpu:
        out += [cpu, ""]
    for count, data in sizes:
        for variant, timers in sorted(data["timers"].items(), key=lambda kv: _variant_order(kv[0])):
            parts = ", ".join(f"{k} {1000 * v:.0f} ms" for k, v in sorted(timers.items()))
            out.append(f"- N = {count}, {variant}: cross-document work in the full build: {parts}.")
    count, data = sizes[-1]
    runs = data["runs"]
    if "plain" in runs:
        out.append("")
        out.append(f"Full build against `plain` at N = {count}, repeat by repeat:")
        out.append("")
        for variant in sorted(runs, key=_variant_order):
            if variant == "plain":
                continue
            pairs = zip(runs[variant]["full"], runs["plain"]["full"], strict=True)
            ratios = ", ".join(f"{a / b:.3f}" for a, b in pairs)
            out.append(f"- {variant}: {ratios}")
    baseline = results.get("baseline", "the baseline")
    compared = [
        ("plainlogs", "devlog", "`plainlogs` against `devlog`"),
        ("pictures", "devlog", "`pictures` (the charts and the graph) against `devlog`"),
    ] + [
        (_files(v), v, f"`{_files(v)}` with this code against the code of {baseline}")
        for v in sorted(runs, key=_variant_order)
        if v.endswith(BEFORE)
    ]
    lines = []
    for a, b, label in compared:
        if a in runs and b in runs:
            pairs = zip(runs[a]["full"], runs[b]["full"], strict=True)
            text = f"- {label}: {', '.join(f'{x / y:.3f}' for x, y in pairs)}"
            if runs[a].get("cpu") and runs[b].get("cpu"):
                pairs = zip(runs[a]["cpu"], runs[b]["cpu"], strict=True)
                text += f" (CPU: {', '.join(f'{x / y:.3f}' for x, y in pairs)})"
            lines.append(text)
    if lines:
        out += ["", f"Full build, paired, at N = {count}, repeat by repeat:", "", *lines]
    return "\n".join(out) + "\n"


def cpu_table(results: dict) -> str:
    """The CPU seconds (user and system, workers included) of the full build and of the
    one-log edit, against ``plain``'s, with the peak memory against ``plain``'s; ``""``
    for results measured before the CPU time was."""
    lines = [
        "| N | variant | full, CPU (s) | vs plain | per log (ms) | one-log edit, CPU (s) "
        "| vs plain | peak vs plain |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for count, data in sorted(results["sizes"].items(), key=lambda item: int(item[0])):
        medians = data["medians"]
        base = medians.get("plain", {})
        for variant in sorted(medians, key=_variant_order):
            m = medians[variant]
            if "cpu" not in m:
                return ""

            def against(key: str, m: dict = m, base: dict = base) -> str:
                return f"{m[key] / base[key]:.3f}" if base.get(key) else "—"

            lines.append(
                f"| {count} | {variant} | {m['cpu']:.2f} | {against('cpu')} "
                f"| {1000 * m['cpu'] / int(count):.1f} | {m['edit_cpu']:.2f} "
                f"| {against('edit_cpu')} | {against('peak')} |"
            )
    return "\n".join(lines)


# -- profile mode ------------------------------------------------------------------

#: the variants profiled when none are given
PROFILE_VARIANTS = ("devlog", "plainlogs")


def profile(
    sizes: list[int], repeats: int, variants: list[str], baseline: Path | None = None
) -> dict:
    """Sample *repeats* fresh builds of every variant at every size, taking turns.

    Each size's entry holds, per variant, the ``profile`` of every build (see
    benchmarks/_build.py) with the build's wall-clock ``seconds``.
    """
    results = _setting(repeats)
    variants = _with_baseline(results, variants, baseline)
    for count in sizes:
        roots = {}
        for variant in dict.fromkeys(_files(v) for v in variants):
            # a folder of its own: a timing run may be building the other one
            root = WORK / f"profile-{variant}-{count}"
            shutil.rmtree(root, ignore_errors=True)
            roots[variant] = corpus.write(root, count, variant)
        runs: dict[str, list[dict]] = {v: [] for v in variants}
        for repeat in range(repeats):
            order = variants[repeat % len(variants) :] + variants[: repeat % len(variants)]
            for variant in order:
                src = roots[_files(variant)]
                code = baseline if variant.endswith(BEFORE) else None
                shutil.rmtree(src / "_build", ignore_errors=True)
                result = build(src, "-E", code=code, profile=True)
                runs[variant].append({"seconds": result["seconds"], **result["profile"]})
                own, cpu = _own_share([runs[variant][-1]])
                print(
                    f"N={count} {variant} repeat {repeat + 1}: {result['seconds']:.2f} s, "
                    f"{cpu:.2f} s CPU sampled, the extension's own code {own:.2f} s",
                    flush=True,
                )
        results["sizes"][str(count)] = runs
    return results


def _own_share(runs: list[dict]) -> tuple[float, float]:
    """The extension's sampled CPU seconds and all sampled CPU seconds, per build."""
    phases = [phase for run in runs for phase in run["phases"].values()]
    return (
        sum(p["extension"] for p in phases) / len(runs),
        sum(p["seconds"] for p in phases) / len(runs),
    )


def _phase_rows(runs: list[dict]) -> dict[str, dict]:
    """Per phase, the mean over *runs* of its seconds, and of its entries' seconds."""
    rows: dict[str, dict] = {}
    for run in runs:
        for phase, data in run["phases"].items():
            row = rows.setdefault(
                phase,
                {"seconds": 0.0, "extension": 0.0, "sphinx_design": 0.0, "gc": 0.0, "entries": {}},
            )
            for key in ("seconds", "extension", "sphinx_design", "gc"):
                row[key] += data[key] / len(runs)
            for entry, seconds in data["entries"].items():
                row["entries"][entry] = row["entries"].get(entry, 0.0) + seconds / len(runs)
    order = list(PHASES)
    return dict(
        sorted(rows.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
    )


def _top(entries: dict[str, float], count: int = 3) -> str:
    """The *count* entry points that took longest (those that round to 0.00 s left out)."""
    best = sorted(entries.items(), key=lambda kv: (-kv[1], kv[0]))[:count]
    return (
        ", ".join(f"`{entry}` {seconds:.2f}" for entry, seconds in best if seconds >= 0.005) or "—"
    )


def _share(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "—"


def profile_table(results: dict) -> str:
    """The Markdown of a profile run: per size a table of the phases of every variant, a
    line per variant with the extension's own share of the build, and what it means."""
    out = []
    sizes = sorted(results["sizes"].items(), key=lambda item: int(item[0]))
    repeats = results["repeats"]
    for count, variants in sizes:
        mean = "" if repeats == 1 else f", mean of {repeats} builds"
        out += [
            f"At N = {count}, CPU seconds of a fresh `-E -b html` build{mean}:",
            "",
            "| variant | phase | CPU (s) | extension (s) | extension share | sphinx-design (s) "
            "| full collections (s) | the extension's entry points (s) |",
            "|---|---|---:|---:|---:|---:|---:|---|",
        ]
        summary = []
        for variant in sorted(variants, key=_variant_order):
            rows = _phase_rows(variants[variant])
            total: dict = {"seconds": 0.0, "extension": 0.0, "sphinx_design": 0.0, "gc": 0.0}
            entries: dict[str, float] = {}
            for phase, row in rows.items():
                for key in total:
                    total[key] += row[key]
                for entry, seconds in row["entries"].items():
                    entries[entry] = entries.get(entry, 0.0) + seconds
                out.append(
                    f"| {variant} | {phase} | {row['seconds']:.2f} | {row['extension']:.2f} "
                    f"| {_share(row['extension'], row['seconds'])} | {row['sphinx_design']:.2f} "
                    f"| {row['gc']:.2f} | {_top(row['entries'])} |"
                )
            out.append(
                f"| {variant} | **total** | {total['seconds']:.2f} | {total['extension']:.2f} "
                f"| {_share(total['extension'], total['seconds'])} "
                f"| {total['sphinx_design']:.2f} | {total['gc']:.2f} | {_top(entries)} |"
            )
            summary.append(
                f"- `{variant}`: the extension's own code: {total['extension']:.2f} s of "
                f"{total['seconds']:.2f} s ({_share(total['extension'], total['seconds'])})"
            )
        out += ["", *summary, ""]
    runs = [run for _, variants in sizes for v in variants.values() for run in v]
    samples = sum(p["samples"] for run in runs for p in run["phases"].values())
    sampled = sum(p["seconds"] for run in runs for p in run["phases"].values())
    cpu = sum(run["cpu"] for run in runs)
    intervals = sorted({run["interval"] for run in runs})
    interval = " and ".join(f"{1000 * i:g}" for i in intervals)
    every = f"{1000 * sampled / samples:.1f} ms" if samples else "—"
    out.append(
        f"CPU time, sampled: a `SIGPROF` timer every {interval} ms of the process's CPU time "
        f"interrupts the build (the kernel delivered a signal every {every} on average), and "
        "each sample is weighed by the CPU time measured since the one before; the samples "
        f"({samples} in {len(runs)} builds) account for {sampled:.2f} s of the "
        f"{cpu:.2f} s of CPU time the builds spent while sampled. Wall-clock time adds "
        "waiting for the disk; programs run in subprocesses are not sampled. The phases: "
        "*setup* (Sphinx, `conf.py`, the extensions loaded), *read* (parsing, directives, "
        "transforms, `doctree-read`, the domains' `process_doc`), *after-read* (from "
        "`env-updated`: the environment checked and pickled), *resolve* (each page's "
        "post-transforms and `doctree-resolved`: the collections filled, references), "
        "*write* (each page's search-index words, its HTML translation and template), "
        "*other* (while writing, outside the pages: preparing, copying static files), "
        "*finish* (indices, the search index, `build-finished`: `devlog.json`). "
        "*extension* is the time with a function of the extension on the stack, whatever "
        "it calls (docutils, MyST, Sphinx), charged to the outermost one, its entry point; "
        "*sphinx-design* likewise. The collector's full passes are counted apart, in "
        "neither: they run when some allocation happens to start one. What the extension "
        "causes elsewhere — bigger pages for Sphinx's own transforms, writer and search "
        "index, a larger environment to pickle, the collector walking more objects — is "
        "not in *extension*: that is what the full-build comparison against `plain` shows."
    )
    return "\n".join(out) + "\n"


def _report_profile(results: dict, docs: Path) -> None:
    text = profile_table(results)
    docs.write_text(text, encoding="utf-8")
    print(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--variants",
        nargs="+",
        choices=corpus.VARIANTS,
        help="the variants measured (default: all; with --profile: "
        + " and ".join(PROFILE_VARIANTS)
        + ")",
    )
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="a checkout of an earlier commit: measure the extension variants with its code too",
    )
    parser.add_argument(
        "--docs", type=Path, default=HERE.parent / "docs" / "performance-results.md"
    )
    parser.add_argument(
        "--report",
        action="store_true",
        help="only write the docs table again from the results file (--out, or with "
        "--profile --profile-out)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="instead of the timings, sample fresh builds: where the time goes, per phase",
    )
    parser.add_argument("--profile-out", type=Path, default=HERE / "results-profile.json")
    parser.add_argument(
        "--profile-docs", type=Path, default=HERE.parent / "docs" / "performance-profile.md"
    )
    args = parser.parse_args()
    if args.report:
        if args.profile:
            _report_profile(
                json.loads(args.profile_out.read_text(encoding="utf-8")), args.profile_docs
            )
            return
        text = table(json.loads(args.out.read_text(encoding="utf-8")))
        args.docs.write_text(text, encoding="utf-8")
        print(text)
        return
    chosen = args.variants or list(PROFILE_VARIANTS if args.profile else corpus.VARIANTS)
    variants = [v for v in chosen if available(v)]
    skipped = sorted(set(chosen) - set(variants))
    if skipped:
        print(f"skipping {', '.join(skipped)}: not installed", file=sys.stderr)
    started = time.time()
    if args.profile:
        results = profile(args.sizes, args.repeats, variants, args.baseline)
        results["seconds"] = round(time.time() - started)
        args.profile_out.write_text(
            json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        _report_profile(results, args.profile_docs)
        return
    results = measure(args.sizes, args.repeats, variants, args.baseline)
    results["seconds"] = round(time.time() - started)
    args.out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    text = table(results)
    args.docs.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
