"""What a careful reader takes from each log of the drift corpus (``tests/roots/test-drift``).

Thirty-three logs of a fictional feed reader, *Kestrel*, written the way real logs drift
from the template: subsections, renamed sections, bold labels for headings, category
items, emoji and strike-through for done, free-text statuses, no H1 or a HEADER above
it, setext titles, HTML comments, front matter, dates and durations in words, CRLF, a
BOM, filenames without an outcome. The folder also holds a README with an unfenced
HEADER example and a template: neither is a log.

Each record is what a person reads, written by hand, not what the reader produced.
"""

from __future__ import annotations

from dataclasses import dataclass, field

NOT_LOGS = ("README", "session-template")


@dataclass(frozen=True)
class Expected:
    title: str
    #: the status shown: the status line as a person reads it (else the filename's)
    status: str
    date: str
    goals: list[tuple[str, bool]] = field(default_factory=list)
    lessons: list[str] = field(default_factory=list)
    steps: list[tuple[str, bool]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    #: ``(subtype, line)`` of each warning the log deserves
    warnings: list[tuple[str, int]] = field(default_factory=list)
    estimate: int | None = None
    spent: int | None = None


EXPECTED: dict[str, Expected] = {
    "2025-06-02_project-bootstrap-success": Expected(
        title="Project bootstrap",
        status="success",
        date="2025-06-02",
        goals=[
            ("Create the package layout", True),
            ("Run the tests in CI", True),
            ("Publish a dev container", False),
        ],
        lessons=[
            "Pin the uv version in CI, or lock files drift between machines",
            "A src layout catches missing package data early",
        ],
        steps=[("Publish a dev container", False), ("Choose a feed parsing library", False)],
        files=["pyproject.toml", ".github/workflows/ci.yml"],
    ),
    # a HEADER H1 above the title; subsections; bold-labelled numbered lessons
    "2025-06-03_feed-parser-partial": Expected(
        title="Feed parser",
        status="partial",
        date="2025-06-03",
        spent=120,
        lessons=[
            "Dates are a mess: feeds use RFC 822, ISO 8601 and worse, so parse leniently",
            "Encodings lie: trust the XML declaration over the HTTP header",
            "Keep raw entries next to parsed ones for debugging",
            "Test against real feeds, not hand-written fixtures",
        ],
        steps=[
            ("Choose a feed parsing library", False),
            ("Handle JSON Feed 1.1", False),
            ("Parse podcast enclosures", False),
            ("Detect duplicate entries across feeds", False),
        ],
        files=["src/kestrel/parse.py", "tests/test_parse.py", "pyproject.toml"],
    ),
    # no H1 at all; "Completed (pending repo commit)"; a dotfile
    "2025-06-05_opml-import-complete": Expected(
        title="Opml import",
        status="complete",
        date="2025-06-05",
        lessons=[
            "OPML files in the wild nest outlines without a title attribute",
            "defusedxml keeps entity expansion attacks out at no cost",
        ],
        steps=[
            ("Choose a feed parsing library", True),
            ("Export subscriptions back to OPML", False),
        ],
        files=["src/kestrel/opml.py", ".env.example"],
    ),
    # bold field lines with hard breaks; a bold label over a files list; "Insights"
    "2025-06-06_sqlite-locking-failed": Expected(
        title="SQLite locking under concurrent refresh",
        status="failed",
        date="2025-06-06",
        spent=120,
        lessons=[
            "SQLite allows one writer; concurrency has to be designed around that",
            "Busy timeouts hide contention instead of removing it",
        ],
        steps=[
            ("Serialise writes through one writer task", False),
            ("Measure refresh throughput with a single writer", False),
        ],
        files=["src/kestrel/store.py", "src/kestrel/refresh.py"],
    ),
    # a date in words; a status in a sentence; open marks
    "2025-06-09_fts-search-blocked": Expected(
        title="Full-text search",
        status="blocked",
        date="2025-06-09",
        spent=45,
        lessons=["Check the SQLite compile options before designing around an extension"],
        steps=[
            ("Enable FTS5 in the bundled SQLite", False),
            ("Index titles and summaries", False),
        ],
    ),
    # done marks on goals close the last session's steps
    "2025-06-10_fts-search-success": Expected(
        title="Full-text search, second try",
        status="success",
        date="2025-06-10",
        goals=[
            ("Enable FTS5 in the bundled SQLite", True),
            ("Index titles and summaries", True),
        ],
        lessons=["The pysqlite3-binary wheel ships FTS5 on every platform we support"],
        steps=[
            ("Rank results with bm25 weights per field", False),
            ("Highlight matches in the reader", False),
        ],
        files=["src/kestrel/search.py", "src/kestrel/store.py"],
    ),
    # a setext title; no outcome in the filename
    "2025-06-12_thumbnail-proxy-investigation-analysis": Expected(
        title="Thumbnail proxy investigation",
        status="complete",  # "COMPLETED SUCCESSFULLY": the first outcome word
        date="2025-06-12",
        steps=[
            ("Proxy images through a signed URL endpoint", False),
            ("Cap the cache at 500 MB with LRU eviction", False),
        ],
        files=["docs/design/image-proxy.md"],
        warnings=[("filename", 1)],
    ),
    # CRITICAL ... not working; code blocks and HTML comments that look like sections
    "2025-06-13_rate-limiter-failed": Expected(
        title="Rate limiter for feed fetches",
        status="failed",
        date="2025-06-13",
        lessons=["Retry-After can be a date as well as a number of seconds"],
        steps=[("Parse Retry-After dates", False), ("Add jitter to the backoff", False)],
        files=["src/kestrel/fetch.py"],
    ),
    # a second status line in the footer; a subsection of lessons; References hold no steps
    "2025-06-16_rate-limiter-success": Expected(
        title="Rate limiter, fixed",
        status="success",
        date="2025-06-16",
        estimate=60,
        spent=90,
        goals=[("Parse Retry-After dates", True)],
        lessons=[
            "Read the HTTP date with email.utils.parsedate_to_datetime",
            "The first fix compared naive and aware datetimes",
        ],
        steps=[("Add jitter to the backoff", True), ("Share one limiter between workers", False)],
        files=["src/kestrel/fetch.py"],
    ),
    # Test Objectives are goals; Success Criteria and Outcomes are neither
    "2025-06-17_e2e-test-results": Expected(
        title="End-to-end test results",
        status="failed",
        date="2025-06-17",
        goals=[
            ("Subscribe, refresh and read through the web UI", False),
            ("Import an OPML file with 200 feeds", False),
        ],
        steps=[
            ("Stream the OPML import instead of loading it whole", False),
            ("Refresh the search index after each fetch", False),
        ],
        warnings=[("filename", 1)],
    ),
    # Objective in prose; category items; files in a table
    "2025-06-19_docker-image-partial": Expected(
        title="Docker image",
        status="partial",
        date="2025-06-19",
        lessons=["Multi-stage builds cut the image from 900 MB to 140 MB"],
        steps=[
            ("Publish a dev container", False),
            ("Add a health check endpoint", False),
            ("Build arm64 images", False),
        ],
        files=["Dockerfile", "compose.yaml"],
    ),
    # front matter gives the title and the fields
    "2025-06-20_auth-middleware-complete": Expected(
        title="Authentication middleware",
        status="complete",
        date="2025-06-20",
        lessons=["Starlette's session middleware signs cookies but does not encrypt them"],
        steps=[("Rate-limit the login form", False)],
        files=["src/kestrel/web/auth.py"],
    ),
    # plain "Status:" lines; emoji and bold headings; a plain label under a heading
    "2025-06-23_websub-push-partial": Expected(
        title="WebSub push subscriptions",
        status="partial",
        date="2025-06-23",
        lessons=["Hubs send the verification request before the subscribe call returns"],
        steps=[("Verify hub signatures", False), ("Renew leases before they expire", False)],
        files=["src/kestrel/websub.py"],
    ),
    # strike-through for done; a path with a line number
    "2025-06-24_websub-push-success": Expected(
        title="WebSub push, verified",
        status="success",
        date="2025-06-24",
        goals=[("Verify hub signatures", True), ("Renew leases before they expire", True)],
        lessons=["HMAC signatures use the raw body: read it before parsing"],
        steps=[("Fall back to polling when a hub stays silent", False)],
        files=["src/kestrel/websub.py", "tests/test_websub.py"],
    ),
    # numbered headings; goals under next steps are next steps
    "2025-06-26_reader-ui-partial": Expected(
        title="Reader UI",
        status="partial",
        date="2025-06-26",
        lessons=["htmx swaps keep the page fast without a front-end build"],
        steps=[
            ("Remember the scroll position per entry", False),
            ("Mark entries read on scroll", False),
            ("Keyboard shortcuts for next and previous entry", False),
        ],
        files=["src/kestrel/web/templates/reader.html", "src/kestrel/web/static/reader.js"],
    ),
    # the status in an executive summary; a next step as a labelled line in the footer
    "2025-06-27_reader-ui-keyboard-success": Expected(
        title="Reader keyboard shortcuts",
        status="success",
        date="2025-06-27",
        goals=[
            ("Keyboard shortcuts for next and previous entry", True),
            ("Remember the scroll position per entry", True),
        ],
        lessons=["Listen for keys on the document, not on each pane"],
        steps=[("Add a cheat-sheet overlay for the shortcuts", False)],
    ),
    # status and date as headings with the value below
    "2025-06-30_migration-tool-blocked": Expected(
        title="Migration tool from other readers",
        status="blocked",
        date="2025-06-30",
        lessons=["Ask for API access in the first week, not when the code is ready"],
        steps=[
            ("Ask the provider for an API key", False),
            ("Import starred entries from the OPML export", False),
        ],
    ),
    # lessons as "**Lesson**:" paragraphs; the lists under other labels are details
    "2025-07-01_api-pagination-success": Expected(
        title="API pagination",
        status="success",
        date="2025-07-01",
        lessons=[
            "Encode the sort key and the id in the cursor, never an offset",
            "Cap the page size on the server",
        ],
        steps=[("Document the cursor format", False)],
        files=["src/kestrel/api/entries.py", "tests/api/test_pagination.py"],
    ),
    # CRLF line endings; "✅ Done"
    "2025-07-02_cache-headers-complete": Expected(
        title="Cache headers",
        status="complete",
        date="2025-07-02",
        goals=[
            ("Send If-None-Match and If-Modified-Since", True),
            ("Store ETag and Last-Modified per feed", True),
        ],
        lessons=["A third of the feeds we poll ignore conditional requests"],
        steps=[("Skip parsing when the body hash is unchanged", False)],
        files=["src/kestrel/fetch.py"],
    ),
    # a byte order mark; "None worth noting"; numbered next steps
    "2025-07-03_i18n-strings-partial": Expected(
        title="Interface strings",
        status="partial",
        date="2025-07-03",
        steps=[
            ("Translate the interface into Spanish", False),
            ("Extract strings from the templates automatically", False),
        ],
        files=[
            "src/kestrel/web/locale/de/LC_MESSAGES/kestrel.po",
            "src/kestrel/web/locale/fr/LC_MESSAGES/kestrel.po",
        ],
    ),
    # "Not working"; files named in a sentence under a label in another section
    "2025-07-07_feed-discovery-failed": Expected(
        title="Feed discovery",
        status="failed",
        date="2025-07-07",
        lessons=["Many sites put the feed link in the footer, not the head"],
        steps=[("Scan anchors in the body for feed URLs", False)],
        files=["src/kestrel/discover.py", "tests/test_discover.py"],
    ),
    # ✔ and "(done)"; nested details are not lessons; a Backlog subsection
    "2025-07-08_feed-discovery-success": Expected(
        title="Feed discovery, second try",
        status="success",
        date="2025-07-08",
        goals=[("Scan anchors in the body for feed URLs", True)],
        lessons=[
            "Relative feed URLs must be resolved against the final URL after redirects",
            "Some pages list the comments feed first",
        ],
        steps=[
            ("Prefer the feed whose title matches the site", True),
            ("Discover feeds from YouTube channel pages", False),
        ],
        files=["src/kestrel/discover.py"],
    ),
    # next steps written as prose: said, not silently lost
    "2025-07-10_mobile-layout-partial": Expected(
        title="Mobile layout",
        status="partial",
        date="2025-07-10",
        lessons=["Container queries beat media queries for the three panes"],
        files=["src/kestrel/web/static/reader.css"],
        warnings=[("structure", 11)],
    ),
    # Key Files and Documentation Consulted are no files modified
    "2025-07-11_export-json-complete": Expected(
        title="JSON export",
        status="complete",
        date="2025-07-11",
        lessons=["JSON Feed's content_html must be a string even when empty"],
        steps=[("Export subscriptions back to OPML", True)],
        files=["src/kestrel/export.py", "tests/test_export.py"],
    ),
    # a HEADER H1 of Created/Modified/Summary above the title; Future Considerations
    "2025-07-14_backup-restore-success": Expected(
        title="Backup and restore",
        status="success",
        date="2025-07-14",
        steps=[
            ("Report the age of the last backup on the status page", False),
            ("Encrypt backups with age", False),
            ("Keep the last seven backups", False),
        ],
        files=["src/kestrel/backup.py"],
    ),
    # 1) lists; an item holding a code block; a range as estimate
    "2025-07-15_sanitizer-partial": Expected(
        title="HTML sanitiser",
        status="partial",
        date="2025-07-15",
        estimate=150,
        spent=180,
        lessons=[
            "Allow-lists, never deny-lists",
            "Sanitise on read as well as on write, for entries stored before the sanitiser",
        ],
        steps=[
            ("Strip tracking pixels", False),
            ("Rewrite image URLs through the proxy:", False),
        ],
        files=["src/kestrel/sanitize.py"],
    ),
    # an emoji status; Action Items; "Lessons Learned & Best Practices"
    "2025-07-17_opds-support-blocked": Expected(
        title="OPDS catalogue support",
        status="blocked",
        date="2025-07-17",
        lessons=[
            "OPDS 2.0 is JSON, OPDS 1.2 is Atom: treat them as two formats",
            "Keep format detection separate from parsing",
        ],
        steps=[
            ("Get a test catalogue with authentication", False),
            ("Parse OPDS 1.2 navigation feeds", True),
        ],
    ),
    # everything in one summary list, under category labels that name the kind
    "2025-07-21_read-later-success": Expected(
        title="Read later",
        status="success",
        date="2025-07-21",
        lessons=["A boolean column is enough; a separate table was overkill"],
        steps=[("Sync the read-later list to Wallabag", False)],
        files=["src/kestrel/store.py", "src/kestrel/web/templates/entry.html"],
    ),
    # the header as a table; TODO
    "2025-07-22_notifications-partial": Expected(
        title="Notifications",
        status="partial",
        date="2025-07-22",
        lessons=["Desktop notifications need a user gesture before the first one"],
        steps=[("Email digest of keyword matches", False), ("Mute a feed for a day", False)],
        files=["src/kestrel/notify.py"],
    ),
    # "Failed", a dash, "regression not fixed"; a note in a quote; a directory; What's next
    "2025-07-24_perf-tuning-failed": Expected(
        title="Refresh performance",
        status="failed",
        date="2025-07-24",
        lessons=[
            "Profile before changing the worker count: the bottleneck was XML parsing",
            "lxml's iterparse halves peak memory on large feeds",
        ],
        steps=[("Parse feeds in a process pool", False)],
        files=["src/kestrel/refresh.py", "src/kestrel/cache/"],
    ),
    # "Shipped 🚀"; "Jul 28 2025"; Outcomes' ✅ are not items; Next Session
    "2025-07-28_release-0-3-complete": Expected(
        title="Release 0.3",
        status="complete",
        date="2025-07-28",
        goals=[("Add a health check endpoint", True), ("Publish a dev container", True)],
        steps=[
            ("Announce the release on the forum", False),
            ("Triage the issues from the 0.3 feedback", False),
        ],
        files=["CHANGELOG.md", "src/kestrel/__init__.py"],
    ),
    # no HEADER and no status line: the filename's; "August 4th, 2025"
    "2025-08-04_retro-notes-success": Expected(
        title="Summer retrospective",
        status="success",
        date="2025-08-04",
        lessons=[
            "Lesson: write the failing test before touching the refresh code",
            "Small sessions with one goal finish; big ones end up partial",
        ],
        steps=[("Schedule a retrospective every six weeks", False)],
    ),
    # "Partial Success"; an item with a link and code
    "2025-08-05_config-reload-partial": Expected(
        title="Config reload",
        status="partial",
        date="2025-08-05",
        lessons=["Watch the directory, not the file: editors replace files on save"],
        steps=[
            ("Reload the logging configuration too", False),
            ("Validate kestrel.toml before applying it", False),
        ],
        files=["src/kestrel/settings.py"],
    ),
}
