"""The ``devlog_*`` configuration values as one dataclass, validated once.

Each field's metadata carries its help text and validator; ``setup()`` registers
one Sphinx config value per field and the docs render the table from here.
The dataclass imports nothing from Sphinx (the command line reads configurations
too); the functions at the end are its Sphinx glue: registering the values, checking
them on ``config-inited``, and the checked values of a build (:func:`devlog_config`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .fields import REQUIRABLE_NAMES
from .filenames import DEFAULT_FILENAME_PATTERN
from .plain.sections import SectionWords

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: sphinx-design's colour names, usable as badge colours.
BADGE_COLOURS = (
    "primary",
    "secondary",
    "success",
    "info",
    "warning",
    "danger",
    "light",
    "muted",
    "dark",
    "white",
    "black",
)

DEFAULT_STATUSES: dict[str, str] = {
    "success": "success",
    "complete": "primary",
    "partial": "warning",
    "failed": "danger",
    "blocked": "secondary",
}

#: Fields a log can be required to have (``devlog_required_fields``; from :mod:`.fields`).
REQUIRABLE_FIELDS = REQUIRABLE_NAMES


class ConfigValueError(ValueError):
    """A configuration value that cannot be used; the default is used instead."""


def _check_statuses(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping) or not value:
        raise ConfigValueError("must be a non-empty dict of status name -> badge colour")
    result: dict[str, str] = {}
    for key, colour in value.items():
        if not isinstance(key, str) or not key.strip() or not isinstance(colour, str):
            raise ConfigValueError(f"entry {key!r}: {colour!r} is not 'status': 'colour'")
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", key.strip()):
            raise ConfigValueError(f"status {key!r} must be one word (letters, digits, _)")
        if colour not in BADGE_COLOURS:
            raise ConfigValueError(
                f"colour {colour!r} of status {key!r} is not one of {', '.join(BADGE_COLOURS)}"
            )
        result.setdefault(key.strip().lower(), colour)  # the first of keys differing in case
    return result


def _case_twins(value: Any) -> list[tuple[str, str]]:
    """``(kept, ignored)`` keys of *value* that differ only in case (or surrounding space)."""
    if not isinstance(value, Mapping):
        return []
    first: dict[str, str] = {}
    twins = []
    for key in value:
        if isinstance(key, str):
            kept = first.setdefault(key.strip().lower(), key)
            if kept is not key:
                twins.append((kept, key))
    return twins


def _check_pattern(value: Any) -> str:
    if not isinstance(value, str):
        raise ConfigValueError("must be a regular expression string")
    try:
        compiled = re.compile(value)
    except re.error as exc:
        raise ConfigValueError(f"is not a valid regular expression: {exc}") from exc
    missing = {"date", "slug", "status"} - set(compiled.groupindex)
    if missing:
        raise ConfigValueError(f"lacks the named group(s) {', '.join(sorted(missing))}")
    return value


def _check_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigValueError("must be True or False")
    return value


def _check_required(value: Any) -> list[str]:
    if isinstance(value, str) or not isinstance(value, (list, tuple, set, frozenset)):
        raise ConfigValueError("must be a list of field names")
    unknown = [v for v in value if v not in REQUIRABLE_FIELDS]
    if unknown:
        raise ConfigValueError(
            f"unknown field(s) {', '.join(map(repr, unknown))}; "
            f"choose from {', '.join(REQUIRABLE_FIELDS)}"
        )
    return sorted(set(value), key=REQUIRABLE_FIELDS.index)


def _check_globs(value: Any) -> list[str]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ConfigValueError("must be a list of docname globs, e.g. ['logs/*']")
    if not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigValueError("must hold non-empty strings")
    return [v.strip() for v in value]


def _check_aliases(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise ConfigValueError("must be a dict of free text -> status")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ConfigValueError("must map strings to status names")
    return {k: v.strip().lower() for k, v in value.items()}


#: what a heading word may name in ``devlog_section_words`` ("" : a section of no items)
SECTION_WORD_KINDS = ("goal", "lesson", "step", "file", "")


def _check_section_words(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise ConfigValueError("must be a dict of heading words -> item kind")
    result: dict[str, str] = {}
    for key, kind in value.items():
        if not isinstance(key, str) or not key.strip():
            raise ConfigValueError(f"key {key!r} is not heading words")
        kind = "" if kind is None else kind
        if not isinstance(kind, str) or kind.strip().lower() not in SECTION_WORD_KINDS:
            raise ConfigValueError(
                f'{key!r}: {kind!r} is not an item kind (goal, lesson, step, file, or "" '
                "for a section that holds no items)"
            )
        result[key.strip()] = kind.strip().lower()
    return result


def _check_patterns(value: Any) -> list[str]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ConfigValueError("must be a list of name patterns, e.g. ['readme*', 'index']")
    if not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigValueError("must hold non-empty strings")
    return [v.strip() for v in value]


def _check_url(placeholder: str) -> Callable[[Any], str]:
    """A URL template holding ``{placeholder}`` (``""``: no links)."""

    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise ConfigValueError(f"must be a URL template with {{{placeholder}}}, or ''")
        if not value:
            return value
        if f"{{{placeholder}}}" not in value:
            raise ConfigValueError(f"has no {{{placeholder}}} to put the {placeholder} in")
        try:
            value.format_map({placeholder: "x"})
        except Exception as exc:  # any other field or format spec: KeyError, TypeError, ...
            raise ConfigValueError(
                f"holds braces other than {{{placeholder}}} ({exc}); write {{{{ and }}}} "
                "for literal braces"
            ) from exc
        return value

    return check


def _check_path(value: Any) -> str:
    if isinstance(value, Path):
        value = str(value)
    if not isinstance(value, str):
        raise ConfigValueError("must be a folder path (relative to conf.py's folder), or ''")
    return value


#: days ``devlog_check_git_dates = True`` allows between a log's date and its first commit
GIT_DATE_DAYS = 14


def _check_count(unit: str) -> Callable[[Any], bool | int]:
    """``False``, ``True`` or a number of *unit* (0 or more); from ``-D``, a string of digits
    (Sphinx passes ``0`` and ``1`` on as ``False`` and ``True``)."""

    def check(value: Any) -> bool | int:
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value >= 0:
            return value
        if isinstance(value, str) and value.isascii() and value.isdigit():
            return int(value)  # -D devlog_check_git_dates=30
        raise ConfigValueError(f"must be True, False or a number of {unit} (0 or more)")

    return check


#: the logs a feed holds with ``devlog_feed = True``
FEED_ENTRIES = 20


def _meta(
    help_text: str,
    check: Callable[[Any], Any],
    shown_default: str = "",
    types: tuple[type, ...] = (),
) -> dict[str, Any]:
    """*types*: the types Sphinx is told the value takes, when the default's type is not
    the only one (with ``bool`` among several, ``-D`` passes anything but ``0`` and ``1``
    on as a string, for *check* to read)."""
    return {"help": help_text, "check": check, "shown_default": shown_default, "types": types}


@dataclass(frozen=True)
class DevlogConfig:
    """All ``devlog_*`` settings, already checked."""

    devlog_statuses: dict[str, str] = field(
        default_factory=lambda: dict(DEFAULT_STATUSES),
        metadata=_meta(
            "Allowed statuses (matched case-insensitively) and their badge colour, "
            "one of sphinx-design's colours.",
            _check_statuses,
        ),
    )
    devlog_filename_pattern: str = field(
        default=DEFAULT_FILENAME_PATTERN,
        metadata=_meta(
            "How log filenames are read: a regular expression matched against the "
            "whole base name, with the named groups ``date``, ``slug`` and ``status``.",
            _check_pattern,
        ),
    )
    devlog_check_filename: bool = field(
        default=True,
        metadata=_meta(
            "Run the filename, status and date checks against the filename.", _check_bool
        ),
    )
    devlog_required_fields: list[str] = field(
        default_factory=lambda: ["status", "date"],
        metadata=_meta(
            "Fields every log must have, from its options or its filename; a missing "
            "one is a ``devlog.field`` warning. Choose from: "
            + ", ".join(f"``{f}``" for f in REQUIRABLE_FIELDS)
            + ".",
            _check_required,
        ),
    )
    devlog_plain_logs: list[str] = field(
        default_factory=list,
        metadata=_meta(
            'Docname globs (e.g. ``["logs/*"]``) of documents read as plain-template logs '
            "when they hold no ``devlog`` directive: the HEADER block gives the options and "
            "the titled sections the goals, lessons, next steps and files.",
            _check_globs,
        ),
    )
    devlog_status_aliases: dict[str, str] = field(
        default_factory=dict,
        metadata=_meta(
            "Free text (a whole status line, or a word in it) -> status, for plain logs. "
            "Extends the built-in aliases (``completed``, ``done``, ``wip``, ``stuck``, ...); "
            "emoji, case and punctuation are ignored.",
            _check_aliases,
        ),
    )
    devlog_plain_exclude: list[str] = field(
        default_factory=lambda: ["readme*", "index", "contents", "template*", "*template", "_*"],
        metadata=_meta(
            "Documents under ``devlog_plain_logs`` that are never read as logs, whatever "
            "they hold: patterns matched case-insensitively against the base name "
            "(``readme*``), or against the docname when they hold a ``/`` "
            "(``logs/drafts/*``). A folder's README that explains the log template, with an "
            "example HEADER, stays a page.",
            _check_patterns,
        ),
    )
    devlog_section_words: dict[str, str] = field(
        default_factory=dict,
        metadata=_meta(
            "Heading words -> item kind, for plain logs: ``goal``, ``lesson``, ``step`` or "
            '``file``, or ``""`` for a section that holds no items. Added to the built-in '
            "words (*lessons*, *insights*, *next steps*, *future work*, *files modified*, "
            '...); a heading names a kind when it holds such words (``{"parking lot": '
            '"step"}`` reads *## Parking lot* as next steps).',
            _check_section_words,
        ),
    )
    devlog_json: bool = field(
        default=True,
        metadata=_meta(
            "Write ``devlog.json``, and beside it the brief ``devlog-brief.md``, into the "
            "output directory.",
            _check_bool,
        ),
    )
    devlog_sphinx_design: bool = field(
        default=False,
        metadata=_meta(
            "Load the whole of sphinx-design with the extension. By default only the "
            "styles of its badges are shipped (HTML builders), and sphinx-design's "
            "directives are available when ``sphinx_design`` is in ``extensions``: "
            "loading it costs about 5 % of every build. Read when the extension is set "
            "up, so it is set in ``conf.py`` or with ``-D``.",
            _check_bool,
        ),
    )

    devlog_source_url: str = field(
        default="",
        metadata=_meta(
            "A URL template with ``{path}`` (e.g. "
            "``https://example.org/repo/blob/main/{path}``): every Files Modified item, "
            "and each file of ``devlog:filehistory``, links to its file. ``{path}`` is the "
            "path as the log writes it, normalised (``./src/a.py`` is ``src/a.py``) and "
            "quoted; an absolute path links only with ``devlog_source_root`` set, by the "
            "tail of it found there. Globs, words, framework names (*Next.js*), paths "
            "leaving the project (``../x``) and files an item says are deleted, removed, "
            "renamed or moved link nowhere; bracketed routes (``app/[slug]/page.tsx``) "
            "are paths.",
            _check_url("path"),
        ),
    )
    devlog_commit_url: str = field(
        default="",
        metadata=_meta(
            "A URL template with ``{sha}`` (e.g. ``https://example.org/repo/commit/{sha}``): "
            "commit hashes written in a log, 7 to 12 or 40 hex digits in code or plain "
            "text, become links, there and where collections show the log's items. A hash "
            "is a word of its own, with a digit and a letter a-f, in one case: not part "
            "of a longer word, a UUID, a ``#colour``, ``0x...``, a path or a URL, not "
            "``1e100000`` nor six letters in a row (``facade1``), not after ``md5``, "
            "``etag``, ``trace`` and the like, and never in a link, a code block or a "
            "title.",
            _check_url("sha"),
        ),
    )
    devlog_source_root: str = field(
        default="",
        metadata=_meta(
            "Opt-in: the project's folder, relative to ``conf.py``'s (e.g. ``..``). A "
            "Files Modified path that does not exist there (a glob that matches nothing) "
            "is a ``devlog.file`` warning; an absolute path from another machine is "
            "matched by the longest tail of it that exists there (a bare file name only "
            "after a folder named as the project's). Words that are no path (*Updated*, "
            "*N/A*) and files an item says are gone (*deleted*, *renamed to ...*) are not "
            "checked. Looked at again on every build.",
            _check_path,
        ),
    )
    devlog_check_git_dates: bool | int = field(
        default=False,
        metadata=_meta(
            "Opt-in: report (``devlog.date``) a log whose filename date (else its ``date`` "
            "field) is more than this many days from the day its file was first committed, "
            f"renames followed (``True``: {GIT_DATE_DAYS} days). Checked on every build, with "
            "one ``git log`` of the logs' folders. Without git, for a file not committed yet, "
            "in a shallow clone's first commit, or in a commit importing older logs, nothing "
            "is reported: see *Dates against the history* in the checks. On the command line, "
            "``-D devlog_check_git_dates=30`` sets the days; ``0`` and ``1`` are off and on, "
            "as for any Sphinx boolean.",
            _check_count("days"),
            types=(bool, int),
        ),
    )

    devlog_feed: bool | int = field(
        default=False,
        metadata=_meta(
            "With ``html_baseurl`` set: write an Atom feed of the latest dated logs, "
            f"``devlog.atom``, beside the pages (``True``: the {FEED_ENTRIES} latest; a number: "
            'that many), and announce it on every page with ``<link rel="alternate">``. '
            "HTML builders that make a site only (``html``, ``dirhtml``, ``singlehtml``; not "
            "``epub``); without ``html_baseurl`` they warn and write none.",
            _check_count("logs"),
            types=(bool, int),
        ),
    )

    @property
    def feed_entries(self) -> int:
        """How many logs the feed holds (``0``: no feed)."""
        value = self.devlog_feed
        if value is True:
            return FEED_ENTRIES
        return int(value)

    @property
    def git_date_days(self) -> int | None:
        """The days ``devlog_check_git_dates`` allows (``None``: not checked)."""
        value = self.devlog_check_git_dates
        if value is True:
            return GIT_DATE_DAYS
        if value is False:
            return None
        return int(value)

    @cached_property
    def section_words(self) -> SectionWords:
        """The heading words in use, built once per configuration."""
        return SectionWords.make(self.devlog_section_words)

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> tuple[DevlogConfig, list[tuple[str, str]]]:
        """Build a config from raw values; returns it and ``(name, problem)`` pairs.

        A value that fails its check is replaced by the default.
        """
        problems: list[tuple[str, str]] = []
        kwargs: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in values:
                continue
            try:
                kwargs[f.name] = f.metadata["check"](values[f.name])
            except ConfigValueError as exc:
                problems.append((f.name, f"{f.name} {exc}; using the default"))
        if "devlog_statuses" in kwargs:
            for kept, ignored in _case_twins(values["devlog_statuses"]):
                problems.append(
                    (
                        "devlog_statuses",
                        f"devlog_statuses has {kept!r} and {ignored!r}, which differ only in "
                        f"case (statuses are matched case-insensitively); {ignored!r} is ignored",
                    )
                )
        aliases = kwargs.get("devlog_status_aliases", {})
        statuses = kwargs.get("devlog_statuses", DEFAULT_STATUSES)
        unknown = {k: v for k, v in aliases.items() if v not in statuses}
        if unknown:
            problems.append(
                (
                    "devlog_status_aliases",
                    "devlog_status_aliases maps to unknown status(es) "
                    + ", ".join(f"{k!r}: {v!r}" for k, v in unknown.items())
                    + f" (known: {', '.join(statuses)}); those entries are ignored",
                )
            )
            kwargs["devlog_status_aliases"] = {k: v for k, v in aliases.items() if k not in unknown}
        return cls(**kwargs), problems


def config_table() -> list[tuple[str, str, str]]:
    """``(name, default as Python, help)`` rows, for the docs."""
    rows = []
    defaults = DevlogConfig()
    for f in fields(DevlogConfig):
        rows.append((f.name, repr(getattr(defaults, f.name)), f.metadata["help"]))
    return rows


def fields_of() -> list[str]:
    """The names of all ``devlog_*`` config values."""
    return [f.name for f in fields(DevlogConfig)]


# -- in a Sphinx build ------------------------------------------------------------------


def devlog_config(env: BuildEnvironment) -> DevlogConfig:
    """The checked ``devlog_*`` values of a build, made once and kept on its environment
    (by the devlog domain, which lives as long as the environment's build)."""
    from .domain import devlog_domain

    return devlog_domain(env).config


def check_config(app: Sphinx, config: Config) -> None:
    """``config-inited``: check the ``devlog_*`` values; a bad one is reported (with the
    line of ``conf.py`` that sets it) and replaced by its default."""
    from sphinx.errors import ConfigError

    from .warnings_ import DevlogWarning, warn

    values = {}
    for name in fields_of():
        try:
            values[name] = getattr(config, name)
        except ConfigError as exc:  # a -D value Sphinx cannot convert: the default is used
            warn(DevlogWarning.CONFIG, f"-D {name}: {exc}; using the default", None)
    checked, problems = DevlogConfig.from_values(values)
    for name, message in problems:
        warn(DevlogWarning.CONFIG, message, conf_location(app, name))
    for name in fields_of():
        setattr(config, name, getattr(checked, name))


def conf_location(app: Sphinx, name: str) -> Element | None:
    """conf.py and the line that sets *name* there, as a node Sphinx can report."""
    from docutils import nodes

    conf_py = Path(app.confdir, "conf.py") if app.confdir else None
    if conf_py is None or not conf_py.is_file():
        return None
    node = nodes.Element()
    node.source = str(conf_py)
    lines = conf_py.read_text(encoding="utf-8", errors="replace").splitlines()
    node.line = next((n for n, text in enumerate(lines, 1) if text.lstrip().startswith(name)), None)
    return node


def wants_sphinx_design(app: Sphinx) -> bool:
    """Whether to load sphinx-design (``devlog_sphinx_design``).

    The value from ``conf.py`` or ``-D`` is already readable when extensions are set
    up: Sphinx reads the configuration file first, and a value registered with
    :meth:`~sphinx.application.Sphinx.add_config_value` is looked up there on first use.
    A value that is not a boolean keeps the default; ``config-inited`` reports it.
    """
    from sphinx.errors import ConfigError

    try:
        return _check_bool(app.config.devlog_sphinx_design)
    except (ConfigValueError, ConfigError):
        return DevlogConfig.devlog_sphinx_design


def setup_config(app: Sphinx) -> None:
    defaults = DevlogConfig()
    for f in fields(DevlogConfig):
        app.add_config_value(f.name, getattr(defaults, f.name), "env", f.metadata["types"])
    app.connect("config-inited", check_config)
