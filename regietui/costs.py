"""Who pays: each municipality's part of the shared roadmap costs (by its cost share) and its own
costs (committed ambitions it funds itself). The report and the scenario comparison share it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .model import COMMITTED, Board, Funding, RoadmapStatus


@dataclass(frozen=True)
class MunicipalityCosts:
    """One municipality's costs: shared (its cost share of the roadmap) and its own."""

    shared_once: float = 0.0
    shared_yearly: float = 0.0
    own_once: float = 0.0
    own_yearly: float = 0.0

    @property
    def values(self) -> tuple[float, float, float, float]:
        return (self.shared_once, self.shared_yearly, self.own_once, self.own_yearly)

    @property
    def once(self) -> float:
        return self.shared_once + self.own_once

    @property
    def yearly(self) -> float:
        return self.shared_yearly + self.own_yearly


def municipality_costs(board: Board) -> dict[str, MunicipalityCosts]:
    """Per municipality code: the roadmap items not dropped, split by cost share, and the own
    costs of its committed ambitions funded by itself."""
    items = [it for it in board.roadmap.values() if it.status is not RoadmapStatus.DROPPED]
    shared_once = sum(it.cost_once or 0 for it in items)
    shared_yearly = sum(it.cost_yearly or 0 for it in items)
    own: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for amb in board.ambitions.values():
        if amb.funding is Funding.OWN and amb.status in COMMITTED:
            own[amb.municipality][0] += amb.cost_once or 0
            own[amb.municipality][1] += amb.cost_yearly or 0
    result = {}
    for code, muni in board.municipalities.items():
        share = muni.cost_share or 0.0
        own_once, own_yearly = own.get(code, [0.0, 0.0])
        result[code] = MunicipalityCosts(
            shared_once * share, shared_yearly * share, own_once, own_yearly
        )
    return result
