"""Next-step chains across sessions, without Sphinx."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxcontrib_devlog.chains import ChainResult, build_chains, follows_cycles, normalize
from sphinxcontrib_devlog.model import Fields, Item, Log, split_checkbox


def make_log(name: str, date: str, goals=(), steps=(), closes=()) -> Log:  # type: ignore[no-untyped-def]
    log = Log(f"logs/{name}", name, name, name.title(), Fields(date=date, closes=list(closes)))
    for kind, texts in (("goal", goals), ("step", steps)):
        for number, raw in enumerate(texts, start=1):
            checked, text = split_checkbox(raw)
            log.items[kind].append(Item(kind, number, text, checked, f"devlog-{kind}-{number}"))
    return log


def resolver(logs):  # type: ignore[no-untyped-def]
    by_name = {log.name: log for log in logs}

    def resolve(target: str):  # type: ignore[no-untyped-def]
        name, _, number = target.partition("#")
        log = by_name.get(name)
        if log is None or not number.isdigit() or int(number) > len(log.steps):
            return None
        return (log.docname, int(number))

    return resolve


def run(*logs: Log) -> ChainResult:
    return build_chains(list(logs), resolver(logs))


def open_texts(result: ChainResult) -> list[str]:
    return [c.text for c in result.outstanding()]


def test_normalize() -> None:
    assert normalize("  Fit   Harmonic constituents. ") == "fit harmonic constituents"
    assert normalize("A\tB\nC...") == "a b c"
    assert normalize("Straße") == normalize("STRASSE")  # casefold, not lower


def test_rule1_checked_in_own_log() -> None:
    result = run(
        make_log("a", "2024-01-01", steps=["[x] done thing", "[ ] open thing", "plain thing"])
    )
    assert open_texts(result) == ["open thing", "plain thing"]


def test_rule2_closes() -> None:
    a = make_log("a", "2024-01-01", steps=["[ ] write parser", "[ ] write docs"])
    b = make_log("b", "2024-01-02", closes=["a#1"])
    result = run(a, b)
    assert open_texts(result) == ["write docs"]
    assert result.step_open(a, a.steps[0]) is False
    assert result.step_open(a, a.steps[1]) is True


def test_rule3_later_goal_or_step_with_same_text() -> None:
    a = make_log(
        "a",
        "2024-01-01",
        steps=["[ ] Fit harmonic constituents", "[ ] Collect data", "[ ] Ask for keys"],
    )
    b = make_log(
        "b", "2024-01-05", goals=["[x] fit  HARMONIC constituents."], steps=["[ ] Collect data"]
    )
    c = make_log("c", "2024-01-09", steps=["[x] collect data"])
    result = run(c, a, b)  # input order does not matter
    assert open_texts(result) == ["Ask for keys"]
    chain = result.by_step[("logs/a", 2)]
    assert [m.log.name for m in chain.mentions] == ["a", "b", "c"]
    assert chain.first.log.name == "a" and chain.latest.log.name == "c"
    assert chain.sessions == 3
    assert result.by_step[("logs/b", 1)] is chain  # one chain, listed once


def test_carried_open_step_remembers_first_session() -> None:
    a = make_log("a", "2024-01-01", steps=["[ ] Validate against observations"])
    b = make_log("b", "2024-01-02", steps=["[ ] validate against observations"])
    c = make_log("c", "2024-01-03", goals=["[ ] Validate against observations."])
    result = run(a, b, c)
    [chain] = result.outstanding()
    assert chain.first.log.name == "a"
    assert chain.latest.log.name == "c" and chain.latest.item.kind == "goal"
    assert chain.sessions == 3
    assert chain.text == "Validate against observations."


def test_closed_then_reopened() -> None:
    a = make_log("a", "2024-01-01", steps=["[ ] Tune the filter"])
    b = make_log("b", "2024-01-02", goals=["[x] Tune the filter"])
    c = make_log("c", "2024-01-03", steps=["[ ] tune the filter"])
    assert open_texts(run(a, b)) == []
    assert open_texts(run(a, b, c)) == ["tune the filter"]
    # closed by :closes:, reopened later by an unchecked mention
    d = make_log("d", "2024-01-02", closes=["a#1"])
    assert open_texts(run(a, d)) == []
    assert open_texts(run(a, d, c)) == ["tune the filter"]


def test_close_counts_after_mentions_of_the_same_log() -> None:
    a = make_log("a", "2024-01-01", steps=["[ ] Tune the filter"])
    b = make_log("b", "2024-01-02", steps=["[ ] Tune the filter"], closes=["a#1"])
    assert open_texts(run(a, b)) == []


def test_close_of_a_later_log_still_closes_its_step() -> None:
    a = make_log("a", "2024-01-01", closes=["b#1"])
    b = make_log("b", "2024-01-02", steps=["[ ] Tune the filter"])
    assert open_texts(run(a, b)) == []


def test_closes_naming_a_missing_step_is_ignored_here() -> None:
    a = make_log("a", "2024-01-01", steps=["[ ] One"], closes=["a#7", "nowhere#1", "garbage"])
    assert open_texts(run(a)) == ["One"]


def test_same_date_ordered_by_name() -> None:
    b = make_log("2024-01-01_b", "2024-01-01", steps=["[x] Ship it"])
    a = make_log("2024-01-01_a", "2024-01-01", steps=["[ ] Ship it"])
    result = run(b, a)  # a comes first: the later "b" closes it
    assert open_texts(result) == []
    assert result.chains[0].first.log.name == "2024-01-01_a"
    # the other way round, the later mention reopens it
    b2 = make_log("2024-01-01_b", "2024-01-01", steps=["[ ] Ship it"])
    a2 = make_log("2024-01-01_a", "2024-01-01", steps=["[x] Ship it"])
    assert open_texts(run(a2, b2)) == ["Ship it"]


def test_goal_before_any_step_starts_no_chain() -> None:
    a = make_log("a", "2024-01-01", goals=["[ ] Write docs"])
    b = make_log("b", "2024-01-02", steps=["[ ] Write docs"])
    [chain] = run(a, b).outstanding()
    assert chain.first.log.name == "b" and chain.sessions == 1


def test_outstanding_oldest_first() -> None:
    a = make_log("a", "2024-01-01", steps=["[ ] Old one", "[ ] Old two"])
    b = make_log("b", "2024-02-01", steps=["[ ] New one", "[ ] old ONE"])
    assert open_texts(run(b, a)) == ["old ONE", "Old two", "New one"]


texts = st.sampled_from(["Alpha", "alpha.", "Beta", "BETA ", "Gamma", "delta"])
raw_items = st.lists(st.tuples(st.sampled_from(["[ ] ", "[x] ", ""]), texts), max_size=4)


@st.composite
def projects(draw):  # type: ignore[no-untyped-def]
    count = draw(st.integers(min_value=1, max_value=6))
    logs = []
    for i in range(count):
        goals = ["".join(t) for t in draw(raw_items)]
        steps = ["".join(t) for t in draw(raw_items)]
        closes = draw(
            st.lists(
                st.sampled_from([f"l{j}#{k}" for j in range(count) for k in (1, 2)]), max_size=2
            )
        )
        date = f"2024-01-{draw(st.integers(min_value=1, max_value=3)):02d}"
        logs.append(make_log(f"l{i}", date, goals, steps, closes))
    return logs


@settings(max_examples=300)
@given(projects())
def test_chain_invariants(logs: list[Log]) -> None:
    result = run(*logs)
    steps = [(log, step) for log in logs for step in log.steps if normalize(step.text)]
    # every step belongs to exactly one chain, keyed by its text
    assert set(result.by_step) == {(log.docname, step.number) for log, step in steps}
    for log, step in steps:
        assert result.by_step[(log.docname, step.number)].key == normalize(step.text)
    keys = [c.key for c in result.chains]
    assert len(keys) == len(set(keys))  # each chain listed once
    for chain in result.chains:
        positions = [m.position for m in chain.mentions]
        assert positions == sorted(positions)
        assert chain.first.item.kind == "step"
        if not chain.closed_at or max(chain.closed_at) < chain.latest.position:
            assert chain.open == (not chain.latest.item.done)
        else:
            assert chain.open is False
    # a step checked in the last log that mentions its text, with no close, is done
    for chain in result.outstanding():
        assert not chain.latest.item.done


def test_follows_cycles() -> None:
    assert follows_cycles({"a": ["b"], "b": ["a"]}, ["a", "b"]) == [["a", "b"]]
    assert follows_cycles({"b": ["a"], "c": ["b"]}, ["a", "b", "c"]) == []  # a chain
    # two cycles, each from its earliest log; a log outside them is left out
    follows = {"a": ["b"], "b": ["c"], "c": ["a", "d"], "d": ["e"], "e": ["d"], "f": ["a"]}
    assert follows_cycles(follows, ["d", "a", "b", "c", "e", "f"]) == [["d", "e"], ["a", "b", "c"]]
    # the shortest way back, when there are several
    assert follows_cycles({"a": ["b", "c"], "b": ["c"], "c": ["a"]}, ["a", "b", "c"]) == [
        ["a", "c"]
    ]


def test_follows_cycles_is_linear() -> None:
    """200 000 logs in one long chain closed into a cycle, and as many in a plain chain:
    a walk from every log over those it follows would take hours, recursion would fail."""
    count = 200_000
    names = [f"{i:06d}" for i in range(count)]
    chain = {names[i]: [names[i + 1]] for i in range(count - 1)}
    assert follows_cycles(chain, names) == []
    chain[names[-1]] = [names[0]]
    (cycle,) = follows_cycles(chain, names)
    assert cycle == names


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.integers(0, 12), st.lists(st.integers(0, 12), max_size=3), max_size=13))
def test_follows_cycles_are_cycles(edges: dict[int, list[int]]) -> None:
    follows = {str(k): [str(t) for t in v if t != k] for k, v in edges.items()}
    order = [str(i) for i in range(13)]
    cycles = follows_cycles(follows, order)
    seen: set[str] = set()
    for cycle in cycles:
        assert len(cycle) > 1 and not seen & set(cycle)  # each log in one cycle at most
        seen |= set(cycle)
        for here, there in zip(cycle, [*cycle[1:], cycle[0]], strict=True):
            assert there in follows[here]
    # one cycle for each group of logs leading back to one another: a log that leads
    # back to itself shares a group with exactly one cycle's start
    reach = {start: _reached(follows, start) for start in order}
    starts = [cycle[0] for cycle in cycles]
    for log in order:
        same_group = [s for s in starts if s in reach[log] and log in reach[s]]
        assert len(same_group) == (1 if log in reach[log] else 0), (log, cycles)


def _reached(follows: dict[str, list[str]], start: str) -> set[str]:
    reached: set[str] = set()
    todo = list(follows.get(start, []))
    while todo:
        node = todo.pop()
        if node not in reached:
            reached.add(node)
            todo.extend(follows.get(node, []))
    return reached
