"""``devlog.json``: the logs (and later the outstanding next steps) as data.

Pure functions over model objects; the output is sorted and byte-stable.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from .chains import Chain, ChainResult
from .model import Log

JSON_VERSION = 1


def log_record(
    log: Log,
    chains: ChainResult,
    resolve_log: Callable[[str], str],
    resolve_step: Callable[[str], str],
) -> dict[str, Any]:
    f = log.fields
    return {
        "name": log.name,
        "stable_name": log.stable_name,
        "docname": log.docname,
        "title": log.title,
        "date": f.date or None,
        "status": f.status or None,
        "purpose": f.purpose,
        "dependencies": f.dependencies,
        "target": f.target,
        "summary": log.summary,
        "tags": list(f.tags),
        "follows": [resolve_log(t) for t in f.follows],
        "closes": [resolve_step(t) for t in f.closes],
        "estimate_minutes": f.estimate_minutes,
        "spent_minutes": f.spent_minutes,
        "goals": [{"id": g.ident(log.name), "text": g.text, "done": g.done} for g in log.goals],
        "lessons": [{"id": item.ident(log.name), "text": item.text} for item in log.lessons],
        "next_steps": [
            {
                "id": s.ident(log.name),
                "text": s.text,
                "done": s.done,
                "open": chains.step_open(log, s),
            }
            for s in log.steps
        ],
        "files": [
            {"id": item.ident(log.name), "path": item.path, "description": item.description}
            for item in log.files
        ],
    }


def outstanding_record(chain: Chain) -> dict[str, Any]:
    first, latest = chain.first, chain.latest
    return {
        "id": latest.ident,
        "kind": latest.item.kind,
        "text": chain.text,
        "log": latest.log.name,
        "date": latest.log.fields.date or None,
        "first_raised": first.log.name,
        "first_raised_date": first.log.fields.date or None,
        "first_id": first.ident,
        "sessions": chain.sessions,
    }


def build(
    logs: Iterable[Log],
    chains: ChainResult,
    resolve_log: Callable[[str], str] = lambda t: t,
    resolve_step: Callable[[str], str] = lambda t: t,
) -> dict[str, Any]:
    ordered = sorted(logs, key=lambda log: log.sort_key)
    return {
        "version": JSON_VERSION,
        "logs": [log_record(log, chains, resolve_log, resolve_step) for log in ordered],
        "outstanding": [outstanding_record(chain) for chain in chains.outstanding()],
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
