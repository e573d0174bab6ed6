"""Three-way merge of boards by record and field: used by concurrent saves, the git merge driver
and `regietui resolve`. Every merge of two valid boards gives a valid board, the same one
whichever side is "ours", and keeps every event of both sides.

The rules, in order (the README's "Sharing a board through git" says the same):

1. Records. The same on both sides, or changed on one side only: take that. Added on both sides
   under one key (a municipality's CBS code, a theme, a quarter): merged field by field as if the
   base were empty. Deleted on one side, edited on the other: the edit is kept (a conflict).
2. Fields changed on both sides, to different values:
   - sets (`links`, `tags`, `conflicts`, `depends_on`, a scenario's `changes` by record) merge
     element by element: an addition on
     either side is kept, a removal on one side is applied, and only an element both sides changed
     differently (the coverage of one link; one side removing a link whose coverage the other
     changed) is a conflict, decided as below. Elements of base keep their order; additions follow,
     sorted.
   - long texts (`description`, the decision's `text`) merge line by line when the two sides
     changed different lines (insertions at one place only if they are the same); `decision`
     merges its date, body and text that way too.
   - otherwise it is a conflict: the side whose last change *of that field* is later wins (its
     latest event since base naming the field, by time, ties by event key; a side with such an
     event beats one without); when neither side has one, the larger value (as canonical JSON).
   A record whose merged fields break a rule of the record (a parked card whose review date the
   other side cleared) becomes the whole record of the side with the later event on it; every
   field change of the other side that this drops is a conflict.
3. References. A record deleted on one side but still used by the merged board (a roadmap item the
   other side linked an ambition to, or made another item depend on; a municipality, theme or
   standard in use) is kept: a conflict on the whole record. A dependency cycle that only the
   combination of both sides makes loses the dependency added last (a conflict on `depends_on`).
4. Events: the union of both sides (an event both sides hold differently: the base's other
   version, else the larger). Every conflict adds one `conflict` event whose key, time, values (the
   value that lost, then the value kept) and text derive from the conflict alone, so merging A
   into B and B into A give byte-identical files, and merging again adds nothing.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
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
    Record,
    dependency_cycles,
    human_id,
    references,
)

Doc = dict[str, Any]
Stamp = tuple[datetime, str]
"""When a side last changed something: (event time, event key)."""

WHOLE_RECORD = "*"
"""The field of a conflict about a whole record (kept although one side deleted it)."""
SETS = frozenset({"links", "tags", "conflicts", "depends_on", "changes"})
"""List fields that are sets: merged element by element (a scenario's `changes` by record)."""
LONG_TEXTS = frozenset({"description"})
"""Text fields merged line by line (and the decision's text)."""
MERGE_AUTHOR = "regietui merge"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Conflict:
    """A place where both sides disagreed: the value the merge kept and the one that lost (for a
    whole record, `other` is None: the side that deleted it). `why` says what forced it when it is
    not simply two values of one field; `events` are the two sides' last events on it."""

    table: str
    record: str
    field: str
    other: Any
    kept: Any
    why: str = ""
    events: tuple[str, ...] = ()

    def __str__(self) -> str:
        where = f"{NOUNS.get(self.table, self.table)} {human_id(self.table, self.record)}"
        if self.field == WHOLE_RECORD:
            return f"{where}: deleted on one side, {self.why} on the other; kept it"
        why = f" ({self.why})" if self.why else ""
        return (
            f"{where}, field {self.field}{why}: {self.other!r} vs {self.kept!r}; kept {self.kept!r}"
        )


@dataclass(frozen=True)
class MergeResult:
    """The merged board (with one `conflict` event per conflict), its conflicts, and whatever is
    still wrong with it (empty whenever both sides were valid boards)."""

    board: Board
    conflicts: list[Conflict]
    problems: list[Problem]


@dataclass
class _Clock:
    """A side's latest change per record and per (record, field), from its events since base."""

    records: dict[tuple[str, str], Stamp] = field(default_factory=dict)
    fields: dict[tuple[str, str, str], Stamp] = field(default_factory=dict)

    @classmethod
    def of(cls, base: Board, side: Board) -> _Clock:
        clock = cls()
        for key, event in side.events.items():
            if key in base.events or event.action == "conflict":
                continue
            stamp = (event.at, key)
            where = (event.table, event.record)
            clock.records[where] = max(clock.records.get(where, stamp), stamp)
            for name in event.changes:
                place = (*where, name)
                clock.fields[place] = max(clock.fields.get(place, stamp), stamp)
        return clock


def _later(ours: Stamp | None, theirs: Stamp | None, ov: Any, tv: Any) -> bool:
    """Whether our side wins: the later stamp, else (no stamps, or the same event) the larger
    value. Symmetric, so both merge directions choose the same value."""
    if ours != theirs:
        return theirs is None or (ours is not None and ours > theirs)
    return _canonical(ov) > _canonical(tv)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def merge(base: Board, ours: Board, theirs: Board) -> MergeResult:
    """Merge `ours` and `theirs`, both descended from `base` (see the module docstring)."""
    merger = _Merger(base, ours, theirs)
    tables = {name: merger.table(name) for name in TABLES if name != "events"}
    merger.keep_referenced(tables)
    merger.break_cycles(tables)
    meta = tables.pop("meta").get(META_KEY, ours.meta)
    board = Board(meta=meta, events=_union(base.events, ours.events, theirs.events), **tables)
    board = merger.conflict_events(board)
    return MergeResult(board, merger.conflicts, board.problems())


def _union(base: dict[str, Event], ours: dict[str, Event], theirs: dict[str, Event]) -> dict:
    """Every event of both sides; one both hold differently: the one that is not base's, else the
    larger (events are append-only, so this only happens to files edited by hand)."""
    events = {**ours, **theirs}
    for key in ours.keys() & theirs.keys():
        o, t = ours[key], theirs[key]
        if o != t:
            o_doc, t_doc = _canonical(o.to_doc()), _canonical(t.to_doc())
            if t == base.get(key) or (o != base.get(key) and o_doc > t_doc):
                events[key] = o
    return events


class _Merger:
    """One merge in progress: the three boards, both sides' clocks and the conflicts so far."""

    def __init__(self, base: Board, ours: Board, theirs: Board) -> None:
        self.sides = (base, ours, theirs)
        self.clocks = (_Clock.of(base, ours), _Clock.of(base, theirs))
        self.conflicts: list[Conflict] = []

    # --- rule 1 and 2: records and fields ----------------------------------------------------

    def table(self, name: str) -> dict[str, Any]:
        """One table merged record by record (rule 1). Records compare as objects, which is what
        their documents compare as, without serialising the thousands nobody changed."""
        base, ours, theirs = (side.table(name) for side in self.sides)
        merged: dict[str, Any] = {}
        for key in sorted(base.keys() | ours.keys() | theirs.keys()):
            b, o, t = base.get(key), ours.get(key), theirs.get(key)
            record = one_sided(b, o, t)
            if record is BOTH and (o is None or t is None):
                record = o if t is None else t
                self._conflict(name, key, WHOLE_RECORD, None, record.to_doc(), "edited")
            elif record is BOTH:
                record = self._record(name, key, b.to_doc() if b else {}, o.to_doc(), t.to_doc())
            if record is not None:
                merged[key] = record
        return merged

    def _record(self, table: str, key: str, b: Doc, o: Doc, t: Doc) -> Record | None:
        """Both sides changed one record: merge it field by field (rule 2)."""
        model = TABLES[table]
        doc: Doc = {}
        found: list[Conflict] = []
        for name in sorted(b.keys() | o.keys() | t.keys()):
            bv, ov, tv = b.get(name), o.get(name), t.get(name)
            value = one_sided(bv, ov, tv)
            if value is BOTH:
                ours_wins = self._field_wins(table, key, name, ov, tv)
                value, other = _combine(name, bv, ov, tv, ours_wins)
                if other is not _SAME:
                    found.append(self._make(table, key, name, other, value))
            if value is not None:
                doc[name] = value
        try:
            record = model.model_validate(doc)
        except ValidationError:
            return self._whole_winner(table, key, b, o, t)
        self.conflicts.extend(found)
        return record

    def _whole_winner(self, table: str, key: str, b: Doc, o: Doc, t: Doc) -> Record | None:
        """The fields of both sides break a rule of the record together: the side with the later
        event on the record keeps all of it; each field change of the other side is a conflict."""
        o_clock, t_clock = (clock.records.get((table, key)) for clock in self.clocks)
        ours_wins = _later(o_clock, t_clock, o, t)
        winner, loser = (o, t) if ours_wins else (t, o)
        for name in sorted(winner.keys() | loser.keys()):
            lost, kept = loser.get(name), winner.get(name)
            if lost != b.get(name) and lost != kept:
                why = "the combination breaks a rule of the record"
                self.conflicts.append(self._make(table, key, name, lost, kept, why))
        side = self.sides[1] if ours_wins else self.sides[2]
        return side.table(table)[key]

    def _field_wins(self, table: str, key: str, name: str, ov: Any, tv: Any) -> bool:
        o_stamp, t_stamp = (clock.fields.get((table, key, name)) for clock in self.clocks)
        return _later(o_stamp, t_stamp, ov, tv)

    # --- rule 3: references --------------------------------------------------------------------

    def keep_referenced(self, tables: dict[str, dict[str, Any]]) -> None:
        """Bring back every record one side deleted that the merged board still uses (and what
        that record uses in turn), each with a conflict naming who uses it."""
        base, ours, theirs = self.sides
        kept: list[tuple[str, str]] = []
        pending = [(name, key) for name, records in tables.items() for key in records]
        while pending:
            name, key = pending.pop()
            for _, target, ref in references(name, tables[name][key]):
                if ref in tables[target]:
                    continue
                source = next(
                    (s.table(target)[ref] for s in (ours, theirs, base) if ref in s.table(target)),
                    None,
                )
                if source is None:
                    continue  # nothing to bring back: left to the board's problems
                tables[target][ref] = source
                kept.append((target, ref))
                pending.append((target, ref))
        for target, ref in sorted(kept):
            users = sorted(
                human_id(name, key)
                for name, records in tables.items()
                for key, record in records.items()
                if any((t, r) == (target, ref) for _, t, r in references(name, record))
            )
            shown = ", ".join(users[:5]) + (f" and {len(users) - 5} more" if len(users) > 5 else "")
            why = f"still used by {shown}"
            self._conflict(target, ref, WHOLE_RECORD, None, tables[target][ref].to_doc(), why)

    def break_cycles(self, tables: dict[str, dict[str, Any]]) -> None:
        """Drop, from each dependency cycle the two sides made together, the dependency added
        last (by its side's last change of that item's `depends_on`)."""
        roadmap = tables["roadmap"]
        while cycles := dependency_cycles(roadmap):
            cycle = cycles[0]
            edges = [(a, cycle[(i + 1) % len(cycle)]) for i, a in enumerate(cycle)]
            source, target = max(edges, key=self._edge_age)
            item = roadmap[source]
            before = list(item.depends_on)
            after = [dep for dep in before if dep != target]
            roadmap[source] = item.model_copy(update={"depends_on": tuple(after)})
            why = f"{human_id('roadmap', target)} would close a dependency cycle"
            self._conflict("roadmap", source, "depends_on", before, after, why)

    def _edge_age(self, edge: tuple[str, str]) -> tuple[bool, Stamp | tuple[()], str, str]:
        """How late a dependency was added: by the side(s) that added it, their last change of
        the item's depends_on; a dependency base already had is the oldest."""
        source, target = edge
        base, *sides = self.sides
        added = [
            clock.fields.get(("roadmap", source, "depends_on"))
            for side, clock in zip(sides, self.clocks, strict=True)
            if target in getattr(side.roadmap.get(source), "depends_on", ())
            and target not in getattr(base.roadmap.get(source), "depends_on", ())
        ]
        stamps = [stamp for stamp in added if stamp is not None]
        return (bool(added), max(stamps) if stamps else (), source, target)

    # --- rule 4: conflicts as events -----------------------------------------------------------

    def _make(
        self, table: str, key: str, name: str, other: Any, kept: Any, why: str = ""
    ) -> Conflict:
        stamps = [clock.fields.get((table, key, name)) for clock in self.clocks]
        if name == WHOLE_RECORD:
            stamps = [clock.records.get((table, key)) for clock in self.clocks]
        events = tuple(sorted(stamp[1] for stamp in stamps if stamp is not None))
        return Conflict(table, key, name, other, kept, why, events)

    def _conflict(
        self, table: str, key: str, name: str, other: Any, kept: Any, why: str = ""
    ) -> None:
        self.conflicts.append(self._make(table, key, name, other, kept, why))

    def conflict_events(self, board: Board) -> Board:
        """The merged board with one `conflict` event per conflict, for review (and flipping) in
        the changes view and `regietui resolve`."""
        latest: dict[tuple[str, str], datetime] = {}
        for side in self.sides[1:]:
            for event in side.events.values():
                if event.action == "conflict":
                    continue  # so that merging the same versions again gives the same event
                where = (event.table, event.record)
                latest[where] = max(latest.get(where, event.at), event.at)
        events = dict(board.events)
        for conflict in self.conflicts:
            record = board.table(conflict.table).get(conflict.record)
            at = latest.get((conflict.table, conflict.record))
            key = _conflict_key(conflict)
            if key in events:
                continue  # the same conflict from an earlier merge of the same two versions
            events[key] = Event(
                at=at + timedelta(microseconds=1) if at else EPOCH,
                author=MERGE_AUTHOR,
                action="conflict",
                table=conflict.table,
                record=conflict.record,
                title=str(getattr(record, "title", getattr(record, "name", ""))),
                changes={conflict.field: (conflict.other, conflict.kept)},
                text=str(conflict),
            )
        return dataclasses.replace(board, events=events)


def _conflict_key(conflict: Conflict) -> str:
    """An event key derived from the conflict alone: the same in both merge directions, and the
    same again when the same two versions are merged twice."""
    digest = hashlib.sha256(
        _canonical(
            [
                conflict.table,
                conflict.record,
                conflict.field,
                conflict.other,
                conflict.kept,
                list(conflict.events),
            ]
        ).encode()
    ).digest()
    return "".join(KEY_ALPHABET[b % len(KEY_ALPHABET)] for b in digest[:EVENT_KEY_LENGTH])


# --- combining two changes of one field ------------------------------------------------------

BOTH: Any = type("Both", (), {"__repr__": lambda self: "BOTH"})()
"""What `one_sided` says when both sides changed a thing, differently."""


def one_sided(base: Any, ours: Any, theirs: Any) -> Any:
    """The outcome of three versions of one thing when at most one side changed it (or both the
    same way); BOTH when the two sides changed it differently."""
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    return BOTH


class _Same:
    """Marker: the two changes combined without a conflict."""


_SAME: Any = _Same()


def _combine(name: str, bv: Any, ov: Any, tv: Any, ours_wins: bool) -> tuple[Any, Any]:
    """Two different changes of one field: (the merged value, the value that lost or _SAME)."""
    if name in SETS and isinstance(ov, list) and isinstance(tv, list):
        return merge_sets(bv or [], ov, tv, ours_wins)
    if name in LONG_TEXTS and isinstance(ov, str) and isinstance(tv, str):
        text = merge_lines(bv or "", ov, tv)
        if text is not None:
            return text, _SAME
    if name == "decision" and isinstance(ov, dict) and isinstance(tv, dict):
        decision = _merge_decision(bv or {}, ov, tv)
        if decision is not None:
            return decision, _SAME
    return (ov, tv) if ours_wins else (tv, ov)


def _merge_decision(b: Doc, o: Doc, t: Doc) -> Doc | None:
    """A decision merged by its parts (date, body, text by lines); None if a part conflicts."""
    out: Doc = {}
    for name in sorted(b.keys() | o.keys() | t.keys()):
        bv, ov, tv = b.get(name), o.get(name), t.get(name)
        value = one_sided(bv, ov, tv)
        if value is BOTH and name == "text" and isinstance(ov, str) and isinstance(tv, str):
            text = merge_lines(bv or "", ov, tv)
            value = BOTH if text is None else text
        if value is BOTH:
            return None
        if value is not None:
            out[name] = value
    return out


def element_key(item: Any) -> Any:
    """What identifies a set element: a link by the roadmap item it points at, a scenario's
    change by the record it changes."""
    if isinstance(item, dict) and "roadmap" in item:
        return item["roadmap"]
    if isinstance(item, dict) and "table" in item and "record" in item:
        return f"{item['table']}/{item['record']}"
    return _canonical(item)


def merge_sets(base: list, ours: list, theirs: list, ours_wins: bool) -> tuple[list, Any]:
    """A set field merged element by element: (the merged list, the list as the losing side would
    have had its contested elements, or _SAME when no element was contested)."""
    b, o, t = ({element_key(v): v for v in side} for side in (base, ours, theirs))
    merged: dict[Any, Any] = {}
    lost: dict[Any, Any] = {}
    for ident in b.keys() | o.keys() | t.keys():
        be, oe, te = b.get(ident), o.get(ident), t.get(ident)
        value = one_sided(be, oe, te)
        if value is BOTH:
            value, lost[ident] = (oe, te) if ours_wins else (te, oe)
        merged[ident] = value
    kept = _ordered(b, merged)
    if not lost:
        return kept, _SAME
    return kept, _ordered(b, {**merged, **lost})


def _ordered(base: dict[Any, Any], elements: dict[Any, Any]) -> list:
    """Base's elements in base's order, then the added ones sorted: the same whichever side."""
    present = {ident: value for ident, value in elements.items() if value is not None}
    order = [i for i in base if i in present] + sorted(i for i in present if i not in base)
    return [present[i] for i in order]


# --- three-way merge of text by lines --------------------------------------------------------


def merge_lines(base: str, ours: str, theirs: str) -> str | None:
    """Both sides' edits of a text, when they touch different lines; None when they overlap.

    Each side's edits are the hunks of a line diff against base. Hunks of the two sides may sit
    side by side; they conflict when they overlap, or when both insert different lines at the same
    place (which order would be a guess). The same hunk on both sides counts once.
    """
    b = base.split("\n")
    hunks = sorted(set(_hunks(b, ours.split("\n"))) | set(_hunks(b, theirs.split("\n"))))
    out: list[str] = []
    pos = 0
    previous: tuple[int, int, tuple[str, ...]] | None = None
    for start, end, lines in hunks:
        if start < pos or (previous and start == end == previous[0] == previous[1]):
            return None
        out += b[pos:start]
        out += lines
        pos = end
        previous = (start, end, lines)
    out += b[pos:]
    return "\n".join(out)


def _hunks(base: list[str], side: list[str]) -> Iterable[tuple[int, int, tuple[str, ...]]]:
    matcher = difflib.SequenceMatcher(a=base, b=side, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            yield (i1, i2, tuple(side[j1:j2]))
