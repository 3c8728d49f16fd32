"""Event handlers: config checking, page dependencies, missing references, export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from docutils import nodes
from sphinx.errors import ConfigError

from . import export, heap, views
from .config import DevlogConfig, fields_of
from .directives.collection import devlog_collection
from .nodes import devlog_backlinks, devlog_placeholder
from .util import devlog_config, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.domains import Domain
    from sphinx.environment import BuildEnvironment

    from .domain import DevlogDomain

STATIC = Path(__file__).parent / "static"
#: the status badges' styles, for builds without sphinx-design (``devlog_sphinx_design``)
BADGES_CSS = "devlog-badges.css"


def check_config(app: Sphinx, config: Config) -> None:
    """Validate the ``devlog_*`` values once; a bad one is reported and replaced."""
    values = {}
    for name in fields_of():
        try:
            values[name] = getattr(config, name)
        except ConfigError as exc:  # a -D value Sphinx cannot convert: the default is used
            warn("config", f"-D {name}: {exc}; using the default", None)
    checked, problems = DevlogConfig.from_values(values)
    for name, message in problems:
        warn("config", message, _conf_location(app, name))
    for name in fields_of():
        setattr(config, name, getattr(checked, name))


def _conf_location(app: Sphinx, name: str) -> nodes.Element | None:
    """conf.py and the line that sets *name* there, as a node Sphinx can report."""
    conf_py = Path(app.confdir, "conf.py") if app.confdir else None
    if conf_py is None or not conf_py.is_file():
        return None
    node = nodes.Element()
    node.source = str(conf_py)
    lines = conf_py.read_text(encoding="utf-8", errors="replace").splitlines()
    node.line = next((n for n, text in enumerate(lines, 1) if text.lstrip().startswith(name)), None)
    return node


def domain_of(env: BuildEnvironment) -> DevlogDomain:
    return cast("DevlogDomain", env.domains["devlog"])


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages whose output shows other logs that changed since the last build.

    A page referring to a log shows its title, or an item's text; when that log's
    title or items change, or it is added, renamed or removed, the page must be written
    again although its own source did not change. A collection shows all of every log, so
    a page holding one is written again when anything in any log changes.
    """
    domain = domain_of(env)
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
    domain.chains  # noqa: B018 - computed here, once, before pages are written
    return sorted(pages & env.all_docs.keys())


def _shown(entry: tuple[str, ...] | None, upto: int = 3) -> tuple[str, ...] | None:
    """What references show of a snapshot entry: the docname, the title and (``upto=4``)
    the items' fingerprint."""
    if entry is None or len(entry) < 4:  # gone, or a snapshot of an older release
        return entry
    return (entry[0], *entry[2:upto])


def warn_missing_reference(app: Sphinx, domain: Domain, node: nodes.Element) -> bool | None:
    """Report an unresolved devlog reference as ``devlog.ref`` (the text stays)."""
    if domain is None or domain.name != "devlog":
        return None
    message = cast("DevlogDomain", domain).missing_reference_message(
        node["reftype"], node["reftarget"]
    )
    warn("ref", message, node)
    return True


def fill_placeholders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill the collections and "followed by" fields of a page being written."""
    heap.resume(app, docname)
    placeholders = list(doctree.findall(devlog_placeholder))
    if not placeholders:
        return  # most pages hold neither
    collections = [node for node in placeholders if isinstance(node, devlog_collection)]
    if collections:
        heap.pause()  # until the next page: see heap.py
    domain = domain_of(app.env)
    link = views.Linker(app.builder, docname)
    for placeholder in placeholders:
        if isinstance(placeholder, devlog_backlinks):
            _fill_backlinks(domain, link, placeholder, docname)
    made = _fill_collections(domain, devlog_config(app.config), link, collections)
    heap.release_when_written(docname, made)


def _fill_backlinks(
    domain: DevlogDomain, link: views.Linker, placeholder: devlog_backlinks, docname: str
) -> None:
    """Fill a "followed by" field, or remove it when no log follows."""
    # the log's own docname: LaTeX and singlehtml resolve one doctree of all pages
    followers = domain.followers.get(placeholder.get("docname", docname), [])
    field = placeholder.parent.parent.parent  # paragraph, field body, field
    if not followers:
        field_list = field.parent
        field_list.remove(field)
        if not len(field_list):
            field_list.parent.remove(field_list)
        return
    links: list[nodes.Node] = []
    for i, follower in enumerate(followers):
        if i:
            links.append(nodes.Text(", "))
        links.append(link.log(domain.logs[follower]))
    placeholder.replace_self(links)


def _fill_collections(
    domain: DevlogDomain,
    config: DevlogConfig,
    link: views.Linker,
    collections: list[devlog_collection],
) -> list[nodes.Element]:
    """Fill the page's collections; return the wrappers made for them."""
    made: list[nodes.Element] = []
    for node in collections:
        kind, flt = node["kind"], node["filter"]
        logs = list(domain.logs.values())
        if kind == "outstanding":
            content = views.outstanding(logs, domain.chains, flt, link, config)
        elif kind == "lessonlist":
            content = views.lessonlist(logs, flt, link, config)
        elif kind == "logtable":
            content = views.logtable(logs, flt, domain.chains, link, config)
        elif kind == "timeline":
            content = views.timeline(logs, flt, link, config)
        elif kind == "stats":
            content = views.stats(logs, flt, domain.chains, link, config)
        else:
            content = views.filehistory(logs, flt, link, config)
        # no-search: every entry is found on its own log's page already
        wrapper = nodes.container(
            "",
            *content,
            classes=["devlog-collection", f"devlog-{kind}", "no-search", *node["classes"]],
        )
        wrapper.source, wrapper.line = node.source, node.line
        node.replace_self(wrapper)
        made.append(wrapper)
    return made


def add_css(app: Sphinx) -> None:
    """Link the stylesheets, and have the builder copy them with its static files.

    Through ``html_static_path``, as sphinx-design does, so that they are in
    ``_static`` before the builder packs its output (EPUB, HTML Help).
    """
    if app.builder.format != "html":
        return
    static = [STATIC / "devlog"]
    app.add_css_file("devlog.css")
    if "sphinx_design" not in app.extensions:  # nor the styles of its badges
        static.append(STATIC / "badges")
        app.add_css_file(BADGES_CSS)
    app.config.html_static_path = [*app.config.html_static_path, *map(str, static)]


def finish(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None:
        return
    outdir = Path(app.outdir)
    config = devlog_config(app.config)
    if config.devlog_json:
        domain = domain_of(app.env)

        def resolve_log(target: str) -> str:
            log = domain.find_log(target)
            return log.name if log else target

        def resolve_step(target: str) -> str:
            found = domain.find_item("step", target)
            return found[1].ident(found[0].name) if found else target

        data = export.build(domain.logs.values(), domain.chains, resolve_log, resolve_step)
        outdir.mkdir(parents=True, exist_ok=True)
        text = export.dumps(data)
        path = outdir / "devlog.json"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
