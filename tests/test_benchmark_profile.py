"""The benchmarks' profile mode: ``benchmarks/_build.py`` samples a build phase by phase,
and ``benchmarks/run.py`` turns the samples into the docs' table."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from corpus import bench as corpus

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
PACKAGE = Path(__file__).resolve().parent.parent / "sphinxcontrib_devlog"


def _load_run() -> ModuleType:
    """``benchmarks/run.py``, with the benchmarks' corpus as its ``corpus`` (the tests'
    ``corpus`` module has the same name)."""
    if "benchmarks_run" in sys.modules:
        return sys.modules["benchmarks_run"]
    saved = sys.modules.get("corpus")
    sys.modules["corpus"] = corpus
    try:
        spec = importlib.util.spec_from_file_location("benchmarks_run", BENCHMARKS / "run.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        if saved is None:
            del sys.modules["corpus"]
        else:
            sys.modules["corpus"] = saved
    sys.modules["benchmarks_run"] = module
    return module


@pytest.fixture(scope="module")
def profiled(tmp_path_factory: pytest.TempPathFactory) -> dict:
    src = corpus.write(tmp_path_factory.mktemp("profile") / "devlog", 32, "devlog")
    env = dict(
        os.environ,
        DEVLOG_BENCH_PROFILE="1",
        DEVLOG_BENCH_PROFILE_INTERVAL="0.0005",
        DEVLOG_BENCH_TIMERS="0",
        PYTHONHASHSEED="0",
    )
    command = [sys.executable, str(BENCHMARKS / "_build.py"), "-q", "-E", "-b", "html"]
    out = subprocess.run(
        [*command, str(src), str(src / "_build")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["code"] == 0
    return dict(result["profile"])


def test_the_build_is_sampled_phase_by_phase(profiled: dict) -> None:
    phases = profiled["phases"]
    assert profiled["interval"] == 0.0005
    assert {"setup", "read", "after-read", "resolve", "write", "finish"} <= set(phases)
    assert list(phases) == [p for p in _load_run().PHASES if p in phases]  # in their order
    assert sum(p["samples"] for p in phases.values()) > 0
    # every sample is weighed by the CPU time since the one before: nothing is lost
    sampled = sum(p["seconds"] for p in phases.values())
    assert 0.8 * profiled["cpu"] <= sampled <= profiled["cpu"] + 1e-6
    for data in phases.values():
        parts = data["extension"], data["sphinx_design"], data["gc"]
        assert all(part >= 0 for part in parts)
        assert data["extension"] + data["gc"] <= data["seconds"] + 1e-6
        assert sum(data["entries"].values()) == pytest.approx(data["extension"], abs=1e-5)


def test_the_extension_is_charged_by_its_entry_points(profiled: dict) -> None:
    read = profiled["phases"]["read"]
    assert read["extension"] > 0
    assert any(entry.startswith("directives/") for entry in read["entries"]), read["entries"]
    for phase in profiled["phases"].values():
        for entry in phase["entries"]:
            path, _, name = entry.partition(":")
            assert (PACKAGE / path).is_file(), entry
            assert name, entry


def _run(phases: dict[str, tuple[float, float, float, float, dict[str, float]]]) -> dict:
    return {
        "seconds": 9.9,
        "interval": 0.001,
        "cpu": sum(p[0] for p in phases.values()) + 0.01,
        "phases": {
            name: {
                "samples": round(seconds / 0.004),
                "seconds": seconds,
                "extension": extension,
                "sphinx_design": design,
                "gc": collected,
                "entries": entries,
            }
            for name, (seconds, extension, design, collected, entries) in phases.items()
        },
    }


LOG = "directives/log.py:LogDirective.run"
ITEMS = "directives/items.py:ItemsDirective.run"
DOMAIN = "domain.py:DevlogDomain.process_doc"


def test_the_table_of_a_profile() -> None:
    results = {
        "repeats": 2,
        "sizes": {
            "10": {
                "devlog": [
                    _run(
                        {
                            "write": (0.5, 0.0, 0.0, 0.0, {}),  # the phases come in order
                            "setup": (0.4, 0.1, 0.0, 0.0, {"__init__.py:setup": 0.1}),
                            "read": (1.0, 0.3, 0.05, 0.1, {LOG: 0.2, ITEMS: 0.08, DOMAIN: 0.02}),
                        }
                    ),
                    _run(
                        {
                            "setup": (0.4, 0.1, 0.0, 0.0, {"__init__.py:setup": 0.1}),
                            "read": (
                                1.2,
                                0.5,
                                0.05,
                                0.1,
                                {LOG: 0.3, ITEMS: 0.1, DOMAIN: 0.06, "chains.py:f": 0.004},
                            ),
                            "write": (0.5, 0.0, 0.0, 0.0, {}),
                        }
                    ),
                ],
                "plain": [
                    _run({"setup": (0.3, 0, 0, 0, {}), "read": (0.7, 0, 0, 0.2, {})}),
                    _run({"setup": (0.3, 0, 0, 0, {}), "read": (0.9, 0, 0, 0.2, {})}),
                ],
            }
        },
    }
    lines = _load_run().profile_table(results).splitlines()
    assert lines[:13] == [
        "At N = 10, CPU seconds of a fresh `-E -b html` build, mean of 2 builds:",
        "",
        "| variant | phase | CPU (s) | extension (s) | extension share | sphinx-design (s) "
        "| full collections (s) | the extension's entry points (s) |",
        "|---|---|---:|---:|---:|---:|---:|---|",
        "| plain | setup | 0.30 | 0.00 | 0.0 % | 0.00 | 0.00 | — |",
        "| plain | read | 0.80 | 0.00 | 0.0 % | 0.00 | 0.20 | — |",
        "| plain | **total** | 1.10 | 0.00 | 0.0 % | 0.00 | 0.20 | — |",
        "| devlog | setup | 0.40 | 0.10 | 25.0 % | 0.00 | 0.00 | `__init__.py:setup` 0.10 |",
        f"| devlog | read | 1.10 | 0.40 | 36.4 % | 0.05 | 0.10 "
        f"| `{LOG}` 0.25, `{ITEMS}` 0.09, `{DOMAIN}` 0.04 |",
        "| devlog | write | 0.50 | 0.00 | 0.0 % | 0.00 | 0.00 | — |",
        f"| devlog | **total** | 2.00 | 0.50 | 25.0 % | 0.05 | 0.10 "
        f"| `{LOG}` 0.25, `__init__.py:setup` 0.10, `{ITEMS}` 0.09 |",
        "",
        "- `plain`: the extension's own code: 0.00 s of 1.10 s (0.0 %)",
    ]
    assert lines[13:16] == [
        "- `devlog`: the extension's own code: 0.50 s of 2.00 s (25.0 %)",
        "",
        lines[15],
    ]
    assert lines[15].startswith(
        "CPU time, sampled: a `SIGPROF` timer every 1 ms of the process's CPU time "
        "interrupts the build (the kernel delivered a signal every 4.0 ms on average), "
        "and each sample is weighed by the CPU time measured since the one before; the "
        "samples (1550 in 4 builds) account for 6.20 s of the 6.24 s of CPU time"
    )
    assert len(lines) == 16
