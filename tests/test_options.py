"""The devlog directive's own reading of its options, without Sphinx."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sphinxcontrib_devlog.directives.options import read_options


def myst(*lines: str, argument: str = "") -> tuple[str, list[str]]:
    """A MyST directive's block text and the content MyST gives it."""
    first = "```{devlog}" + (f" {argument}" if argument else "")
    content = list(lines)
    if argument:
        content.insert(0, argument)
    elif content and not content[0].strip():
        content = content[1:]  # MyST drops one blank line before the content
    return "\n".join([first, *lines, "```"]) + "\n", content


def rst(*lines: str, argument: str = "") -> tuple[str, list[str]]:
    """A reST directive's block text and the content docutils gives it."""
    first = ".. devlog::" + (f" {argument}" if argument else "")
    content = [line[3:] for line in lines]
    if argument:
        content.insert(0, argument)
    while content and not content[0].strip():
        content = content[1:]  # docutils drops blank lines before the content
    return "\n".join([first, *lines]), content


def values(block) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {name: option.value for name, option in block.options.items()}


def test_plain_options_and_summary() -> None:
    for text, content in (
        myst(":status: success", ":tags: a, b", "", "Summary."),
        rst("   :status: success", "   :tags: a, b", "", "   Summary."),
    ):
        block = read_options(text, content)
        assert values(block) == {"status": "success", "tags": "a, b"}
        assert [o.offset for o in block.options.values()] == [1, 2]
        assert block.used == 2 and content[block.used :] == ["", "Summary."]
        assert (block.argument, block.problems, block.repeated) == ("", [], [])


def test_argument_is_not_an_option() -> None:
    for text, content in (
        myst(":status: success", argument="A title"),
        rst("   :status: success", argument="A title"),
    ):
        block = read_options(text, content)
        assert block.argument == "A title"
        assert values(block) == {"status": "success"} and block.used == 2
        assert block.options["status"].offset == 1


def test_an_option_given_twice_keeps_the_first() -> None:
    for text, content in (
        myst(":status: partial", ":purpose: p", ":status: success"),
        rst("   :status: partial", "   :purpose: p", "   :status: success"),
    ):
        block = read_options(text, content)
        assert values(block) == {"status": "partial", "purpose": "p"}
        ((first, again),) = block.repeated
        assert (first.offset, again.offset, again.value) == (1, 3, "success")


def test_myst_lines_myst_cannot_read_are_read_as_written() -> None:
    text, content = myst(':purpose: "Fix the parser', ":tags:\tparser", ':target: "a" b')
    block = read_options(text, content)
    assert values(block) == {"purpose": '"Fix the parser', "tags": "parser", "target": '"a" b'}
    assert [(offset, "MyST cannot read" in message) for message, offset in block.problems] == [
        (1, True),
        (2, True),
        (3, True),
    ]
    reasons = " ".join(message for message, _offset in block.problems)
    assert "unclosed quote" in reasons and "tab" in reasons and "after the closing quote" in reasons


def test_myst_values_as_myst_reads_them() -> None:
    text, content = myst(
        ':purpose: "Quoted: with a colon"', ":target: 'it''s'", ":dependencies: Fix #12"
    )
    block = read_options(text, content)
    assert values(block) == {
        "purpose": "Quoted: with a colon",
        "target": "it's",
        "dependencies": "Fix #12",  # MyST would cut a comment; the words are kept
    }
    assert block.problems == []


def test_rst_values_as_docutils_reads_them() -> None:
    text, content = rst(
        '   :purpose: "Fix the parser',
        "      across two lines",
        "   :tags:\tparser",  # docutils expands tabs; a tab is no problem in reST
        "",
        "   Summary.",
    )
    block = read_options(text, content)
    assert values(block) == {"purpose": '"Fix the parser\nacross two lines', "tags": "parser"}
    assert block.problems == [] and block.used == 3


def test_a_line_that_is_no_option_ends_the_options() -> None:
    for text, content in (
        myst(":status: success", ":purpose without its colon", ":tags: a"),
        rst("   :status: success", "   :purpose without its colon", "   :tags: a"),
    ):
        block = read_options(text, content)
        assert values(block) == {"status": "success"} and block.used == 1
        ((message, offset),) = block.problems
        assert offset == 2 and "cannot read the option line" in message


def test_a_blank_line_before_the_options() -> None:
    """docutils drops it (and then read no options at all): the lines still count."""
    text, content = rst("", "   :status: success")
    block = read_options(text, content)
    assert values(block) == {"status": "success"}
    assert block.options["status"].offset == 2


def test_myst_yaml_block() -> None:
    text, content = myst("---", "purpose: In YAML", "tags: a, b", "tags: c", "---", "Summary.")
    block = read_options(text, content)
    assert values(block) == {"purpose": "In YAML", "tags": "a, b"}
    assert [o.offset for o in block.options.values()] == [2, 3]
    assert block.repeated[0][1].offset == 4
    assert block.used == 5 and content[block.used :] == ["Summary."]


def test_myst_yaml_block_myst_cannot_read() -> None:
    text, content = myst("---", 'purpose: "unclosed', "tags: a", "---")
    block = read_options(text, content)
    assert values(block) == {"purpose": '"unclosed', "tags": "a"}
    ((message, offset),) = block.problems
    assert offset == 2 and "MyST cannot read the options block" in message


@given(st.lists(st.text(max_size=30), max_size=8), st.booleans(), st.text(max_size=10))
def test_never_raises(lines: list[str], is_myst: bool, argument: str) -> None:
    argument = " ".join(argument.split())
    text, content = (
        myst(*lines, argument=argument)
        if is_myst
        else rst(*("   " + line for line in lines), argument=argument)
    )
    block = read_options(text, content)
    assert 0 <= block.used <= len(content)


def test_option_lines_after_a_blank_line_are_the_summary_and_reported() -> None:
    """Both parsers end the options at a blank line; the lines after it were dropped
    from the options without a word."""
    for text, content in (
        myst(":date: 2024-05-01", "", ":purpose: the purpose", ":status: failed", "", "Text."),
        rst("   :date: 2024-05-01", "", "   :purpose: p", "   :status: failed", "", "   Text."),
    ):
        block = read_options(text, content)
        assert values(block) == {"date": "2024-05-01"} and block.used == 1
        ((message, offset),) = block.problems
        assert offset == 3 and ":purpose:, :status:" in message, message
        assert "remove the blank line" in message


def test_a_summary_that_is_no_option_is_not_reported() -> None:
    for text, content in (
        myst(":date: 2024-05-01", "", "Summary.", ":status: failed"),
        rst("   :date: 2024-05-01", "", "   :Author: a field list of the summary"),
    ):
        assert read_options(text, content).problems == []


def test_myst_yaml_lists_for_list_options() -> None:
    text, content = myst(
        "---",
        "tags: [a, b, A]",
        "follows:",
        "  - one",
        '  - "two"',
        "closes: ['x#1',",
        "  y#2]",
        "purpose: [not, a list option]",
        "---",
    )
    block = read_options(text, content)
    assert values(block) == {
        "tags": "a, b, A",
        "follows": "one, two",
        "closes": "x#1, y#2",
        "purpose": "[not, a list option]",
    }
    assert block.problems == []
    assert [o.offset for o in block.options.values()] == [2, 3, 6, 8]


def test_myst_yaml_lists_myst_cannot_read() -> None:
    """A block list at the key's indentation is YAML MyST's reader rejects."""
    text, content = myst("---", "tags: [a, b]", "follows:", "- one", "- two", "---")
    block = read_options(text, content)
    assert values(block) == {"tags": "a, b", "follows": "one, two"}
    assert [message.startswith("MyST cannot read") for message, _ in block.problems] == [True]


def test_myst_flow_list_on_an_option_line() -> None:
    text, content = myst(":tags: [a, 'b']", ':follows: [x, "y, z"]')
    block = read_options(text, content)
    assert values(block) == {"tags": "a, b", "follows": "x, y, z"}
    ((message, offset),) = block.problems
    assert offset == 2 and "'y, z' holds a comma" in message, message


@given(
    name=st.sampled_from(["purpose", "tags", "follows", "closes", "my-opt", "a b", "x#y"]),
    gap=st.sampled_from([" ", "  ", "\t", " \t", ""]),
    value=st.text(
        alphabet=st.sampled_from(list("ab 1:-,#'\"|>[]{}%!&*\t\x0c\u00a0\u2028\x85é✅")),
        max_size=14,
    ),
)
def test_plain_values_are_read_as_myst_reads_them(name: str, gap: str, value: str) -> None:
    """Values read without MyST's option reader are what it gives, problems included."""
    from sphinxcontrib_devlog.directives import options

    line = f":{name}:{gap}{value}"
    match = options._OPTION.match(line)
    if match is None:
        return
    fast, read = options.OptionBlock(), options.OptionBlock()
    assert options._myst_value(line, match, 1, fast) == options._myst_value_read(
        line, match, 1, read
    )
    assert fast.problems == read.problems


def test_plain_values_skip_the_option_reader() -> None:
    from sphinxcontrib_devlog.directives import options

    for line, plain in (
        (":purpose: Fix the parser: it drops lines", True),
        (":tags: parser, infra", True),
        (':purpose: "quoted"', False),
        (":purpose: fix # a comment", False),
        (":purpose:\tfix", False),
    ):
        match = options._OPTION.match(line)
        assert match is not None
        assert (options._plain_value(line, match) is not None) is plain, line


def test_a_trailing_tab_after_an_empty_value_is_reported() -> None:
    """``:purpose: <tab>``: MyST cannot read it; reported, never a traceback."""
    text, content = myst(":status: success", ":purpose: \t", ":tags: a")
    block = read_options(text, content)
    ((message, offset),) = block.problems
    assert offset == 2 and "MyST cannot read the option line ':purpose:'" in message
