"""The ambitions kanban: one focusable board widget owning the cursor, one Line-API column each.

Columns never hold a widget per card: each `CardColumn` is a `ScrollView` that renders the lines
it is asked for (`render_line`) from the layout that `regietui.view.kanban` computes, and keeps the
rendered strips in an LRU cache. A change to the board recomputes the layout (plain lists) and
clears the caches; only the visible lines are rendered again.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from ... import view
from ...i18n import tr
from ...model import SIDE, Ambition, Board, human_id
from ...wrapping import truncate, wrap
from .. import keys
from .common import LINES_KEPT, SEVERITY_MARKS, colour, line

CARD_HEIGHT = 3
TITLE_LINES = CARD_HEIGHT - 1
ROW_HEIGHT = {view.CARD: CARD_HEIGHT, view.GAP: CARD_HEIGHT, view.LANE: 1, view.GROUP: 1}
MIN_COLUMN_WIDTH = 16
MAX_COLUMNS = 10

CONFLICT_MARK = "✗"
UNLINKED_MARK = "∅"
HIGHLIGHT_MARK = "▌"
PICKED_MARK = "●"
"""In front of a card marked for a bundle (space): it wins over the link highlight."""


class CardColumn(ScrollView, can_focus=False):
    """One status column: renders its rows (cards, lane and group headings) line by line."""

    def __init__(self, owner: KanbanBoard, position: int) -> None:
        super().__init__(id=f"column-{position}", classes="column")
        self.owner = owner
        self.position = position
        self.column = view.ColumnLayout(view.ColumnSpec("", ()))
        self._starts: list[int] = []
        self._card_rows: list[int] = []
        self._card_starts: list[int] = []
        self._groups: dict[str, int] = {}
        self._height = 0
        self._cache: LRUCache[tuple[object, ...], Strip] = LRUCache(LINES_KEPT)

    # --- layout ----------------------------------------------------------------------------------

    def set_layout(self, layout: view.ColumnLayout) -> bool:
        """Take a new layout; False (and no repaint) when its rows are the same as before."""
        if layout.spec == self.column.spec and layout.rows == self.column.rows:
            self.column = layout
            return False
        self.column = layout
        starts: list[int] = []
        card_rows: list[int] = []
        card_starts: list[int] = []
        groups: dict[str, int] = {}
        y = 0
        board = self.owner.board
        for index, row in enumerate(layout.rows):
            starts.append(y)
            if row.kind == view.CARD:
                card_rows.append(index)
                card_starts.append(y)
                if layout.spec.is_group:
                    status = board.ambitions[row.key].status.value
                    groups[status] = groups.get(status, 0) + 1
            y += ROW_HEIGHT[row.kind]
        self._starts, self._card_rows, self._card_starts = starts, card_rows, card_starts
        self._groups, self._height = groups, y
        self.virtual_size = Size(0, y)
        self.refresh()
        return True

    def clear_cache(self) -> None:
        self._cache.clear()
        self.refresh()

    def refresh_card(self, index: int) -> None:
        """Repaint only the lines of one card (the cursor moved onto or off it)."""
        if 0 <= index < len(self._card_starts):
            self.refresh_lines(self._card_starts[index], CARD_HEIGHT)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def card_top(self, index: int) -> int:
        return self._card_starts[index]

    def card_near(self, y: int) -> int:
        """The index of the card whose lines are nearest to virtual line `y`."""
        if not self._card_starts:
            return 0
        index = bisect_right(self._card_starts, y) - 1
        return max(0, min(index, len(self._card_starts) - 1))

    def scroll_to_card(self, index: int) -> None:
        """Scroll so the card is fully in view. A column shown again just now (it was out of the
        window of columns) has no height yet: it scrolls when it gets one (`on_resize`)."""
        if self.scrollable_content_region.height <= 0:
            return
        if not self._card_rows:
            self.scroll_to(y=0, animate=False)
            return
        row = self._card_rows[min(index, len(self._card_rows) - 1)]
        top = self._starts[row]
        if row > 0 and self.column.rows[row - 1].kind in (view.LANE, view.GROUP):
            top -= 1  # keep the heading of the first card of a lane or group in view
        bottom = self._starts[row] + CARD_HEIGHT
        height = max(1, self.scrollable_content_region.height)
        current = round(self.scroll_offset.y)
        if top < current:
            self.scroll_to(y=top, animate=False)
        elif bottom > current + height:
            self.scroll_to(y=bottom - height, animate=False)

    def on_resize(self) -> None:
        owner = self.owner
        if owner.layouts and owner.cursor_column == self.position:
            self.scroll_to_card(owner.cursor_card)

    def on_click(self, event: events.Click) -> None:
        """A click puts the cursor on the card under the pointer (the keyboard does the rest)."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        number = offset.y + round(self.scroll_offset.y)
        if self._card_starts and 0 <= number < self._height:
            index = self.card_near(number)
            if self._card_starts[index] <= number < self._card_starts[index] + CARD_HEIGHT:
                self.owner.focus()
                self.owner._move_cursor(self.position, index)

    # --- rendering -------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        number = y + round(self.scroll_offset.y)
        owner = self.owner
        fill = self.owner.get_component_rich_style("card--title")
        if number >= self._height or number < 0 or width <= 0:
            if number == 0 and not self._card_rows and width > 0:
                return line([(" " + tr("ui.empty", owner.lang), self._style("empty"))], width, fill)
            return Strip.blank(width, fill)
        row_index = bisect_right(self._starts, number) - 1
        row = self.column.rows[row_index]
        offset = number - self._starts[row_index]
        state: tuple[object, ...]
        if row.kind == view.CARD:
            card = bisect_left(self._card_rows, row_index)
            is_cursor = owner.cursor_column == self.position and owner.cursor_card == card
            state = (
                owner.revisions.get(row.key, 0),
                is_cursor,
                is_cursor and owner.has_focus,
                row.key in owner.highlight,
                owner.marks.get(row.key),
                row.key in owner.picked,
            )
        elif row.kind == view.GROUP:
            state = (self._groups.get(row.key, 0),)
        elif row.kind == view.LANE:
            state = (owner.first_visible == self.position,)
        else:
            state = ()
        cache_key = (row.kind, row.key, offset, width, owner.filter.text, *state)
        strip = self._cache.get(cache_key)
        if strip is None:
            strip = self._render_row(row, offset, width, state)
            self._cache.set(cache_key, strip)
        return strip

    def _style(self, name: str) -> Style:
        return self.owner.get_component_rich_style(f"card--{name}")

    def _matched(self, text: str, base: Style) -> list[tuple[str, Style]]:
        """A title line in parts, the words of the text filter highlighted in it."""
        parts: list[tuple[str, Style]] = []
        done = 0
        for start, end in view.match_spans(text, self.owner.filter.text):
            parts += [(text[done:start], base), (text[start:end], base + self._over("match"))]
            done = end
        return [*parts, (text[done:], base)]

    def _over(self, name: str) -> Style:
        """Only what a component sets itself (a colour), to lay over the line's own style."""
        return self.owner.get_component_rich_style(f"card--{name}", partial=True)

    def _render_row(self, row: view.Row, offset: int, width: int, state: tuple) -> Strip:
        owner = self.owner
        board = owner.board
        fill = self._style("title")
        if row.kind == view.GAP:
            return Strip.blank(width, fill)
        if row.kind == view.GROUP:
            count = f" ({state[0]})"
            label = truncate(tr(f"status.{row.key}", owner.lang), width - 1 - len(count))
            text = f" {label}{count}"
            return line(
                [(truncate(text, width), self._style("group"))], width, self._style("group")
            )
        if row.kind == view.LANE:
            muni = board.municipalities.get(row.key)
            short, name = (muni.short, muni.name) if muni else (row.key, "")
            tag = Style(color="black", bgcolor=owner.colours.get(row.key, "white"), bold=True)
            lane = self._style("lane")
            if not state[0]:  # the name once, in the first column shown; a rule elsewhere
                return line([(short, tag), (" " + "─" * width, self._over("rule"))], width, lane)
            parts = [(short, tag), (" " + truncate(name, max(0, width - 5)), lane)]
            return line(parts, width, lane)
        amb = board.ambitions[row.key]
        _, is_cursor, focused, highlighted, severity, picked = state
        base = self._style("cursor" if focused else "cursor-blurred") if is_cursor else fill
        mark = (HIGHLIGHT_MARK, base + self._over("mark")) if highlighted else (" ", base)
        if picked:
            mark = (PICKED_MARK, base + self._over("mark"))
        if offset < TITLE_LINES:
            text = wrap(amb.title, width - 1, TITLE_LINES)[offset]
            return line([mark, *self._matched(text, base)], width, base)
        meta = self._meta(row.key, amb, base, width - 1, is_cursor, severity)
        return line([mark, *meta], width, base)

    def _meta(
        self,
        key: str,
        amb: Ambition,
        base: Style,
        width: int,
        cursor: bool,
        severity: str | None = None,
    ) -> list[tuple[str, Style]]:
        """Last card line: municipality tag, markers, priority, id (and the side status).

        Markers: ✗ conflicts with a standard, ∅ committed without a roadmap link, and the worst
        severity of the other findings about the card (▲ error, △ warning, ○ info).
        Parts that do not fit are left out whole (the tag and markers always come first)."""
        owner = self.owner
        muni = owner.board.municipalities.get(amb.municipality)
        short = muni.short if muni else amb.municipality[:4]
        tag = Style(color="black", bgcolor=owner.colours.get(amb.municipality, "white"), bold=True)
        meta = base + self._over("meta")
        parts: list[tuple[str, Style]] = [(short, tag)]
        marks: list[tuple[str, Style]] = []
        if view.conflicts(amb):
            marks.append((CONFLICT_MARK, base + self._over("conflict")))
        if amb.unlinked_commitment:
            marks.append((UNLINKED_MARK, base + self._over("unlinked")))
        if severity:
            marks.append((SEVERITY_MARKS[severity], base + self._over(severity)))
        if marks:
            parts += [(" ", base), *marks]
        if amb.priority:
            prio = tr(f"priority.{amb.priority.value}", owner.lang)
            tint = Style() if cursor else self._over(amb.priority.value)  # legible on the cursor
            parts += [(" ", base), (prio, base + tint)]
        if owner.swimlanes and amb.status in SIDE:
            parts.append((" " + tr(f"status.{amb.status.value}", owner.lang), meta))
        parts.append((" " + human_id("ambitions", key), meta))
        fitted: list[tuple[str, Style]] = []
        used = 0
        for index, (text, style) in enumerate(parts):
            cells = cell_len(text)
            if used + cells > width:
                if index <= 1 + len(marks):
                    fitted.append((truncate(text, width - used), style))
                break
            fitted.append((text, style))
            used += cells
        return fitted


class KanbanBoard(Widget, can_focus=True):
    """The ambitions board. Owns the cursor; its columns only draw."""

    # The cards' styles, once for all columns: as a column's own component classes they were
    # styled ten times over at the first frame, and again whenever the cursor changed column.
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "card--title",
        "card--meta",
        "card--cursor",
        "card--cursor-blurred",
        "card--mark",
        "card--match",
        "card--lane",
        "card--group",
        "card--conflict",
        "card--unlinked",
        "card--must",
        "card--should",
        "card--could",
        "card--wont",
        "card--empty",
        "card--rule",
        "card--error",
        "card--warning",
        "card--info",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(0,-1)", "Up", show=False, id="board.up"),
        Binding("down,j", "cursor(0,1)", "Down", show=False, id="board.down"),
        Binding("left,h", "cursor(-1,0)", "Left", show=False, id="board.left"),
        Binding("right,l", "cursor(1,0)", "Right", show=False, id="board.right"),
        Binding("home", "jump('top')", "First card", show=False, id="board.top"),
        Binding("end", "jump('bottom')", "Last card", show=False, id="board.bottom"),
        Binding("pageup", "jump('page_up')", "Page up", show=False, id="board.page_up"),
        Binding("pagedown", "jump('page_down')", "Page down", show=False, id="board.page_down"),
        Binding(
            "less_than_sign,H,shift+h", "screen.move_card(-1)", "Move left", id="board.move_left"
        ),
        Binding(
            "greater_than_sign,L,shift+l",
            "screen.move_card(1)",
            "Move right",
            id="board.move_right",
        ),
        Binding("n", "screen.new_ambition", "New", id="board.new"),
        Binding("e,enter", "screen.edit_ambition", "Edit", id="board.edit"),
        Binding("g", "screen.link", "Link", id="board.link"),
        Binding("d,delete", "screen.delete_ambition", "Delete", show=False, id="board.delete"),
        Binding("w", "screen.withdraw", "Withdraw", show=False, id="board.withdraw"),
        Binding("p", "screen.park", "Park", show=False, id="board.park"),
        Binding("x", "screen.reject", "Reject", show=False, id="board.reject"),
        Binding("s", "swimlanes", "Swimlanes", show=False, id="board.swimlanes"),
        Binding("c", "side_columns", "Side columns", show=False, id="board.side_columns"),
        Binding("space", "screen.pick_card", "Mark for a bundle", show=False, id="board.pick"),
        Binding("B,shift+b", "screen.bundle", "Bundle", show=False, id="board.bundle"),
    ]

    class CursorMoved(Message):
        """The card under the cursor changed (key None: an empty column)."""

        def __init__(self, key: str | None) -> None:
            super().__init__()
            self.key = key

    class LayoutChanged(Message):
        """Swimlanes or side columns were toggled."""

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self._bindings = keys.localize(self._bindings, lang)
        self.board = Board()
        self.filter = view.Filter()
        self.swimlanes = False
        self.expand_side = False
        self.highlight: frozenset[str] = frozenset()
        self.picked: frozenset[str] = frozenset()
        """Cards marked for a bundle (●)."""
        self.marks: dict[str, str] = {}
        """Card key → the worst severity of the findings about it (its marker)."""
        self.colours: dict[str, str] = {}
        self.index = view.SearchIndex()
        self.layouts: list[view.ColumnLayout] = []
        self.cursor_column = 0
        self.cursor_card = 0
        self.cursor_key: str | None = None
        self.window_start = 0
        self._posted_key: str | None = None
        self._columns: list[CardColumn] = []
        self.titles: dict[int, str] = {}
        """Column headings as shown (position → plain text)."""
        self.revisions: dict[str, int] = {}
        """Card key → how often its record changed (part of the line cache key)."""
        self._prepared: tuple[Board, view.Filter, bool, bool, list[view.ColumnLayout]] | None = None
        """Columns laid out ahead by `prepare`, for the board, filter and toggles named."""
        """Column headings as shown (position → plain text)."""

    def compose(self):  # type: ignore[override]
        self._columns = [CardColumn(self, position) for position in range(MAX_COLUMNS)]
        yield from self._columns

    # --- data ------------------------------------------------------------------------------------

    def show(self, board: Board, flt: view.Filter | None = None) -> None:
        """Show a (new version of the) board, keeping the cursor on the same card if it is still
        visible, else at the same place.

        Only what changed is drawn again: cached lines are keyed by each card's revision, which
        goes up when its record changes; columns whose rows stay the same are not repainted."""
        old = self.board
        self.board = board
        touched: set[str] = set()
        if board.municipalities != old.municipalities:  # a reload brings an equal copy
            self.colours = {
                key: colour(index) for index, key in enumerate(view.municipality_order(board))
            }
            for column in self._columns:
                column.clear_cache()
        elif board.ambitions is not old.ambitions:
            touched = view.changed_keys(old.ambitions, board.ambitions)
            for key in touched:
                self.revisions[key] = self.revisions.get(key, 0) + 1
        if flt is not None:
            self.filter = flt
        self.relayout(touched)

    def prepare(self, board: Board) -> None:
        """Lay out `board` ahead of `show`, in a worker thread (a reload at 10,000 cards): when
        `show` gets that very board with the same filter and toggles, it takes these columns
        instead of laying them out on the event loop."""
        flt, swimlanes, expand_side = self.filter, self.swimlanes, self.expand_side
        layouts = view.kanban(
            board, flt, swimlanes=swimlanes, expand_side=expand_side, index=self.index
        )
        self._prepared = (board, flt, swimlanes, expand_side, layouts)

    def _layout(self) -> list[view.ColumnLayout]:
        prepared, self._prepared = self._prepared, None
        if prepared is not None:
            board, flt, swimlanes, expand_side, layouts = prepared
            if board is self.board and (flt, swimlanes, expand_side) == (
                self.filter,
                self.swimlanes,
                self.expand_side,
            ):
                return layouts
        return view.kanban(
            self.board,
            self.filter,
            swimlanes=self.swimlanes,
            expand_side=self.expand_side,
            index=self.index,
        )

    def relayout(self, touched: set[str] | None = None) -> None:
        self.layouts = self._layout()
        position_of = {
            status: position
            for position, layout in enumerate(self.layouts)
            for status in layout.spec.statuses
        }
        stale = {
            position_of[self.board.ambitions[key].status]
            for key in touched or ()
            if key in self.board.ambitions
        }
        for position, column in enumerate(self._columns[: len(self.layouts)]):
            if not column.set_layout(self.layouts[position]) and position in stale:
                column.refresh()
        self._restore_cursor()
        self._update_window()
        self._sync_cursor()

    def _restore_cursor(self) -> None:
        key = self.cursor_key
        if key is not None:
            for position, layout in enumerate(self.layouts):
                if key in layout.cards:
                    self.cursor_column = position
                    self.cursor_card = layout.cards.index(key)
                    return
        self.cursor_column = min(self.cursor_column, len(self.layouts) - 1)
        if not self.layouts[self.cursor_column].cards:
            # the card is gone (filtered, deleted): go where there are cards, if anywhere
            with_cards = [p for p, layout in enumerate(self.layouts) if layout.cards]
            if with_cards:
                self.cursor_column = min(with_cards, key=lambda p: abs(p - self.cursor_column))
        cards = self.layouts[self.cursor_column].cards
        self.cursor_card = max(0, min(self.cursor_card, len(cards) - 1))

    def set_highlight(self, keys: frozenset[str]) -> None:
        if keys != self.highlight:
            self.highlight = keys
            for column in self._active_columns():
                column.refresh()

    def set_picked(self, keys: frozenset[str]) -> None:
        """Show which cards are marked for a bundle."""
        if keys != self.picked:
            self.picked = keys
            for column in self._active_columns():
                column.refresh()

    def set_marks(self, marks: dict[str, str]) -> None:
        """Show finding markers (card key → severity); only the visible lines are drawn again."""
        if marks != self.marks:
            self.marks = marks
            for column in self._active_columns():
                column.refresh()

    def _active_columns(self) -> list[CardColumn]:
        return self._columns[: len(self.layouts)]

    @property
    def column_ids(self) -> list[str]:
        return [layout.spec.id for layout in self.layouts]

    def column_cards(self, position: int) -> list[str]:
        return self.layouts[position].cards

    # --- cursor ----------------------------------------------------------------------------------

    def _sync_cursor(self, scroll: bool = True) -> None:
        cards = self.layouts[self.cursor_column].cards
        self.cursor_key = cards[self.cursor_card] if cards else None
        column = self._columns[self.cursor_column]
        if scroll and cards:
            column.scroll_to_card(self.cursor_card)
            if self.swimlanes:
                self.call_after_refresh(self._align_lanes)
        for position, col in enumerate(self._active_columns()):
            col.set_class(position == self.cursor_column, "-cursor")
        if self.cursor_key != self._posted_key:
            self._posted_key = self.cursor_key
            self.post_message(self.CursorMoved(self.cursor_key))

    def _align_lanes(self) -> None:
        """With swimlanes every column scrolls together, so lanes stay side by side."""
        y = self._columns[self.cursor_column].scroll_offset.y
        for position, column in enumerate(self._active_columns()):
            if position != self.cursor_column and column.scroll_offset.y != y:
                column.scroll_to(y=y, animate=False)

    def set_cursor(self, key: str) -> bool:
        """Put the cursor on a card; False if it is not visible under the current filter."""
        for position, layout in enumerate(self.layouts):
            if key in layout.cards:
                self._move_cursor(position, layout.cards.index(key))
                return True
        return False

    def _move_cursor(self, position: int, card: int) -> None:
        old_column, old_card = self.cursor_column, self.cursor_card
        self.cursor_column, self.cursor_card = position, card
        self._columns[old_column].refresh_card(old_card)
        self._update_window()
        self._sync_cursor()
        self._columns[position].refresh_card(card)

    def action_cursor(self, dx: int, dy: int) -> None:
        if dy:
            cards = self.layouts[self.cursor_column].cards
            if cards:
                target = max(0, min(self.cursor_card + dy, len(cards) - 1))
                if target != self.cursor_card:
                    self._move_cursor(self.cursor_column, target)
            return
        position = self.cursor_column + dx
        if not 0 <= position < len(self.layouts):
            return
        here = self._columns[self.cursor_column]
        there = self._columns[position]
        card = 0
        if self.layouts[self.cursor_column].cards and self.layouts[position].cards:
            on_screen = here.card_top(self.cursor_card) - round(here.scroll_offset.y)
            card = there.card_near(round(there.scroll_offset.y) + max(0, on_screen))
        self._move_cursor(position, card)

    def action_jump(self, where: str) -> None:
        cards = self.layouts[self.cursor_column].cards
        if not cards:
            return
        page = max(1, self._columns[self.cursor_column].scrollable_content_region.height // 2)
        target = {
            "top": 0,
            "bottom": len(cards) - 1,
            "page_up": max(0, self.cursor_card - page),
            "page_down": min(len(cards) - 1, self.cursor_card + page),
        }[where]
        self._move_cursor(self.cursor_column, target)

    def action_swimlanes(self) -> None:
        self.swimlanes = not self.swimlanes
        for column in self._columns:
            column.clear_cache()  # side cards show their status in lanes
        self.relayout()
        self.post_message(self.LayoutChanged())

    def action_side_columns(self) -> None:
        self.expand_side = not self.expand_side
        if not self.expand_side and self.cursor_column >= len(view.column_specs(False)):
            self.cursor_column = len(view.column_specs(False)) - 1
        self.relayout()
        self.post_message(self.LayoutChanged())

    # --- focus, size and the window of columns that fit --------------------------------------

    def on_focus(self) -> None:
        self._columns[self.cursor_column].refresh_card(self.cursor_card)

    def on_blur(self) -> None:
        self._columns[self.cursor_column].refresh_card(self.cursor_card)

    def on_resize(self) -> None:
        self._update_window()
        self.call_after_refresh(self._keep_cursor_in_view)

    def _keep_cursor_in_view(self) -> None:
        """After a resize (a panel opened below, a smaller terminal) the cursor stays in view."""
        if self.layouts and self.layouts[self.cursor_column].cards:
            self._columns[self.cursor_column].scroll_to_card(self.cursor_card)
            if self.swimlanes:
                self.call_after_refresh(self._align_lanes)

    @property
    def fits(self) -> int:
        width = self.content_region.width or self.size.width
        return max(1, width // MIN_COLUMN_WIDTH)

    def _update_window(self) -> None:
        count = len(self.layouts)
        fits = min(self.fits, count)
        start = min(self.window_start, count - fits)
        if self.cursor_column < start:
            start = self.cursor_column
        elif self.cursor_column >= start + fits:
            start = self.cursor_column - fits + 1
        start = max(0, start)
        if start != self.window_start:
            self.window_start = start
            for column in self._active_columns():
                column.refresh()  # lane names show in the first column shown
        end = self.window_start + fits
        for position, column in enumerate(self._columns):
            shown = self.window_start <= position < end and position < count
            if column.display != shown:
                column.display = shown
        self._update_titles()

    def set_lang(self, lang: str) -> None:
        """Relabel: key descriptions, column titles and the cards' words in `lang`."""
        self.lang = lang
        self._bindings = keys.localize(self._bindings, lang)
        for column in self._columns:
            column.clear_cache()
        self._update_titles()

    @property
    def first_visible(self) -> int:
        return self.window_start

    def visible_columns(self) -> list[int]:
        return [p for p in range(len(self.layouts)) if self._columns[p].display]

    def _update_titles(self) -> None:
        shown = self.visible_columns()
        if not shown:
            return
        width = self.content_region.width or self.size.width
        room = max(6, width // len(shown) - 3)
        for position in shown:
            layout = self.layouts[position]
            spec = layout.spec
            if spec.id == view.SIDE_GROUP:
                label = tr("ui.side", self.lang)
            else:
                label = tr(f"status.{spec.id}", self.lang)
            count = len(layout.cards)
            figure = f"{count}/{layout.total}" if self.filter.active else str(count)
            before = "‹ " if position == shown[0] and position > 0 else ""
            after = " ›" if position == shown[-1] and position < len(self.layouts) - 1 else ""
            label = truncate(label, room - len(before) - len(figure) - len(after) - 1)
            title = f"{before}{label} {figure}{after}"
            if self.titles.get(position) != title:
                self.titles[position] = title
                self._columns[position].border_title = Content(title)
