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
  they share none. Similar titles group transitively; each shared tag gives its own group; a group
  inside a larger one is folded into it. Candidate title pairs must share at least half of the
  shorter title's words (their first four letters) before difflib is asked, and difflib results
  are cached, so the check stays fast on large boards and when the TUI reruns it.
- share: the planned capacity of a roadmap item (effort per quarter × quarters, items not dropped)
  is split equally over the municipalities whose ambitions link to it (withdrawn, rejected and
  locally solved ambitions don't count); each municipality's share of the total is compared with
  its `cost_share`, flagged when they differ by more than `share_tolerance` (absolute, so 0.1 is
  ten percentage points).
- stale: Wish, Exploring and For decision cards whose last event is `stale_days` or more ago.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

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

# --- capacity per quarter (shared with the TUI's capacity row) -----------------------------------


@dataclass(frozen=True)
class QuarterLoad:
    """Planned roadmap effort in one quarter against the cooperative's capacity."""

    quarter: Quarter
    demand: float
    capacity: float | None
    items: tuple[str, ...]

    @property
    def over(self) -> float:
        """How far demand exceeds capacity (0 when within capacity or capacity unknown)."""
        if self.capacity is None:
            return 0.0
        return max(0.0, self.demand - self.capacity)


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
        )
        for quarter, keys in running.items()
    ]


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


STOPWORDS = frozenset(
    {
        *("de", "het", "een", "en", "van", "voor", "in", "op", "met", "naar", "bij", "te", "om"),
        *("aan", "of", "als", "door", "over", "per", "nieuw", "nieuwe"),
        *("the", "a", "an", "and", "for", "to", "on", "with", "at", "by", "or", "from", "new"),
    }
)
_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise(title: str) -> str:
    """Lower case, accents and punctuation removed, common little words dropped."""
    text = unicodedata.normalize("NFKD", title.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = [w for w in _NON_WORD.split(text) if w and w not in STOPWORDS]
    return " ".join(words)


def _tokens(normalised: str) -> set[str]:
    """Words of three letters or more, cut to their first four: the prefilter's index terms.
    Numbers (years, counts) say little about what is wanted and are left out."""
    return {w[:4] for w in normalised.split() if len(w) >= 3 and not w.isdigit()}


class _Groups:
    """Union-find over ambition keys."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        parent = self.parent
        root = key
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while key != root:
            parent[key], key = root, parent[key]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass
class Bundle:
    """Open ambitions of one theme from several municipalities that could be served together."""

    theme: str
    members: list[str]
    tags: set[str]
    similar: bool  # found through similar titles (else through shared tags only)


def bundles(board: Board) -> list[Bundle]:
    """Bundling opportunities, theme by theme.

    Two open ambitions of the same theme and different municipalities pair up when their titles
    are similar (difflib ratio ≥ `similarity` on normalised titles) or they share a tag (tags that
    only repeat the theme's name are ignored), provided at least one of them has no roadmap link
    yet and they share none. Title pairs are grouped transitively; each shared tag makes its own
    group; a group inside a larger one is folded into it.
    """
    ratio = board.meta.thresholds.similarity
    themes: dict[str, list[str]] = defaultdict(list)
    for key, amb in board.ambitions.items():
        if amb.theme and amb.status in OPEN:
            themes[amb.theme].append(key)
    found: list[Bundle] = []
    for theme in sorted(themes):
        keys = sorted(themes[theme])
        if len({board.ambitions[k].municipality for k in keys}) < 2:
            continue
        pairs = _Pairing(board)
        groups = [*_tag_groups(board, theme, keys, pairs), *_title_groups(keys, pairs, ratio)]
        groups.sort(key=lambda g: (-len(g[0]), sorted(g[0])))
        kept: list[Bundle] = []
        for members, tags, similar in groups:
            home = next((b for b in kept if members <= set(b.members)), None)
            if home is None:
                order = sorted(members, key=lambda k: (board.ambitions[k].municipality, k))
                kept.append(Bundle(theme, order, set(tags), similar))
            else:
                home.tags |= tags
                home.similar = home.similar or similar
        kept.sort(key=lambda b: (not b.similar, -len(b.members)))
        found.extend(kept)
    return found


class _Pairing:
    """Whether two ambitions may form a bundling pair (see `bundles`)."""

    def __init__(self, board: Board) -> None:
        self.ambitions = board.ambitions
        self._links: dict[str, frozenset[str]] = {}

    def links(self, key: str) -> frozenset[str]:
        found = self._links.get(key)
        if found is None:
            found = self._links[key] = frozenset(self.ambitions[key].linked)
        return found

    def ok(self, a: str, b: str) -> bool:
        if self.ambitions[a].municipality == self.ambitions[b].municipality:
            return False
        one, two = self.links(a), self.links(b)
        return (not one or not two) and not one & two


def _tag_groups(
    board: Board, theme: str, keys: list[str], pairs: _Pairing
) -> Iterator[tuple[set[str], set[str], bool]]:
    theme_words = set(normalise(theme).split())
    if theme in board.themes:
        theme_words |= set(normalise(board.themes[theme].name).split())
    tagged: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        for tag in {t.casefold() for t in board.ambitions[key].tags}:
            tagged[tag].append(key)
    for tag in sorted(tagged):
        members = tagged[tag]
        words = set(normalise(tag).split())
        if len(members) < 2 or not words or words <= theme_words:
            continue
        paired = {a for a in members if any(pairs.ok(a, b) for b in members if b != a)}
        if paired:
            yield paired, {tag}, False


def _title_groups(
    keys: list[str], pairs: _Pairing, ratio: float
) -> Iterator[tuple[set[str], set[str], bool]]:
    titled: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        titled[normalise(pairs.ambitions[key].title)].append(key)
    groups = _Groups()
    paired: set[str] = set()

    def join(left: list[str], right: list[str]) -> None:
        for a in left:
            for b in right:
                if a != b and groups.find(a) != groups.find(b) and pairs.ok(a, b):
                    groups.union(a, b)
                    paired.update((a, b))

    for members in titled.values():
        if len(members) > 1:
            join(members, members)

    def settled(left: list[str], right: list[str]) -> bool:
        """No pair across `left` and `right` could still join two groups."""
        return not any(
            a != b and groups.find(a) != groups.find(b) and pairs.ok(a, b)
            for a in left
            for b in right
        )

    for left, right in _similar_titles(list(titled.items()), ratio, settled):
        join(left, right)
    components: dict[str, set[str]] = defaultdict(set)
    for key in paired:
        components[groups.find(key)].add(key)
    for members in components.values():
        yield members, set(), True


def _similar_titles(
    titled: list[tuple[str, list[str]]],
    ratio: float,
    settled: Callable[[list[str], list[str]], bool],
) -> Iterator[tuple[list[str], list[str]]]:
    """Pairs of (members of) distinct normalised titles whose difflib ratio reaches `ratio`.

    Only titles sharing at least half the index terms of the shorter one are compared, cheapest
    bound first, and pairs already `settled` (grouped) are skipped, so the check stays fast on
    large boards.
    """
    terms = [_tokens(text) for text, _ in titled]
    index: dict[str, list[int]] = defaultdict(list)
    for i, tokens in enumerate(terms):
        for token in tokens:
            index[token].append(i)
    for i, (text, members) in enumerate(titled):
        shared = Counter(j for token in terms[i] for j in index[token] if j > i)
        candidates = [j for j, n in shared.items() if 2 * n >= min(len(terms[i]), len(terms[j]))]
        for j in sorted(candidates):
            other, others = titled[j]
            if not settled(members, others) and similar(*sorted((text, other)), ratio):
                yield members, others


@lru_cache(maxsize=200_000)
def similar(first: str, second: str, ratio: float) -> bool:
    """Whether difflib's ratio of two (normalised) titles reaches `ratio`, cheapest bound first.

    Cached: the TUI recomputes findings after every change, and most title pairs stay the same.
    (difflib's ratio depends on the order of its arguments: callers pass them sorted.)
    """
    matcher = difflib.SequenceMatcher(None, first, second, autojunk=False)
    return (
        matcher.real_quick_ratio() >= ratio
        and matcher.quick_ratio() >= ratio
        and matcher.ratio() >= ratio
    )


def _theme_words(board: Board, theme: str | None) -> set[str]:
    """The words of a theme's key and name: tags made of only these say nothing new."""
    if not theme:
        return set()
    words = set(normalise(theme).split())
    if theme in board.themes:
        words |= set(normalise(board.themes[theme].name).split())
    return words


def similar_ambitions(board: Board, key: str) -> list[str]:
    """Ambitions of other municipalities that look like `key`'s (for triage).

    The bundling check's tests, without its link conditions and for any status: a similar
    normalised title (difflib ratio ≥ `similarity`, after the same shared-words prefilter; any
    theme) or, within the same theme, a shared tag that says more than the theme's name. Open
    ambitions first, then by municipality and title."""
    amb = board.ambitions[key]
    ratio = board.meta.thresholds.similarity
    text = _normal(amb.title)
    terms = _tokens(text)
    tags = {t.casefold() for t in amb.tags}
    found: list[str] = []
    for other_key, other in board.ambitions.items():
        if other.municipality == amb.municipality or other_key == key:
            continue
        shared = tags & {t.casefold() for t in other.tags} if other.theme == amb.theme else ()
        if shared:
            plain = _theme_words(board, amb.theme)
            if any(not set(normalise(tag).split()) <= plain for tag in shared):
                found.append(other_key)
                continue
        other_text = _normal(other.title)
        if other_text == text:
            found.append(other_key)
            continue
        other_terms = _tokens(other_text)
        common = len(terms & other_terms)
        if (
            common
            and 2 * common >= min(len(terms), len(other_terms))
            and similar(*sorted((text, other_text)), ratio)
        ):
            found.append(other_key)

    def order(k: str) -> tuple[bool, str, str, str]:
        other = board.ambitions[k]
        muni = board.municipalities.get(other.municipality)
        name = muni.name.casefold() if muni else other.municipality
        return (other.status not in OPEN, name, other.title.casefold(), k)

    return sorted(found, key=order)


@lru_cache(maxsize=100_000)
def _normal(title: str) -> str:
    return normalise(title)


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
