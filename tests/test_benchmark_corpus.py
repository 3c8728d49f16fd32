"""The benchmark corpus: every variant says the same, and the extension reads the
directive variant and the plain variant alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from corpus import bench as corpus


def test_sessions_are_deterministic_and_chained() -> None:
    first, second = corpus.sessions(40), corpus.sessions(40)
    assert [s.name for s in first] == [s.name for s in second]
    assert {s.status for s in first} == set(corpus.STATUSES)
    # later sessions take up next steps left open by earlier ones
    raised = {t for s in first[:10] for t, done in s.steps if not done}
    taken = {t for s in first[1:12] for t, _ in s.goals}
    assert raised & taken
    # closing steps by reference (the tests' projects) changes nothing else
    closing = corpus.sessions(40, closes_every=4)
    assert [s.closes for s in first] == [[]] * 40
    assert [bool(s.closes) for s in closing] == [i > 0 and i % 4 == 0 for i in range(40)]
    for plain, closes in zip(first, closing, strict=True):
        closes.closes = []
        assert closes == plain


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


@pytest.mark.parametrize("closes_every", [0, 4], ids=["benchmark", "closes"])
def test_directive_and_plain_variants_give_the_same_data(  # type: ignore[no-untyped-def]
    make_app, tmp_path: Path, closes_every: int
) -> None:
    data = {}
    for variant in corpus.EXTENSION_VARIANTS:
        root = corpus.write(tmp_path / variant, 24, variant, closes_every=closes_every)
        app = make_app("html", srcdir=root, freshenv=True)
        app.build()
        app.cleanup()
        assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
        assert ("sphinx_design" in app.extensions) == (variant == "designed")
        data[variant] = json.loads((Path(app.outdir) / "devlog.json").read_text(encoding="utf-8"))
    assert len(data["devlog"]["logs"]) == 24
    assert any(log["closes"] for log in data["devlog"]["logs"]) == bool(closes_every)
    assert data["designed"] == data["devlog"]
    assert data["pictures"] == data["devlog"]  # the same logs; only the collection page differs
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
            "closes",
            "goals",
            "lessons",
            "next_steps",
            "files",
        ):
            assert a[key] == b[key], (a["name"], key)
