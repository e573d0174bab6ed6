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
- asks_pays: a municipality's share of the demand being delivered against its share of the
  allocated costs (`costs.asks_pays`), flagged when they differ by more than `asks_pays`
  relative to the demand share (the most-differing municipality first).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from . import costs
from .capacity import QuarterLoad, quarter_loads
from .figures import quarter
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
from .wording import Listing, Phrase, Share, Word, phrase

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
    """One misalignment: the check that found it, how bad, the records involved, one sentence
    (a `Phrase` worded in the reader's language, or plain text)."""

    check: str
    severity: Severity
    ids: Ids
    sentence: Phrase | str

    def human_ids(self) -> list[str]:
        """The ids as files and `--json` write them (a quarter as `2027-Q3`)."""
        return [human_id(table, key) for table, key in self.ids]

    def shown_ids(self) -> list[str]:
        """The ids as people read them (a quarter as `Q3 2027`)."""
        return [
            quarter(Quarter.parse(key)) if table == "capacity" else human_id(table, key)
            for table, key in self.ids
        ]

    def text(self, lang: str = "en") -> str:
        """The sentence in `lang`."""
        return self.sentence.text(lang) if isinstance(self.sentence, Phrase) else self.sentence

    @property
    def message(self) -> str:
        """The sentence in English (`check --json`, logs)."""
        return self.text()


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
    width = max(len(tr(f"severity.{s.value}", lang)) for s in Severity)
    for name, items in by_check(found).items():
        if lines:
            lines.append("")
        lines.append(f"{tr(f'check.{name}', lang)} ({len(items)})")
        for finding in items:
            ids = finding.shown_ids()
            shown = " ".join(ids[:4]) + (f" +{len(ids) - 4}" if len(ids) > 4 else "")
            severity = tr(f"severity.{finding.severity.value}", lang)
            lines.append(f"  {severity:<{width}}  {shown}  {finding.text(lang)}")
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


def _status(status: Status) -> Word:
    """An ambition's status inside a sentence: `for decision` / `ter besluitvorming`."""
    return Word(f"status.{status.value}")


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
                phrase("finding.unlinked", amb=amb_name(board, key), status=_status(amb.status)),
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
            yield Finding(
                "unserved",
                Severity.INFO,
                (("roadmap", key),),
                phrase(
                    "finding.unserved_ok",
                    item=item_name(board, key),
                    kind=Word(f"type.{item.type}"),
                ),
            )
        else:
            yield Finding(
                "unserved",
                Severity.WARNING,
                (("roadmap", key),),
                phrase("finding.unserved", item=item_name(board, key)),
            )


def load_words(load: QuarterLoad, unit: Any, scale: float = 1.0) -> Phrase:
    """What overflows a quarter, adopted load apart from proposals (drafts): `adopted 2,700 of
    3,000 hours; with proposals 3,100 — 100 over`."""
    assert load.capacity is not None
    cap, adopted, demand = load.capacity, load.adopted, load.demand
    base = phrase("load.adopted", adopted=adopted, capacity=cap, unit=unit)
    if adopted > cap:
        key = "load.over_alone_proposals" if load.proposed else "load.over_alone"
        return phrase(key, base=base, over=adopted - cap, demand=demand)
    if load.proposed:
        base = phrase("load.with_proposals", base=base, demand=demand)
    if demand > cap:
        return phrase("load.over", base=base, over=demand - cap)
    return phrase("load.near", base=base, limit=Share(scale), over=demand - cap * scale)


@check("capacity")
def check_capacity(board: Board, today: date) -> Iterator[Finding]:
    """Quarters whose planned roadmap effort exceeds the cooperative's capacity."""
    scale = board.meta.thresholds.capacity_warning
    unit = Word(f"unit.{board.meta.capacity_unit.value}")
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
        above = load.demand > load.capacity
        yield Finding(
            "capacity",
            Severity.ERROR if above else Severity.WARNING,
            (("capacity", str(load.quarter)), *(("roadmap", k) for k in load.items)),
            phrase(
                "finding.capacity_over" if above else "finding.capacity_near",
                quarter=load.quarter,
                load=load_words(load, unit, scale),
                items=Listing(tuple(item_name(board, k) for k in load.items)),
            ),
        )
    if unknown:
        yield Finding(
            "capacity",
            Severity.INFO,
            tuple(("capacity", str(ld.quarter)) for ld in unknown),
            phrase(
                "finding.capacity_unknown",
                quarters=Listing(tuple(ld.quarter for ld in unknown), 8),
            ),
        )


@check("bundling")
def check_bundling(board: Board, today: date) -> Iterator[Finding]:
    """Similar ambitions of several municipalities not yet linked to one common roadmap item."""
    for bundle in bundles(board):
        theme = board.themes[bundle.theme].name if bundle.theme in board.themes else bundle.theme
        munis = len({board.ambitions[k].municipality for k in bundle.members})
        names = Listing(tuple(amb_name(board, k) for k in bundle.members))
        tags = Listing(tuple(f'"{t}"' for t in sorted(bundle.tags)), 3)
        why = (
            phrase("finding.why_tags" if len(bundle.tags) > 1 else "finding.why_tag", tags=tags)
            if bundle.tags
            else Word("finding.why_similar")
        )
        yield Finding(
            "bundling",
            Severity.INFO,
            tuple(("ambitions", k) for k in bundle.members),
            phrase(
                "finding.bundle_alike" if bundle.similar else "finding.bundle_tagged",
                n=munis,
                theme=theme,
                why=why,
                tags=tags,
                names=names,
            ),
        )


@check("conflict")
def check_conflict(board: Board, today: date) -> Iterator[Finding]:
    """Ambitions that conflict with a standard without a recorded decision."""
    for key in sorted(board.ambitions):
        amb = board.ambitions[key]
        if not amb.conflicts or amb.decision is not None or amb.status in INACTIVE:
            continue
        standards = Listing(
            tuple(
                f'{human_id("standards", s)} "{board.standards[s].title}"'
                if s in board.standards
                else human_id("standards", s)
                for s in amb.conflicts
            )
        )
        committed = amb.status in COMMITTED
        yield Finding(
            "conflict",
            Severity.ERROR if committed else Severity.WARNING,
            (("ambitions", key), *(("standards", s) for s in amb.conflicts)),
            phrase(
                "finding.conflict_committed" if committed else "finding.conflict",
                amb=amb_name(board, key),
                standards=standards,
                status=_status(amb.status),
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
        items = Listing(
            tuple(
                phrase("finding.ends", item=item_name(board, r), end=board.roadmap[r].end)
                for r in late
            )
        )
        yield Finding(
            "late",
            Severity.WARNING,
            (("ambitions", key), *(("roadmap", r) for r in late)),
            phrase("finding.late", amb=amb_name(board, key), wanted=wanted, items=items),
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
                phrase(
                    "finding.dropped_link",
                    amb=amb_name(board, key),
                    items=Listing(tuple(item_name(board, r) for r in dropped)),
                ),
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
                    phrase(
                        "finding.depends_dropped",
                        item=item_name(board, key),
                        dep=item_name(board, dep),
                    ),
                )
            elif item.start <= other.end and other.status is not RoadmapStatus.DELIVERED:
                yield Finding(
                    "dependencies",
                    Severity.WARNING,
                    ids,
                    phrase(
                        "finding.depends_early",
                        item=item_name(board, key),
                        start=item.start,
                        dep=item_name(board, dep),
                        end=other.end,
                    ),
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
                phrase("finding.review_due", amb=amb_name(board, key), date=amb.review, days=days),
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
                phrase(
                    "finding.stale",
                    amb=amb_name(board, key),
                    days=days,
                    date=changed,
                    status=_status(amb.status),
                ),
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
        yield Finding(
            "share",
            Severity.WARNING,
            (("municipalities", code),),
            phrase(
                "finding.share",
                name=muni.name,
                short=muni.short,
                share=Share(share),
                cost=Share(muni.cost_share),
                diff=Share(abs(diff)),
                more=Word("finding.more" if diff > 0 else "finding.less"),
            ),
        )


@check("asks_pays")
def check_asks_pays(board: Board, today: date) -> Iterator[Finding]:
    """Municipalities whose share of the costs differs from their share of delivered demand."""
    limit = board.meta.thresholds.asks_pays_limit
    flagged = [row for row in costs.asks_pays(board) if row.flagged(limit)]
    for row in sorted(flagged, key=lambda r: (-r.gap, r.code)):
        muni = board.municipalities[row.code]
        yield Finding(
            "asks_pays",
            Severity.WARNING,
            (("municipalities", row.code),),
            phrase(
                "finding.asks_pays",
                name=muni.name,
                short=muni.short,
                asks=Share(float(row.asks)),
                pays=Share(float(row.pays)),
            ),
        )
