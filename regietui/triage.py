"""Triage: which cards need a decision, what helps decide, and the decision itself (pure).

The queue holds, in this order, the wishes, the parked cards whose review date has come, and the
cards changed since the last triage. "Changed" is per card: a card is changed when its latest
event that is not a triage decision is later than both the last *completed* triage session (an
event with action `triage` on the board's `meta`, see `ops.mark`) and the card's own latest triage
decision. So a decision taken in a session that was stopped halfway still counts, while the cards
skipped or not reached come back next time; only walking the whole queue marks the rest as seen.

A decision is one `ops` change whose event text starts with `triage: <decision>` (a rejection's
reason comes first, as `ops.move` writes it: `too costly; triage: reject`), so the history says
what the meeting decided and the queue can tell triage decisions from other changes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from . import ops
from .capacity import QuarterLoad, quarter_loads
from .i18n import tr
from .model import (
    OPEN,
    Ambition,
    Board,
    Event,
    Link,
    Quarter,
    RoadmapStatus,
    Status,
    human_id,
)
from .similarity import about, rare_terms, shared_terms, similar_ambitions
from .view import card_order

ACTION = "triage"
"""The action of the event that marks a completed triage session (on table `meta`)."""
PREFIX = "triage: "

WISH = "wish"
REVIEW = "review"
CHANGED = "changed"
WHY_ORDER = (WISH, REVIEW, CHANGED)

DECISIONS: dict[str, Status] = {
    "explore": Status.EXPLORING,
    "deciding": Status.DECIDING,
    "plan": Status.PLANNED,
    "park": Status.PARKED,
    "reject": Status.REJECTED,
    "local": Status.LOCAL,
}
"""Each decision and the status it moves the card to."""
WORDS: dict[str, str] = {
    "explore": "explore",
    "deciding": "for decision",
    "plan": "plan",
    "park": "park",
    "reject": "reject",
    "local": "solved locally",
}
"""How a decision reads in the event text (the history is in English, like the CLI)."""

_TRIAGE_TEXT = re.compile(r"(?:^|; )triage: ")


@dataclass(frozen=True)
class Item:
    """One card of the queue and why it is there (`wish`, `review` or `changed`)."""

    key: str
    why: str


def is_decision(event: Event) -> bool:
    """Whether an event is a triage decision (its text carries `triage: ...`)."""
    return bool(event.text) and _TRIAGE_TEXT.search(event.text or "") is not None


def last_triage(board: Board) -> datetime | None:
    """When the last completed triage session ended, if ever."""
    found = [ev.at for ev in board.events.values() if ev.action == ACTION and ev.table == "meta"]
    return max(found, default=None)


def changed_since_triage(board: Board) -> set[str]:
    """Ambitions with a change (other than a triage decision) since they were last triaged."""
    mark = last_triage(board)
    decided: dict[str, datetime] = {}
    changed: dict[str, datetime] = {}
    for event in board.events.values():
        if event.table != "ambitions":
            continue
        target = decided if is_decision(event) else changed
        if event.record not in target or event.at > target[event.record]:
            target[event.record] = event.at
    out: set[str] = set()
    for key, at in changed.items():
        seen = [t for t in (mark, decided.get(key)) if t is not None]
        if not seen or at > max(seen):
            out.add(key)
    if mark is None:
        # never triaged: "changed since" means nothing yet; only what a decision was undone on
        out = {k for k in out if k in decided}
    return out


def queue(board: Board, today: date) -> list[Item]:
    """The cards to triage: wishes, parked cards due for review, cards changed since the last
    triage (open or parked ones), each group in board order (priority, then title)."""
    changed = changed_since_triage(board)
    items: list[Item] = []
    for key, amb in board.ambitions.items():
        if amb.status is Status.WISH:
            items.append(Item(key, WISH))
        elif amb.status is Status.PARKED and amb.review is not None and amb.review <= today:
            items.append(Item(key, REVIEW))
        elif key in changed and (amb.status in OPEN or amb.status is Status.PARKED):
            items.append(Item(key, CHANGED))
    items.sort(
        key=lambda it: (WHY_ORDER.index(it.why), card_order(it.key, board.ambitions[it.key]))
    )
    return items


def text(decision: str, roadmap: str | None = None, note: str | None = None) -> str:
    """The event text of a decision: `triage: plan R-8bd2x — the note`."""
    words = PREFIX + WORDS[decision]
    if roadmap:
        words += f" {human_id('roadmap', roadmap)}"
    if note and note.strip():
        words += f" — {note.strip()}"
    return words


@dataclass(frozen=True)
class Decided:
    """One decision taken in a triage session, for its summary."""

    key: str
    decision: str
    detail: str | None = None
    """What the decision needed: the roadmap item's id, the review date or the reason."""
    note: str | None = None


def summary(board: Board, decided: Sequence[Decided], lang: str) -> str:
    """What a triage session decided, one line per card (id, title, decision, note): plain text
    to paste into the meeting's minutes."""
    lines = [tr("ui.triage_summary", lang, n=len(decided))]
    for done in decided:
        amb = board.ambitions.get(done.key)
        what = tr(f"key.triage.{done.decision}", lang)
        if done.detail:
            what += f" ({done.detail})"
        parts = [f"{human_id('ambitions', done.key)} {amb.title if amb else '?'}", what]
        if done.note:
            parts.append(f"{tr('ui.triage_note_shown', lang)}: {done.note}")
        lines.append("- " + " — ".join(parts))
    return "\n".join(lines)


def decide(
    board: Board,
    key: str,
    decision: str,
    actor: ops.Actor,
    *,
    roadmap: str | None = None,
    review: date | str | None = None,
    reason: str | None = None,
    note: str | None = None,
) -> ops.Change:
    """Apply one triage decision as a single change (so one undo reverses it).

    `plan` links `roadmap` (if not yet linked) and moves the card to Planned in one event;
    `park` needs `review`, `reject` a `reason`; the others only move the card. Deciding the
    status the card already has records the decision (action `triage`) without a move."""
    if decision not in DECISIONS:
        raise ops.OpError(f"unknown triage decision {decision!r}; choose {', '.join(DECISIONS)}")
    words = text(decision, roadmap if decision == "plan" else None, note)
    amb = board.ambitions.get(key)
    if amb is None:
        raise ops.OpError(f"no ambition {human_id('ambitions', key)}")
    target = DECISIONS[decision]
    if decision != "plan" and amb.status is not target:
        return ops.move(board, key, target, actor, reason=reason, review=review, note=words)
    if decision != "plan":
        # it already has that status (a changed card, a parked one due for review): the
        # decision is recorded, with a new review date or reason if given
        fields: dict[str, Any] = {}
        if review is not None:
            fields["review"] = review
        if reason:
            fields["status_reason"] = reason
        return ops.edit(board, "ambitions", key, fields, actor, action=ACTION, text=words)
    if not roadmap:
        raise ops.OpError(f"planning {human_id('ambitions', key)} needs a roadmap item")
    if roadmap not in board.roadmap:
        raise ops.OpError(f"no roadmap item {human_id('roadmap', roadmap)}")
    fields = {}
    if roadmap not in amb.linked:
        fields["links"] = [*amb.links, Link(roadmap=roadmap)]
    if amb.status is not Status.PLANNED:
        fields["status"] = Status.PLANNED
        fields["status_reason"] = None
    if not fields:
        raise ops.OpError(
            f"{human_id('ambitions', key)} is already planned and linked to"
            f" {human_id('roadmap', roadmap)}"
        )
    action = "move" if "status" in fields else "link"
    return ops.edit(board, "ambitions", key, fields, actor, action=action, text=words)


def end(board: Board, actor: ops.Actor, decided: int, skipped: int) -> ops.Change:
    """The event that marks a completed session: what was changed before it counts as seen."""
    return ops.mark(board, actor, ACTION, f"{decided} decided, {skipped} skipped")


# --- what helps decide -----------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A roadmap item that could serve the card, and why: `similar` (similar ambitions of other
    municipalities link to it; `count` of them), `theme` (same theme) or `words` (its title and
    description share `count` telling terms with the card's, `similarity.rare_terms`).
    `fits`: it ends by the card's wanted-by; `room`: every quarter it runs has open capacity."""

    key: str
    why: str
    count: int = 0
    fits: bool = False
    room: bool = False

    @property
    def score(self) -> int:
        """The rank: similar cards' links weigh most, then the theme, the words, the quarter
        and the room."""
        weight = {"similar": 4 * self.count, "theme": 2, "words": min(self.count, 3)}[self.why]
        return weight + self.fits + self.room


CLOSED = frozenset({RoadmapStatus.DROPPED, RoadmapStatus.DELIVERED})
WORDS_NEEDED = 2
"""An item of another theme is a candidate by its words when it shares this many terms."""


def candidates(board: Board, key: str, similar: list[str] | None = None) -> list[Candidate]:
    """Roadmap items that could serve the card, best first: items its similar ambitions link
    to, items of its theme, items whose words match the card's, ranked by `Candidate.score`
    (then by start and title). Never items it already links, delivered or dropped ones."""
    amb = board.ambitions[key]
    similar = similar_ambitions(board, key) if similar is None else similar
    counts = Counter(ref for other in similar for ref in board.ambitions[other].linked)
    room = _room(board)
    words = about(board, key)
    telling = rare_terms(board)
    out: list[Candidate] = []
    for ref, item in board.roadmap.items():
        if ref in amb.linked or item.status in CLOSED:
            continue
        shared = sum(map(telling, shared_terms(words, about(board, ref, "roadmap"))))
        if counts[ref]:
            why, count = "similar", counts[ref]
        elif amb.theme and item.theme == amb.theme:
            why, count = "theme", shared
        elif shared >= WORDS_NEEDED:
            why, count = "words", shared
        else:
            continue
        fits = amb.wanted_by is None or item.end <= amb.wanted_by
        out.append(Candidate(ref, why, count, fits, all(room.get(q, False) for q in item.quarters)))
    out.sort(
        key=lambda c: (-c.score, board.roadmap[c.key].start, board.roadmap[c.key].title, c.key)
    )
    return out


def _room(board: Board) -> dict[Quarter, bool]:
    """Per quarter: whether the roadmap leaves capacity open (unknown capacity: no)."""
    return {
        load.quarter: load.capacity is not None and load.demand < load.capacity
        for load in quarter_loads(board)
    }


def wanted_load(board: Board, amb: Ambition) -> QuarterLoad | None:
    """The roadmap's load in the quarter the card is wanted by (None without a wanted-by)."""
    if amb.wanted_by is None:
        return None
    for load in quarter_loads(board):
        if load.quarter == amb.wanted_by:
            return load
    return QuarterLoad(amb.wanted_by, 0.0, board.capacity_for(amb.wanted_by), ())
