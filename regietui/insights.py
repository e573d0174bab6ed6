"""Alignment checks over a board: where ambitions, roadmap and capacity don't fit (pure).

`findings(board, today)` runs every check in `CHECKS` (in that order) and returns `Finding`s: which
check, how bad (`Severity`), which records (`ids`: `(table, key)` pairs) and one plain sentence that
names human ids and titles. A check is a small function registered with `@check("name")`; its label
is the i18n key `check.<name>` (English and Dutch in `i18n.py`).

Choices worth knowing (the thresholds live in `meta.thresholds`):
- "Open" ambitions are those in the main flow up to In progress (Wish … In progress); Done and the
  side columns are finished business for bundling, lateness and staleness.
- capacity: a quarter is flagged when its demand exceeds capacity × `capacity_warning` (error when
  it exceeds the capacity itself, warning when only the scaled limit); quarters that have ended
  are skipped (history is not actionable), and a quarter with demand but no recorded capacity
  is reported as info.
- bundling: two open ambitions of the same theme from different municipalities pair up when their
  normalised titles are similar (difflib ratio ≥ `similarity`) or they share a tag (tags that only
  repeat the theme's name are ignored), provided at least one of them has no roadmap link yet and
  they share none (`similarity.bundles`, which also says how it stays fast).
- share: the planned capacity of a roadmap item (effort per quarter × quarters, items not dropped)
  is split equally over the municipalities whose ambitions link to it (withdrawn, rejected and
  locally solved ambitions don't count); each municipality's share of the total is compared with
  its `cost_share`, flagged when they differ by more than `share_tolerance` (absolute, so 0.1 is
  ten percentage points).
- stale: Wish, Exploring and For decision cards whose last event is `stale_days` or more ago.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .capacity import QuarterLoad, quarter_loads
from .figures import grouped
from .i18n import tr
from .model import (
    COMMITTED,
    INACTIVE,
    OPEN,
    Board,
    Quarter,
    RoadmapItem,
    RoadmapStatus,
    RoadmapType,
    Status,
    human_id,
)
from .similarity import bundles

# --- findings and the check registry -------------------------------------------------------------


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for info: compare with `>=` for "at least"."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


Ids = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Finding:
    """One misalignment: the check that found it, how bad, the records involved, one sentence."""

    check: str
    severity: Severity
    ids: Ids
    message: str

    def human_ids(self) -> list[str]:
        return [human_id(table, key) for table, key in self.ids]


CheckFn = Callable[[Board, date], Iterable[Finding]]


@dataclass(frozen=True)
class Check:
    """A registered check: its name (i18n key `check.<name>`), what it looks for, the function."""

    name: str
    description: str
    run: CheckFn


CHECKS: list[Check] = []
"""Every check, in the order findings are reported."""


def check(name: str) -> Callable[[CheckFn], CheckFn]:
    """Register a check function under `name`; its docstring is its description."""

    def register(fn: CheckFn) -> CheckFn:
        CHECKS.append(Check(name, (fn.__doc__ or "").strip().splitlines()[0], fn))
        return fn

    return register


def check_names() -> list[str]:
    return [c.name for c in CHECKS]


def findings(board: Board, today: date, only: Iterable[str] | None = None) -> list[Finding]:
    """Run the checks (all, or those named in `only`) and return their findings, grouped by
    check in registry order; within a check the most severe first."""
    wanted = set(only) if only is not None else None
    out: list[Finding] = []
    for registered in CHECKS:
        if wanted is not None and registered.name not in wanted:
            continue
        found = list(registered.run(board, today))
        found.sort(key=lambda f: -f.severity.rank)  # stable: keeps each check's own order
        out.extend(found)
    return out


def by_check(found: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Findings grouped by check name, in registry order (checks without findings left out)."""
    groups: dict[str, list[Finding]] = {name: [] for name in check_names()}
    for finding in found:
        groups.setdefault(finding.check, []).append(finding)
    return {name: items for name, items in groups.items() if items}


def by_record(found: Iterable[Finding]) -> dict[tuple[str, str], list[Finding]]:
    """Findings per record they name, for badges on cards."""
    out: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in found:
        for ident in finding.ids:
            out[ident].append(finding)
    return dict(out)


def worst(found: Iterable[Finding]) -> Severity | None:
    """The highest severity among the findings, or None when there are none."""
    best: Severity | None = None
    for finding in found:
        if best is None or finding.severity.rank > best.rank:
            best = finding.severity
    return best


def finding_doc(finding: Finding) -> dict[str, object]:
    """A finding as JSON-ready data (`regietui check --json`)."""
    return {
        "check": finding.check,
        "severity": finding.severity.value,
        "ids": finding.human_ids(),
        "records": [{"table": t, "key": k} for t, k in finding.ids],
        "message": finding.message,
    }


def findings_text(found: list[Finding], lang: str = "en") -> str:
    """Findings grouped by check under their label: `severity  ids  sentence` per line."""
    if not found:
        return tr("insights.none", lang)
    lines: list[str] = []
    for name, items in by_check(found).items():
        if lines:
            lines.append("")
        lines.append(f"{tr(f'check.{name}', lang)} ({name}, {len(items)})")
        for finding in items:
            ids = finding.human_ids()
            shown = " ".join(ids[:4]) + (f" +{len(ids) - 4}" if len(ids) > 4 else "")
            severity = tr(f"severity.{finding.severity.value}", lang)
            lines.append(f"  {severity:<7}  {shown}  {finding.message}")
    counts = {s: sum(1 for f in found if f.severity is s) for s in Severity}
    summary = " · ".join(f"{tr(f'severity.{s.value}', lang)}: {n}" for s, n in counts.items() if n)
    lines += ["", summary]
    return "\n".join(lines)


# --- helpers for sentences -----------------------------------------------------------------------

TRIAGE: frozenset[Status] = frozenset({Status.WISH, Status.EXPLORING, Status.DECIDING})


def amb_name(board: Board, key: str) -> str:
    """`A-3f9kq "Title" (ADM)`."""
    amb = board.ambitions[key]
    muni = board.municipalities.get(amb.municipality)
    short = muni.short if muni else amb.municipality
    return f'{human_id("ambitions", key)} "{amb.title}" ({short})'


def item_name(board: Board, key: str) -> str:
    """`R-8bd2x "Title"`."""
    return f'{human_id("roadmap", key)} "{board.roadmap[key].title}"'


def listing(names: list[str], limit: int = 6) -> str:
    """`a, b and c`, shortened to `a, b, … and 7 more` past `limit`."""
    if len(names) > limit:
        return ", ".join(names[:limit]) + f" and {len(names) - limit} more"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _serving(board: Board) -> dict[str, list[str]]:
    """Roadmap key → ambitions linking to it, in one pass."""
    out: dict[str, list[str]] = defaultdict(list)
    for key, amb in board.ambitions.items():
        for ref in amb.linked:
            out[ref].append(key)
    return out


# --- the checks ----------------------------------------------------------------------------------


@check("unlinked")
def check_unlinked(board: Board, today: date) -> Iterator[Finding]:
    """Ambitions planned or further along without a link to a roadmap item."""
    for key in sorted(board.ambitions):
        amb = board.ambitions[key]
        if amb.unlinked_commitment:
            yield Finding(
                "unlinked",
                Severity.WARNING,
                (("ambitions", key),),
                f"{amb_name(board, key)} is {amb.status.value.replace('_', ' ')}"
                " but not linked to any roadmap item.",
            )


ORPHAN_OK = frozenset({RoadmapType.LEGAL, RoadmapType.LIFECYCLE})
"""Roadmap types that need no ambition behind them (reported as info only)."""


@check("unserved")
def check_unserved(board: Board, today: date) -> Iterator[Finding]:
    """Roadmap items (not dropped or delivered) that serve no ambition."""
    serving = _serving(board)
    for key in sorted(board.roadmap):
        item = board.roadmap[key]
        if item.status in (RoadmapStatus.DROPPED, RoadmapStatus.DELIVERED) or serving.get(key):
            continue
        if item.type in ORPHAN_OK:
            kind = "legal obligation" if item.type is RoadmapType.LEGAL else "lifecycle replacement"
            yield Finding(
                "unserved",
                Severity.INFO,
                (("roadmap", key),),
                f"{item_name(board, key)} serves no ambition; fine for a {kind}, but no"
                " municipality has asked for it.",
            )
        else:
            yield Finding(
                "unserved",
                Severity.WARNING,
                (("roadmap", key),),
                f"{item_name(board, key)} serves no ambition of any municipality.",
            )


@check("capacity")
def check_capacity(board: Board, today: date) -> Iterator[Finding]:
    """Quarters whose planned roadmap effort exceeds the cooperative's capacity."""
    scale = board.meta.thresholds.capacity_warning
    unit = board.meta.capacity_unit.value
    current = Quarter.of(today)
    unknown: list[QuarterLoad] = []
    for load in quarter_loads(board):
        if load.quarter < current or not load.demand:
            continue
        if load.capacity is None:
            unknown.append(load)
            continue
        limit = load.capacity * scale
        if load.demand <= limit:
            continue
        if load.demand > load.capacity:
            severity = Severity.ERROR
            over = grouped(load.demand - load.capacity)
            what = f"exceeds capacity {grouped(load.capacity)} by {over}"
        else:
            severity = Severity.WARNING
            what = (
                f"is above {grouped(scale * 100)}% of capacity {grouped(load.capacity)}"
                f" (by {grouped(load.demand - limit)})"
            )
        items = listing([item_name(board, k) for k in load.items])
        yield Finding(
            "capacity",
            severity,
            (("capacity", str(load.quarter)), *(("roadmap", k) for k in load.items)),
            f"{load.quarter}: demand {grouped(load.demand)} {unit} {what}, from {items}.",
        )
    if unknown:
        quarters = listing([str(ld.quarter) for ld in unknown], 8)
        yield Finding(
            "capacity",
            Severity.INFO,
            tuple(("capacity", str(ld.quarter)) for ld in unknown),
            f"No capacity is recorded for {quarters}, which have planned roadmap work.",
        )


@check("bundling")
def check_bundling(board: Board, today: date) -> Iterator[Finding]:
    """Similar ambitions of several municipalities not yet linked to one common roadmap item."""
    for bundle in bundles(board):
        theme = board.themes[bundle.theme].name if bundle.theme in board.themes else bundle.theme
        munis = len({board.ambitions[k].municipality for k in bundle.members})
        names = listing([amb_name(board, k) for k in bundle.members])
        tags = listing([f'"{t}"' for t in sorted(bundle.tags)], 3)
        plural = "s" if len(bundle.tags) > 1 else ""
        if bundle.similar:
            why = f"similar titles and the tag{plural} {tags}" if bundle.tags else "similar titles"
            text = f"{munis} municipalities want something alike in {theme} ({why}): {names}"
        else:
            text = f"{munis} municipalities have ambitions in {theme} tagged {tags}: {names}"
        yield Finding(
            "bundling",
            Severity.INFO,
            tuple(("ambitions", k) for k in bundle.members),
            f"{text}; not yet linked to one common roadmap item.",
        )


@check("conflict")
def check_conflict(board: Board, today: date) -> Iterator[Finding]:
    """Ambitions that conflict with a standard without a recorded decision."""
    for key in sorted(board.ambitions):
        amb = board.ambitions[key]
        if not amb.conflicts or amb.decision is not None or amb.status in INACTIVE:
            continue
        standards = listing(
            [
                f'{human_id("standards", s)} "{board.standards[s].title}"'
                if s in board.standards
                else human_id("standards", s)
                for s in amb.conflicts
            ]
        )
        committed = amb.status in COMMITTED
        yield Finding(
            "conflict",
            Severity.ERROR if committed else Severity.WARNING,
            (("ambitions", key), *(("standards", s) for s in amb.conflicts)),
            f"{amb_name(board, key)} conflicts with {standards}"
            + (
                f" and is {amb.status.value.replace('_', ' ')} without a recorded decision."
                if committed
                else " and no decision has been recorded."
            ),
        )


@check("late")
def check_late(board: Board, today: date) -> Iterator[Finding]:
    """Ambitions wanted earlier than their linked roadmap items end."""
    for key in sorted(board.ambitions):
        amb = board.ambitions[key]
        if amb.wanted_by is None or amb.status not in OPEN:
            continue
        wanted = amb.wanted_by
        late = [
            ref
            for ref in amb.linked
            if ref in board.roadmap
            and board.roadmap[ref].status is not RoadmapStatus.DROPPED
            and board.roadmap[ref].end > wanted
        ]
        if not late:
            continue
        items = listing([f"{item_name(board, r)} ends {board.roadmap[r].end}" for r in late])
        yield Finding(
            "late",
            Severity.WARNING,
            (("ambitions", key), *(("roadmap", r) for r in late)),
            f"{amb_name(board, key)} is wanted by {wanted}, but {items}.",
        )


@check("dropped_link")
def check_dropped_link(board: Board, today: date) -> Iterator[Finding]:
    """Open ambitions linked to a dropped roadmap item."""
    for key in sorted(board.ambitions):
        amb = board.ambitions[key]
        if amb.status not in OPEN:
            continue
        dropped = [
            r
            for r in amb.linked
            if r in board.roadmap and board.roadmap[r].status is RoadmapStatus.DROPPED
        ]
        if dropped:
            yield Finding(
                "dropped_link",
                Severity.WARNING,
                (("ambitions", key), *(("roadmap", r) for r in dropped)),
                f"{amb_name(board, key)} is linked to dropped"
                f" {listing([item_name(board, r) for r in dropped])}.",
            )


@check("dependencies")
def check_dependencies(board: Board, today: date) -> Iterator[Finding]:
    """Roadmap items starting before a dependency ends, or depending on a dropped item."""
    for key in sorted(board.roadmap):
        item = board.roadmap[key]
        if item.status in (RoadmapStatus.DROPPED, RoadmapStatus.DELIVERED):
            continue
        for dep in item.depends_on:
            other: RoadmapItem | None = board.roadmap.get(dep)
            if other is None or dep == key:
                continue
            ids = (("roadmap", key), ("roadmap", dep))
            if other.status is RoadmapStatus.DROPPED:
                yield Finding(
                    "dependencies",
                    Severity.ERROR,
                    ids,
                    f"{item_name(board, key)} depends on {item_name(board, dep)}, which is"
                    " dropped.",
                )
            elif item.start <= other.end and other.status is not RoadmapStatus.DELIVERED:
                yield Finding(
                    "dependencies",
                    Severity.WARNING,
                    ids,
                    f"{item_name(board, key)} starts in {item.start}, before"
                    f" {item_name(board, dep)} it depends on ends ({other.end}).",
                )


@check("review_due")
def check_review_due(board: Board, today: date) -> Iterator[Finding]:
    """Parked ambitions past their review date."""
    for key in sorted(board.ambitions):
        amb = board.ambitions[key]
        if amb.status is Status.PARKED and amb.review is not None and amb.review < today:
            days = (today - amb.review).days
            yield Finding(
                "review_due",
                Severity.WARNING,
                (("ambitions", key),),
                f"{amb_name(board, key)} is parked and was due for review on"
                f" {amb.review.isoformat()} ({days} days ago).",
            )


@check("stale")
def check_stale(board: Board, today: date) -> Iterator[Finding]:
    """Wish, Exploring and For decision cards without any change for `stale_days` days."""
    limit = board.meta.thresholds.stale_days
    last: dict[str, date] = {}
    for event in board.events.values():
        if event.table == "ambitions":
            day = event.at.date()
            if event.record not in last or day > last[event.record]:
                last[event.record] = day
    for key in sorted(board.ambitions):
        amb = board.ambitions[key]
        changed = last.get(key)
        if amb.status not in TRIAGE or changed is None:
            continue
        days = (today - changed).days
        if days >= limit:
            yield Finding(
                "stale",
                Severity.INFO,
                (("ambitions", key),),
                f"{amb_name(board, key)} has not changed for {days} days (since"
                f" {changed.isoformat()}) while in {amb.status.value.replace('_', ' ')}.",
            )


def planned_shares(board: Board) -> tuple[dict[str, float], float]:
    """Planned roadmap effort attributed to each municipality, and the attributed total.

    An item's total effort (per quarter × quarters; dropped items excluded) is split equally over
    the municipalities whose ambitions link to it (withdrawn, rejected, locally solved excluded).
    """
    served: dict[str, set[str]] = defaultdict(set)
    for amb in board.ambitions.values():
        if amb.status in INACTIVE:
            continue
        for ref in amb.linked:
            served[ref].add(amb.municipality)
    per: dict[str, float] = defaultdict(float)
    total = 0.0
    for key, item in board.roadmap.items():
        munis = served.get(key)
        if item.status is RoadmapStatus.DROPPED or not munis or not item.effort:
            continue
        effort = item.effort * len(item.quarters)
        total += effort
        for muni in munis:
            per[muni] += effort / len(munis)
    return dict(per), total


@check("share")
def check_share(board: Board, today: date) -> Iterator[Finding]:
    """Municipalities whose share of planned capacity differs from their cost share."""
    tolerance = board.meta.thresholds.share_tolerance
    per, total = planned_shares(board)
    if not total:
        return
    for code in sorted(board.municipalities):
        muni = board.municipalities[code]
        if muni.cost_share is None:
            continue
        share = per.get(code, 0.0) / total
        diff = share - muni.cost_share
        if abs(diff) <= tolerance + 1e-9:
            continue
        more = "more" if diff > 0 else "less"
        yield Finding(
            "share",
            Severity.WARNING,
            (("municipalities", code),),
            f"{muni.name} ({muni.short}) receives {share:.0%} of the planned roadmap capacity"
            f" but pays {muni.cost_share:.0%} of the costs: {abs(diff):.0%} {more} than its"
            " share.",
        )
