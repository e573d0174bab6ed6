"""Capacity per quarter: the planned roadmap effort of each quarter against the cooperative's
capacity (pure). The capacity check, the roadmap's capacity rows, triage and the report share it."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Board, Quarter, RoadmapStatus


@dataclass(frozen=True)
class QuarterLoad:
    """Planned roadmap effort in one quarter against the cooperative's capacity."""

    quarter: Quarter
    demand: float
    capacity: float | None
    items: tuple[str, ...]
    adopted: float = 0.0
    """The part of `demand` from items decided on (adopted, running, delivered); the rest is
    proposed (draft)."""

    @property
    def proposed(self) -> float:
        """Demand of draft items: not decided on yet."""
        return self.demand - self.adopted

    @property
    def adopted_over(self) -> float:
        """How far the adopted load alone exceeds capacity."""
        if self.capacity is None:
            return 0.0
        return max(0.0, self.adopted - self.capacity)

    @property
    def over(self) -> float:
        """How far demand exceeds capacity (0 when within capacity or capacity unknown)."""
        if self.capacity is None:
            return 0.0
        return max(0.0, self.demand - self.capacity)


DECIDED = frozenset({RoadmapStatus.ADOPTED, RoadmapStatus.RUNNING, RoadmapStatus.DELIVERED})
"""Roadmap statuses whose load is adopted; a draft's load is proposed."""


def board_quarters(board: Board) -> list[Quarter]:
    """Every quarter from the earliest roadmap start or capacity entry to the latest end."""
    marks = [q for item in board.roadmap.values() for q in (item.start, item.end)]
    marks += [Quarter.parse(key) for key in board.capacity]
    if not marks:
        return []
    return Quarter.span(min(marks), max(marks))


def quarter_loads(board: Board) -> list[QuarterLoad]:
    """Per quarter: the summed per-quarter effort of the roadmap items running then (not
    dropped), the capacity and the items involved. The roadmap view and the checks share this."""
    running: dict[Quarter, list[str]] = {q: [] for q in board_quarters(board)}
    for key, item in board.roadmap.items():
        if item.status is RoadmapStatus.DROPPED:
            continue
        for quarter in item.quarters:
            running[quarter].append(key)
    return [
        QuarterLoad(
            quarter,
            sum(board.roadmap[k].effort for k in keys),
            board.capacity_for(quarter),
            tuple(sorted(keys)),
            sum(board.roadmap[k].effort for k in keys if board.roadmap[k].status in DECIDED),
        )
        for quarter, keys in running.items()
    ]
