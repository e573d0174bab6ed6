"""Who pays what, and when: cost allocation per roadmap item, budget years, who asks vs who pays.

- **Allocation** (verdeelsleutel). Each roadmap item splits its costs by its own `allocation` or
  else the board's `cost_key` (else: by each municipality's cost share, over all). A key mixes
  bases by weight (equal, inhabitants, workstations, explicit share: `30% equal + 70% inhabitants`)
  over the payers (all: basic package; the municipalities it serves or a list: plus package), or
  is a fixed table. Each basis is normalised over the payers first, then the mix is taken; a
  basis nobody has a figure for splits equally. Amounts are whole euros and always add up to the
  item's cost (rounded half up): the largest remainders get the leftover euros, ties going to the
  lower municipality code. Fractions keep it exact, so the same board gives the same cents
  everywhere.
- **Budget years**. One-off costs are spread over the quarters of the item's span (whole euros
  again, leftovers to the earlier quarters); yearly (structural) costs count from the go-live
  quarter (the item's end quarter) on, a quarter of the yearly amount per quarter. Adopted
  (adopted, running, delivered) and proposed (draft) items stay apart; dropped items count for
  nothing.
- **Who asks, who pays**. A municipality's share of the demand being delivered (the effort of its
  ambitions that are planned or further) against its share of the allocated costs of the items
  not dropped (one-off plus one year of structural costs); `asks_pays` flags a difference larger
  than the threshold relative to the demand share.

The text form of a key (`allocation_text`, `parse_allocation`) is what the CLI's `--set
allocation=...` and the roadmap form read and show, in English or Dutch words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from pydantic import ValidationError

from .model import (
    COMMITTED,
    INACTIVE,
    Allocation,
    Basis,
    Board,
    Funding,
    Payers,
    Quarter,
    RoadmapItem,
    RoadmapStatus,
)

DEFAULT_KEY = Allocation(weights={Basis.SHARE: 1})
"""The key of a board without `cost_key`: each municipality's cost share, over all (as before
allocations existed)."""

ADOPTED = frozenset({RoadmapStatus.ADOPTED, RoadmapStatus.RUNNING, RoadmapStatus.DELIVERED})
"""Roadmap statuses whose costs are adopted (vastgesteld); draft is proposed."""

YEARS_SHOWN = 4
"""A budget (begroting) and three years of meerjarenraming."""

# --- the arithmetic ------------------------------------------------------------------------------


def euros(amount: float | Fraction) -> int:
    """An amount in whole euros, half up (`12.5` → 13)."""
    if isinstance(amount, Fraction):
        return int((amount + Fraction(1, 2)) // 1)
    return int(Decimal(repr(float(amount))).quantize(Decimal(1), ROUND_HALF_UP))


def split(total: int, weights: Mapping[str, Fraction | float | int]) -> dict[str, int]:
    """`total` whole euros over the keys in proportion to their weights: each gets the floor of
    its exact part, the leftover euros go to the largest remainders (ties: the lower key). All
    weights zero: an equal split. The result always adds up to `total`."""
    if not weights:
        return {}
    exact = {k: Fraction(w) for k, w in weights.items()}
    if any(w < 0 for w in exact.values()):
        raise ValueError("a weight below zero")
    whole = sum(exact.values())
    if not whole:
        exact = dict.fromkeys(exact, Fraction(1))
        whole = Fraction(len(exact))
    parts = {k: total * w / whole for k, w in exact.items()}
    shares = {k: int(p // 1) for k, p in parts.items()}
    left = total - sum(shares.values())
    for key in sorted(parts, key=lambda k: (-(parts[k] - shares[k]), k))[:left]:
        shares[key] += 1
    return shares


def key_of(board: Board, item: RoadmapItem) -> Allocation:
    """The allocation an item uses: its own, else the board's, else by cost share."""
    return item.allocation or board.meta.cost_key or DEFAULT_KEY


Served = Mapping[str, list[str]]
"""Roadmap item key → the municipalities whose ambitions it serves (see `served`)."""


def served(board: Board) -> dict[str, list[str]]:
    """For every roadmap item, the municipalities whose ambitions it serves (withdrawn,
    rejected and locally solved ones aside), sorted: one pass over the ambitions, so a whole
    board's allocations cost no more than one look at each card."""
    found: dict[str, set[str]] = defaultdict(set)
    for amb in board.ambitions.values():
        if amb.status not in INACTIVE:
            for ref in amb.linked:
                found[ref].add(amb.municipality)
    return {key: sorted(codes) for key, codes in found.items()}


def payers(board: Board, key: str, serving: Served | None = None) -> list[str]:
    """Who pays for roadmap item `key`: everyone, those it serves, the listed, or the table's
    municipalities (codes, sorted). A plus package that serves nobody yet falls on everyone.
    `serving`: `served(board)` when the caller has it already."""
    alloc = key_of(board, board.roadmap[key])
    if alloc.table:
        named = [code for code in alloc.table if code in board.municipalities]
    elif alloc.payers is Payers.SERVED:
        named = list((serving if serving is not None else served(board)).get(key, []))
    elif alloc.payers is Payers.LISTED:
        named = [code for code in alloc.members if code in board.municipalities]
    else:
        named = list(board.municipalities)
    return sorted(named) or sorted(board.municipalities)


def _basis(board: Board, code: str, basis: Basis) -> Fraction:
    muni = board.municipalities[code]
    figure = {
        Basis.EQUAL: 1,
        Basis.INHABITANTS: muni.inhabitants,
        Basis.WORKSTATIONS: muni.workstations,
        Basis.SHARE: muni.cost_share,
    }[basis]
    return Fraction(figure or 0)


def weights(board: Board, key: str, serving: Served | None = None) -> dict[str, Fraction]:
    """Each payer's exact share of roadmap item `key` (they add up to 1)."""
    alloc = key_of(board, board.roadmap[key])
    codes = payers(board, key, serving)
    if alloc.table:
        given = {c: Fraction(alloc.table.get(c, 0)) for c in codes}
        whole = sum(given.values())
        return {c: w / whole for c, w in given.items()} if whole else _equal(codes)
    mix = {b: Fraction(w) for b, w in alloc.weights.items() if w}
    total_mix = sum(mix.values())
    out: dict[str, Fraction] = defaultdict(Fraction)
    for basis, part in mix.items():
        figures = {c: _basis(board, c, basis) for c in codes}
        whole = sum(figures.values())
        normal = {c: f / whole for c, f in figures.items()} if whole else _equal(codes)
        for code in codes:
            out[code] += part / total_mix * normal[code]
    return dict(out)


def _equal(codes: list[str]) -> dict[str, Fraction]:
    return {c: Fraction(1, len(codes)) for c in codes}


@dataclass(frozen=True)
class ItemCosts:
    """One roadmap item's costs per paying municipality, whole euros."""

    key: str
    once: dict[str, int]
    yearly: dict[str, int]


def allocate(board: Board, key: str, serving: Served | None = None) -> ItemCosts:
    """Roadmap item `key`'s one-off and yearly costs over its payers; each adds up to the cost
    in whole euros."""
    item = board.roadmap[key]
    shares = weights(board, key, serving)
    return ItemCosts(
        key,
        split(euros(item.cost_once or 0.0), shares),
        split(euros(item.cost_yearly or 0.0), shares),
    )


# --- budget years --------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearCosts:
    """Costs falling in one budget year: one-off (eenmalig) and structural (structureel)."""

    once: int = 0
    yearly: int = 0

    @property
    def total(self) -> int:
        return self.once + self.yearly

    def __add__(self, other: YearCosts) -> YearCosts:
        return YearCosts(self.once + other.once, self.yearly + other.yearly)

    def doc(self) -> dict[str, int]:
        return {"once": self.once, "yearly": self.yearly, "total": self.total}


@dataclass(frozen=True)
class Budget:
    """Costs per municipality per year, adopted and proposed apart (`kind`: "adopted" or
    "proposed"), over `years`; `total` sums the municipalities."""

    years: tuple[int, ...]
    by: dict[str, dict[int, dict[str, YearCosts]]] = field(default_factory=dict)

    def of(self, code: str, year: int, kind: str) -> YearCosts:
        return self.by.get(code, {}).get(year, {}).get(kind, YearCosts())

    def total(self, year: int, kind: str, codes: Iterable[str] | None = None) -> YearCosts:
        chosen = self.by if codes is None else codes
        return sum((self.of(c, year, kind) for c in chosen), YearCosts())


KINDS = ("adopted", "proposed")


def kind(item: RoadmapItem) -> str | None:
    """ "adopted", "proposed" (draft) or None (dropped: no costs)."""
    if item.status is RoadmapStatus.DROPPED:
        return None
    return "adopted" if item.status in ADOPTED else "proposed"


def once_by_year(amount: int, item: RoadmapItem) -> dict[int, int]:
    """A one-off amount spread over the quarters of the item's span, summed per year."""
    quarters = item.quarters
    per = split(amount, {f"{i:06d}": 1 for i in range(len(quarters))})
    out: dict[int, int] = defaultdict(int)
    for i, quarter in enumerate(quarters):
        out[quarter.year] += per[f"{i:06d}"]
    return dict(out)


def yearly_in(amount: int, item: RoadmapItem, year: int) -> int:
    """A yearly amount's part in `year`: a quarter of it per quarter from go-live (the end
    quarter) on, in whole euros (half up)."""
    live = sum(1 for q in range(1, 5) if Quarter(year, q) >= item.end)
    return euros(Fraction(amount * live, 4))


def allocations(board: Board) -> Iterator[tuple[RoadmapItem, str, ItemCosts]]:
    """Every roadmap item that is not dropped (by key) with "adopted" or "proposed" and its
    allocation."""
    serving = served(board)
    for key in sorted(board.roadmap):
        item = board.roadmap[key]
        which = kind(item)
        if which is not None:
            yield item, which, allocate(board, key, serving)


def budget(board: Board, first_year: int, count: int = YEARS_SHOWN) -> Budget:
    """The begroting (`first_year`) and meerjarenraming (the years after) per municipality.
    Each item's amount in a year is split over its payers, so every year's total is the sum of
    the items' own round figures (splitting each payer's share over the years instead would
    leave totals a few euros off)."""
    years = tuple(range(first_year, first_year + count))
    by: dict[str, dict[int, dict[str, YearCosts]]] = {
        code: {y: {k: YearCosts() for k in KINDS} for y in years} for code in board.municipalities
    }
    serving = served(board)
    for key in sorted(board.roadmap):
        item = board.roadmap[key]
        which = kind(item)
        if which is None:
            continue
        shares = weights(board, key, serving)
        once = once_by_year(euros(item.cost_once or 0.0), item)
        for year in years:
            once_part = split(once.get(year, 0), shares)
            yearly_part = split(yearly_in(euros(item.cost_yearly or 0.0), item, year), shares)
            for code in shares:
                part = YearCosts(once_part.get(code, 0), yearly_part.get(code, 0))
                by[code][year][which] = by[code][year][which] + part
    return Budget(years, by)


def shared_costs(board: Board) -> dict[str, tuple[int, int]]:
    """Per paying municipality: its one-off and yearly allocations of the items not dropped."""
    totals: dict[str, tuple[int, int]] = {}
    for _, _, split in allocations(board):
        for code in split.once.keys() | split.yearly.keys():
            once, yearly = totals.get(code, (0, 0))
            totals[code] = (once + split.once.get(code, 0), yearly + split.yearly.get(code, 0))
    return totals


# --- who asks, who pays --------------------------------------------------------------------------


@dataclass(frozen=True)
class AsksPays:
    """One municipality's share of the demand being delivered and of the costs (exact)."""

    code: str
    asks: Fraction
    pays: Fraction

    @property
    def gap(self) -> Fraction:
        """How far paying lies from asking, relative to asking (pays 8 %, asks 13 %: 5/13);
        asking nothing while paying something counts as infinitely far (None never returned)."""
        if not self.asks:
            return Fraction(0) if not self.pays else Fraction(10**9)
        return abs(self.pays - self.asks) / self.asks

    def flagged(self, threshold: float) -> bool:
        """Whether the shares differ by more than `threshold` relative to the demand share."""
        return self.gap > Fraction(threshold)


def asks_pays(board: Board) -> list[AsksPays]:
    """Per municipality (by code): its share of the effort of ambitions planned or further, and
    its share of the allocated costs (one-off + yearly) of roadmap items not dropped. Empty when
    nothing is asked or nothing costs anything."""
    asked: dict[str, Fraction] = defaultdict(Fraction)
    for amb in board.ambitions.values():
        if amb.status in COMMITTED and amb.effort:
            asked[amb.municipality] += Fraction(amb.effort)
    paid = {code: once + yearly for code, (once, yearly) in shared_costs(board).items()}
    all_asked, all_paid = sum(asked.values()), sum(paid.values())
    if not all_asked or not all_paid:
        return []
    return [
        AsksPays(
            code, asked.get(code, Fraction(0)) / all_asked, Fraction(paid.get(code, 0), all_paid)
        )
        for code in sorted(board.municipalities)
    ]


# --- each municipality's costs (report, scenario comparison) -------------------------------------


@dataclass(frozen=True)
class MunicipalityCosts:
    """One municipality's costs: shared (its allocations of the roadmap) and its own."""

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
    """Per municipality code: its allocations of the roadmap items not dropped, and the own
    costs of its committed ambitions funded by itself."""
    shared = shared_costs(board)
    own: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for amb in board.ambitions.values():
        if amb.funding is Funding.OWN and amb.status in COMMITTED:
            own[amb.municipality][0] += amb.cost_once or 0
            own[amb.municipality][1] += amb.cost_yearly or 0
    return {
        code: MunicipalityCosts(*shared.get(code, (0, 0)), *own.get(code, [0.0, 0.0]))
        for code in board.municipalities
    }


# --- the key as text -----------------------------------------------------------------------------

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "equal": "equal",
        "inhabitants": "inhabitants",
        "workstations": "workstations",
        "share": "share",
        "all": "all",
        "served": "served",
        "over": "over",
    },
    "nl": {
        "equal": "gelijk",
        "inhabitants": "inwoners",
        "workstations": "werkplekken",
        "share": "aandeel",
        "all": "alle",
        "served": "bediende",
        "over": "over",
    },
}
"""The words of a key's text form in each language; the parser reads both."""

_READ = {word.casefold(): name for words in WORDS.values() for name, word in words.items()}
_READ |= {"basis": "all", "basispakket": "all", "plus": "served", "pluspakket": "served"}
_TERM = re.compile(r"^\s*(?:(\d+(?:[.,]\d+)?)\s*(%?)\s*)?([^\d\s%][^%]*?)\s*$")
_ENTRY = re.compile(r"^\s*([^:=]+?)\s*[:=]\s*(\d+(?:[.,]\d+)?)\s*%?\s*$")


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _figure(value: float) -> str:
    return f"{value:g}"


def allocation_text(alloc: Allocation | None, lang: str = "en") -> str:
    """A key as people type it: `30% equal + 70% inhabitants over served`, `GM0363: 40, GM0344:
    60`, `share over GM0363, GM0344`; empty for None (the board's key). `parse_allocation` reads
    it back."""
    if alloc is None:
        return ""
    words = WORDS.get(lang, WORDS["en"])
    if alloc.table:
        return ", ".join(f"{code}: {_figure(w)}" for code, w in alloc.table.items())
    whole = sum(alloc.weights.values())
    if len(alloc.weights) == 1:
        text = words[next(iter(alloc.weights)).value]
    else:
        text = " + ".join(
            f"{_figure(round(w / whole * 100, 2))}% {words[b.value]}"
            for b, w in alloc.weights.items()
        )
    if alloc.payers is Payers.SERVED:
        text += f" {words['over']} {words['served']}"
    elif alloc.payers is Payers.LISTED:
        text += f" {words['over']} {', '.join(alloc.members)}"
    return text


def parse_allocation(text: str, municipality: Callable[[str], str]) -> Allocation | None:
    """A key from its text form (English or Dutch words; see `allocation_text`); empty text is
    None (the board's key). `municipality` turns a name, tag or code into a code (raising
    ValueError for none). Raises ValueError saying what is wrong."""
    text = text.strip()
    if not text:
        return None
    head, _, scope = _scope_split(text)
    if ":" in head or "=" in head:
        if scope:
            raise ValueError("a fixed table names its own municipalities; leave out 'over ...'")
        table: dict[str, float] = {}
        for part in head.split(","):
            match = _ENTRY.match(part)
            if not match:
                raise ValueError(f"{part.strip()!r} is not 'municipality: weight'")
            code = municipality(match[1])
            if code in table:
                raise ValueError(f"{code} appears twice")
            table[code] = _number(match[2])
        return _checked(table=table)
    weights: dict[Basis, float] = {}
    unweighted = 0
    for part in head.split("+"):
        match = _TERM.match(part)
        name = _READ.get(match[3].casefold()) if match else None
        if not match or name not in Basis.__members__.values():
            choices = ", ".join(WORDS["en"][b.value] for b in Basis)
            raise ValueError(f"{part.strip()!r} is not a basis ({choices}), optionally with a %")
        basis = Basis(name)
        if basis in weights:
            raise ValueError(f"{WORDS['en'][basis.value]} appears twice")
        weights[basis] = _number(match[1]) if match[1] else 1.0
        unweighted += not match[1]
    if len(weights) > 1 and unweighted:
        raise ValueError("give each basis of a mix its weight, like 30% equal + 70% inhabitants")
    payers, members = _payers(scope, municipality)
    return _checked(weights=weights, payers=payers, members=members)


def _scope_split(text: str) -> tuple[str, str, str]:
    parts = re.split(r"\s+over\s+", text, maxsplit=1, flags=re.I)
    return (parts[0], "over", parts[1]) if len(parts) == 2 else (parts[0], "", "")


def _payers(scope: str, municipality: Callable[[str], str]) -> tuple[Payers, tuple[str, ...]]:
    word = _READ.get(scope.strip().casefold())
    if not scope.strip() or word == "all":
        return Payers.ALL, ()
    if word == "served":
        return Payers.SERVED, ()
    codes = tuple(municipality(part) for part in scope.split(",") if part.strip())
    if len(set(codes)) != len(codes):
        raise ValueError("a municipality appears twice among the payers")
    return Payers.LISTED, codes


def _checked(**fields: object) -> Allocation:
    """An Allocation, its validation error as one ValueError sentence."""
    try:
        return Allocation.model_validate(fields)
    except ValidationError as err:
        first = err.errors()[0]
        raise ValueError(str(first["msg"]).removeprefix("Value error, ")) from None
