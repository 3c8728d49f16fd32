"""The log template, and the text a log may still hold from it.

``sphinx-devlog new`` writes a log from :data:`MYST_TEMPLATE` or :data:`RST_TEMPLATE`;
what the user is to write over is a *placeholder*: a purpose, dependencies, and one
item of each kind, each in parentheses so that it reads as an instruction, never as a
goal or a next step. The build reads the same placeholders here, and those of the
templates before this one (``Goal 1``, ``Key insight 1``, ``Follow-up task 1``,
``path/to/file.py``, ``What this session attempts``, ``What was needed``, the plain
template's ``[Key insight 1]``, ...), which logs written from them still hold: a
placeholder item is no item (it keeps its number, as an empty item does, so the items
after it keep theirs) and a placeholder purpose or dependencies is not recorded; each is
a warning with its file and line, so ``sphinx-devlog check`` lists what is left to fill in.

No Sphinx imports: the command line and both readers (item directives, plain logs) use it.
"""

from __future__ import annotations

import re

from .model import collapse

#: the template's header placeholders, by option
PURPOSE = "(what this session sets out to do)"
DEPENDENCIES = "(what it needs: tools, versions, earlier sessions)"
#: the template's item placeholders, by kind (a file: its path and its description)
GOAL = "(a goal of this session)"
LESSON = "(a lesson worth keeping)"
STEP = "(a step left for a later session)"
FILE_PATH = "path/to/file"
FILE_DESCRIPTION = "(what changed)"
#: the template's prose placeholders: comments, which the page does not show
DONE_NOTE = "What was done, the commands run and what happened."
OUTCOME_NOTE = "What was completed, what is partial, what failed and why."

#: what earlier templates wrote, which logs written from them still hold (``{n}`` is any
#: number); ``new``'s own placeholders are added to them
EARLIER: dict[str, tuple[str, ...]] = {
    "purpose": ("What this session attempts", "What was attempted"),
    "dependencies": ("What was needed",),
    "goal": ("Goal {n}",),
    "lesson": ("Key insight {n}",),
    "step": ("Follow-up task {n}",),
    "file": ("path/to/file.py", "src/file{n}.py"),
}

_CURRENT = {
    "purpose": PURPOSE,
    "dependencies": DEPENDENCIES,
    "goal": GOAL,
    "lesson": LESSON,
    "step": STEP,
    "file": FILE_PATH,
}

#: the word for each kind of item and each field in messages
_WORDS = {
    "goal": "goal",
    "lesson": "lesson",
    "step": "next step",
    "file": "file",
    "purpose": "purpose",
    "dependencies": "dependencies",
}


def key(text: str) -> str:
    """*text* as placeholders are compared: whitespace collapsed, case ignored, without a
    trailing period and without the brackets or parentheses around it (the plain
    template's ``[Key insight 1]`` is ``Key insight 1``)."""
    text = collapse(text).rstrip(".").strip()
    if len(text) > 1 and (text[0], text[-1]) in (("[", "]"), ("(", ")")):
        text = text[1:-1].strip()
    return text.casefold()


def _number_pattern(texts: tuple[str, ...]) -> re.Pattern[str]:
    """Alternatives for the keys of *texts*, in which ``{n}`` stands for any number."""
    return re.compile("|".join(re.escape(key(text)).replace(r"\{n\}", r"\d+") for text in texts))


#: option or kind -> what its placeholders' keys match
_PLACEHOLDERS: dict[str, re.Pattern[str]] = {
    name: _number_pattern((_CURRENT[name], *earlier)) for name, earlier in EARLIER.items()
}


def is_placeholder(name: str, text: str) -> bool:
    """Whether *text* — an item's text (a file's path, for a file) or the value of the
    ``purpose`` or ``dependencies`` field — is a template's placeholder."""
    pattern = _PLACEHOLDERS.get(name)
    return pattern is not None and bool(text) and pattern.fullmatch(key(text)) is not None


def placeholder_item(kind: str, text: str, path: str = "") -> bool:
    """Whether an item of *kind* with *text* (a file: with *path*) is a placeholder."""
    return is_placeholder(kind, path if kind == "file" else text)


def item_message(kind: str, text: str) -> str:
    """The warning for a placeholder item."""
    return (
        f"template text left in the log: the {_WORDS[kind]} {collapse(text)!r} is not "
        "counted (write over it, or delete it)"
    )


def field_message(option: str, value: str) -> str:
    """The warning for a placeholder purpose or dependencies."""
    verb = "are" if option == "dependencies" else "is"
    return (
        f"template text left in the log: the {_WORDS[option]} {collapse(value)!r} {verb} "
        "not recorded (write over it, or delete it)"
    )


#: the options whose placeholders the build reports
PLACEHOLDER_OPTIONS = ("purpose", "dependencies")


MYST_TEMPLATE = f"""\
# {{title}}

```{{{{devlog}}}}
:status: {{status}}
:date: {{date}}
:purpose: {PURPOSE}
:dependencies: {DEPENDENCIES}
:target: AI assistants, developers
```

## Session Goals

```{{{{devlog:goals}}}}
- [ ] {GOAL}
```

## Implementation Log

### {{time}} - Start

% {DONE_NOTE}

## Outcomes

% {OUTCOME_NOTE}

## Lessons Learned

```{{{{devlog:lessons}}}}
- {LESSON}
```

## Next Steps

```{{{{devlog:next-steps}}}}
- [ ] {STEP}
```

## Files Modified

```{{{{devlog:files}}}}
- `{FILE_PATH}` - {FILE_DESCRIPTION}
```
"""


RST_TEMPLATE = f"""\
{{title}}
{{underline}}

.. devlog::
   :status: {{status}}
   :date: {{date}}
   :purpose: {PURPOSE}
   :dependencies: {DEPENDENCIES}
   :target: AI assistants, developers

Session Goals
-------------

.. devlog:goals::

   - [ ] {GOAL}

Implementation Log
------------------

{{time}} - Start
~~~~~~~~~~~~~~

.. {DONE_NOTE}

Outcomes
--------

.. {OUTCOME_NOTE}

Lessons Learned
---------------

.. devlog:lessons::

   - {LESSON}

Next Steps
----------

.. devlog:next-steps::

   - [ ] {STEP}

Files Modified
--------------

.. devlog:files::

   - ``{FILE_PATH}`` - {FILE_DESCRIPTION}
"""
