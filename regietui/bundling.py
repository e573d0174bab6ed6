"""Bundling demand: one shared roadmap item for the same wish from several municipalities (pure).

A bundle comes from the bundling finding (`similarity.bundles`), from the cards marked on the
board, or from a card in triage and its similar open cards (`from_card`). `propose` suggests the
shared item — title, theme, effort and quarter — as the text a form shows and the user may
change; `ops.bundle` then adds the item and links every ambition in one change (one undo).
"""

from __future__ import annotations

from collections import Counter

from .capacity import quarter_loads
from .model import OPEN, Board, Quarter, RoadmapType
from .similarity import normalise, similar_ambitions

LOOK_AHEAD = 4
"""How many quarters past the earliest wanted-by the proposal looks for open capacity."""


def from_card(board: Board, key: str) -> list[str]:
    """The card and its similar open ambitions of other municipalities that do not link a
    roadmap item the card links: what triage's "bundle with the similar cards" takes."""
    amb = board.ambitions[key]
    mine = set(amb.linked)
    members = [key]
    for other in similar_ambitions(board, key):
        found = board.ambitions[other]
        if found.status in OPEN and not mine & set(found.linked):
            members.append(other)
    return members


def title(board: Board, members: list[str]) -> str:
    """The members' most common title (by its normalised words), else the shortest one."""
    titles = [board.ambitions[k].title for k in members]
    counts = Counter(normalise(t) for t in titles)
    best, n = counts.most_common(1)[0]
    if n > 1:
        return next(t for t in titles if normalise(t) == best)
    return min(titles, key=lambda t: (len(t), t))


def theme(board: Board, members: list[str]) -> str | None:
    """The theme most members have (ties: the first member's)."""
    themes = [board.ambitions[k].theme for k in members if board.ambitions[k].theme]
    if not themes:
        return None
    counts = Counter(themes)
    return max(themes, key=lambda t: counts[t])


def effort(board: Board, members: list[str]) -> float:
    """The largest effort any member asks: one shared solution costs about what the biggest
    single one would (0 when no member says)."""
    return max((board.ambitions[k].effort or 0.0 for k in members), default=0.0)


def quarter(board: Board, members: list[str], today: Quarter, need: float) -> Quarter:
    """The first quarter from the earliest wanted-by (never before `today`) whose open capacity
    takes `need`, looking `LOOK_AHEAD` quarters on; else that earliest quarter."""
    wanted = [board.ambitions[k].wanted_by for k in members if board.ambitions[k].wanted_by]
    first = max(min(wanted), today) if wanted else today
    loads = {load.quarter: load for load in quarter_loads(board)}
    for step in range(LOOK_AHEAD + 1):
        candidate = first + step
        load = loads.get(candidate)
        capacity = load.capacity if load else board.capacity_for(candidate)
        demand = load.demand if load else 0.0
        if capacity is not None and capacity - demand >= need:
            return candidate
    return first


def propose(board: Board, members: list[str], today: Quarter) -> dict[str, str]:
    """The shared roadmap item suggested for a bundle, as form text (field → text)."""
    need = effort(board, members)
    when = quarter(board, members, today, need)
    fields = {
        "title": title(board, members),
        "type": RoadmapType.PROJECT.value,
        "start": str(when),
        "end": str(when),
        "effort": f"{need:g}",
    }
    chosen = theme(board, members)
    if chosen:
        fields["theme"] = chosen
    return fields
