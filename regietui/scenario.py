"""Scenarios: named what-ifs over a board, kept in the board file beside the plan.

A scenario stores, per record it changes, each changed field as (the plan's value when the
scenario changed it, the scenario's value) — or a whole record it adds or removes. So:

- `apply(board, scenario)` is the plan with the scenario laid over it, field by field: what the
  plan changed elsewhere in a record shows through. It is pure and never fails: a change that no
  longer fits the plan (its record was deleted, or the combination breaks a rule) is left out and
  reported by `applied(...)`.
- `stale(board, scenario)` names each field the plan itself changed since the scenario changed
  it: the scenario still wins there, but someone should look again.
- `record(plan, scenario, edited)` is how editing works: edit the applied board with the ordinary
  operations (in a `BoardSession` without a store), then store the difference from the plan.
- `adopt(...)` applies the scenario to the plan as one decision: one event per changed record
  naming the scenario and the decision, and the scenario itself removed (undo takes it all back).
- `compare(plan, scenario_board, today)` lists what differs: items moved, capacity per quarter,
  findings that appear or disappear, cost per municipality.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError

from . import capacity, insights, ops
from .costs import MunicipalityCosts, municipality_costs
from .figures import span
from .i18n import tr
from .lookup import InputError
from .model import (
    SCENARIO_TABLES,
    TABLES,
    Board,
    Body,
    Decision,
    Quarter,
    Record,
    Scenario,
    ScenarioChange,
    human_id,
    references,
)
from .validation import Why, problem_phrase
from .wording import Label, Listing, Noun, Phrase, Word, field_word, phrase, value_words

Doc = dict[str, Any]


# --- finding a scenario ----------------------------------------------------------------------


def find(board: Board, name: str) -> str:
    """The key of the scenario named `name` (case-insensitive) or with id `W-xxxxx`;
    `InputError` says which exist when none or two match."""
    wanted = name.strip().casefold()
    hits = [
        key
        for key, sc in board.scenarios.items()
        if sc.name.casefold() == wanted or human_id("scenarios", key).casefold() == wanted
    ]
    if len(hits) == 1:
        return hits[0]
    if hits:
        ids = ", ".join(human_id("scenarios", k) for k in sorted(hits))
        raise InputError(phrase("scenario.several", n=len(hits), name=repr(name), ids=ids))
    known = sorted(sc.name for sc in board.scenarios.values())
    listed: Any = ", ".join(known) if known else Word("scenario.none_yet")
    raise InputError(phrase("scenario.none", name=repr(name), known=listed))


def new(board: Board, name: str, actor: ops.Actor, description: str = "") -> ops.Change:
    """Add an empty scenario; a second one with the same name is refused."""
    if any(sc.name.casefold() == name.strip().casefold() for sc in board.scenarios.values()):
        raise ops.OpError(phrase("scenario.exists", name=repr(name.strip())))
    fields = {"name": name, "description": description, "author": actor.author}
    fields["created"] = actor.clock().date()
    return ops.add(board, "scenarios", fields, actor)


# --- laying a scenario over the plan ---------------------------------------------------------


@dataclass(frozen=True)
class Skipped:
    """A change of a scenario that `apply` left out, and why."""

    table: str
    record: str
    why: Any
    """A sentence: a `Phrase`, or a plain one."""

    def text(self, lang: str = "en") -> str:
        """`roadmap item R-8bd2x: …` in `lang`."""
        return self.phrase().text(lang)

    def phrase(self) -> Phrase:
        what = phrase("error.what", noun=Noun(self.table), id=human_id(self.table, self.record))
        return phrase("error.record", what=what, why=self.why)

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True)
class Applied:
    board: Board
    skipped: tuple[Skipped, ...]


def _overlay(current: Record | None, change: ScenarioChange) -> Record | Phrase | None:
    """The record as the scenario has it, or a reason (a Phrase) it cannot be built."""
    if change.removed:
        return None
    if current is None and not change.added:
        return phrase("scenario.gone")
    doc: Doc = {} if change.added or current is None else current.to_doc()
    for name, (_, value) in change.fields.items():
        if value is None:
            doc.pop(name, None)
        else:
            doc[name] = value
    try:
        return TABLES[change.table].model_validate(doc)
    except ValidationError as err:
        first = err.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "record"
        return phrase("error.at", where=Label(field), what=Why(first))


def applied(board: Board, scenario: Scenario) -> Applied:
    """The plan with the scenario laid over it, and the changes that had to be left out (their
    record is gone, a rule of the record breaks, or a reference points nowhere)."""
    result = board
    skipped: list[Skipped] = []
    touched: list[ScenarioChange] = []
    for change in scenario.changes:
        current = board.table(change.table).get(change.record)
        record = _overlay(current, change)
        if isinstance(record, Phrase):
            skipped.append(Skipped(change.table, change.record, record))
            continue
        result = result.with_record(change.table, change.record, record)
        touched.append(change)
    # A change whose references point nowhere (or whose removal leaves others pointing nowhere)
    # is taken back until the board is whole again.
    while problems := _dangling(result, touched):
        for change, problem in problems:
            original = board.table(change.table).get(change.record)
            result = result.with_record(change.table, change.record, original)
            touched.remove(change)
            skipped.append(Skipped(change.table, change.record, problem))
    return Applied(result, tuple(skipped))


def _dangling(board: Board, touched: list[ScenarioChange]) -> list[tuple[ScenarioChange, Phrase]]:
    found: list[tuple[ScenarioChange, Phrase]] = []
    for change in touched:
        if change.removed:
            users = [
                human_id(t, k)
                for t in ("ambitions", "roadmap")
                for k, r in board.table(t).items()
                if any((tt, kk) == (change.table, change.record) for _, tt, kk in references(t, r))
            ]
            if users:
                found.append(
                    (change, phrase("scenario.still_used", names=Listing(tuple(sorted(users)), 5)))
                )
        elif change.table != "capacity":
            problems = board.record_problems(change.table, change.record, cycles=False)
            if problems:
                found.append((change, problem_phrase(problems[0])))
    return found


def apply(board: Board, scenario: Scenario) -> Board:
    """The plan with the scenario laid over it (pure; changes that no longer fit are left out)."""
    return applied(board, scenario).board


# --- staleness -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stale:
    """A field the plan changed after the scenario changed it: (what the scenario started from,
    what the plan has now, what the scenario has)."""

    table: str
    record: str
    field: str
    base: Any
    plan: Any
    scenario: Any

    def text(self, lang: str = "en") -> str:
        """`roadmap item R-8bd2x, field end: the plan changed it from …` in `lang`."""
        return tr(
            "scenario.stale",
            lang,
            what=_what(self.table, self.record, lang),
            field=field_word(self.field, lang),
            base=value_words(self.field, self.base, lang),
            plan=value_words(self.field, self.plan, lang),
            scenario=value_words(self.field, self.scenario, lang),
        )

    def __str__(self) -> str:
        return self.text()


def _what(table: str, key: str, lang: str) -> str:
    return phrase("error.what", noun=Noun(table), id=human_id(table, key)).text(lang)


def stale(board: Board, scenario: Scenario) -> list[Stale]:
    """Every field the plan changed since the scenario changed it (for review)."""
    found: list[Stale] = []
    for change in scenario.changes:
        current = board.table(change.table).get(change.record)
        if change.added or change.removed or current is None:
            continue
        doc = current.to_doc()
        for name, (base, value) in change.fields.items():
            if not _same(doc.get(name), base):
                found.append(Stale(change.table, change.record, name, base, doc.get(name), value))
    return found


def _same(a: Any, b: Any) -> bool:
    """Two field values as the file has them; empty and absent count as equal."""
    return a == b or (a in (None, "", [], {}) and b in (None, "", [], {}))


def rebase(board: Board, scenario: Scenario) -> Scenario:
    """The scenario reviewed: its stale fields now start from the plan's current values."""
    changes = []
    for change in scenario.changes:
        current = board.table(change.table).get(change.record)
        if change.added or change.removed or current is None:
            changes.append(change)
            continue
        doc = current.to_doc()
        fields = {name: (doc.get(name), value) for name, (_, value) in change.fields.items()}
        changes.append(change.model_copy(update={"fields": fields}))
    return scenario.model_copy(update={"changes": tuple(changes)})


# --- recording edits -------------------------------------------------------------------------


def record(plan: Board, scenario: Scenario, edited: Board) -> Scenario:
    """The scenario that turns `plan` into `edited` (for the tables a scenario may change).

    A field the scenario had changed keeps the plan value it started from (so staleness stays
    visible); a change that `apply` had to leave out, and that the edit left alone, is kept."""
    earlier = {(c.table, c.record): c for c in scenario.changes}
    before = applied(plan, scenario)
    left_out = {(s.table, s.record) for s in before.skipped}
    changes: list[ScenarioChange] = []
    for table in SCENARIO_TABLES:
        ours, theirs, was = plan.table(table), edited.table(table), before.board.table(table)
        for key in sorted(ours.keys() | theirs.keys() | {k for t, k in left_out if t == table}):
            old = earlier.get((table, key))
            if (table, key) in left_out and theirs.get(key) == was.get(key):
                assert old is not None
                changes.append(old)
                continue
            change = _change(table, key, ours.get(key), theirs.get(key), old)
            if change is not None:
                changes.append(change)
    return scenario.model_copy(update={"changes": tuple(changes)})


def _change(
    table: str, key: str, plan: Record | None, edited: Record | None, old: ScenarioChange | None
) -> ScenarioChange | None:
    if plan is None and edited is None:
        return None
    if edited is None:
        return ScenarioChange(table=table, record=key, removed=True)
    new_doc = edited.to_doc()
    if plan is None:
        fields = {name: (None, value) for name, value in sorted(new_doc.items())}
        return ScenarioChange(table=table, record=key, fields=fields, added=True)
    plan_doc = plan.to_doc()
    bases = old.fields if old is not None else {}
    fields = {}
    for name in sorted(plan_doc.keys() | new_doc.keys()):
        value = new_doc.get(name)
        if _same(plan_doc.get(name), value):
            continue
        base = bases[name][0] if name in bases else plan_doc.get(name)
        fields[name] = (base, value)
    if not fields:
        return None
    return ScenarioChange(table=table, record=key, fields=fields)


def save_edit(plan: Board, key: str, edited: Board, actor: ops.Actor, what: str) -> ops.Change:
    """Store an edit of the scenario `key` (made on its applied board) in the plan's file: one
    `scenario` event on the scenario record saying what was done (`what`)."""
    scenario = plan.scenarios[key]
    updated = record(plan, scenario, edited)
    return ops.put(plan, "scenarios", key, updated, actor, "scenario", what or None)


# --- adopting --------------------------------------------------------------------------------


ORDER = {"capacity": 0, "roadmap": 1, "ambitions": 2}


def adopt(board: Board, key: str, decision: Decision, actor: ops.Actor) -> ops.Change:
    """Make the scenario the plan: one decision recorded on the scenario (which goes), and one
    `adopt` event per changed record naming the scenario and the decision. Additions and edits
    come before removals (roadmap items before the ambitions that link them), so every step
    leaves the references whole; undo reverses it as one change."""
    scenario = board.scenarios[key]
    result = applied(board, scenario)
    if result.skipped:
        first = result.skipped[0].phrase()
        raise ops.OpError(phrase("scenario.misfit", name=repr(scenario.name), why=first))
    note = f"{decision_text(decision)} (scenario {scenario.name!r})"
    records: list[tuple[str, str, Record | None]] = [("scenarios", key, None)]
    kept = [c for c in scenario.changes if not c.removed]
    gone = [c for c in scenario.changes if c.removed]
    kept.sort(key=lambda c: (ORDER[c.table], c.record))
    gone.sort(key=lambda c: (-ORDER[c.table], c.record))
    for change in (*kept, *gone):
        new_record = result.board.table(change.table).get(change.record)
        if new_record != board.table(change.table).get(change.record):
            records.append((change.table, change.record, new_record))
    if len(records) == 1:
        raise ops.OpError(phrase("scenario.nothing", name=repr(scenario.name)))
    return ops.apply_each(board, records, actor, "adopt", note)


def parse_decision(text: str, today: date) -> Decision:
    """A decision typed on one line, `AB 2027-01-15: roadmap 2027 vastgesteld` (the date may be
    left out: today); `InputError` (a ValueError) says what is wanted."""
    head, colon, said = text.partition(":")
    words = head.split()
    if not colon or not said.strip() or not 1 <= len(words) <= 2:
        raise InputError(phrase("scenario.decision_form"))
    try:
        body = Body(words[0].lower())
    except ValueError:
        bodies = ", ".join(b.value.upper() for b in Body)
        raise InputError(phrase("scenario.not_body", word=repr(words[0]), bodies=bodies)) from None
    try:
        on = date.fromisoformat(words[1]) if len(words) == 2 else today
    except ValueError:
        raise InputError(phrase("scenario.not_day", word=repr(words[1]))) from None
    return Decision(date=on, body=body, text=said.strip())


def decision_text(decision: Decision) -> str:
    """`AB 2027-01-15: roadmap 2027 vastgesteld`."""
    return f"{decision.body.value.upper()} {decision.date.isoformat()}: {decision.text}"


def drop(board: Board, key: str, actor: ops.Actor) -> ops.Change:
    """Discard a scenario (the plan is untouched)."""
    return ops.delete(board, "scenarios", key, actor)


# --- comparing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Moved:
    """A roadmap item the scenario adds, removes or changes (start, end, effort, status)."""

    key: str
    title: str
    plan: Phrase | str
    scenario: Phrase | str
    """What the plan and the scenario have, worded when shown (`wording.worded`)."""


@dataclass(frozen=True)
class LoadPair:
    quarter: Quarter
    plan: capacity.QuarterLoad | None
    scenario: capacity.QuarterLoad | None

    @staticmethod
    def left(load: capacity.QuarterLoad | None) -> float | None:
        """Capacity minus demand (None when no capacity is known)."""
        if load is None or load.capacity is None:
            return None
        return load.capacity - load.demand


@dataclass(frozen=True)
class Comparison:
    moved: tuple[Moved, ...]
    loads: tuple[LoadPair, ...]
    appear: tuple[insights.Finding, ...]
    disappear: tuple[insights.Finding, ...]
    costs: tuple[tuple[str, MunicipalityCosts, MunicipalityCosts], ...]
    findings: tuple[int, int]
    """How many findings the plan and the scenario have."""


def _item_text(board: Board, key: str) -> Phrase | str:
    """A roadmap item's run, effort and status (`Q1–Q3 2027 · 120 hours per quarter · draft`),
    worded when shown; `—` when the board does not have it."""
    item = board.roadmap.get(key)
    if item is None:
        return "—"
    return phrase(
        "scenario.item",
        span=span(item.start, item.end),
        effort=item.effort,
        unit=Word(f"unit.{board.meta.capacity_unit.value}", title=True),
        status=Word(f"roadmap.{item.status.value}"),
    )


def compare(plan: Board, scenario_board: Board, today: date) -> Comparison:
    """What the scenario changes: roadmap items, load per quarter, findings, costs."""
    moved = []
    for key in sorted(plan.roadmap.keys() | scenario_board.roadmap.keys()):
        before, after = _item_text(plan, key), _item_text(scenario_board, key)
        if before != after:
            item = scenario_board.roadmap.get(key) or plan.roadmap[key]
            moved.append(Moved(key, item.title, before, after))
    plan_loads = {ld.quarter: ld for ld in capacity.quarter_loads(plan)}
    scen_loads = {ld.quarter: ld for ld in capacity.quarter_loads(scenario_board)}
    loads = [
        LoadPair(q, plan_loads.get(q), scen_loads.get(q))
        for q in sorted(plan_loads.keys() | scen_loads.keys())
        if _load_key(plan_loads.get(q)) != _load_key(scen_loads.get(q))
    ]
    plan_found = insights.findings(plan, today)
    scen_found = insights.findings(scenario_board, today)
    plan_msgs = {(f.check, f.message) for f in plan_found}
    scen_msgs = {(f.check, f.message) for f in scen_found}
    plan_costs, scen_costs = municipality_costs(plan), municipality_costs(scenario_board)
    costs = [
        (code, plan_costs.get(code, MunicipalityCosts()), scen_costs[code])
        for code in sorted(scen_costs)
        if plan_costs.get(code) != scen_costs[code]
    ]
    return Comparison(
        tuple(moved),
        tuple(loads),
        tuple(f for f in scen_found if (f.check, f.message) not in plan_msgs),
        tuple(f for f in plan_found if (f.check, f.message) not in scen_msgs),
        tuple(costs),
        (len(plan_found), len(scen_found)),
    )


def _load_key(load: capacity.QuarterLoad | None) -> tuple[float, float, float | None]:
    if load is None:
        return (0.0, 0.0, None)
    return (load.demand, load.adopted, load.capacity)


def summary(board: Board, key: str, lang: str = "en") -> list[str]:
    """One line per change of a scenario, for `scenario show`: what it does to which record,
    in `lang` (values in words: `Q3 2027`, `gepland`)."""
    scenario = board.scenarios[key]
    late = {(s.table, s.record, s.field) for s in stale(board, scenario)}
    lines = []
    for change in scenario.changes:
        where = _what(change.table, change.record, lang)
        if change.removed:
            lines.append(tr("scenario.removed", lang, what=where))
            continue
        parts = []
        for name, (base, value) in change.fields.items():
            mark = (
                tr("scenario.stale_mark", lang)
                if (change.table, change.record, name) in late
                else ""
            )
            now = value_words(name, value, lang)
            shown = now if change.added else f"{value_words(name, base, lang)} → {now}"
            parts.append(f"{field_word(name, lang)} {shown}{mark}")
        verb = "scenario.added_with" if change.added else "scenario.changes"
        lines.append(tr(verb, lang, what=where, parts="; ".join(parts)))
    return lines


def names(board: Board) -> Iterable[tuple[str, Scenario]]:
    """The scenarios by name."""
    return sorted(board.scenarios.items(), key=lambda kv: (kv[1].name.casefold(), kv[0]))
