"""TriageScreen: walk the queue one card at a time and decide each with one key.

Everything needed to decide is on one screen: the card, its municipality, similar ambitions of
other municipalities, candidate roadmap items, conflicting standards and the capacity of the
quarter it is wanted by (`regietui.triage` works these out). A decision is saved at once through
the board's session (so the status bar and undo/redo of the main screen know it) as one change
whose event text says what was decided (`triage: explore`); `u` undoes the last decision and goes
back to its card. Escape ends the session; a session that walked the whole queue is recorded in
the history (`triage.end`), so the next one knows which cards changed since.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical, VerticalScroll
from textual.widgets import Static

from ... import bundling, ops, triage, view
from ...figures import day, grouped, quarter, span
from ...i18n import tr
from ...model import Board, Status, human_id
from ...session import BoardSession
from ...similarity import similar_ambitions
from .. import editing, keys
from ..messages import BoardChanged
from ..widgets.common import LABEL, MUTED, card_line, inert_text
from ..widgets.detail import card_head, precedents_text
from ._dialog import Dialog
from .picker import Picker
from .prompt import TextPrompt

MAX_LINES = 8
"""At most this many similar ambitions / candidate items are listed (then "and N more")."""
SKIPPED = "skipped"
WIDE = 120
"""From this width on, the card and what helps decide stand side by side."""


def why_text(board: Board, item: triage.Item, lang: str) -> str:
    """Why the card is in the queue: a new wish, a review date that has come, a change."""
    amb = board.ambitions.get(item.key)
    if item.why == triage.REVIEW and amb is not None and amb.review:
        return tr("ui.why_review", lang, date=day(amb.review, lang))
    return tr(f"ui.why_{item.why}", lang)


def card_text(board: Board, key: str, lang: str, note: str | None = None) -> Text:
    """The card itself, as plain-string `Text`: title, facts, costs, tags, description."""
    text = Text()
    amb = board.ambitions.get(key)
    if amb is None:
        text.append(tr("ui.triage_gone", lang, what=human_id("ambitions", key)), style=MUTED)
        return text
    card_head(text, board, key, lang)
    if amb.tags:
        text.append(f"{tr('field.tags', lang)}: ", style=LABEL)
        text.append(", ".join(amb.tags) + "\n")
    if amb.status_reason:
        text.append(f"{tr('field.status_reason', lang)}: ", style=LABEL)
        text.append(amb.status_reason + "\n")
    if amb.decision:
        d = amb.decision
        text.append(f"{tr('field.decision', lang)}: ", style=LABEL)
        text.append(f"{day(d.date, lang)} {tr(f'body.{d.body.value}', lang)}: {d.text}\n")
    if amb.description:
        text.append(amb.description.rstrip() + "\n")
    if note:
        text.append(f"{tr('ui.triage_note_shown', lang)}: ", style="bold italic")
        text.append(note + "\n", style="italic")
    text.rstrip()
    return inert_text(text)


def context_text(board: Board, key: str, lang: str) -> Text:
    """What helps decide: the municipality, similar ambitions elsewhere, candidate roadmap
    items, conflicting standards and the capacity of the quarter it is wanted by."""
    text = Text()
    amb = board.ambitions.get(key)
    if amb is None:
        return text
    _municipality(text, board, amb.municipality, lang)
    similar = similar_ambitions(board, key)
    _similar(text, board, similar, lang)
    precedents_text(text, board, key, lang, similar, MAX_LINES)
    _candidates(text, board, key, similar, lang)
    _conflicts(text, board, key, lang)
    _capacity(text, board, key, lang)
    text.rstrip()
    return inert_text(text)


def _heading(text: Text, label: str, count: int | None = None) -> None:
    text.append(label + (f" ({count})" if count is not None else ""), style=LABEL)
    text.append("\n")


def _municipality(text: Text, board: Board, code: str, lang: str) -> None:
    muni = board.municipalities.get(code)
    text.append(f"{tr('field.municipality', lang)}: ", style=LABEL)
    if muni is None:
        text.append(f"{code}\n", style=MUTED)
        return
    facts = [f"{muni.name} ({muni.short})"]
    if muni.inhabitants is not None:
        facts.append(tr("ui.inhabitants", lang, n=grouped(muni.inhabitants, lang, 0)))
    if muni.workstations is not None:
        facts.append(tr("ui.workstations", lang, n=grouped(muni.workstations, lang, 0)))
    if muni.information_manager:
        facts.append(f"{tr('ui.information_manager', lang)} {muni.information_manager}")
    if muni.cost_share is not None:
        facts.append(f"{tr('ui.cost_share', lang)} {muni.cost_share:.0%}")
    counts: dict[Status, int] = {}
    for other in board.ambitions.values():
        if other.municipality == code:
            counts[other.status] = counts.get(other.status, 0) + 1
    shown = [
        f"{tr(f'status.{s.value}', lang)} {counts[s]}"
        for s in (Status.WISH, Status.EXPLORING, Status.DECIDING, Status.PLANNED)
        if counts.get(s)
    ]
    text.append(" · ".join(facts) + "\n")
    if shown:
        text.append(f"  {tr('ui.its_ambitions', lang)}: " + " · ".join(shown) + "\n", style=MUTED)


def _similar(text: Text, board: Board, similar: list[str], lang: str) -> None:
    text.append(tr("ui.similar", lang) + f" ({len(similar)})", style=LABEL)
    text.append("\n" if similar else ": —\n")

    for other in similar[:MAX_LINES]:
        amb = card_line(text, board, other, lang)
        if amb.linked:
            links = ", ".join(human_id("roadmap", r) for r in amb.linked)
            text.append(f" → {links}", style=MUTED)
        text.append("\n")
    if len(similar) > MAX_LINES:
        text.append(f"  {tr('ui.and_more', lang, n=len(similar) - MAX_LINES)}\n", style=MUTED)


def _item_line(text: Text, board: Board, key: str, lang: str, why: str) -> None:
    item = board.roadmap[key]
    text.append(f"  {human_id('roadmap', key)} ", style=MUTED)
    text.append(item.title)
    status = tr(f"roadmap.{item.status.value}", lang)
    text.append(f" · {span(item.start, item.end)} · {status}", style=MUTED)
    if why:
        text.append(f" · {why}", style="italic")
    text.append("\n")


def _candidates(text: Text, board: Board, key: str, similar: list[str], lang: str) -> None:
    amb = board.ambitions[key]
    found = triage.candidates(board, key, similar)
    linked = [ref for ref in amb.linked if ref in board.roadmap]
    text.append(tr("ui.candidates", lang) + f" ({len(linked) + len(found)})", style=LABEL)
    text.append("\n" if found or linked else ": —\n")
    for ref in linked:
        _item_line(text, board, ref, lang, tr("ui.linked_now", lang))
    for candidate in found[:MAX_LINES]:
        _item_line(text, board, candidate.key, lang, candidate_why(candidate, lang))
    if len(found) > MAX_LINES:
        text.append(f"  {tr('ui.and_more', lang, n=len(found) - MAX_LINES)}\n", style=MUTED)


def candidate_why(candidate: triage.Candidate, lang: str) -> str:
    """Why a roadmap item is offered: `linked by 2 similar · in time · capacity left`."""
    if candidate.why == "similar":
        parts = [tr("ui.cand_similar", lang, n=candidate.count)]
    elif candidate.why == "theme":
        parts = [tr("ui.cand_theme", lang)]
    else:
        parts = [tr("ui.cand_words", lang, n=candidate.count)]
    if candidate.fits:
        parts.append(tr("ui.cand_fits", lang))
    if candidate.room:
        parts.append(tr("ui.cand_room", lang))
    return " · ".join(parts)


def _conflicts(text: Text, board: Board, key: str, lang: str) -> None:
    amb = board.ambitions[key]
    if not amb.conflicts:
        return
    _heading(text, tr("field.conflicts", lang), len(amb.conflicts))
    for std_key in amb.conflicts:
        std = board.standards.get(std_key)
        text.append(f"  {human_id('standards', std_key)} ", style=MUTED)
        text.append((std.title if std else "?") + "\n", style="bold red")
        if std and std.description:
            text.append(f"    {std.description}\n", style=MUTED)


def _capacity(text: Text, board: Board, key: str, lang: str) -> None:
    amb = board.ambitions[key]
    load = triage.wanted_load(board, amb)
    if load is None:
        text.append(f"{tr('ui.capacity', lang)}: ", style=LABEL)
        text.append(f"{tr('ui.no_wanted_by', lang)}\n", style=MUTED)
        return
    text.append(tr("ui.capacity_in", lang, quarter=quarter(load.quarter)) + ": ", style=LABEL)
    unit = tr(f"unit.{board.meta.capacity_unit.value}", lang)
    demand = grouped(load.demand, lang)
    if load.capacity is None:
        line = tr("ui.capacity_unknown", lang, demand=demand, unit=unit)
        text.append(f"{line}\n", style=MUTED)
        return
    line = tr(
        "ui.capacity_line", lang, demand=demand, capacity=grouped(load.capacity, lang), unit=unit
    )
    left = load.capacity - load.demand
    text.append(f"{line} — ")
    if left < 0:
        text.append(tr("ui.capacity_over", lang, n=grouped(-left, lang)) + "\n", style="bold red")
    else:
        text.append(tr("ui.capacity_left", lang, n=grouped(left, lang)) + "\n", style="green")


class TriageScreen(Dialog[None]):
    """Decide on the cards of `items` one by one (see the module docstring)."""

    DEFAULT_CSS = """
    TriageScreen {
        background: $background;  /* opaque: the board underneath is not drawn at all */
    }
    TriageScreen > #triage-box {
        width: 100%;
        height: 100%;
    }
    TriageScreen #triage-progress {
        width: 1fr;
        height: 1;
        text-style: bold;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    TriageScreen #triage-columns {
        height: 1fr;
        layout: vertical;
        background: $surface;
        padding: 0 1;
    }
    TriageScreen.-wide #triage-columns {
        layout: horizontal;
    }
    TriageScreen #triage-card {
        width: 1fr;
        height: auto;
        max-height: 60%;
        overflow-y: auto;
    }
    TriageScreen #triage-body {
        width: 1fr;
        height: 1fr;
        scrollbar-size-vertical: 1;
        margin-top: 1;
    }
    TriageScreen #triage-context {
        width: 1fr;
        height: auto;
    }
    TriageScreen.-wide #triage-card {
        max-height: 100%;
        margin-right: 2;
    }
    TriageScreen.-wide #triage-body {
        margin-top: 0;
        padding-left: 2;
        border-left: vkey $panel-lighten-2;
    }
    TriageScreen #triage-keys {
        width: 1fr;
        height: auto;
        border-top: solid $panel-lighten-2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "decide('explore')", "Explore", id="triage.explore"),
        Binding("d", "decide('deciding')", "For decision", id="triage.deciding"),
        Binding("p", "decide('plan')", "Plan (roadmap item)", id="triage.plan"),
        Binding("k", "decide('park')", "Park (review date)", id="triage.park"),
        Binding("r", "decide('reject')", "Reject (reason)", id="triage.reject"),
        Binding("l", "decide('local')", "Solved locally", id="triage.local"),
        Binding("s,space", "skip", "Skip", id="triage.skip"),
        Binding("u", "undo", "Undo last decision", id="triage.undo"),
        Binding("n", "note", "Note for the decision", id="triage.note"),
        Binding("b", "bundle", "Bundle with similar", id="triage.bundle"),
        Binding("c", "copy_summary", "Copy the summary", id="triage.copy"),
        Binding("escape", "end", "End triage", id="triage.end"),
    ]

    def __init__(self, items: list[triage.Item], lang: str, board_session: BoardSession) -> None:
        super().__init__()
        self.items = list(items)
        self.lang = lang
        self.session = board_session
        self.position = 0
        self.outcome: dict[int, str] = {}
        """Position in the queue → the decision taken, or `skipped`."""
        self.done: list[tuple[int, ops.Change]] = []
        """Decisions in order, for undo: (position, change)."""
        self.decisions: dict[int, triage.Decided] = {}
        """Position in the queue → what was decided there, for the summary."""
        self.note: str | None = None
        self.progress = ""
        """The progress line as shown (`Triage 7/23 · 3 decided`)."""

    def compose(self) -> ComposeResult:
        box = Vertical(id="triage-box", classes="dialog-box")
        box.border_title = tr("ui.triage", self.lang)
        with box:
            yield Static("", id="triage-progress", markup=False)
            # the card stays put while its context scrolls beside or below it
            with Container(id="triage-columns"):
                yield Static("", id="triage-card", markup=False)
                with VerticalScroll(id="triage-body"):
                    yield Static("", id="triage-context", markup=False)
            yield Static("", id="triage-keys", markup=False)

    def on_mount(self) -> None:
        self.query_one("#triage-body").focus()
        self._fit()
        self.show()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Card and context side by side on wide terminals, one below the other on narrow."""
        self.set_class(self.size.width >= WIDE, "-wide")
        if self.is_mounted:
            self.query_one("#triage-keys", Static).update(self._keys_text())

    # --- what is shown ---------------------------------------------------------------------------

    @property
    def decided(self) -> int:
        return sum(1 for v in self.outcome.values() if v != SKIPPED)

    @property
    def skipped(self) -> int:
        return sum(1 for v in self.outcome.values() if v == SKIPPED)

    @property
    def finished(self) -> bool:
        return self.position >= len(self.items)

    @property
    def current(self) -> triage.Item | None:
        return None if self.finished else self.items[self.position]

    def show(self) -> None:
        total = len(self.items)
        at = min(self.position + 1, total)
        parts = [f"{tr('ui.triage', self.lang)} {at}/{total}"]
        parts.append(tr("ui.triage_decided", self.lang, n=self.decided))
        if self.skipped:
            parts.append(tr("ui.triage_skipped", self.lang, n=self.skipped))
        item = self.current
        board = self.session.board
        self.progress = " · ".join(parts)
        progress = Text(self.progress)
        if item is not None:
            progress.append(" — " + why_text(board, item, self.lang), style="italic")
        self.query_one("#triage-progress", Static).update(progress)
        card = self.query_one("#triage-card", Static)
        context = self.query_one("#triage-context", Static)
        if item is None:
            done = tr("ui.triage_done", self.lang, decided=self.decided, skipped=self.skipped)
            card.update(Text(done, style="bold").append(f"\n\n{self.summary}", style=""))
            context.update("")
            context.display = False
        else:
            card.update(card_text(board, item.key, self.lang, self.note))
            context.update(context_text(board, item.key, self.lang))
            context.display = True
        self.query_one("#triage-body", VerticalScroll).scroll_home(animate=False)
        self.query_one("#triage-keys", Static).update(self._keys_text())

    def _keys_text(self) -> Text:
        """`key label` hints, as many per line as fit (a hint is never split over two lines)."""
        app = self.app
        wanted = ("triage.undo", "triage.copy", "triage.end") if self.finished else None
        width = max(20, self.size.width - 4)
        text = Text()
        used = 0
        for binding in keys.unique(self.BINDINGS):
            if wanted is not None and binding.id not in wanted:
                continue
            shown = keys.display(app, keys.keys_for(binding, app._keymap)[:1])
            label = keys.label(binding, self.lang)
            cells = cell_len(shown) + 1 + cell_len(label)
            if used and used + 2 + cells > width:
                text.append("\n")
                used = 0
            elif used:
                text.append("  ")
                used += 2
            text.append(shown, style="bold reverse")
            text.append(" " + label, style=MUTED)
            used += cells
        return text

    # --- deciding --------------------------------------------------------------------------------

    def _next(self, outcome: str) -> None:
        self.outcome[self.position] = outcome
        self.position += 1
        self.note = None
        self.show()

    def action_skip(self) -> None:
        if not self.finished:
            self._next(SKIPPED)

    def action_decide(self, decision: str) -> None:
        item = self.current
        if item is None or not editing.editable(self, self.session, self.lang):
            return
        key = item.key
        if key not in self.session.board.ambitions:
            self.notify(tr("ui.triage_gone", self.lang, what=human_id("ambitions", key)))
            return
        if decision == "plan":
            self._ask_item(key)
        elif decision == "park":
            self._ask_review(key)
        elif decision == "reject":
            self._ask_reason(key)
        else:
            self._apply(key, decision)

    def _apply(self, key: str, decision: str, **extra: str | None) -> None:
        note, actor = self.note, self.session.actor
        change = editing.attempt(
            self,
            self.session,
            lambda board: triage.decide(board, key, decision, actor, note=note, **extra),
        )
        if change is not None:
            self.done.append((self.position, change))
            detail = extra.get("review") or extra.get("reason")
            if extra.get("roadmap"):
                detail = human_id("roadmap", str(extra["roadmap"]))
            self.decisions[self.position] = triage.Decided(key, decision, detail, note)
            self._next(decision)

    def _ask_item(self, key: str) -> None:
        board = self.session.board
        found = triage.candidates(board, key)
        options: list[tuple[str, str]] = []
        for candidate in found:
            item = board.roadmap[candidate.key]
            why = candidate_why(candidate, self.lang)
            options.append(
                (candidate.key, f"★ {item.title} · {span(item.start, item.end)} · {why}")
            )
        listed = {c.key for c in found}
        linked = board.ambitions[key].linked
        for ref in view.roadmap_order(board):
            item = board.roadmap[ref]
            if ref in listed or item.status in triage.CLOSED:
                continue
            mark = "✓" if ref in linked else " "
            options.append((ref, f"{mark} {item.title} · {span(item.start, item.end)}"))
        if not options:
            self.notify(tr("ui.no_roadmap", self.lang), markup=False)
            return

        def chosen(value: str | None) -> None:
            if value:
                self._apply(key, "plan", roadmap=value)

        self.app.push_screen(Picker(tr("ui.triage_pick_item", self.lang), options, self.lang),
                             chosen)  # fmt: skip

    def _ask_review(self, key: str) -> None:
        def park(review: date) -> None:
            self._apply(key, "park", review=review.isoformat())

        editing.ask_review(self, self.session, key, self.lang, park)

    def _ask_reason(self, key: str) -> None:
        editing.ask_reason(
            self, self.lang, lambda reason: self._apply(key, "reject", reason=reason)
        )

    def action_bundle(self) -> None:
        """One shared roadmap item for the card and its similar open cards elsewhere."""
        item = self.current
        if item is None or not editing.editable(self, self.session, self.lang):
            return
        if item.key not in self.session.board.ambitions:
            return
        members = bundling.from_card(self.session.board, item.key)
        editing.ask_bundle(self, self.session, members, self.lang, lambda _: self.show())

    def action_note(self) -> None:
        if self.finished:
            return

        def answered(value: str | None) -> None:
            if value is not None:
                self.note = value.strip() or None
                self.show()

        self.app.push_screen(TextPrompt(tr("ui.ask_note", self.lang), self.lang), answered)

    def action_undo(self) -> None:
        if not self.done:
            self.notify(tr("ui.triage_nothing_to_undo", self.lang), markup=False)
            return
        position, change = self.done[-1]
        if self.session.last_change() is not change:
            self.notify(tr("ui.triage_cannot_undo", self.lang), severity="warning", markup=False)
            return
        if not editing.undo(self, self.session, self.lang):
            return  # the undo failed (and said why)
        self.done.pop()
        for later in [p for p in self.outcome if p >= position]:
            del self.outcome[later]
            self.decisions.pop(later, None)
        self.position = position
        self.note = None
        self.show()

    @property
    def summary(self) -> str:
        """What this session decided so far, as text to copy (see `triage.summary`)."""
        decided = [self.decisions[p] for p in sorted(self.decisions)]
        return triage.summary(self.session.board, decided, self.lang)

    def action_copy_summary(self) -> None:
        """Put the summary on the clipboard (through the terminal, as Textual copies)."""
        self.app.copy_to_clipboard(self.summary)
        self.notify(tr("ui.triage_copied", self.lang), markup=False)

    def on_board_changed(self, message: BoardChanged) -> None:
        """Another session changed the board: show the card as it is now."""
        if not message.own:
            self.show()

    def action_end(self) -> None:
        decided, skipped = self.decided, self.skipped
        if self.finished:
            if not self.session.read_only:
                actor = self.session.actor
                self.session.apply(
                    lambda board: triage.end(board, actor, decided, skipped), undoable=False
                )
            message = tr("ui.triage_ended", self.lang, decided=decided, skipped=skipped)
        else:
            left = len(self.items) - self.position
            message = tr(
                "ui.triage_stopped", self.lang, decided=decided, skipped=skipped, left=left
            )
        self.dismiss(None)
        self.notify(message, markup=False)
