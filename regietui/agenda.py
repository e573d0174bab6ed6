"""What a meeting of a governing body has to decide: the decision points of the board, each with
a proposal, the alternatives, effort and cost, who pays what, and the body that decides (pure).

A decision point is an ambition for decision (`deciding`) or a draft roadmap item. The proposal
comes from what the app already knows: a roadmap item that could serve the card (`triage`), a
bundle with the same wish elsewhere (`bundling`), else a new roadmap item in the first quarter
with room; the alternatives are the other candidates, the scenarios that change a draft item
(`scenario`), parking, rejecting, and the earlier decisions that bear on a card (`similarity`).

Which body decides follows the usual split in a joint arrangement (gemeenschappelijke regeling):
an exception to one of the cooperative's standards is the steering committee's; whatever adds to
the shared budget (begroting) is the general board's (AB); the rest, within the budget, is the
daily board's (DB).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from . import bundling, capacity, cost_tables, costs, scenario, triage
from .lookup import InputError
from .model import (
    Allocation,
    Board,
    Body,
    Funding,
    Link,
    Quarter,
    RoadmapItem,
    RoadmapStatus,
    Status,
    human_id,
)
from .similarity import precedents, similar_ambitions
from .wording import Listing, Phrase, Word, phrase

TRIAGE = frozenset({Status.WISH, Status.EXPLORING, Status.DECIDING})
"""Ambitions still to be decided on: the ones a bundle may take along."""

BODY_WORDS: dict[str, Body] = {
    "steering": Body.STEERING,
    "stuurgroep": Body.STEERING,
    "db": Body.DB,
    "dagelijks bestuur": Body.DB,
    "ab": Body.AB,
    "algemeen bestuur": Body.AB,
    "alv": Body.ALV,
}
"""How a meeting's body may be written, in English and Dutch (case does not matter)."""


@dataclass(frozen=True)
class Meeting:
    """A meeting of a body on a day: `AB 2027-01-15`."""

    body: Body
    day: date


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_meeting(text: str) -> Meeting:
    """`AB 2027-01-15`, `2027-01-15 stuurgroep`, …; InputError says how to write it."""
    found = _DAY.search(text)
    body = _DAY.sub(" ", text).strip().casefold() if found else ""
    bodies = ", ".join(BODY_WORDS)
    wanted = f'--meeting {text!r}: write a body ({bodies}) and a date, like "AB 2027-01-15"'
    if not found or " ".join(body.split()) not in BODY_WORDS:
        raise InputError(wanted)
    try:
        day = date.fromisoformat(found[0])
    except ValueError:
        raise InputError(wanted) from None
    return Meeting(BODY_WORDS[" ".join(body.split())], day)


def previous_meeting(board: Board, meeting: Meeting) -> date | None:
    """The last day before the meeting on which the same body took a decision recorded on the
    board: the board keeps no minutes, but every decision names its body and date."""
    days = [
        amb.decision.date
        for amb in board.ambitions.values()
        if amb.decision and amb.decision.body is meeting.body and amb.decision.date < meeting.day
    ]
    return max(days, default=None)


# --- who pays ------------------------------------------------------------------------------------

PROPOSED = "proposed"
"""The key of the roadmap item a proposal would add, on the trial board that works out who
would pay for it (never a key the board can hold: keys use lower-case letters and digits)."""


@dataclass(frozen=True)
class Impact:
    """One municipality's part of a decision point's cost, in whole euros."""

    municipality: str
    once: int
    yearly: int


@dataclass(frozen=True)
class Split:
    """Who pays a decision point's cost: the parts, and the key that made them (None: the
    municipality funds it itself) with its package (`basic` or `plus`, `own` without a key)."""

    parts: tuple[Impact, ...]
    key: Allocation | None
    package: str


def _impact(board: Board, item: str, once: float, yearly: float) -> Split:
    """The cost split as roadmap item `item` splits its costs (`costs.weights`: its own key or
    the board's, over its payers); each part adds up to the cost in whole euros."""
    shares = costs.weights(board, item)
    parts = costs.split(costs.euros(once), shares), costs.split(costs.euros(yearly), shares)
    order = sorted(shares, key=lambda c: (board.municipalities[c].name, c))
    impact = tuple(
        Impact(c, parts[0].get(c, 0), parts[1].get(c, 0))
        for c in order
        if parts[0].get(c) or parts[1].get(c)
    )
    key = costs.key_of(board, board.roadmap[item])
    return Split(impact, key, cost_tables.package(board, item))


def ambition_impact(board: Board, members: list[str], item: str | None, today: date) -> Split:
    """Who pays for the first of `members` (an ambition and what it is bundled with). Funded by
    its own municipality: that municipality alone. Otherwise as the roadmap item `item` it would
    be planned on — or a new one for the members — divides its costs once they link to it:
    a plus package falls on the municipalities it would serve."""
    amb = board.ambitions[members[0]]
    once, yearly = amb.cost_once or 0.0, amb.cost_yearly or 0.0
    if amb.funding is Funding.OWN:
        return Split(
            (Impact(amb.municipality, costs.euros(once), costs.euros(yearly)),), None, "own"
        )
    trial = board
    if item is None:
        item = PROPOSED
        when = Quarter.of(today)
        new = RoadmapItem.model_construct(title=amb.title, start=when, end=when)
        trial = trial.with_record("roadmap", item, new)
    for key in members:
        member = trial.ambitions[key]
        if item not in member.linked:
            linked = member.model_copy(update={"links": (*member.links, Link(roadmap=item))})
            trial = trial.with_record("ambitions", key, linked)
    return _impact(trial, item, once, yearly)


# --- decision points -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionPoint:
    """One item on the agenda: what to decide, what else could be decided, and what it costs."""

    table: str
    key: str
    title: str
    proposal: Phrase
    alternatives: tuple[Phrase, ...]
    context: tuple[Phrase, ...]
    effort: float
    """Total effort in the board's capacity unit (a roadmap item's effort per quarter times its
    quarters)."""
    cost_once: float
    cost_yearly: float
    impact: tuple[Impact, ...]
    body: Body
    why_body: Phrase
    cost_key: Allocation | None
    """The cost key that splits it (None: its municipality pays it alone)."""
    package: str
    """`basic` (everyone pays), `plus` (some do) or `own`."""

    @property
    def ident(self) -> str:
        return human_id(self.table, self.key)


def deciding_body(board: Board, table: str, key: str) -> tuple[Body, Phrase]:
    """The body that decides a point, and why (see the module's docstring)."""
    if table == "ambitions":
        amb = board.ambitions[key]
        if amb.conflicts and amb.decision is None:
            return Body.STEERING, phrase("agenda.body_standard")
        adds = amb.funding is not Funding.OWN and (amb.cost_once or amb.cost_yearly)
    else:
        item = board.roadmap[key]
        adds = bool(item.cost_once or item.cost_yearly)
    if adds:
        return Body.AB, phrase("agenda.body_budget")
    return Body.DB, phrase("agenda.body_mandate")


def _item(board: Board, key: str) -> str:
    return f"{human_id('roadmap', key)} “{board.roadmap[key].title}”"


def _amb(board: Board, key: str) -> str:
    amb = board.ambitions[key]
    muni = board.municipalities.get(amb.municipality)
    return (
        f"{human_id('ambitions', key)} “{amb.title}” ({muni.short if muni else amb.municipality})"
    )


def _ambition_point(board: Board, key: str, today: date) -> DecisionPoint:
    amb = board.ambitions[key]
    similar = similar_ambitions(board, key)
    found = [
        c for c in triage.candidates(board, key, similar) if c.why == "similar" or c.count >= 3
    ]
    members = [k for k in bundling.from_card(board, key) if board.ambitions[k].status in TRIAGE]
    others = Listing(tuple(_amb(board, k) for k in members[1:]))
    alternatives: list[Phrase] = []
    late: list[Phrase] = []
    chosen_key = found[0].key if found else None
    if found:
        chosen = board.roadmap[found[0].key]
        proposal = phrase("agenda.propose_link", item=_item(board, found[0].key))
        if amb.wanted_by and chosen.end > amb.wanted_by:
            late.append(phrase("agenda.late", end=chosen.end, wanted=amb.wanted_by))
        alternatives += [phrase("agenda.alt_link", item=_item(board, c.key)) for c in found[1:3]]
        if len(members) > 1:
            alternatives.append(phrase("agenda.alt_bundle", others=others))
    else:
        fields = bundling.propose(board, members, Quarter.of(today))
        when = Quarter.parse(fields["start"])
        if len(members) > 1:
            proposal = phrase(
                "agenda.propose_bundle", others=others, title=fields["title"], quarter=when
            )
        else:
            proposal = phrase("agenda.propose_new", title=fields["title"], quarter=when)
    alternatives += [phrase("agenda.alt_park"), phrase("agenda.alt_reject")]
    muni = board.municipalities.get(amb.municipality)
    asker = muni.name if muni else amb.municipality
    context = [
        phrase("agenda.asked_by_when", municipality=asker, quarter=amb.wanted_by)
        if amb.wanted_by
        else phrase("agenda.asked_by", municipality=asker)
    ]
    context += late
    if amb.conflicts:
        names = tuple(board.standards[s].title for s in amb.conflicts if s in board.standards)
        context.append(phrase("agenda.conflicts", standards=Listing(names)))
    for found_before in precedents(board, key, similar)[:3]:
        other = board.ambitions[found_before.key]
        if other.decision:
            d = other.decision
            context.append(
                phrase(
                    "agenda.precedent",
                    amb=_amb(board, found_before.key),
                    body=Word(f"body.{d.body.value}", title=True),
                    day=d.date,
                    text=d.text,
                )
            )
        else:
            status = Word(f"status.{other.status.value}")
            context.append(
                phrase("agenda.precedent_status", amb=_amb(board, found_before.key), status=status)
            )
    impact = ambition_impact(board, members if not found else [key], chosen_key, today)
    return _point(board, "ambitions", key, proposal, alternatives, context, amb.effort, impact)


def _over(loads: list[capacity.QuarterLoad]) -> int:
    return sum(1 for load in loads if load.over)


def _roadmap_point(board: Board, key: str, today: date) -> DecisionPoint:
    item = board.roadmap[key]
    unit = Word(f"unit.{board.meta.capacity_unit.value}")
    proposal = phrase(
        "agenda.propose_adopt", start=item.start, end=item.end, effort=item.effort, unit=unit
    )
    alternatives: list[Phrase] = []
    plan_over = _over(capacity.quarter_loads(board))
    for sc_key, sc in scenario.names(board):
        if not any(c.table == "roadmap" and c.record == key for c in sc.changes):
            continue
        what_if = scenario.apply(board, board.scenarios[sc_key])
        changed = what_if.roadmap.get(key)
        if changed is None:
            continue
        alternatives.append(
            phrase(
                "agenda.alt_scenario",
                name=sc.name,
                start=changed.start,
                end=changed.end,
                plan=plan_over,
                scenario=_over(capacity.quarter_loads(what_if)),
            )
        )
    alternatives += [phrase("agenda.alt_later"), phrase("agenda.alt_drop")]
    serving = sorted(board.serving(key))
    if serving:
        context = [phrase("agenda.serves", items=Listing(tuple(_amb(board, k) for k in serving)))]
    else:
        context = [phrase("agenda.serves_none")]
    if item.depends_on:
        deps = tuple(_item(board, d) for d in item.depends_on if d in board.roadmap)
        context.append(phrase("agenda.depends", items=Listing(deps)))
    loads = {load.quarter: load for load in capacity.quarter_loads(board)}
    over = tuple(
        q
        for q in item.quarters
        if q in loads
        and loads[q].capacity is not None
        and loads[q].adopted + item.effort > loads[q].capacity
    )
    if over:
        context.append(phrase("agenda.over_with", quarters=Listing(over)))
    impact = _impact(board, key, item.cost_once or 0.0, item.cost_yearly or 0.0)
    effort = item.effort * len(item.quarters)
    return _point(board, "roadmap", key, proposal, alternatives, context, effort, impact)


def _point(
    board: Board,
    table: str,
    key: str,
    proposal: Phrase,
    alternatives: list[Phrase],
    context: list[Phrase],
    effort: float | None,
    split: Split,
) -> DecisionPoint:
    """A decision point about a card or an item, with its costs and the body that decides."""
    record = board.ambitions[key] if table == "ambitions" else board.roadmap[key]
    body, why = deciding_body(board, table, key)
    return DecisionPoint(
        table,
        key,
        record.title,
        proposal,
        tuple(alternatives),
        tuple(context),
        effort or 0.0,
        record.cost_once or 0.0,
        record.cost_yearly or 0.0,
        split.parts,
        body,
        why,
        split.key,
        split.package,
    )


def decision_points(board: Board, today: date) -> list[DecisionPoint]:
    """The ambitions for decision (by municipality, then title), then the draft roadmap items
    (by start, then title)."""
    deciding = sorted(
        (k for k, a in board.ambitions.items() if a.status is Status.DECIDING),
        key=lambda k: (board.ambitions[k].municipality, board.ambitions[k].title, k),
    )
    drafts = sorted(
        (k for k, it in board.roadmap.items() if it.status is RoadmapStatus.DRAFT),
        key=lambda k: (board.roadmap[k].start, board.roadmap[k].title, k),
    )
    return [_ambition_point(board, k, today) for k in deciding] + [
        _roadmap_point(board, k, today) for k in drafts
    ]
