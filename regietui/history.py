"""Board history in words: event lines, per-card logs and semantic diffs between two boards."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .model import NOUNS, Board, Event, human_id


def _value(value: Any) -> str:
    if value is None or value in ("", [], {}):
        return "—"
    if isinstance(value, list) and all(isinstance(v, dict) and "roadmap" in v for v in value):
        return ", ".join(human_id("roadmap", v["roadmap"]) for v in value)
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


def change_phrase(action: str, changes: dict[str, Any]) -> str:
    """`moved wish → planned`, `linked R-8bd2x`, `changed title, value` …"""
    if action == "move" and "status" in changes:
        old, new = changes["status"]
        return f"moved {old} → {new}"
    if action in ("link", "unlink") and "links" in changes:
        old, new = changes["links"]
        before = {v["roadmap"] for v in old or []}
        after = {v["roadmap"] for v in new or []}
        keys = (after - before) if action == "link" else (before - after)
        return f"{action}ed " + ", ".join(human_id("roadmap", k) for k in sorted(keys))
    if action == "add":
        return "added"
    if action == "delete":
        return "deleted"
    if action == "decide":
        return "decision recorded"
    parts = [f"{name} {_value(old)} → {_value(new)}" for name, (old, new) in changes.items()]
    return f"{action}: " + "; ".join(parts) if parts else action


def event_line(event: Event) -> str:
    """One history line: `A-3f9kq 'Burgerportaal' moved wish → planned — Jan, 2026-12-03`."""
    what = human_id(event.table, event.record)
    title = f" {event.title!r}" if event.title else ""
    text = f" ({event.text})" if event.text and event.action not in ("decide",) else ""
    when = event.at.strftime("%Y-%m-%d %H:%M")
    phrase = change_phrase(event.action, dict(event.changes))
    return f"{what}{title} {phrase}{text} — {event.author}, {when}"


@dataclass(frozen=True)
class RecordDiff:
    table: str
    key: str
    title: str
    kind: str  # added | deleted | changed
    changes: dict[str, tuple[Any, Any]]
    events: tuple[Event, ...]

    def __str__(self) -> str:
        who = ""
        people = [ev for ev in self.events if ev.action != "conflict"] or self.events
        if people:
            last = people[-1]
            who = f" — {last.author}, {last.at.strftime('%Y-%m-%d')}"
        what = human_id(self.table, self.key)
        noun = NOUNS.get(self.table, self.table)
        if self.kind != "changed":
            return f"{what} {self.title!r} {self.kind} ({noun}){who}"
        action = "move" if set(self.changes) <= {"status", "status_reason", "review"} else "edit"
        return f"{what} {self.title!r} {change_phrase(action, self.changes)}{who}"


def diff(old: Board, new: Board) -> list[RecordDiff]:
    """What changed from `old` to `new`, record by record (events themselves are not listed;
    they attribute each change to its author)."""
    old_docs, new_docs = old.docs(), new.docs()
    new_events: dict[tuple[str, str], list[Event]] = {}
    for event_key, event in new.history():
        if event_key not in old.events:
            new_events.setdefault((event.table, event.record), []).append(event)
    out: list[RecordDiff] = []
    for table in old_docs:
        if table == "events":
            continue
        before, after = old_docs[table], new_docs[table]
        for key in sorted(before.keys() | after.keys()):
            b, a = before.get(key), after.get(key)
            if a == b:
                continue
            doc = a or b or {}
            title = str(doc.get("title") or doc.get("name") or "")
            kind = "added" if b is None else "deleted" if a is None else "changed"
            changes = {
                name: ((b or {}).get(name), (a or {}).get(name))
                for name in sorted((b or {}).keys() | (a or {}).keys())
                if (b or {}).get(name) != (a or {}).get(name)
            }
            events = tuple(new_events.get((table, key), ()))
            out.append(RecordDiff(table, key, title, kind, changes, events))
    return out
