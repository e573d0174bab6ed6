"""Board history in words: event lines, per-card logs and semantic diffs between two boards;
what arrived from other sessions, and which merge conflicts still wait for review.

Every sentence here is made of board text (keys, titles, authors, the values inside events), so
each one leaves through `inert`, on one line: whoever prints a history line shows it as it is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from .figures import day, moment
from .i18n import EN, tr
from .model import NOUNS, Board, Event, human_id
from .text import inert
from .wording import field_word, value_words


def _roadmap_refs(value: Any) -> set[str]:
    """The roadmap keys of a `links` value (what else a hostile event holds there is left out)."""
    items = value if isinstance(value, list) else []
    return {str(v["roadmap"]) for v in items if isinstance(v, dict) and "roadmap" in v}


def change_phrase(action: str, changes: dict[str, Any], lang: str = "en") -> str:
    """`moved wish → planned`, `linked R-8bd2x`, `changed title, value` …"""
    return inert(_phrase(action, changes, lang))


def _phrase(action: str, changes: dict[str, Any], lang: str) -> str:
    if action == "move" and "status" in changes:
        old, new = changes["status"]
        return tr(
            "phrase.moved",
            lang,
            old=value_words("status", old, lang),
            new=value_words("status", new, lang),
        )
    if action in ("link", "unlink") and "links" in changes:
        old, new = changes["links"]
        before, after = _roadmap_refs(old), _roadmap_refs(new)
        keys = (after - before) if action == "link" else (before - after)
        items = ", ".join(human_id("roadmap", k) for k in sorted(keys))
        return tr(f"phrase.{action}ed", lang, items=items)
    if action in ("add", "bundle", "delete", "decide"):
        return tr(f"phrase.{action}", lang)
    if action in ("conflict", "resolve"):
        fields = ", ".join(field_word(name, lang) for name in changes if name != WHOLE_RECORD)
        phrase = (
            tr("phrase.conflict_on", lang, fields=fields) if fields else tr("phrase.conflict", lang)
        )
        return tr("phrase.resolved", lang, what=phrase) if action == "resolve" else phrase
    parts = "; ".join(
        f"{field_word(name, lang)} {value_words(name, old, lang)} → {value_words(name, new, lang)}"
        for name, (old, new) in changes.items()
    )
    if action == "edit":
        return parts or tr("phrase.nothing", lang)
    word = tr(f"phrase.{action}", lang) if f"phrase.{action}" in EN else action
    return f"{word}: {parts}" if parts else word


def event_line(event: Event, lang: str = "en") -> str:
    """One history line: `A-3f9kq 'Burgerportaal' moved wish → planned — Jan, 2026-12-03 14:05`
    (in Dutch: `… — Jan, 3 december 2026 14:05`)."""
    return inert(f"{what_happened(event, lang)} — {event.author}, {when(event.at, lang)}")


def when(at: datetime, lang: str = "en") -> str:
    """When an event happened: ISO in English (as the history always read), words in Dutch."""
    return at.strftime("%Y-%m-%d %H:%M") if lang == "en" else moment(at, lang)


def what_happened(event: Event, lang: str = "en") -> str:
    """An event without who and when: `A-3f9kq 'Burgerportaal' moved wish → planned`."""
    what = human_id(event.table, event.record)
    title = f" '{event.title}'" if event.title else ""
    return inert(f"{what}{title} {deed(event, lang)}")


def deed(event: Event, lang: str = "en") -> str:
    """What an event did to its record, with its note: `moved wish → parked (na de zomer)`."""
    note = event.text
    if note and event.action == "resolve":
        note = note.removeprefix(RESOLVED)
    elif note and event.action == "conflict" and len(event.changes) == 1:
        # `ambition A-3f9kq, field title: 'a' vs 'b'; kept 'a'`: the phrase names the place
        (field,) = event.changes
        note = note.split(f", field {field}: ", 1)[-1].split(": ", 1)[-1]
    elif note and event.action in ("undo", "redo"):
        note = tr(f"phrase.{note}", lang) if f"phrase.{note}" in EN else note
    text = f" ({note})" if note and event.action not in ("decide",) else ""
    return inert(change_phrase(event.action, dict(event.changes), lang) + text)


@dataclass(frozen=True)
class RecordDiff:
    table: str
    key: str
    title: str
    kind: str  # added | deleted | changed
    changes: dict[str, tuple[Any, Any]]
    events: tuple[Event, ...]

    def __str__(self) -> str:
        return self.text()

    def text(self, lang: str = "en") -> str:
        """`A-3f9kq 'Portaal' moved wish → planned — Jan, 2026-12-03` (Dutch: `… 3 december
        2026`)."""
        who = ""
        people = [ev for ev in self.events if ev.action != "conflict"] or self.events
        if people:
            last = people[-1]
            shown = last.at.strftime("%Y-%m-%d") if lang == "en" else day(last.at, lang)
            who = f" — {last.author}, {shown}"
        what = human_id(self.table, self.key)
        if self.kind != "changed":
            kind = tr("phrase.add" if self.kind == "added" else "phrase.delete", lang)
            noun = tr(f"noun.{self.table}", lang) if f"noun.{self.table}" in EN else self.table
            return inert(f"{what} '{self.title}' {kind} ({noun}){who}")
        action = "move" if set(self.changes) <= {"status", "status_reason", "review"} else "edit"
        return inert(f"{what} '{self.title}' {change_phrase(action, self.changes, lang)}{who}")


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


# --- live sessions: what arrived, in a few words -------------------------------------------------


def arrivals(before: Board, after: Board) -> list[tuple[str, Event]]:
    """Events in `after` that `before` does not have, oldest first: what others did meanwhile."""
    new = [(key, ev) for key, ev in after.events.items() if key not in before.events]
    return sorted(new, key=lambda item: (item[1].at, item[0]))


def summary(
    events: Iterable[Event], lang: str = "en", limit: int = 3, people: int = 4
) -> list[str]:
    """One line per author, in the order they first acted.

    One event: `Jan: A-3f9kq 'Portaal' moved wish → planned`; more: `Jan: 3 changes — A-3f9kq
    moved wish → planned, A-8bd2x linked R-2c4dm, …` (at most `limit` named). `many` words the
    count in `lang`. After `people` authors one line counts the rest: `+ 2 more people`.
    """
    by_author: dict[str, list[Event]] = {}
    for event in events:
        by_author.setdefault(event.author, []).append(event)
    lines: list[str] = []
    for author, mine in by_author.items():
        if len(mine) == 1:
            lines.append(f"{author}: {what_happened(mine[0], lang)}")
            continue
        named = [
            f"{human_id(ev.table, ev.record)} {change_phrase(ev.action, dict(ev.changes), lang)}"
            for ev in mine[:limit]
        ]
        more = ", …" if len(mine) > limit else ""
        many = tr("ui.n_changes", lang, n=len(mine))
        lines.append(f"{author}: {many} — {', '.join(named)}{more}")
    if len(lines) > people:
        rest = len(lines) - people + 1
        lines = [*lines[: people - 1], tr("phrase.more_people", lang, n=rest)]
    return [inert(line) for line in lines]


def since(board: Board, day: date) -> list[tuple[str, Event]]:
    """Events from the start of `day` (UTC, as event times are shown) onwards, newest first."""
    start = datetime.combine(day, time(), UTC)
    found = [(key, ev) for key, ev in board.events.items() if ev.at >= start]
    return sorted(found, key=lambda item: (item[1].at, item[0]), reverse=True)


# --- merge conflicts waiting for review ----------------------------------------------------------

RESOLVED = "conflict resolved: "
"""How the text of a `resolve` event starts: `conflict resolved: kept 'Zelfde (Bob)'`."""
WHOLE_RECORD = "*"
"""The field of a conflict about a whole record: deleted on one side, edited on the other."""


@dataclass(frozen=True)
class OpenConflict:
    """A merge conflict nobody has reviewed yet: the record's field still holds what the merge
    chose (`kept`), and `other` is what the other side had (None: the record was deleted there)."""

    event_key: str
    event: Event
    field: str
    kept: Any
    other: Any
    kept_by: str = ""
    """Who last set the kept value before the merge ("" when the history does not say)."""
    other_by: str = ""

    @property
    def table(self) -> str:
        return self.event.table

    @property
    def record(self) -> str:
        return self.event.record


def _chosen(event: Event, ours: Any, theirs: Any) -> tuple[bool, Any]:
    """What the merge kept, read from the conflict text (`…; kept 'X'`): (known, value)."""
    text = event.text or ""
    for value in (ours, theirs):
        if text.endswith(f"; kept {value!r}"):
            return True, value
    return False, None


def open_conflicts(board: Board) -> list[OpenConflict]:
    """The `conflict` events still waiting for review, newest first.

    A conflict about field F of record R is open while
    - R still exists,
    - F still holds the value the merge kept (when the conflict text does not say which, one of
      the two values), and
    - no event after the conflict (by time, then event key) changed F on R, or, for a whole-record
      conflict, touched R at all. Resolving it in the changes view is such an event (`resolve`):
      it takes the other value, or keeps this one and names F in its changes.
    Other conflict events never count as a review.
    """
    by_record: dict[tuple[str, str], list[tuple[str, Event]]] = {}
    for key, ev in board.events.items():
        by_record.setdefault((ev.table, ev.record), []).append((key, ev))
    found: list[OpenConflict] = []
    for key, ev in board.events.items():
        if ev.action != "conflict" or len(ev.changes) != 1:
            continue
        record = board.table(ev.table).get(ev.record) if ev.table in NOUNS else None
        if record is None:
            continue
        ((field, (ours, theirs)),) = ev.changes.items()
        stamp = (ev.at, key)
        later = [
            then
            for then_key, then in by_record[(ev.table, ev.record)]
            if then.action != "conflict" and (then.at, then_key) > stamp
        ]
        if field == WHOLE_RECORD:
            if later:
                continue
            found.append(OpenConflict(key, ev, field, ours if ours is not None else theirs, None))
            continue
        if any(field in then.changes for then in later):
            continue
        current = record.to_doc().get(field)
        known, chosen = _chosen(ev, ours, theirs)
        if known and current != chosen:
            continue
        if not known and current not in (ours, theirs):
            continue
        other = theirs if current == ours else ours
        earlier = [
            item for item in by_record[(ev.table, ev.record)] if (item[1].at, item[0]) < stamp
        ]
        found.append(
            OpenConflict(
                key, ev, field, current, other, _set_by(earlier, field, current),
                _set_by(earlier, field, other),
            )
        )  # fmt: skip
    return sorted(found, key=lambda c: (c.event.at, c.event_key), reverse=True)


def _set_by(events: list[tuple[str, Event]], field: str, value: Any) -> str:
    """The author of the latest of `events` that set `field` to `value`."""
    setting = [
        (ev.at, key, ev.author)
        for key, ev in events
        if ev.action != "conflict" and field in ev.changes and ev.changes[field][1] == value
    ]
    return max(setting)[2] if setting else ""
