"""The benchmark corpus: every variant says the same, and the extension reads the
directive variant and the plain variant alike."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

# benchmarks/corpus.py, under another name than the tests' own corpus module
_SPEC = importlib.util.spec_from_file_location(
    "bench_corpus", Path(__file__).resolve().parent.parent / "benchmarks" / "corpus.py"
)
assert _SPEC is not None and _SPEC.loader is not None
corpus = importlib.util.module_from_spec(_SPEC)
sys.modules["bench_corpus"] = corpus
_SPEC.loader.exec_module(corpus)


def test_sessions_are_deterministic_and_chained() -> None:
    first, second = corpus.sessions(40), corpus.sessions(40)
    assert [s.name for s in first] == [s.name for s in second]
    assert {s.status for s in first} == set(corpus.STATUSES)
    # later sessions take up next steps left open by earlier ones
    raised = {t for s in first[:10] for t, done in s.steps if not done}
    taken = {t for s in first[1:12] for t, _ in s.goals}
    assert raised & taken


@pytest.mark.parametrize("variant", ["plain", "design", "todo", "needs", "devlog"])
def test_variants_hold_the_same_words(tmp_path: Path, variant: str) -> None:
    root = corpus.write(tmp_path / variant, 12, variant)
    for s in corpus.sessions(12):
        text = (root / "logs" / f"{s.name}.md").read_text(encoding="utf-8")
        for words in [
            s.title,
            s.purpose,
            *s.lessons,
            *(t for t, _ in s.steps),
            *(p for p, _ in s.files),
        ]:
            assert words in text, (variant, words)


def test_directive_and_plain_variants_give_the_same_data(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = {}
    for variant in corpus.EXTENSION_VARIANTS:
        root = corpus.write(tmp_path / variant, 24, variant)
        app = make_app("html", srcdir=root, freshenv=True)
        app.build()
        app.cleanup()
        assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
        assert ("sphinx_design" in app.extensions) == (variant != "lean")
        data[variant] = json.loads((Path(app.outdir) / "devlog.json").read_text(encoding="utf-8"))
    assert len(data["devlog"]["logs"]) == 24
    assert data["lean"] == data["devlog"]
    # the same logs, items and outstanding steps, whichever way they were written
    assert data["plainlogs"]["outstanding"] == data["devlog"]["outstanding"]
    for a, b in zip(data["devlog"]["logs"], data["plainlogs"]["logs"], strict=True):
        for key in (
            "name",
            "title",
            "date",
            "status",
            "purpose",
            "tags",
            "follows",
            "goals",
            "lessons",
            "next_steps",
            "files",
        ):
            assert a[key] == b[key], (a["name"], key)
