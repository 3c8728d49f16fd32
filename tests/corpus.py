"""The generated projects of the tests: the benchmarks' corpus (``benchmarks/corpus.py``),
so that there is one generator, and the tests build what the benchmarks measure.

``bench`` is that module (loaded from its file: ``benchmarks`` is no package);
:func:`write_project` writes its ``devlog`` variant, with chains across logs and every
collection on one page, for the ``-j`` and incremental tests.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

_PATH = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus.py"
_NAME = "benchmarks_corpus"


def _load() -> ModuleType:
    if _NAME in sys.modules:
        return sys.modules[_NAME]
    spec = importlib.util.spec_from_file_location(_NAME, _PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[_NAME] = module  # (its dataclasses look their module up there)
    spec.loader.exec_module(module)
    return module


bench = _load()

#: every how many sessions one closes a step of the session before it by reference
CLOSES_EVERY = 4


def write_project(root: Path, count: int) -> Path:
    """Write the ``devlog`` variant of *count* sessions under *root*; every
    :data:`CLOSES_EVERY`-th session also closes a step of the one before it."""
    return bench.write(root, count, "devlog", closes_every=CLOSES_EVERY)


def sessions(count: int) -> list[Any]:
    """The sessions (``bench.Session``) :func:`write_project` writes for *count*."""
    return bench.sessions(count, closes_every=CLOSES_EVERY)
