"""``devlog.atom``: the Atom feed of the latest logs (``devlog_feed`` with ``html_baseurl``)."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import copy_root, devlog_warnings, outputs
from corpus import write_project
from hypothesis import given
from hypothesis import strategies as st
from test_parallel import merged  # noqa: F401 - the fixture

from sphinxcontrib_devlog.feed import (
    ATOM_NS,
    FeedInfo,
    absolute_url,
    atom_date,
    categories,
    feed_text,
    latest_logs,
    summary_text,
)
from sphinxcontrib_devlog.model import Fields, Log

A = f"{{{ATOM_NS}}}"
BASE = "https://docs.example.org/tidewater/"
FEED = "devlog.atom"
_LINK_TAG = re.compile(r'<link rel="alternate" type="application/atom\+xml"[^>]*>')
_ATOM_DATE = re.compile(r"\d{4}-\d{2}-\d{2}T00:00:00Z")


# -- the pure part --------------------------------------------------------------------


def _log(name: str, date: str = "", title: str = "", **fields: object) -> Log:
    return Log(
        docname=f"logs/{name}",
        name=name,
        stable_name=name,
        title=title or name,
        fields=Fields(date=date, **fields),  # type: ignore[arg-type]
    )


def test_latest_logs_newest_first_dated_only_bounded() -> None:
    logs = [
        _log("2024-01-02_b-success", "2024-01-02"),
        _log("notes", ""),
        _log("2024-01-03_a-success", "2024-01-03"),
        _log("2024-01-02_a-success", "2024-01-02"),
        _log("bad-date", "07/09/2025"),
    ]
    names = [log.name for log in latest_logs(logs, 10)]
    assert names == ["2024-01-03_a-success", "2024-01-02_b-success", "2024-01-02_a-success"]
    assert [log.name for log in latest_logs(logs, 2)] == names[:2]
    assert latest_logs(logs, 0) == []


def test_summary_and_categories() -> None:
    log = _log(
        "x",
        "2024-01-02",
        status="blocked",
        status_text="waiting  for\nthe key",
        purpose="Reach the\n gauge API.",
        tags=["data", "blocked", "api"],
    )
    assert summary_text(log) == "Status: blocked (waiting for the key). Reach the gauge API."
    assert categories(log) == ["blocked", "data", "api"]
    assert summary_text(_log("y", "2024-01-02")) == ""
    assert atom_date("2024-03-05") == "2024-03-05T00:00:00Z"


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("logs/a.html", BASE + "logs/a.html"),  # html
        ("logs/a/", BASE + "logs/a/"),  # dirhtml
        ("", BASE),  # dirhtml's root
        ("#document-logs/a", BASE + "index.html#document-logs/a"),  # singlehtml
        ("logs/a b.html", BASE + "logs/a%20b.html"),
    ],
)
def test_absolute_url(uri: str, expected: str) -> None:
    assert absolute_url(BASE, uri, "index.html") == expected
    assert absolute_url(BASE.rstrip("/"), uri, "index.html") == expected  # as Sphinx joins


_INFO = FeedInfo("T <b>&", "A & B", BASE + FEED, BASE)


@given(
    st.lists(
        st.tuples(st.text(), st.text(), st.lists(st.text(), max_size=3)), min_size=1, max_size=4
    )
)
def test_feed_text_holds_any_text_as_text(values: list[tuple[str, str, list[str]]]) -> None:
    """Titles, purposes and tags of any characters give well-formed XML holding them as
    text (less what XML 1.0 cannot hold at all)."""
    not_xml = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
    logs = [
        _log(f"l{i}", "2024-01-02", title=title, purpose=purpose, tags=tags)
        for i, (title, purpose, tags) in enumerate(values)
    ]
    root = ET.fromstring(feed_text(_INFO, logs, lambda log: BASE + log.name))

    def kept(text: str) -> str:  # what XML keeps of a text: line ends are read as \n
        return not_xml.sub("", text).replace("\r\n", "\n").replace("\r", "\n")

    assert root.findtext(f"{A}title") == "T <b>&"
    entries = root.findall(f"{A}entry")
    for log, entry in zip(logs, entries, strict=True):
        assert entry.findtext(f"{A}title") == kept(log.title)
        assert entry.findtext(f"{A}summary", "") == kept(summary_text(log))
        terms = [c.get("term") for c in entry.findall(f"{A}category")]
        assert terms == [not_xml.sub("", t) for t in categories(log)]


def test_empty_feed_is_valid() -> None:
    root = ET.fromstring(feed_text(_INFO, [], lambda log: ""))
    assert root.findtext(f"{A}updated") == "1970-01-01T00:00:00Z"
    assert root.findall(f"{A}entry") == []


# -- in builds ------------------------------------------------------------------------

LOGS = {
    # name: (title, date line)
    "2024-03-04_parser-success": ("Tide table parser", "2024-03-04"),
    "2024-03-09_b-gauge-blocked": ("Gauge <b>& API", "2024-03-09"),
    "2024-03-09_a-fit-partial": ("Harmonic fit", "2024-03-09"),
    "2024-02-01_bootstrap-complete": ("Bootstrap", "2024-02-01"),
}
NEWEST_FIRST = [
    "2024-03-09_b-gauge-blocked",
    "2024-03-09_a-fit-partial",
    "2024-03-04_parser-success",
    "2024-02-01_bootstrap-complete",
]


def write_logs(src: Path, conf: str = "") -> Path:
    """A MyST project of :data:`LOGS` and one undated log, ``conf`` added to its conf.py."""
    (src / "logs").mkdir(parents=True)
    (src / "conf.py").write_text(
        'project = "Tidewater"\n'
        'extensions = ["myst_parser", "sphinxcontrib_devlog"]\n'
        'myst_enable_extensions = ["colon_fence", "tasklist"]\n'
        'exclude_patterns = ["_build"]\n' + conf,
        encoding="utf-8",
    )
    (src / "index.md").write_text(
        "# Tidewater\n\n```{toctree}\n:glob:\nlogs/*\n```\n", encoding="utf-8"
    )
    for name, (title, date) in LOGS.items():
        (src / "logs" / f"{name}.md").write_text(
            f"# {title}\n\n```{{devlog}}\n:date: {date}\n:purpose: Work on {title}\n"
            ":tags: data, <i>\n```\n",
            encoding="utf-8",
        )
    (src / "logs" / "undated-notes.md").write_text(
        "# Undated notes\n\n```{devlog}\n:status: success\n```\n", encoding="utf-8"
    )
    return src


FEED_CONF = f'devlog_feed = True\nhtml_baseurl = "{BASE}"\n'


def _build(make_app, src: Path, builder: str = "html", **kwargs):  # type: ignore[no-untyped-def]
    kwargs.setdefault("freshenv", True)
    app = make_app(builder, srcdir=src, **kwargs)
    app.build()
    app.cleanup()
    return app


def _feed(app) -> ET.Element:  # type: ignore[no-untyped-def]
    return ET.fromstring((Path(app.outdir) / FEED).read_bytes())


def test_feed_is_atom(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Every element RFC 4287 requires, in the Atom namespace; entries newest first (by
    date, then name); undated logs left out; the feed's date is the newest log's."""
    app = _build(make_app, write_logs(tmp_path / "p", FEED_CONF + 'author = "Ana & Bo"\n'))
    data = (Path(app.outdir) / FEED).read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="')
    root = ET.fromstring(data)
    assert root.tag == f"{A}feed"
    assert all(el.tag.startswith(A) for el in root.iter())
    for tag in ("id", "title", "updated"):
        assert len(root.findall(f"{A}{tag}")) == 1, tag
    assert root.findtext(f"{A}id") == BASE + FEED
    assert root.findtext(f"{A}title") == "Tidewater development logs"
    assert root.findtext(f"{A}updated") == "2024-03-09T00:00:00Z"
    assert root.findtext(f"{A}author/{A}name") == "Ana & Bo"
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{A}link")}
    assert links == {"self": BASE + FEED, "alternate": BASE + "index.html"}

    entries = root.findall(f"{A}entry")
    ids = [entry.findtext(f"{A}id") for entry in entries]
    assert ids == [f"{BASE}logs/{name}.html" for name in NEWEST_FIRST]
    for entry, name in zip(entries, NEWEST_FIRST, strict=True):
        for tag in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{tag}")) == 1, tag
        title, date = LOGS[name]
        assert entry.findtext(f"{A}title") == title
        assert entry.findtext(f"{A}updated") == f"{date}T00:00:00Z"
        assert _ATOM_DATE.fullmatch(entry.findtext(f"{A}updated") or "")
        (link,) = entry.findall(f"{A}link")
        assert link.get("rel") == "alternate"
        assert link.get("href") == entry.findtext(f"{A}id")
        status = name.rsplit("-", 1)[1]
        assert entry.findtext(f"{A}summary") == f"Status: {status}. Work on {title}."
        assert [c.get("term") for c in entry.findall(f"{A}category")] == [status, "data", "<i>"]
    # the page each entry names exists
    for entry_id in ids:
        assert (Path(app.outdir) / entry_id.removeprefix(BASE)).is_file()
    # markup in a title is text in the file
    assert b"<title>Gauge &lt;b&gt;&amp; API</title>" in data
    assert b"<b>" not in data and b"<i>" not in data


def test_feed_limit_and_author_fallback(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = _build(
        make_app,
        write_logs(tmp_path / "p", f'devlog_feed = 2\nhtml_baseurl = "{BASE}"\n'),
    )
    root = _feed(app)
    ids = [entry.findtext(f"{A}id") for entry in root.findall(f"{A}entry")]
    assert ids == [f"{BASE}logs/{name}.html" for name in NEWEST_FIRST[:2]]
    assert root.findtext(f"{A}author/{A}name") == "Tidewater"  # no author: the project


def test_feed_true_holds_twenty(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = write_project(tmp_path / "many", 24)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("\n" + FEED_CONF)
    app = _build(make_app, src)
    entries = _feed(app).findall(f"{A}entry")
    assert len(entries) == 20
    dates = [entry.findtext(f"{A}updated") for entry in entries]
    assert dates == sorted(dates, reverse=True)


def test_feed_byte_stable_and_written_only_when_changed(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = write_logs(tmp_path / "p", FEED_CONF)
    app = _build(make_app, src)
    path = Path(app.outdir) / FEED
    first, stamp = path.read_bytes(), path.stat().st_mtime_ns
    _build(make_app, src)  # a fresh environment, into the same output
    assert path.read_bytes() == first
    assert path.stat().st_mtime_ns == stamp


def test_pages_announce_the_feed(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Every page's head links to the feed, title escaped."""
    conf = FEED_CONF.replace("Tidewater", "x") + 'project = "Tide <b>& \\"water\\""\n'
    app = _build(make_app, write_logs(tmp_path / "p", conf))
    pages = {n: d.decode() for n, d in outputs(app.outdir, (".html",)).items()}
    assert {"index.html", "genindex.html", "search.html"} <= pages.keys()
    for name, html in pages.items():
        head = html.split("</head>", 1)[0]
        assert _LINK_TAG.findall(head) == [
            '<link rel="alternate" type="application/atom+xml" '
            'title="Tide &lt;b&gt;&amp; &quot;water&quot; development logs" '
            f'href="{BASE}devlog.atom" />'
        ], name
    assert _feed(app).findtext(f"{A}title") == 'Tide <b>& "water" development logs'


@pytest.mark.parametrize(
    ("builder", "page", "site"),
    [
        ("dirhtml", "{}/", BASE),
        ("singlehtml", "index.html#document-{}", BASE),
    ],
)
def test_feed_urls_follow_the_builder(make_app, tmp_path, builder, page, site) -> None:  # type: ignore[no-untyped-def]
    app = _build(make_app, write_logs(tmp_path / "p", FEED_CONF), builder)
    root = _feed(app)
    ids = [entry.findtext(f"{A}id") for entry in root.findall(f"{A}entry")]
    assert ids == [BASE + page.format(f"logs/{name}") for name in NEWEST_FIRST]
    alternate = root.find(f"{A}link[@rel='alternate']")
    assert alternate is not None and alternate.get("href") == site
    index = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert len(_LINK_TAG.findall(index)) == 1


def test_no_baseurl_warns_once(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = _build(make_app, write_logs(tmp_path / "p", "devlog_feed = 5\n"))
    warnings = [w for w in devlog_warnings(app) if w.type == "devlog.config"]
    assert len(warnings) == 1, warnings
    assert warnings[0].path == "conf.py"
    assert warnings[0].line == 5
    assert "html_baseurl" in warnings[0].message
    assert not (Path(app.outdir) / FEED).exists()
    for name, html in outputs(app.outdir, (".html",)).items():
        assert b"application/atom+xml" not in html, name


@pytest.mark.parametrize("value", ["False", "0"])
def test_off_gives_nothing(make_app, tmp_path, value: str) -> None:  # type: ignore[no-untyped-def]
    app = _build(
        make_app, write_logs(tmp_path / "p", f'devlog_feed = {value}\nhtml_baseurl = "{BASE}"\n')
    )
    assert not (Path(app.outdir) / FEED).exists()
    assert not [w for w in devlog_warnings(app) if w.type == "devlog.config"]
    for name, html in outputs(app.outdir, (".html",)).items():
        assert b"application/atom+xml" not in html, name


def test_other_builders_write_none(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """epub (an HTML builder for a book, not a site) and text: no feed, no warning
    (not even without html_baseurl)."""
    src = write_logs(tmp_path / "p", FEED_CONF)
    for builder in ("epub", "text"):
        app = _build(make_app, src, builder)
        assert not (Path(app.outdir) / FEED).exists(), builder
        assert not list(Path(app.outdir).rglob("*.atom")), builder
    app = _build(make_app, src, "epub")
    for name, html in outputs(app.outdir, (".xhtml",)).items():
        assert b"application/atom+xml" not in html, name
    src = write_logs(tmp_path / "q", "devlog_feed = True\n")
    app = _build(make_app, src, "epub")
    assert not [w for w in devlog_warnings(app) if w.type == "devlog.config"]


def _edit_title(src: Path) -> None:
    path = src / "logs/2024-03-04_tide-table-parser-success.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("# Tide table parser", "# Parser <v2> & more"),
        encoding="utf-8",
    )


def _add_log(src: Path) -> None:
    (src / "logs/2024-03-20_tide-alerts-success.md").write_text(
        "# Tide alerts\n\n```{devlog}\n:tags: alerts\n```\n", encoding="utf-8"
    )


def _delete_log(src: Path) -> None:
    (src / "logs/2024-03-09_gauge-api-blocked.md").unlink()


@pytest.mark.parametrize("change", [_edit_title, _add_log, _delete_log])
def test_incremental_feed_equals_fresh(make_app, tmp_path, change) -> None:  # type: ignore[no-untyped-def]
    src = copy_root("myst", tmp_path / "incremental")
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(FEED_CONF)
    before = (Path(_build(make_app, src).outdir) / FEED).read_bytes()
    change(src)
    incremental = (Path(_build(make_app, src, freshenv=False).outdir) / FEED).read_bytes()
    fresh_src = tmp_path / "fresh" / "myst"
    shutil.copytree(src, fresh_src, ignore=shutil.ignore_patterns("_build"))
    fresh = (Path(_build(make_app, fresh_src).outdir) / FEED).read_bytes()
    assert incremental == fresh
    assert before != fresh


def test_parallel_feed_equals_serial(make_app, tmp_path, merged) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    feeds = {}
    for jobs in (1, 2):
        src = write_project(tmp_path / f"j{jobs}", 30)
        with (src / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write("\n" + FEED_CONF)
        app = _build(make_app, src, parallel=jobs)
        feeds[jobs] = (Path(app.outdir) / FEED).read_bytes()
        pages = outputs(app.outdir, (".html",))
        assert all(b"application/atom+xml" in html for html in pages.values())
    assert len(merged) >= 2, "the -j 2 build did not read in parallel"
    assert feeds[2] == feeds[1]
    assert len(ET.fromstring(feeds[1]).findall(f"{A}entry")) == 20
