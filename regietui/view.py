"""What the board shows: which ambitions, in which column and lane, in what order (pure, no I/O).

The TUI asks this module how to lay out the kanban and the roadmap; nothing here imports textual,
so filtering, grouping and search matching are tested (and benchmarked) without a terminal.
"""

from __future__ import annotations

import threading
from bisect import insort
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from .capacity import board_quarters
from .figures import grouped, money, quarter
from .i18n import tr
from .insights import Finding, Severity
from .model import (
    FLOW,
    SIDE,
    STATUS_RANK,
    Ambition,
    Board,
    Priority,
    Quarter,
    Status,
    human_id,
)

PRIORITY_RANK: dict[Priority | None, int] = {
    Priority.MUST: 0,
    Priority.SHOULD: 1,
    Priority.COULD: 2,
    Priority.WONT: 3,
    None: 4,
}

RELAYOUT_FROM = 64
"""With more changed cards than this, the kanban's lists are made anew rather than updated."""

SIDE_GROUP = "side"
"""Column id of the side statuses shown together as one column."""


@dataclass(frozen=True)
class Filter:
    """Which ambitions the board shows: all conditions must hold."""

    text: str = ""
    municipality: str | None = None
    theme: str | None = None
    serving: str | None = None
    """A roadmap item key: only the ambitions linked to it."""

    @property
    def active(self) -> bool:
        return bool(self.text.strip() or self.municipality or self.theme or self.serving)

    def but(self, **changes: object) -> Filter:
        return replace(self, **changes)  # type: ignore[arg-type]


class SearchIndex:
    """Per ambition, what every layout of the kanban needs again: its folded search text (id,
    title, description, tags), its place in a column (`card_order`) and its card row; and per
    version of the ambitions table, the cards of each status. Kept per record: records are
    immutable, so an entry holds while the board has the same object. At 10,000 cards this
    makes a layout (every filter keystroke) a few sorted lists, not tens of thousands of calls."""

    def __init__(self) -> None:
        self._text_of: dict[str, Ambition] = {}
        self._texts: dict[str, str] = {}
        self._texts_table: dict[str, Ambition] | None = None
        self._known: dict[str, Ambition] = {}
        self._order: dict[str, tuple[int, int, str, str]] = {}
        self._rows: dict[str, Row] = {}
        self._table: dict[str, Ambition] | None = None
        self._by_status: dict[Status, list[str]] = {}
        self._municipality: dict[str, str] = {}
        self._lock = threading.Lock()

    def texts(self, ambitions: dict[str, Ambition]) -> dict[str, str]:
        """The folded search text of every ambition, by key."""
        with self._lock:
            if ambitions is not self._texts_table:
                known, texts = self._text_of, self._texts
                for key, amb in ambitions.items():
                    if known.get(key) is not amb:
                        known[key], texts[key] = amb, _search_text(key, amb)
                self._texts_table = ambitions
            return self._texts

    def columns(
        self, ambitions: dict[str, Ambition]
    ) -> tuple[dict[Status, list[str]], dict[str, str]]:
        """The keys of each status, each list in column order (`card_order`), and each card's
        municipality (the swimlanes), for this version of the table: from the last version when
        a few cards changed (a move: only two lists change, each by one card), else anew. Under
        a lock: a reload lays out in a worker thread while the screen may lay out its board."""
        with self._lock:
            previous = self._table
            if ambitions is not previous:
                if previous is None:
                    self._rebuild(ambitions)
                else:
                    known = self._known.get
                    changed = {k for k, a in ambitions.items() if known(k) is not a}
                    changed |= ambitions.keys() - previous.keys()  # back, as it was before
                    gone = previous.keys() - ambitions.keys()
                    if len(changed) + len(gone) > RELAYOUT_FROM:
                        self._rebuild(ambitions)
                    else:
                        self._update(previous, ambitions, changed, gone)
                self._table = ambitions
            return self._by_status, self._municipality

    def _rebuild(self, ambitions: dict[str, Ambition]) -> None:
        known, order = self._known, self._order
        by_status: dict[Status, list[str]] = {}
        municipality = {}
        for key, amb in ambitions.items():
            if known.get(key) is not amb:
                known[key], order[key] = amb, card_order(key, amb)
            by_status.setdefault(amb.status, []).append(key)
            municipality[key] = amb.municipality
        for keys in by_status.values():
            keys.sort(key=order.__getitem__)
        self._by_status, self._municipality = by_status, municipality

    def _update(
        self,
        previous: dict[str, Ambition],
        ambitions: dict[str, Ambition],
        changed: set[str],
        gone: set[str],
    ) -> None:
        """Take the `changed` and `gone` cards out of their lists and put the changed ones back
        in their places; the lists they touch are copies (a caller may still hold the old)."""
        by_status, municipality = dict(self._by_status), dict(self._municipality)
        copied: set[Status] = set()

        def own(status: Status) -> list[str]:
            if status not in copied:
                by_status[status] = list(by_status.get(status, ()))
                copied.add(status)
            return by_status[status]

        for key in [*gone, *changed]:
            before = previous.get(key)
            if before is not None:
                own(before.status).remove(key)
                del municipality[key]
        for key in changed:
            amb = ambitions[key]
            self._known[key], self._order[key] = amb, card_order(key, amb)
            insort(own(amb.status), key, key=self._order.__getitem__)
            municipality[key] = amb.municipality
        self._by_status, self._municipality = by_status, municipality

    def card_rows(self, keys: list[str]) -> list[Row]:
        rows = self._rows
        for key in keys:
            if key not in rows:
                rows[key] = Row(CARD, key)
        return [rows[key] for key in keys]


def _search_text(key: str, amb: Ambition) -> str:
    return "\n".join(
        (human_id("ambitions", key), key, amb.title, amb.description, *amb.tags)
    ).casefold()


def _terms(text: str) -> list[str]:
    return text.casefold().split()


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the words of a text filter occur in `text`, as merged (start, end) offsets: what a
    card highlights. Case is ignored, as `matches` ignores it."""
    folded = "".join(char.casefold()[:1] or char for char in text)  # offsets stay put
    spans: list[tuple[int, int]] = []
    for term in _terms(query):
        start = folded.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def card_order(key: str, amb: Ambition) -> tuple[int, int, str, str]:
    """Within a column: side status order, then must → won't, then title, then id."""
    return (STATUS_RANK[amb.status], PRIORITY_RANK[amb.priority], amb.title.casefold(), key)


def conflicts(amb: Ambition) -> bool:
    """The ambition conflicts with one of the cooperative's standards."""
    return bool(amb.conflicts)


SHOWN_ELSEWHERE: dict[str, frozenset[str]] = {
    "ambitions": frozenset({"conflict", "unlinked"}),
    "roadmap": frozenset({"capacity"}),
}
"""Per table, the checks whose findings the view already shows another way: a card's own flags
(`conflicts`, `Ambition.unlinked_commitment`), the roadmap's capacity rows (a quarter over
capacity is red there, rather than marking every item that runs in it)."""


def record_marks(found: Iterable[Finding]) -> dict[tuple[str, str], Severity]:
    """Per record (`(table, key)`), the worst severity of the findings about it: the marker on
    its card or roadmap row (findings the view shows another way are left out)."""
    marks: dict[tuple[str, str], Severity] = {}
    for finding in found:
        for ident in finding.ids:
            if finding.check in SHOWN_ELSEWHERE.get(ident[0], ()):
                continue
            known = marks.get(ident)
            if known is None or finding.severity.rank > known.rank:
                marks[ident] = finding.severity
    return marks


def card_facts(board: Board, key: str, lang: str) -> tuple[list[str], list[str]]:
    """An ambition's facts in words, as two lines: where it stands (municipality, status,
    priority, value, effort, wanted by) and what it is (theme, driver, costs, funding). The detail
    panel and the triage card both show exactly these."""
    amb = board.ambitions[key]
    muni = board.municipalities.get(amb.municipality)
    unit = tr(f"unit.{board.meta.capacity_unit.value}", lang)
    facts = [
        f"{muni.name} ({amb.municipality})" if muni else amb.municipality,
        tr(f"status.{amb.status.value}", lang),
    ]
    if amb.priority:
        facts.append(tr(f"priority.{amb.priority.value}", lang))
    if amb.value is not None:
        facts.append(f"{tr('ui.value', lang)} {amb.value}")
    if amb.effort is not None:
        facts.append(f"{tr('field.effort', lang)} {grouped(amb.effort, lang)} {unit}")
    if amb.wanted_by:
        facts.append(f"{tr('field.wanted_by', lang)} {quarter(amb.wanted_by)}")
    more = []
    if amb.theme:
        theme = board.themes.get(amb.theme)
        more.append(f"{tr('field.theme', lang)}: {theme.name if theme else amb.theme}")
    if amb.reason:
        more.append(f"{tr('field.reason', lang)}: {tr(f'reason.{amb.reason.value}', lang)}")
    if amb.cost_once is not None:
        more.append(f"{tr('field.cost_once', lang)} {money(amb.cost_once, lang)}")
    if amb.cost_yearly is not None:
        more.append(f"{tr('field.cost_yearly', lang)} {money(amb.cost_yearly, lang)}")
    more.append(f"{tr('field.funding', lang)}: {tr(f'funding.{amb.funding.value}', lang)}")
    return facts, more


def municipality_order(board: Board) -> list[str]:
    """Municipality keys by name: the order of the picker, the lanes and the number keys."""
    return sorted(board.municipalities, key=lambda k: (board.municipalities[k].name.casefold(), k))


def theme_order(board: Board) -> list[str]:
    return sorted(board.themes, key=lambda k: (board.themes[k].name.casefold(), k))


# --- the kanban ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ColumnSpec:
    """One column of the kanban: a status of the flow, one side status, or all side statuses."""

    id: str
    statuses: tuple[Status, ...]

    @property
    def is_group(self) -> bool:
        return len(self.statuses) > 1


def column_specs(expand_side: bool = False) -> list[ColumnSpec]:
    """The flow columns, then the side statuses: four columns, or one group column."""
    flow = [ColumnSpec(s.value, (s,)) for s in FLOW]
    if expand_side:
        return flow + [ColumnSpec(s.value, (s,)) for s in SIDE]
    return [*flow, ColumnSpec(SIDE_GROUP, SIDE)]


CARD = "card"
LANE = "lane"
GROUP = "group"
GAP = "gap"


@dataclass(frozen=True)
class Row:
    """One entry of a column: a card (ambition key), a lane heading (municipality key), a group
    heading (side status) or an empty card-sized gap that keeps swimlanes aligned."""

    kind: str
    key: str = ""


@dataclass
class ColumnLayout:
    spec: ColumnSpec
    rows: list[Row] = field(default_factory=list)
    cards: list[str] = field(default_factory=list)
    """Card keys in display order (the cursor moves over these)."""
    total: int = 0
    """Cards in these statuses before filtering."""


def kanban(
    board: Board,
    flt: Filter = Filter(),
    *,
    swimlanes: bool = False,
    expand_side: bool = False,
    index: SearchIndex | None = None,
) -> list[ColumnLayout]:
    """Lay out the visible ambitions in columns (and municipality lanes, aligned across columns)."""
    specs = column_specs(expand_side)
    column_of: dict[Status, int] = {}
    for position, spec in enumerate(specs):
        for status in spec.statuses:
            column_of[status] = position
    columns = [ColumnLayout(spec) for spec in specs]
    ambitions = board.ambitions
    index = index or SearchIndex()
    by_status, municipality = index.columns(ambitions)
    shown = set(passing(ambitions, flt, index)) if flt.active else None
    buckets: list[list[str]] = []
    for column in columns:
        bucket: list[str] = []
        for status in column.spec.statuses:  # a group column: the side statuses in their order
            keys = by_status.get(status, [])
            column.total += len(keys)
            bucket += keys if shown is None else [key for key in keys if key in shown]
        buckets.append(bucket)
    if not swimlanes:
        for column, bucket in zip(columns, buckets, strict=True):
            column.cards = bucket
            if not column.spec.is_group:
                column.rows = index.card_rows(bucket)
                continue
            last: Status | None = None
            for key, row in zip(bucket, index.card_rows(bucket), strict=True):
                status = ambitions[key].status
                if status is not last:
                    column.rows.append(Row(GROUP, status.value))
                    last = status
                column.rows.append(row)
        return columns
    lanes: dict[str, list[list[str]]] = {}
    for position, bucket in enumerate(buckets):
        for key in bucket:
            lanes.setdefault(municipality[key], [[] for _ in specs])[position].append(key)
    order = [m for m in municipality_order(board) if m in lanes]
    order += sorted(set(lanes) - set(order))
    for muni in order:
        per_column = lanes[muni]
        height = max(len(keys) for keys in per_column)
        for column, keys in zip(columns, per_column, strict=True):
            column.rows.append(Row(LANE, muni))
            column.rows.extend(index.card_rows(keys))
            column.rows.extend(Row(GAP) for _ in range(height - len(keys)))
            column.cards.extend(keys)
    return columns


def passing(
    ambitions: dict[str, Ambition], flt: Filter, index: SearchIndex | None = None
) -> list[str]:
    """The keys of the ambitions the filter lets through, in board order. Every word of the
    text must occur somewhere in the card's id, title, description or tags; case is ignored.
    (Keys only: a list of 10,000 (key, record) pairs at each keystroke was work for the garbage
    collector.)"""
    keys = list(ambitions)
    if flt.municipality:
        keys = [k for k in keys if ambitions[k].municipality == flt.municipality]
    if flt.theme:
        keys = [k for k in keys if ambitions[k].theme == flt.theme]
    if flt.serving:
        keys = [k for k in keys if flt.serving in ambitions[k].linked]
    terms = _terms(flt.text)
    texts = (index or SearchIndex()).texts(ambitions) if terms else {}
    for term in terms:
        keys = [k for k in keys if term in texts[k]]
    return keys


# --- the roadmap ---------------------------------------------------------------------------------


def roadmap_order(
    board: Board, theme: str | None = None, municipality: str | None = None
) -> list[str]:
    """Roadmap item keys by start, end and title; only one theme's when given, and only the
    items serving one of a municipality's ambitions when given (what the roadmap pane shows
    while the kanban is filtered on that municipality)."""
    serving = (
        None
        if municipality is None
        else {
            key
            for amb in board.ambitions.values()
            if amb.municipality == municipality
            for key in amb.linked
        }
    )
    items = [
        (item.start, item.end, item.title.casefold(), key)
        for key, item in board.roadmap.items()
        if (theme is None or item.theme == theme) and (serving is None or key in serving)
    ]
    return [key for *_, key in sorted(items)]


def quarter_range(board: Board, today: date, minimum: int = 4) -> list[Quarter]:
    """The quarters the roadmap shows: every quarter of the board plus the current one, at least
    `minimum` quarters from the first."""
    now = Quarter.of(today)
    marks = board_quarters(board)
    first = min([now, *marks[:1]])
    last = max([now, *marks[-1:]])
    last = max(last, first + (minimum - 1))
    return Quarter.span(first, last)


def serving_keys(board: Board, roadmap_key: str | None) -> frozenset[str]:
    return frozenset(board.serving(roadmap_key)) if roadmap_key else frozenset()


def linked_keys(board: Board, ambition_key: str | None) -> frozenset[str]:
    amb = board.ambitions.get(ambition_key or "")
    return frozenset(amb.linked) if amb else frozenset()


def changed_keys(old: dict[str, object], new: dict[str, object]) -> set[str]:
    """Keys whose record was added, removed or replaced between two versions of a table."""
    keys = {k for k, v in new.items() if old.get(k) is not v}
    keys.update(k for k in old if k not in new)
    return keys


def first(keys: Iterable[str]) -> str | None:
    return next(iter(keys), None)
