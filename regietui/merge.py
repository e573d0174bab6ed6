"""Three-way merge of boards by record and field: used by concurrent saves and by git.

Rules, in order, for every record present anywhere:
- the same on both sides, or changed on one side only: take that;
- deleted on one side, edited on the other: keep the edit (and report it);
- edited on both sides: merge field by field; a field changed to different values on both sides
  takes the value of the side whose latest event on that record is later (ties broken by event
  key, then by the values themselves), so merging A into B and B into A give the same board.
Events never change, so the events table ends up the union of both sides.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import ValidationError

from .model import (
    EVENT_KEY_LENGTH,
    KEY_ALPHABET,
    META_KEY,
    NOUNS,
    TABLES,
    Board,
    Event,
    Problem,
    human_id,
)

Doc = dict[str, Any]


@dataclass(frozen=True)
class Conflict:
    """A place where both sides disagreed, what each side had and what the merge kept."""

    table: str
    record: str
    field: str
    ours: Any
    theirs: Any
    chosen: Any

    def __str__(self) -> str:
        where = f"{NOUNS.get(self.table, self.table)} {human_id(self.table, self.record)}"
        if self.field == "*":
            return f"{where}: deleted on one side, edited on the other; kept the edit"
        return (
            f"{where}, field {self.field}: {self.ours!r} vs {self.theirs!r}; kept {self.chosen!r}"
        )


@dataclass(frozen=True)
class MergeResult:
    board: Board
    conflicts: list[Conflict]
    problems: list[Problem]


def merge(base: Board, ours: Board, theirs: Board) -> MergeResult:
    """Merge `ours` and `theirs`, both descended from `base`."""
    base_docs, our_docs, their_docs = base.docs(), ours.docs(), theirs.docs()
    our_clock = _clock(base, ours)
    their_clock = _clock(base, theirs)
    conflicts: list[Conflict] = []
    problems: list[Problem] = []
    tables: dict[str, dict[str, Any]] = {}
    for name, model in TABLES.items():
        b_tab, o_tab, t_tab = base_docs[name], our_docs[name], their_docs[name]
        o_recs, t_recs = ours.table(name), theirs.table(name)
        merged: dict[str, Any] = {}
        for key in sorted(b_tab.keys() | o_tab.keys() | t_tab.keys()):
            b, o, t = b_tab.get(key), o_tab.get(key), t_tab.get(key)
            if o == t or t == b:
                if o is not None:
                    merged[key] = o_recs[key]
                continue
            if o == b:
                if t is not None:
                    merged[key] = t_recs[key]
                continue
            if o is None or t is None:
                conflicts.append(Conflict(name, key, "*", o, t, o if t is None else t))
                merged[key] = o_recs[key] if t is None else t_recs[key]
                continue
            o_time, t_time = our_clock.get((name, key)), their_clock.get((name, key))
            ours_wins = None if o_time == t_time else (o_time or ("",)) > (t_time or ("",))
            doc = _merge_fields(name, key, b or {}, o, t, ours_wins, conflicts)
            try:
                merged[key] = model.model_validate(doc)
            except ValidationError as err:
                first = err.errors()[0]
                field = ".".join(str(p) for p in first["loc"]) or "record"
                problems.append(
                    Problem(name, key, field, str(first["msg"]).removeprefix("Value error, "))
                )
        tables[name] = merged
    meta = tables.pop("meta").get(META_KEY, ours.meta)
    board = Board(meta=meta, **tables)
    if not problems:
        problems = board.problems()
    return MergeResult(board, conflicts, problems)


def conflict_events(result: MergeResult, ours: Board, theirs: Board) -> Board:
    """The merged board with one `conflict` event per conflict, so people can review (and flip)
    what the merge chose. Key, time and author are derived from the conflict itself, so merging
    A into B and B into A still give the same file, and a repeated merge adds nothing new."""
    board = result.board
    for conflict in result.conflicts:
        digest = hashlib.sha256(
            json.dumps(
                [conflict.table, conflict.record, conflict.field, conflict.ours, conflict.theirs],
                sort_keys=True,
                default=str,
            ).encode()
        ).digest()
        key = "".join(KEY_ALPHABET[b % len(KEY_ALPHABET)] for b in digest[:EVENT_KEY_LENGTH])
        times = [
            ev.at
            for side in (ours, theirs)
            for ev in side.events.values()
            if (ev.table, ev.record) == (conflict.table, conflict.record)
        ]
        record = board.table(conflict.table).get(conflict.record)
        event = Event(
            at=max(times) + timedelta(microseconds=1)
            if times
            else datetime(1970, 1, 1, tzinfo=UTC),
            author="regietui merge",
            action="conflict",
            table=conflict.table,
            record=conflict.record,
            title=str(getattr(record, "title", getattr(record, "name", ""))),
            changes={conflict.field: (conflict.ours, conflict.theirs)},
            text=str(conflict),
        )
        board = board.with_record("events", key, event)
    return board


def _merge_fields(
    table: str, key: str, b: Doc, o: Doc, t: Doc, ours_wins: bool | None, conflicts: list[Conflict]
) -> Doc:
    out: Doc = {}
    for field in sorted(b.keys() | o.keys() | t.keys()):
        bv, ov, tv = b.get(field), o.get(field), t.get(field)
        if ov == tv or tv == bv:
            value = ov
        elif ov == bv:
            value = tv
        else:
            value = ov if _prefer_ours(ours_wins, ov, tv) else tv
            conflicts.append(Conflict(table, key, field, ov, tv, value))
        if value is not None:
            out[field] = value
    return out


def _prefer_ours(ours_wins: bool | None, ov: Any, tv: Any) -> bool:
    """The later side wins; without events to tell, the larger value does (still symmetric)."""
    if ours_wins is not None:
        return ours_wins
    return json.dumps(ov, sort_keys=True) >= json.dumps(tv, sort_keys=True)


def _clock(base: Board, side: Board) -> dict[tuple[str, str], tuple[str, str]]:
    """Per record, the (time, event key) of the side's latest event that base does not have."""
    clock: dict[tuple[str, str], tuple[str, str]] = {}
    for ev_key, event in side.events.items():
        if ev_key in base.events:
            continue
        stamp = (event.at.isoformat(), ev_key)
        where = (event.table, event.record)
        if stamp > clock.get(where, ("", "")):
            clock[where] = stamp
    return clock
