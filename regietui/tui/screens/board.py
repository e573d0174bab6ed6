"""BoardScreen: the ambitions kanban beside the roadmap — the app's default screen.

The screen holds what belongs to this view of the board: the layout (two panes side by side, or
two views switched with `r` on narrow terminals), its keys, and its view state — the pane, the
divider, the filter and the cursor are reactive attributes whose watchers lay the screen out and
mark what the cursor's record links to; the language is the app's, watched from here. Every
edit goes through the app's `BoardSession` (`regietui.session`); the screen hears about changes
as `BoardChanged` messages, shows them, and saves its own right after the screen has updated
(`call_after_refresh`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Input

from ... import bundling, lookup, ops, triage, view
from ...figures import span
from ...i18n import tr
from ...insights import Finding
from ...model import Board, Quarter, Status, human_id
from ...session import ERROR, MERGED, RELOADED, SAVED, UNSAVED, BoardSession
from ...store import BoardError
from .. import editing, keys
from .. import watch as live
from ..findings import FindingsWork
from ..host import host
from ..keys import Command
from ..messages import BoardChanged, FindingsReady
from ..widgets.detail import DetailPanel
from ..widgets.kanban import KanbanBoard
from ..widgets.keybar import KeyBar
from ..widgets.roadmap import RoadmapView
from ..widgets.statusbar import READ_ONLY, StatusBar

NARROW_WIDTH = 120
"""Below this many columns the kanban and the roadmap are two views switched with `r`."""
SPLIT_DEFAULT = (50, 70)
"""The kanban's share of the width (%) until the user moves the divider: enough for its seven
columns at a readable width, within these bounds."""
COLUMN_WIDTH = (18, 24)
"""The width a kanban column wants: a ninth of the terminal, within these bounds (wider cards
on wide terminals, so more titles fit on their first line)."""
SPLIT_STEP = 5
SPLIT_RANGE = (20, 85)

BOARD = "board"
ROADMAP = "roadmap"

READ_IN_THREAD_FROM = 256 * 1024
"""From this many bytes on (about 300 cards), an outside change is read in a worker thread."""

PRIME_AFTER = 0.5
"""Seconds after mounting before the board is serialised in the background (see `save`)."""


class BoardScreen(Screen[None]):
    """Ambitions on a kanban beside the cooperative's roadmap."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter_text", "Filter", id="filter.text"),
        Binding("m", "pick_municipality", "Municipality", id="filter.municipality"),
        Binding("T,shift+t", "pick_theme", "Theme", show=False, id="filter.theme"),
        Binding("escape", "clear_filters", "Clear filter", show=False, id="filter.clear"),
        *(
            Binding(
                str(n),
                f"municipality({n})",
                f"Municipality {n}",
                show=False,
                id=f"filter.municipality_{n}",
            )
            for n in range(10)
        ),
        Binding("u", "undo", "Undo", id="app.undo"),
        Binding("ctrl+r", "redo", "Redo", show=False, id="app.redo"),
        Binding("r", "switch_pane", "Roadmap/board", id="app.switch_pane"),
        Binding("tab", "switch_pane", "Next pane", show=False, id="app.next_pane"),
        Binding("v", "toggle_detail", "Details", id="app.detail"),
        Binding("J,shift+j", "scroll_detail(1)", "Scroll the details down", id="app.detail_down"),
        Binding(
            "K,shift+k",
            "scroll_detail(-1)",
            "Scroll the details up",
            show=False,
            id="app.detail_up",
        ),
        Binding("i", "insights", "Insights", id="app.insights"),
        Binding("t", "triage", "Triage", id="app.triage"),
        Binding("C,shift+c", "changes", "Changes", id="app.changes"),
        Binding("W,shift+w", "what_if", "What-if", show=False, id="app.what_if"),
        Binding(
            "left_square_bracket", "divider(-1)", "Divider left", show=False, id="app.divider_left"
        ),
        Binding(
            "right_square_bracket",
            "divider(1)",
            "Divider right",
            show=False,
            id="app.divider_right",
        ),
    ]

    pane: var[str] = var(BOARD, init=False)
    """Which pane has the cursor (on narrow terminals: which one is shown)."""
    split: var[int | None] = var(None, init=False)
    """The kanban's share of the width in %, once the user moved the divider."""
    filter: var[view.Filter] = var(view.Filter, init=False)
    """What the kanban (and, by theme, the roadmap) shows."""
    cursor: var[tuple[str, str | None]] = var((BOARD, None), init=False)
    """The pane with the keys and the record under its cursor: the other pane marks what it
    links to, and the details show it."""

    def __init__(self, board_session: BoardSession, lang: str, *, watch: bool = True) -> None:
        super().__init__()
        self.session = board_session
        self.lang = lang
        self.today = board_session.today
        self.watch_file = watch
        self.findings = FindingsWork(self, board_session)
        self._save_queued = False
        self._reading = False
        """An outside change is being read in a worker thread (see `check_disk`)."""
        self._bindings = keys.localize(self._bindings, lang)
        self.kanban = KanbanBoard(lang, id="board")
        self.roadmap = RoadmapView(lang, self.today, id="roadmap")
        self.detail = DetailPanel(lang, id="detail")
        self.filter_input = Input(id="filter", placeholder=tr("ui.filter_placeholder", lang))
        self.status = StatusBar(id="status")

    # --- building the screen ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield self.kanban
            yield self.roadmap
        yield self.detail
        yield self.filter_input
        yield self.status
        yield KeyBar(self.lang, id="keys")

    def on_mount(self) -> None:
        self.detail.display = False
        self.filter_input.display = False
        self.show_board()
        self._apply_layout()
        self.kanban.focus()
        self.show_state()
        if not self.session.read_only:
            self.set_timer(PRIME_AFTER, self._prime_store)  # not while the first frame draws
        if self.watch_file:
            self.set_interval(live.WATCH_SECONDS, self.check_disk)
        self.watch(self.app, "lang", self._relabel, init=False)

    def _prime_store(self) -> None:
        """Serialise the board once in the background: the first save is then as quick as later."""
        store = self.session.store
        if store is not None:
            self.run_worker(
                lambda: store.prime(self.session.board),
                thread=True,
                exclusive=True,
                group="prime",
                description="prime",
                exit_on_error=False,
            )

    # --- layout: two panes side by side, or two views on narrow terminals --------------------

    @property
    def narrow(self) -> bool:
        return self.app.size.width < NARROW_WIDTH

    def on_resize(self, event: events.Resize) -> None:
        self.call_next(self._apply_layout)

    def watch_pane(self, pane: str) -> None:
        self._apply_layout()
        self.cursor = (pane, self._pane_widget().cursor_key)

    def watch_cursor(self) -> None:
        self._update_cross()

    def watch_split(self) -> None:
        self._apply_layout()

    def validate_split(self, split: int | None) -> int | None:
        low, high = SPLIT_RANGE
        return None if split is None else max(low, min(high, split))

    def _apply_layout(self) -> None:
        if not self.is_mounted:
            return
        narrow = self.narrow
        self.set_class(narrow, "-narrow")
        self.roadmap.set_quarters_first(narrow)
        if narrow:
            self.kanban.display = self.pane == BOARD
            self.roadmap.display = self.pane == ROADMAP
            self.kanban.styles.width = "1fr"
        else:
            self.kanban.display = True
            self.roadmap.display = True
            self.kanban.styles.width = f"{self.share}%"
        self.roadmap.styles.width = "1fr"
        self._update_view_text()

    @property
    def share(self) -> int:
        """The kanban's share of the width in % (the divider's place)."""
        if self.split is not None:
            return self.split
        low, high = SPLIT_DEFAULT
        width = max(1, self.app.size.width)
        column = max(COLUMN_WIDTH[0], min(COLUMN_WIDTH[1], width // 9))
        wanted = -(-len(view.column_specs()) * column * 100 // width)
        return max(low, min(high, wanted))

    def _update_view_text(self) -> None:
        names = {BOARD: tr("ui.ambitions", self.lang), ROADMAP: tr("ui.roadmap", self.lang)}
        other = ROADMAP if self.pane == BOARD else BOARD
        key = host(self).key_hint("app.switch_pane")
        text = f"{names[self.pane]} · {key}: {names[other]}" if self.narrow else names[self.pane]
        self.status.set_view(text)

    def _show_pane(self, pane: str) -> None:
        """Switch to a pane (its watcher lays the screen out) and give it the keys."""
        self.pane = pane
        self._pane_widget().focus()

    def action_switch_pane(self) -> None:
        if self.focused is self.filter_input:
            self._pane_widget().focus()
            return
        self._show_pane(ROADMAP if self.pane == BOARD else BOARD)

    def _pane_widget(self) -> KanbanBoard | RoadmapView:
        return self.kanban if self.pane == BOARD else self.roadmap

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        widget = event.widget
        pane = BOARD if widget is self.kanban else ROADMAP if widget is self.roadmap else None
        if pane:
            self.pane = pane

    def action_divider(self, direction: int) -> None:
        if self.narrow:
            self.notify(tr("ui.divider_narrow", self.lang), markup=False)
            return
        self.split = self.share + direction * SPLIT_STEP

    def action_toggle_detail(self) -> None:
        self.detail.display = not self.detail.display
        self._update_detail()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The details scroll only while they are shown (their key is in the key line then)."""
        if action == "scroll_detail":
            return bool(self.detail.display)
        return True

    def action_scroll_detail(self, direction: int) -> None:
        """Scroll the details (a long history) by half their height, the cursor staying put."""
        step = max(1, self.detail.scrollable_content_region.height // 2)
        self.detail.scroll_to(y=self.detail.scroll_offset.y + direction * step, animate=False)

    # --- the language: the app's, followed here ------------------------------------------------

    def _relabel(self, lang: str) -> None:
        """Switch every word of the screen to `lang`: keys, columns, roadmap, status bar."""
        self.lang = lang
        self._bindings = keys.localize(self._bindings, lang)
        self.kanban.set_lang(lang)
        self.roadmap.set_lang(lang)
        self.detail.lang = lang
        self._update_detail()
        self.filter_input.placeholder = tr("ui.filter_placeholder", lang)
        for bar in self.query(KeyBar):
            bar.lang = lang
            bar.refresh_hints()
        if self.session.state != UNSAVED:
            self.show_state()
        self._update_view_text()
        self._update_filter_text()
        self.refresh_bindings()

    # --- showing the board -----------------------------------------------------------------------

    def show_board(self) -> None:
        """Draw the session's board (the roadmap only when what it shows changed)."""
        board = self.session.board
        self.kanban.show(board, self.filter)
        shown = self.roadmap.board
        if (
            shown.roadmap is not board.roadmap
            or shown.capacity is not board.capacity
            or shown.themes is not board.themes
            or shown.meta is not board.meta
            or self.roadmap.theme != self.filter.theme
            or self.roadmap.municipality != self.filter.municipality
            or (self.filter.municipality and shown.ambitions is not board.ambitions)
        ):
            self.roadmap.show(board, self.filter.theme, self.filter.municipality)
        else:
            self.roadmap.board = board  # the same roadmap: nothing to draw again
        self._update_cross()
        self._update_filter_text()
        self.findings.refresh()  # findings and markers, in a thread

    def _update_cross(self) -> None:
        """Both directions: the selected ambition's roadmap items, or the selected item's
        ambitions, are marked in the other pane."""
        if not self.is_mounted:
            return
        board = self.session.board
        if self.pane == BOARD:
            self.roadmap.set_linked(view.linked_keys(board, self.kanban.cursor_key))
            self.kanban.set_highlight(frozenset())
        else:
            self.kanban.set_highlight(view.serving_keys(board, self.roadmap.cursor_key))
            self.roadmap.set_linked(frozenset())
        self._update_detail()

    def _update_detail(self) -> None:
        if not self.detail.display:
            return
        if self.pane == BOARD:
            self.detail.show(self.session.board, "ambitions", self.kanban.cursor_key)
        else:
            self.detail.show(self.session.board, "roadmap", self.roadmap.cursor_key)

    def on_kanban_board_cursor_moved(self, message: KanbanBoard.CursorMoved) -> None:
        if self.pane == BOARD:
            self.cursor = (BOARD, message.key)

    def on_roadmap_view_cursor_moved(self, message: RoadmapView.CursorMoved) -> None:
        if self.pane == ROADMAP:
            self.cursor = (ROADMAP, message.key)

    def on_kanban_board_layout_changed(self, message: KanbanBoard.LayoutChanged) -> None:
        self._update_filter_text()

    def _update_filter_text(self) -> None:
        flt, board = self.filter, self.session.board
        parts: list[str] = []
        if flt.text.strip():
            parts.append(f"/{flt.text.strip()}")
        if flt.municipality:
            muni = board.municipalities.get(flt.municipality)
            number = next(
                (n for n, key in self.quick_filter_keys().items() if key == flt.municipality), None
            )
            shown = f"{muni.short} {muni.name}" if muni else flt.municipality
            shown = f"{shown} ({number})" if number else shown
            parts.append(tr("ui.roadmap_too", self.lang, name=shown))
        if flt.theme:
            theme = board.themes.get(flt.theme)
            parts.append(theme.name if theme else flt.theme)
        if flt.serving:
            parts.append(f"{tr('ui.serving', self.lang)} {human_id('roadmap', flt.serving)}")
        if self.kanban.swimlanes:
            parts.append(tr("ui.swimlanes_on", self.lang))
        self.status.set_filter(" · ".join(parts))

    # --- filters ---------------------------------------------------------------------------------

    def watch_filter(self, flt: view.Filter) -> None:
        board = self.session.board
        self.kanban.show(board, flt)
        if (self.roadmap.theme, self.roadmap.municipality) != (flt.theme, flt.municipality):
            self.roadmap.show(board, flt.theme, flt.municipality)
        self._update_cross()
        self._update_filter_text()

    def action_filter_text(self) -> None:
        self.filter_input.display = True
        self.filter_input.value = self.filter.text
        self.filter_input.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self.filter_input:
            self.filter = self.filter.but(text=event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input is self.filter_input:
            if not event.value.strip():
                self.filter_input.display = False
            self._show_pane(BOARD)

    def clear_filters(self) -> None:
        """Show every card again."""
        self.filter_input.value = ""
        self.filter_input.display = False
        self.filter = view.Filter()

    def action_clear_filters(self) -> None:
        if self.focused is self.filter_input:
            self.filter_input.value = ""
            self.filter_input.display = False
            self.filter = self.filter.but(text="")
            self._pane_widget().focus()
            return
        if self.filter.active:
            self.clear_filters()
        elif self.detail.display:
            self.detail.display = False
            self.refresh_bindings()

    def pick(
        self,
        title: str,
        options: list[tuple[str, str]],
        chosen: Callable[[str | None], None],
        current: str | None = None,
    ) -> None:
        """Open the fuzzy picker over (value, label) pairs; `chosen` gets the value or None."""
        from .picker import Picker

        self.app.push_screen(Picker(title, options, self.lang, current=current), chosen)

    def action_pick_municipality(self) -> None:
        board = self.session.board
        options = [("", tr("ui.all_municipalities", self.lang))]
        for key in view.municipality_order(board):
            muni = board.municipalities[key]
            options.append((key, f"{muni.short}  {muni.name}"))

        def chosen(value: str | None) -> None:
            if value is not None:
                self.filter = self.filter.but(municipality=value or None)

        self.pick(
            tr("ui.pick_municipality", self.lang), options, chosen, self.filter.municipality or ""
        )

    def quick_filter_keys(self) -> dict[int, str]:
        """The municipality each of the keys 1–9 filters on."""
        order = view.municipality_order(self.session.board)[:9]
        return {number: key for number, key in enumerate(order, 1)}

    def quick_filters(self) -> dict[int, str]:
        """The keys 1–9 as the help names them: `AAD Aadorp`."""
        board = self.session.board
        return {
            number: f"{board.municipalities[key].short} {board.municipalities[key].name}"
            for number, key in self.quick_filter_keys().items()
        }

    def action_municipality(self, number: int) -> None:
        if number == 0:
            self.filter = self.filter.but(municipality=None)
            return
        chosen = self.quick_filter_keys().get(number)
        if chosen is None:
            self.notify(tr("ui.no_municipality", self.lang, n=number), markup=False)
            return
        self.filter = self.filter.but(municipality=chosen)

    def action_pick_theme(self) -> None:
        board = self.session.board
        options = [("", tr("ui.all_themes", self.lang))]
        options += [(k, board.themes[k].name) for k in view.theme_order(board)]

        def chosen(value: str | None) -> None:
            if value is not None:
                self.filter = self.filter.but(theme=value or None)

        self.pick(tr("ui.pick_theme", self.lang), options, chosen, self.filter.theme or "")

    def action_filter_serving(self) -> None:
        key = self.roadmap.cursor_key
        if key is None:
            return
        if not self.session.board.serving(key):
            what = human_id("roadmap", key)
            self.notify(tr("ui.serves_none", self.lang, what=what), markup=False)
            return
        self.filter = self.filter.but(serving=key)
        self._show_pane(BOARD)
        self._update_cross()

    # --- changes: from the session, as messages ------------------------------------------------

    def on_board_changed(self, message: BoardChanged) -> None:
        """Show what changed; save our own change once the screen shows it."""
        changed = message.changed
        if not message.own:
            live.adopt(self, changed)
            self.show_state()
            return
        assert changed.change is not None
        table, key, record = changed.change.after[0]
        if table == "ambitions" and record is not None:
            self.kanban.cursor_key = key
        elif table == "roadmap" and record is not None:
            self.roadmap.cursor_key = key
        self.show_board()
        hidden = (table == "ambitions" and self.kanban.cursor_key != key) or (
            table == "roadmap" and self.roadmap.cursor_key != key
        )
        if record is not None and hidden:
            self.notify(tr("ui.hidden_by_filter", self.lang), markup=False)
        if not self._save_queued:
            self._save_queued = True
            self.call_after_refresh(self.save)

    def on_findings_ready(self, message: FindingsReady) -> None:
        if message.session is not self.session:
            return  # the findings of another session's board (a what-if's, or its plan's)
        self.findings.done(message)
        from .insights import InsightsScreen  # after the first frame: the findings take a while

        for screen in self.app.screen_stack:
            # opened while this message was on its way: it was not on the stack to hear it
            if isinstance(screen, InsightsScreen) and screen.found is None:
                again = FindingsReady(
                    message.board, message.today, message.found, message.marks, message.session
                )
                screen.post_message(again)
        marks = message.marks
        self.kanban.set_marks({k: s for (t, k), s in marks.items() if t == "ambitions"})
        self.roadmap.set_marks({k: s for (t, k), s in marks.items() if t == "roadmap"})

    def save(self) -> None:
        """Write the board; what the store merged in comes back as a `merge` message."""
        self._save_queued = False
        with contextlib.suppress(BoardError):  # the state says so; the next save retries
            self.session.save()
        self.show_state()

    def check_disk(self) -> None:
        """Pick up changes another session (or a git pull) wrote; merge our unsaved change.

        A large file is read and validated in a worker thread (at 10,000 cards that would
        freeze the screen for a while); the event loop only takes the result, and drops it when
        the board changed meanwhile (the next check reads again, or the save merges). A small
        one is read at once: that takes less than the hop to a thread and back."""
        board_session = self.session
        if board_session.state == UNSAVED or self._reading:
            return  # a save is about to run, and it merges whatever is on disk
        stamp = board_session.outside_change()
        if stamp is None:
            return
        if board_session.must_merge:
            board_session.merge_outside(stamp)
            self.show_state()
            return
        if stamp.size < READ_IN_THREAD_FROM:
            board_session.adopt_outside(stamp, board_session.read_outside())
            self.show_state()
            return
        self._reading = True
        board, base = board_session.board, board_session.store and board_session.store.base

        def read() -> None:
            result = board_session.read_outside()
            if not isinstance(result, BoardError):
                self.kanban.prepare(result.board)  # the columns too: the swap-in only shows
            self.app.call_from_thread(taken, result)

        def taken(result: Any) -> None:
            self._reading = False
            store = board_session.store
            if board_session.board is board and store is not None and store.base is base:
                board_session.adopt_outside(stamp, result)
                self.show_state()

        self.run_worker(
            read, thread=True, group="reload", description="reload", exit_on_error=False
        )

    def show_state(self) -> None:
        """The save state in the status bar: saved, merged, reloaded, read-only or the error."""
        board_session, lang = self.session, self.lang
        state, name = board_session.state, board_session.board.meta.name
        if state == ERROR:
            said = tr("ui.not_saved" if board_session.dirty else "ui.error", lang)
            self.status.set_state(ERROR, f"{said}: {board_session.problem}")
            return
        words = {
            SAVED: tr("ui.saved", lang),
            MERGED: tr("ui.merged", lang, n=board_session.conflicts),
            RELOADED: tr("ui.reloaded", lang),
        }
        if board_session.as_of:
            text = tr("ui.as_of", lang, at=board_session.as_of)
            self.status.set_state(READ_ONLY, text, name)
        elif board_session.read_only:
            text = tr("ui.read_only", lang)
            if state == RELOADED:
                text = f"{text}, {words[RELOADED]}"
            self.status.set_state(READ_ONLY, text, name)
        elif state in (MERGED, RELOADED):
            self.status.set_state(state, words[state], name, then=words[SAVED])
        elif state in words:
            self.status.set_state(state, words[state], name)

    # --- changing the board ----------------------------------------------------------------------

    def editable(self) -> bool:
        return editing.editable(self, self.session, self.lang)

    def attempt(self, operation: Callable[[Board], ops.Change]) -> ops.Change | None:
        return editing.attempt(self, self.session, operation)

    def _card(self) -> str | None:
        key = self.kanban.cursor_key
        if key is None:
            self.notify(tr("ui.no_card", self.lang), markup=False)
        return key

    def action_move_card(self, direction: int) -> None:
        key = self._card()
        if key is None or not self.editable():
            return
        target = ops.step(self.session.board, key, direction)
        if target is None:
            self.notify(tr("ui.no_further", self.lang), markup=False)
            return
        self.move_to(key, target)

    def move_to(self, key: str, status: Status | str) -> None:
        """Move an ambition, asking for what the status needs (review date, reason, a yes)."""
        editing.ask_move(self, self.session, key, Status(status), self.lang)

    def action_withdraw(self) -> None:
        self._move_selected(Status.WITHDRAWN)

    def action_park(self) -> None:
        self._move_selected(Status.PARKED)

    def action_reject(self) -> None:
        self._move_selected(Status.REJECTED)

    def _form(self, table: str, key: str | None, defaults: dict[str, str] | None = None) -> None:
        board_session = self.session

        def apply(raw: dict[str, str]) -> ops.Change:
            board, actor = board_session.board, board_session.actor
            fields = lookup.coerce(board, table, raw)
            if key is None:
                return ops.add(board, table, fields, actor)
            return ops.edit(board, table, key, fields, actor)

        def done(change: ops.Change | None) -> None:
            if change is not None:
                self.attempt(lambda board: change)

        from .form import RecordForm

        form = RecordForm(board_session.board, table, key, self.lang, apply, defaults)  # type: ignore[arg-type]
        self.app.push_screen(form, done)

    def action_new_ambition(self) -> None:
        if not self.editable():
            return
        defaults: dict[str, str] = {}
        if self.filter.municipality:
            defaults["municipality"] = self.filter.municipality
        if self.filter.theme:
            defaults["theme"] = self.filter.theme
        # a new card is a wish wherever the cursor is: never planned without a roadmap link
        self._form("ambitions", None, defaults)

    def action_edit_ambition(self) -> None:
        key = self._card()
        if key is not None and self.editable():
            self._form("ambitions", key)

    def action_delete_ambition(self) -> None:
        key = self._card()
        if key is not None and self.editable():
            self._confirm_delete("ambitions", key)

    def _confirm_delete(self, table: str, key: str) -> None:
        record = self.session.board.table(table)[key]
        what = f"{human_id(table, key)} “{record.title}”"
        actor = self.session.actor

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.attempt(lambda board: ops.delete(board, table, key, actor))

        from .prompt import Confirm

        self.app.push_screen(
            Confirm(tr("ui.confirm_delete", self.lang, what=what), self.lang), confirmed
        )

    def action_link(self) -> None:
        key = self._card()
        if key is None or not self.editable():
            return
        board, actor = self.session.board, self.session.actor
        amb = board.ambitions[key]
        options = []
        for item_key in view.roadmap_order(board):
            item = board.roadmap[item_key]
            mark = "✓ " if item_key in amb.linked else "  "
            label = f"{mark}{item.title} · {span(item.start, item.end)}"
            options.append((item_key, label))
        if not options:
            self.notify(tr("ui.no_roadmap", self.lang), markup=False)
            return

        def chosen(value: str | None) -> None:
            if not value:
                return
            if value in self.session.board.ambitions[key].linked:
                self.attempt(lambda board: ops.unlink(board, key, value, actor))
            else:
                self.attempt(lambda board: ops.link(board, key, value, actor))

        self.pick(tr("ui.link_title", self.lang), options, chosen)

    # --- roadmap items ---------------------------------------------------------------------------

    def action_new_roadmap(self) -> None:
        if not self.editable():
            return
        now = Quarter.of(self.today)
        defaults = {"start": str(now), "end": str(now + 1)}
        if self.filter.theme:
            defaults["theme"] = self.filter.theme
        self._form("roadmap", None, defaults)

    def _item(self) -> str | None:
        key = self.roadmap.cursor_key
        if key is None:
            self.notify(tr("ui.no_item", self.lang), markup=False)
        return key

    def action_edit_roadmap(self) -> None:
        key = self._item()
        if key is not None and self.editable():
            self._form("roadmap", key)

    def action_delete_roadmap(self) -> None:
        key = self._item()
        if key is not None and self.editable():
            self._confirm_delete("roadmap", key)

    # --- undo / redo -----------------------------------------------------------------------------

    def action_undo(self) -> None:
        editing.undo(self, self.session, self.lang)

    def action_redo(self) -> None:
        editing.undo(self, self.session, self.lang, redo=True)

    # --- insights, triage, changes -------------------------------------------------------------

    def action_insights(self) -> None:
        from .insights import InsightsScreen

        screen = InsightsScreen(self.lang, self.today, self.findings.current)

        def chosen(finding: Finding | None) -> None:
            if finding is not None and screen.bundle:
                self.bundle([key for table, key in finding.ids if table == "ambitions"])
            else:
                self.jump_to_finding(finding)

        self.app.push_screen(screen, chosen)
        self.findings.wanted_now()

    def jump_to_finding(self, finding: Finding | None) -> None:
        """Show what a finding is about: its (first) card or roadmap item; a quarter on the
        roadmap; a municipality's cards."""
        if finding is None:
            return
        board = self.session.board
        tables = {table for table, _ in finding.ids}
        quarter = next((Quarter.parse(k) for t, k in finding.ids if t == "capacity"), None)
        order = ("roadmap", "ambitions") if quarter is not None else ("ambitions", "roadmap")
        for wanted in order:
            for table, key in finding.ids:
                if table == wanted and key in board.table(table):
                    self.jump_to(table, key)
                    if quarter is not None:
                        self.roadmap.show_quarter(quarter)
                    return
        if quarter is not None:
            self._show_pane(ROADMAP)
            self.roadmap.show_quarter(quarter)
        elif "municipalities" in tables:
            code = next(k for t, k in finding.ids if t == "municipalities")
            self.filter = view.Filter(municipality=code)
            self._show_pane(BOARD)

    def bundle(self, members: list[str]) -> None:
        """One shared roadmap item for `members`, shown on the roadmap once added (the marks
        are cleared then)."""

        def done(change: ops.Change) -> None:
            self.kanban.set_picked(frozenset())
            self.jump_to("roadmap", change.key)

        if self.editable():
            editing.ask_bundle(self, self.session, members, self.lang, done)

    def action_pick_card(self) -> None:
        """Mark the card for a bundle, or unmark it."""
        key = self._card()
        if key is None:
            return
        picked = self.kanban.picked ^ {key}
        self.kanban.set_picked(picked)
        hint = host(self).key_hint("board.bundle")
        self.notify(tr("ui.picked", self.lang, n=len(picked), hint=hint), markup=False)

    def action_bundle(self) -> None:
        """Bundle the marked cards; with fewer than two marked, the card and its similar ones."""
        board = self.session.board
        picked = [k for k in sorted(self.kanban.picked) if k in board.ambitions]
        if len(picked) >= 2:
            self.bundle(picked)
            return
        key = self._card()
        if key is not None:
            self.bundle(bundling.from_card(board, key))

    def action_triage(self) -> None:
        if not self.editable():
            return
        items = triage.queue(self.session.board, self.today)
        if not items:
            self.notify(tr("ui.triage_empty", self.lang), markup=False)
            return
        from .triage import TriageScreen

        self.app.push_screen(TriageScreen(items, self.lang, self.session))

    def action_changes(self) -> None:
        """What changed since the last commit or a date, and merge conflicts to review."""

        def chosen(target: tuple[str, str] | None) -> None:
            if target is not None:
                self.jump_to(*target)

        from .changes import ChangesScreen

        self.app.push_screen(ChangesScreen(self.lang, self.session), chosen)

    # --- palette, jumping ------------------------------------------------------------------------

    def screen_bindings(self) -> list[BindingType]:
        """The screen's own bindings, for the palette."""
        return list(self.BINDINGS)

    def action_what_if(self) -> None:
        """Open a scenario, or start one, on this board (see `screens/scenario.py`)."""
        from .scenario import choose  # the what-if screen is a board screen: imported late

        choose(self)

    def palette_commands(self) -> list[Command]:
        """Every action of the board (with its keys) and a move to each status."""
        app = self.app
        commands: list[Command] = []
        targets: list[tuple[Any, list[BindingType]]] = [
            (self, self.screen_bindings()),
            (self.kanban, list(KanbanBoard.BINDINGS)),
            (self.roadmap, list(RoadmapView.BINDINGS)),
        ]
        skip = {"app.next_pane", "filter.clear"}
        for node, bindings in targets:
            for binding in keys.unique(bindings):
                ident = binding.id or ""
                if ident in skip or keys.is_navigation(ident):
                    continue
                if ident.startswith("filter.municipality_"):
                    continue
                shown = keys.display(app, keys.keys_for(binding, app._keymap))
                commands.append(
                    Command(
                        keys.label(binding, self.lang),
                        shown,
                        lambda n=node, a=binding.action: app.run_action(a, n),
                    )
                )
        commands.append(Command(tr("key.filter.clear", self.lang), "esc", self.clear_filters))
        for status in Status:
            label = tr("ui.move_to", self.lang, status=tr(f"status.{status.value}", self.lang))
            commands.append(Command(label, "", lambda s=status: self._move_selected(s)))
        board = self.session.board
        for number, key in enumerate(view.municipality_order(board), 1):
            muni = board.municipalities[key]
            label = tr("ui.show_municipality", self.lang, name=muni.name)
            commands.append(
                Command(
                    label,
                    str(number) if number < 10 else "",
                    lambda k=key: setattr(self, "filter", self.filter.but(municipality=k)),
                )
            )
        return commands

    def _move_selected(self, status: Status) -> None:
        """Move the card under the cursor (the keys w, p, x and the palette's moves)."""
        key = self._card()
        if key is not None and self.editable():
            self.move_to(key, status)

    def jump_to(self, table: str, key: str) -> None:
        """Show a card: clear filters that hide it, switch to its pane, put the cursor on it."""
        board = self.session.board
        widget: KanbanBoard | RoadmapView = self.kanban if table == "ambitions" else self.roadmap
        if key not in board.table("ambitions" if table == "ambitions" else "roadmap"):
            return
        if not widget.set_cursor(key):
            self.clear_filters()
            widget.set_cursor(key)
        self._show_pane(BOARD if table == "ambitions" else ROADMAP)
        self._update_cross()
