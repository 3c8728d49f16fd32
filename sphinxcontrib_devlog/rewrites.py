"""Which pages to write again after an incremental build read some logs.

A page referring to a log shows its title, or an item's text; when that log's title or
items change, or it is added, renamed or removed, the page must be written again
although its own source did not change. A log's "Followed by" field shows the logs that
follow it. A collection shows all of every log, so a page holding one is written again
when anything in any log changes. (``sphinx.ext.todo`` and others forget this and show
stale lists after an incremental build.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .domain import devlog_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: the pages whose output shows logs that changed."""
    domain = devlog_domain(env)
    new = domain.snapshot()
    old: dict[str, tuple[str, ...]] = domain.data.get("snapshot", {})
    domain.data["snapshot"] = new
    changed = {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}
    # what a reference shows: where it goes, the title, and for an item, the items
    title_changed = {key for key in changed if _shown(old.get(key)) != _shown(new.get(key))}
    items_changed = {
        f"{key}#" for key in changed if _shown(old.get(key), 4) != _shown(new.get(key), 4)
    }
    shown_changed = title_changed | items_changed

    followers = {
        docname: [(f, domain.logs[f].title) for f in followed_by]
        for docname, followed_by in domain.followers.items()
    }
    old_followers: dict[str, list[tuple[str, str]]] = domain.data.get("followers_snapshot", {})
    domain.data["followers_snapshot"] = followers
    pages = {
        docname
        for docname in old_followers.keys() | followers.keys()
        if old_followers.get(docname) != followers.get(docname)
    }
    if changed:
        pages.update(domain.collections)  # collections show all of every log
    if shown_changed:
        pages.update(d for d, keys in domain.refs.items() if not shown_changed.isdisjoint(keys))
    return sorted(pages & env.all_docs.keys())


def _shown(entry: tuple[str, ...] | None, upto: int = 3) -> tuple[str, ...] | None:
    """What references show of a snapshot entry: the docname, the title and (``upto=4``)
    the items' fingerprint."""
    if entry is None or len(entry) < 4:  # gone, or a snapshot of an older release
        return entry
    return (entry[0], *entry[2:upto])


def setup_rewrites(app: Sphinx) -> None:
    app.connect("env-get-updated", pages_to_rewrite)
