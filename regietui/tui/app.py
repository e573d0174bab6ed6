"""The regietui terminal app: the main screen, its keys, saving, undo/redo and the palette.

The app is the only place that changes the board: widgets show it and post what the user
selected; every edit goes through `regietui.ops`, the screen is updated first and the store saves
right after the refresh (`call_after_refresh`), adopting whatever the store merged in.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, ClassVar

from textual import events, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Input

from .. import lookup, ops, view
from ..config import ConfigError, Settings, load_settings, pick_language
from ..i18n import tr
from ..model import FLOW, Board, Quarter, Status, human_id
from ..store import BoardError, BoardStore, Stamp
from . import keys
from . import watch as live
from .palette import BoardCommands, Command
from .regie import RegieActions
from .widgets.detail import DetailPanel
from .widgets.kanban import KanbanBoard
from .widgets.keybar import KeyBar
from .widgets.roadmap import RoadmapView
from .widgets.statusbar import ERROR, MERGED, READ_ONLY, SAVED, UNSAVED, StatusBar

NARROW_WIDTH = 120
"""Below this many columns the kanban and the roadmap are two views switched with `r`."""
SPLIT_DEFAULT = (50, 70)
"""The kanban's share of the width (%) until the user moves the divider: enough for its seven
columns at a readable width, within these bounds."""
BOARD_WIDTH_WANTED = 7 * 18
SPLIT_STEP = 5
SPLIT_RANGE = (20, 85)

BOARD = "board"
ROADMAP = "roadmap"


PRIME_AFTER = 0.5
"""Seconds after mounting before the board is serialised in the background (see `save`)."""


class RegieApp(RegieActions, App[int], inherit_bindings=False):
    """Ambitions on a kanban beside the cooperative's roadmap."""

    CSS_PATH = "regie.tcss"
    TITLE = "regietui"
    COMMANDS: ClassVar[set[Any]] = {BoardCommands}
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", id="app.help"),
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
        Binding("i", "insights", "Insights", id="app.insights"),
        Binding("t", "triage", "Triage", id="app.triage"),
        Binding("S,shift+s", "settings", "Settings", show=False, id="app.settings"),
        Binding("C,shift+c", "changes", "Changes", id="app.changes"),
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
        Binding(
            "ctrl+p", "command_palette", "Commands", show=False, priority=True, id="app.palette"
        ),
        Binding("q,ctrl+q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+c", "help_quit", show=False, system=True, id="app.ctrl_c"),
    ]

    def __init__(
        self,
        store: BoardStore,
        lang: str = "en",
        *,
        today: date | None = None,
        settings: Settings | None = None,
        actor: ops.Actor | None = None,
        watch: bool = True,
    ) -> None:
        super().__init__()
        self.store = store
        self.lang = lang
        self.today = today or date.today()
        self.settings = settings or Settings()
        self.actor = actor or ops.Actor(
            author=ops.default_author(store.path.parent, self.settings.author)
        )
        self.board: Board = store.base if store.base is not None else store.load()
        self.filter = view.Filter()
        self.pane = BOARD
        self.split: int | None = None
        """The kanban's share of the width in %, once the user moved the divider."""
        self.watch = watch
        self.undo_stack: list[tuple[ops.Change, str]] = []
        """What undo reverses: each change with what the user did ("move A-3f9kq")."""
        self.redo_stack: list[tuple[ops.Change, str]] = []
        self.save_state = SAVED
        self._save_pending = False
        self._bad_stamp: Stamp | None = None
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
        self.kanban._bindings = keys.localize(self.kanban._bindings, self.lang)
        self.roadmap._bindings = keys.localize(self.roadmap._bindings, self.lang)
        if self.settings.theme and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        if self.settings.keys:
            unknown = keys.unknown_ids(self.settings.keys, self.binding_groups())
            if unknown:
                self.notify(
                    tr("ui.unknown_binding", self.lang, ids=", ".join(unknown)),
                    severity="warning",
                    markup=False,
                )
            self.set_keymap(self.settings.keys)
        self.detail.display = False
        self.filter_input.display = False
        self._show_board()
        self._apply_layout()
        self.kanban.focus()
        if self.store.read_only:
            self.save_state = READ_ONLY
            self.status.set_state(
                READ_ONLY, f"{self._board_name} — {tr('ui.read_only', self.lang)}"
            )
        else:
            self.status.set_state(SAVED, f"{self._board_name} — {tr('ui.saved', self.lang)}")
            self.set_timer(PRIME_AFTER, self._prime_store)  # not while the first frame draws
        if self.watch:
            self.set_interval(live.WATCH_SECONDS, self.check_disk)

    @work(thread=True, exclusive=True, group="prime", exit_on_error=False)
    def _prime_store(self) -> None:
        """Serialise the board once in the background: the first save is then as quick as later."""
        self.store.prime(self.board)

    @property
    def _board_name(self) -> str:
        return self.board.meta.name

    def binding_groups(self) -> list[list[BindingType]]:
        """Every binding users can remap, by screen: for help, keymaps and hints."""
        from .screens.changes import ChangesScreen
        from .screens.form import RecordForm
        from .screens.help import HelpScreen
        from .screens.picker import Picker
        from .screens.prompt import Confirm, TextPrompt

        return [
            list(self.BINDINGS),
            list(KanbanBoard.BINDINGS),
            list(RoadmapView.BINDINGS),
            list(ChangesScreen.BINDINGS),
            *self.regie_bindings(),
            list(RecordForm.BINDINGS),
            [*Confirm.BINDINGS, *TextPrompt.BINDINGS],
            list(Picker.BINDINGS),
            list(HelpScreen.BINDINGS),
        ]

    # --- layout: two panes side by side, or two views on narrow terminals --------------------

    @property
    def narrow(self) -> bool:
        return self.size.width < NARROW_WIDTH

    def on_resize(self, event: events.Resize) -> None:
        # This handler runs before `App._on_resize` records the new size (subclass first in the
        # MRO), so `self.size` is still the old one here: lay out once the size is recorded.
        self.call_next(self._apply_layout)

    def _apply_layout(self) -> None:
        narrow = self.narrow
        main = self.screen_stack[0] if self.screen_stack else self.screen
        main.set_class(narrow, "-narrow")
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
        wanted = -(-BOARD_WIDTH_WANTED * 100 // max(1, self.size.width))
        return max(low, min(high, wanted))

    def _update_view_text(self) -> None:
        names = {BOARD: tr("ui.ambitions", self.lang), ROADMAP: tr("ui.roadmap", self.lang)}
        other = ROADMAP if self.pane == BOARD else BOARD
        key = self.key_hint("app.switch_pane")
        text = f"{names[self.pane]} · {key}: {names[other]}" if self.narrow else names[self.pane]
        self.status.set_view(text)

    def key_hint(self, binding_id: str) -> str:
        """The first key that triggers a binding now (after the user's keymap)."""
        for group in self.binding_groups():
            for binding in keys.unique(group):
                if binding.id == binding_id:
                    found = keys.keys_for(binding, self._keymap)
                    return keys.display(self, found[:1])
        return "?"

    def action_switch_pane(self) -> None:
        focused = self.focused
        if focused is self.filter_input:
            self._pane_widget().focus()
            return
        self.pane = ROADMAP if self.pane == BOARD else BOARD
        self._apply_layout()
        self._pane_widget().focus()
        self._update_cross()

    def _pane_widget(self) -> KanbanBoard | RoadmapView:
        return self.kanban if self.pane == BOARD else self.roadmap

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        widget = event.widget
        pane = BOARD if widget is self.kanban else ROADMAP if widget is self.roadmap else None
        if pane and pane != self.pane:
            self.pane = pane
            self._apply_layout()
            self._update_cross()

    def action_divider(self, direction: int) -> None:
        if self.narrow:
            self.notify(tr("ui.divider_narrow", self.lang), markup=False)
            return
        low, high = SPLIT_RANGE
        self.split = max(low, min(high, self.share + direction * SPLIT_STEP))
        self._apply_layout()

    def action_toggle_detail(self) -> None:
        self.detail.display = not self.detail.display
        self._update_detail()

    # --- showing the board -----------------------------------------------------------------------

    def _show_board(self) -> None:
        self.kanban.show(self.board, self.filter)
        shown = self.roadmap.board
        if (
            shown.roadmap is not self.board.roadmap
            or shown.capacity is not self.board.capacity
            or shown.themes is not self.board.themes
            or shown.meta is not self.board.meta
            or self.roadmap.theme != self.filter.theme
        ):
            self.roadmap.show(self.board, self.filter.theme)
        else:
            self.roadmap.board = self.board  # the same roadmap: nothing to draw again
        self._update_cross()
        self._update_filter_text()
        self.refresh_insights()  # findings and markers, in a thread

    def _update_cross(self) -> None:
        """Both directions: the selected ambition's roadmap items, or the selected item's
        ambitions, are marked in the other pane."""
        if self.pane == BOARD:
            linked = view.linked_keys(self.board, self.kanban.cursor_key)
            self.roadmap.set_linked(linked)
            self.kanban.set_highlight(frozenset())
        else:
            self.kanban.set_highlight(view.serving_keys(self.board, self.roadmap.cursor_key))
            self.roadmap.set_linked(frozenset())
        self._update_detail()

    def _update_detail(self) -> None:
        if not self.detail.display:
            return
        if self.pane == BOARD:
            self.detail.show(self.board, "ambitions", self.kanban.cursor_key)
        else:
            self.detail.show(self.board, "roadmap", self.roadmap.cursor_key)

    def on_kanban_board_cursor_moved(self, message: KanbanBoard.CursorMoved) -> None:
        if self.pane == BOARD:
            self._update_cross()

    def on_roadmap_view_cursor_moved(self, message: RoadmapView.CursorMoved) -> None:
        if self.pane == ROADMAP:
            self._update_cross()

    def on_kanban_board_layout_changed(self, message: KanbanBoard.LayoutChanged) -> None:
        self._update_filter_text()

    def _update_filter_text(self) -> None:
        flt = self.filter
        parts: list[str] = []
        if flt.text.strip():
            parts.append(f"/{flt.text.strip()}")
        if flt.municipality:
            muni = self.board.municipalities.get(flt.municipality)
            parts.append(f"{muni.short} {muni.name}" if muni else flt.municipality)
        if flt.theme:
            theme = self.board.themes.get(flt.theme)
            parts.append(theme.name if theme else flt.theme)
        if flt.serving:
            parts.append(f"{tr('ui.serving', self.lang)} {human_id('roadmap', flt.serving)}")
        if self.kanban.swimlanes:
            parts.append(tr("ui.swimlanes_on", self.lang))
        self.status.set_filter(" · ".join(parts))

    # --- filters ---------------------------------------------------------------------------------

    def set_filter(self, flt: view.Filter) -> None:
        self.filter = flt
        self.kanban.show(self.board, flt)
        if self.roadmap.theme != flt.theme:
            self.roadmap.show(self.board, flt.theme)
        self._update_cross()
        self._update_filter_text()

    def action_filter_text(self) -> None:
        self.filter_input.display = True
        self.filter_input.value = self.filter.text
        self.filter_input.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self.filter_input:
            self.set_filter(self.filter.but(text=event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input is self.filter_input:
            if not event.value.strip():
                self.filter_input.display = False
            self.pane = BOARD
            self._apply_layout()
            self.kanban.focus()

    def action_clear_filters(self) -> None:
        if self.focused is self.filter_input:
            self.filter_input.value = ""
            self.filter_input.display = False
            self.set_filter(self.filter.but(text=""))
            self._pane_widget().focus()
            return
        if self.filter.active:
            self.filter_input.value = ""
            self.filter_input.display = False
            self.set_filter(view.Filter())
        elif self.detail.display:
            self.detail.display = False

    def pick(
        self,
        title: str,
        options: list[tuple[str, str]],
        chosen: Callable[[str | None], None],
        current: str | None = None,
    ) -> None:
        """Open the fuzzy picker over (value, label) pairs; `chosen` gets the value or None."""
        from .screens.picker import Picker

        self.push_screen(Picker(title, options, self.lang, current=current), chosen)

    def action_pick_municipality(self) -> None:
        options = [("", tr("ui.all_municipalities", self.lang))]
        for key in view.municipality_order(self.board):
            muni = self.board.municipalities[key]
            options.append((key, f"{muni.short}  {muni.name}"))

        def chosen(value: str | None) -> None:
            if value is not None:
                self.set_filter(self.filter.but(municipality=value or None))

        self.pick(
            tr("ui.pick_municipality", self.lang), options, chosen, self.filter.municipality or ""
        )

    def action_municipality(self, number: int) -> None:
        if number == 0:
            self.set_filter(self.filter.but(municipality=None))
            return
        order = view.municipality_order(self.board)
        if number > len(order):
            self.notify(tr("ui.no_municipality", self.lang, n=number), markup=False)
            return
        self.set_filter(self.filter.but(municipality=order[number - 1]))

    def action_pick_theme(self) -> None:
        options = [("", tr("ui.all_themes", self.lang))]
        options += [(k, self.board.themes[k].name) for k in view.theme_order(self.board)]

        def chosen(value: str | None) -> None:
            if value is not None:
                self.set_filter(self.filter.but(theme=value or None))

        self.pick(tr("ui.pick_theme", self.lang), options, chosen, self.filter.theme or "")

    def action_filter_serving(self) -> None:
        key = self.roadmap.cursor_key
        if key is None:
            return
        if not self.board.serving(key):
            what = human_id("roadmap", key)
            self.notify(tr("ui.serves_none", self.lang, what=what), markup=False)
            return
        self.set_filter(self.filter.but(serving=key))
        self.pane = BOARD
        self._apply_layout()
        self.kanban.focus()
        self._update_cross()

    # --- changing the board ----------------------------------------------------------------------

    def editable(self) -> bool:
        if self.store.read_only:
            self.notify(tr("ui.read_only_refused", self.lang), severity="warning", markup=False)
            return False
        return True

    def attempt(self, make: Callable[[], ops.Change]) -> ops.Change | None:
        """Run an operation; show its error instead of raising."""
        try:
            change = make()
        except (ops.OpError, lookup.InputError) as err:
            self.notify(str(err), severity="error", markup=False)
            return None
        self.commit(change)
        return change

    def commit(self, change: ops.Change | None) -> None:
        """Adopt a change: remember it for undo, update the screen, then save."""
        if change is None:
            return
        table, key, _ = change.after[0]
        self.undo_stack.append((change, f"{change.event.action} {human_id(table, key)}"))
        self.redo_stack.clear()
        self._adopt(change)

    def _adopt(self, change: ops.Change) -> None:
        table, key, record = change.after[0]
        if table == "ambitions" and record is not None:
            self.kanban.cursor_key = key
        elif table == "roadmap" and record is not None:
            self.roadmap.cursor_key = key
        self.board = change.board
        self._show_board()
        if table == "ambitions" and record is not None and self.kanban.cursor_key != key:
            self.notify(tr("ui.hidden_by_filter", self.lang), markup=False)
        self._schedule_save()

    def _schedule_save(self) -> None:
        self.save_state = UNSAVED
        if not self._save_pending:
            self._save_pending = True
            self.call_after_refresh(self.save)

    def save(self) -> None:
        """Write the board; adopt what the store merged in from outside changes."""
        self._save_pending = False
        try:
            saved = self.store.save(self.board)
        except BoardError as err:
            self.save_state = ERROR
            self.status.set_state(ERROR, f"{tr('ui.error', self.lang)}: {err}")
            return
        if saved.merged:
            live.adopt(self, self.board, saved.board)  # keep the cursor; say what arrived
            self.save_state = MERGED
            text = tr("ui.merged", self.lang, n=len(saved.conflicts))
            self.status.set_state(MERGED, f"{self._board_name} — {text}")
        else:
            self.save_state = SAVED
            self.status.set_state(SAVED, f"{self._board_name} — {tr('ui.saved', self.lang)}")

    def check_disk(self) -> None:
        """Pick up changes another session (or a git pull) wrote; see `watch.check_disk`."""
        live.check_disk(self)

    # --- ambitions -------------------------------------------------------------------------------

    def _card(self) -> str | None:
        key = self.kanban.cursor_key
        if key is None:
            self.notify(tr("ui.no_card", self.lang), markup=False)
        return key

    def action_move_card(self, direction: int) -> None:
        key = self._card()
        if key is None or not self.editable():
            return
        target = ops.step(self.board, key, direction)
        if target is None:
            self.notify(tr("ui.no_further", self.lang), markup=False)
            return
        self.move_to(key, target)

    def move_to(self, key: str, status: Status | str) -> None:
        """Move an ambition, asking for what the status needs (review date, reason, a yes)."""
        from .screens.prompt import Confirm, TextPrompt

        status = Status(status)
        amb = self.board.ambitions[key]
        if status is amb.status:
            self.notify(tr("ui.already", self.lang), markup=False)
            return

        def move(**extra: Any) -> None:
            self.attempt(lambda: ops.move(self.board, key, status, self.actor, **extra))

        if status is Status.PARKED:
            default = (amb.review or self.today + timedelta(days=90)).isoformat()

            def parked(value: str | None) -> None:
                if value is not None:
                    move(review=value.strip() or default)

            prompt = TextPrompt(
                tr("ui.ask_review", self.lang),
                self.lang,
                placeholder=default,
                check=_date_check(self.lang),
            )
            self.push_screen(prompt, parked)
        elif status is Status.REJECTED:

            def rejected(value: str | None) -> None:
                if value:
                    move(reason=value)

            self.push_screen(
                TextPrompt(
                    tr("ui.ask_reason", self.lang), self.lang, check=_reason_check(self.lang)
                ),
                rejected,
            )
        elif status is Status.WITHDRAWN:
            what = f"{human_id('ambitions', key)} “{amb.title}”"

            def withdrawn(yes: bool | None) -> None:
                if yes:
                    move()

            self.push_screen(
                Confirm(tr("ui.confirm_withdraw", self.lang, what=what), self.lang), withdrawn
            )
        else:
            move()

    def action_withdraw(self) -> None:
        key = self._card()
        if key is not None and self.editable():
            self.move_to(key, Status.WITHDRAWN)

    def action_park(self) -> None:
        key = self._card()
        if key is not None and self.editable():
            self.move_to(key, Status.PARKED)

    def action_reject(self) -> None:
        key = self._card()
        if key is not None and self.editable():
            self.move_to(key, Status.REJECTED)

    def _form(
        self,
        table: str,
        key: str | None,
        defaults: dict[str, str] | None = None,
    ) -> None:
        from .screens.form import RecordForm

        def apply(raw: dict[str, str]) -> ops.Change:
            fields = lookup.coerce(self.board, table, raw)
            if key is None:
                return ops.add(self.board, table, fields, self.actor)
            return ops.edit(self.board, table, key, fields, self.actor)

        form = RecordForm(self.board, table, key, self.lang, apply, defaults)  # type: ignore[arg-type]
        self.push_screen(form, self.commit)

    def action_new_ambition(self) -> None:
        if not self.editable():
            return
        defaults: dict[str, str] = {}
        if self.filter.municipality:
            defaults["municipality"] = self.filter.municipality
        if self.filter.theme:
            defaults["theme"] = self.filter.theme
        status = self.kanban.cursor_status
        if status in {s.value for s in FLOW}:
            defaults["status"] = status
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
        from .screens.prompt import Confirm

        record = self.board.table(table)[key]
        what = f"{human_id(table, key)} “{record.title}”"

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.attempt(lambda: ops.delete(self.board, table, key, self.actor))

        self.push_screen(
            Confirm(tr("ui.confirm_delete", self.lang, what=what), self.lang), confirmed
        )

    def action_link(self) -> None:
        key = self._card()
        if key is None or not self.editable():
            return
        amb = self.board.ambitions[key]
        options = []
        for item_key in view.roadmap_order(self.board):
            item = self.board.roadmap[item_key]
            mark = "✓ " if item_key in amb.linked else "  "
            label = f"{mark}{item.title} · {item.start}–{item.end}"
            options.append((item_key, label))
        if not options:
            self.notify(tr("ui.no_roadmap", self.lang), markup=False)
            return

        def chosen(value: str | None) -> None:
            if not value:
                return
            if value in self.board.ambitions[key].linked:
                self.attempt(lambda: ops.unlink(self.board, key, value, self.actor))
            else:
                self.attempt(lambda: ops.link(self.board, key, value, self.actor))

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
        if not self.editable():
            return
        if not self.undo_stack:
            self.notify(tr("ui.nothing_to_undo", self.lang), markup=False)
            return
        change, what = self.undo_stack.pop()
        try:
            reverse = ops.undo(self.board, change, self.actor)
        except ops.OpError as err:
            self.notify(str(err), severity="error", markup=False)
            return
        self.redo_stack.append((reverse, what))
        self._adopt(reverse)
        self.notify(tr("ui.undone", self.lang, what=what), markup=False)

    def action_redo(self) -> None:
        if not self.editable():
            return
        if not self.redo_stack:
            self.notify(tr("ui.nothing_to_redo", self.lang), markup=False)
            return
        change, what = self.redo_stack.pop()
        try:
            again = ops.undo(self.board, change, self.actor)
        except ops.OpError as err:
            self.notify(str(err), severity="error", markup=False)
            return
        self.undo_stack.append((again, what))
        self._adopt(again)
        self.notify(tr("ui.redone", self.lang, what=what), markup=False)

    # --- help, palette, jumping ------------------------------------------------------------------

    def help_rows(self) -> list[tuple[str, str, str]]:
        return keys.help_rows(self, self.binding_groups(), self._keymap, self.lang)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen(self.help_rows(), self.lang))

    def action_changes(self) -> None:
        """What changed since the last commit or a date, and merge conflicts to review."""
        from .screens.changes import ChangesScreen

        self.push_screen(ChangesScreen(self.lang))

    def palette_commands(self) -> list[Command]:
        """Every action (with its keys) and a move to each status."""
        commands: list[Command] = []
        targets: list[tuple[Any, list[BindingType]]] = [
            (self, list(self.BINDINGS)),
            (self.kanban, list(KanbanBoard.BINDINGS)),
            (self.roadmap, list(RoadmapView.BINDINGS)),
        ]
        skip = {"app.palette", "app.ctrl_c", "app.next_pane", "filter.clear"}
        for node, bindings in targets:
            for binding in keys.unique(bindings):
                if binding.id in skip or _is_navigation(binding.id or ""):
                    continue
                if (binding.id or "").startswith("filter.municipality_"):
                    continue
                shown = keys.display(self, keys.keys_for(binding, self._keymap))
                commands.append(
                    Command(
                        keys.label(binding, self.lang),
                        shown,
                        lambda n=node, a=binding.action: self.run_action(a, n),
                    )
                )
        commands.append(
            Command(tr("key.filter.clear", self.lang), "esc", lambda: self._clear_all())
        )
        for status in Status:
            label = tr("ui.move_to", self.lang, status=tr(f"status.{status.value}", self.lang))
            commands.append(Command(label, "", lambda s=status: self._palette_move(s)))
        for number, key in enumerate(view.municipality_order(self.board), 1):
            muni = self.board.municipalities[key]
            label = tr("ui.show_municipality", self.lang, name=muni.name)
            commands.append(
                Command(
                    label,
                    str(number) if number < 10 else "",
                    lambda k=key: self.set_filter(self.filter.but(municipality=k)),
                )
            )
        return commands + self.regie_commands()

    def _clear_all(self) -> None:
        self.filter_input.value = ""
        self.filter_input.display = False
        self.set_filter(view.Filter())

    def _palette_move(self, status: Status) -> None:
        key = self._card()
        if key is not None and self.editable():
            self.move_to(key, status)

    def jump_to(self, table: str, key: str) -> None:
        """Show a card: clear filters that hide it, switch to its pane, put the cursor on it."""
        if table == "ambitions":
            if key not in self.board.ambitions:
                return
            if not self.kanban.set_cursor(key):
                self._clear_all()
                self.kanban.set_cursor(key)
            self.pane = BOARD
        else:
            if key not in self.board.roadmap:
                return
            if not self.roadmap.set_cursor(key):
                self._clear_all()
                self.roadmap.set_cursor(key)
            self.pane = ROADMAP
        self._apply_layout()
        self._pane_widget().focus()
        self._update_cross()


def _is_navigation(binding_id: str) -> bool:
    return binding_id.rsplit(".", 1)[-1] in {
        "up",
        "down",
        "left",
        "right",
        "top",
        "bottom",
        "page_up",
        "page_down",
    }


def _date_check(lang: str) -> Callable[[str], str | None]:
    def check(text: str) -> str | None:
        if not text.strip():
            return None  # the placeholder's date is used
        try:
            date.fromisoformat(text.strip())
        except ValueError:
            return tr("ui.bad_date", lang, text=repr(text.strip()))
        return None

    return check


def _reason_check(lang: str) -> Callable[[str], str | None]:
    def check(text: str) -> str | None:
        return None if text.strip() else tr("ui.reason_needed", lang)

    return check


def open_app(store: BoardStore, lang: str | None = None, **options: Any) -> RegieApp:
    """The app with the user's settings file; `--lang` wins over it for this session only."""
    settings = load_settings()
    return RegieApp(store, pick_language(lang, settings), settings=settings, **options)


def run(store: BoardStore, lang: str | None) -> int:
    """Open the board in the terminal UI; the exit code for the shell."""
    try:
        app = open_app(store, lang)
    except ConfigError as err:
        print(f"regietui: {err}", file=sys.stderr)
        return 1
    app.run()
    return app.return_code or 0
