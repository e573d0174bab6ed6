"""The cooperative's roadmap as a Line-API view: quarters across, one bar per item, capacity below.

The first line (quarters) and the last three (planned effort, capacity, what is left) stay put;
the items between them scroll. Quarters that do not fit scroll sideways with left/right.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ... import view
from ...capacity import QuarterLoad, quarter_loads
from ...figures import compact
from ...i18n import tr
from ...model import Board, Quarter, RoadmapItem, RoadmapStatus
from ...wrapping import pad
from .. import keys
from .common import LINES_KEPT, SEVERITY_MARKS, colour, line

HEADER_LINES = 1
MIN_CELL = 6
MAX_CELL = 9
MIN_LABEL = 22
MAX_LABEL = 44
TITLE_BEFORE_QUARTERS = 4
"""Beside the kanban, titles take room before more than this many quarters do (a year)."""

STATUS_COLOURS = {
    RoadmapStatus.DRAFT: "#8a8a8a",
    RoadmapStatus.ADOPTED: "#5f87d7",
    RoadmapStatus.RUNNING: "#5faf5f",
    RoadmapStatus.DELIVERED: "#5fafaf",
    RoadmapStatus.DROPPED: "#875f5f",
}
BAR_CHARS = {
    RoadmapStatus.DRAFT: "░",
    RoadmapStatus.ADOPTED: "▒",
    RoadmapStatus.RUNNING: "▓",
    RoadmapStatus.DELIVERED: "█",
    RoadmapStatus.DROPPED: "╌",
}
"""A bar is drawn with characters in its colour: readable on a monochrome terminal and in a
screen capture, and its status shows in the pattern (draft ░ · adopted ▒ · running ▓ ·
delivered █ · dropped ╌)."""
NO_THEME_COLOUR = "#8a8a8a"
LINK_MARK = "▶"


class RoadmapView(ScrollView, can_focus=True, inherit_bindings=False):
    """Roadmap items as bars over the quarters, with the capacity per quarter underneath."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False, id="roadmap.up"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="roadmap.down"),
        Binding("left,h", "quarters(-1)", "Earlier quarters", show=False, id="roadmap.left"),
        Binding("right,l", "quarters(1)", "Later quarters", show=False, id="roadmap.right"),
        Binding("home", "jump('top')", "First item", show=False, id="roadmap.top"),
        Binding("end", "jump('bottom')", "Last item", show=False, id="roadmap.bottom"),
        Binding("pageup", "jump('page_up')", "Page up", show=False, id="roadmap.page_up"),
        Binding("pagedown", "jump('page_down')", "Page down", show=False, id="roadmap.page_down"),
        Binding("n", "screen.new_roadmap", "New item", id="roadmap.new"),
        Binding("e,enter", "screen.edit_roadmap", "Edit", id="roadmap.edit"),
        Binding("d,delete", "screen.delete_roadmap", "Delete", show=False, id="roadmap.delete"),
        Binding("f", "screen.filter_serving", "Show its ambitions", id="roadmap.serving"),
        Binding("c", "colour_by", "Colour by theme/status", show=False, id="roadmap.colour"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "roadmap--header",
        "roadmap--now",
        "roadmap--now-column",
        "roadmap--label",
        "roadmap--cursor",
        "roadmap--cursor-blurred",
        "roadmap--mark",
        "roadmap--capacity",
        "roadmap--over",
        "roadmap--free",
        "roadmap--muted",
        "roadmap--error",
        "roadmap--warning",
        "roadmap--info",
    }

    class CursorMoved(Message):
        def __init__(self, key: str | None) -> None:
            super().__init__()
            self.key = key

    def __init__(self, lang: str, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self._bindings = keys.localize(self._bindings, lang)
        self.today = today
        self.board = Board()
        self.theme: str | None = None
        self.municipality: str | None = None
        """Only the items serving this municipality's ambitions (its filter on the kanban)."""
        self.order: list[str] = []
        self.cursor = 0
        self.cursor_key: str | None = None
        self.linked: frozenset[str] = frozenset()
        self.marks: dict[str, str] = {}
        """Roadmap key → the worst severity of the findings about it (its marker)."""
        self.colour_by = "theme"
        self.quarters: list[Quarter] = []
        self.loads: dict[Quarter, QuarterLoad] = {}
        self.plan_loads: dict[Quarter, QuarterLoad] | None = None
        """In a what-if: the plan's loads, shown as an extra footer row above the scenario's."""
        self.first_quarter = 0
        self.quarters_first = False
        """Alone on a narrow terminal: the quarters get the room before the titles do."""
        self._theme_colours: dict[str, str] = {}
        self._posted: str | None = "-"
        self._cache: LRUCache[tuple[object, ...], Strip] = LRUCache(LINES_KEPT)
        self._placed = False

    # --- data ------------------------------------------------------------------------------------

    def show(self, board: Board, theme: str | None = None, municipality: str | None = None) -> None:
        self.board = board
        self.theme = theme
        self.municipality = municipality
        self.order = view.roadmap_order(board, theme, municipality)
        self.quarters = view.quarter_range(board, self.today)
        self.loads = {load.quarter: load for load in quarter_loads(board)}
        self._theme_colours = {k: colour(i) for i, k in enumerate(view.theme_order(board))}
        if self.cursor_key in self.order:
            self.cursor = self.order.index(self.cursor_key)
        self.cursor = max(0, min(self.cursor, len(self.order) - 1))
        self.virtual_size = Size(0, len(self.order) + HEADER_LINES + self.footer_lines)
        self._clamp_quarters()
        self._sync(scroll=True)
        self.clear_cache()

    def set_linked(self, keys: frozenset[str]) -> None:
        if keys != self.linked:
            self.linked = keys
            self.refresh()

    def set_marks(self, marks: dict[str, str]) -> None:
        """Show finding markers (roadmap key → severity) at the end of the titles."""
        if marks != self.marks:
            self.marks = marks
            self.refresh()

    def set_cursor(self, key: str) -> bool:
        if key not in self.order:
            return False
        self.cursor = self.order.index(key)
        self._sync(scroll=True)
        self.refresh()
        return True

    def set_lang(self, lang: str) -> None:
        """Relabel: key descriptions and every word drawn, in `lang`."""
        self.lang = lang
        self._bindings = keys.localize(self._bindings, lang)
        self.clear_cache()

    def show_quarter(self, quarter: Quarter) -> None:
        """Scroll the quarters so that `quarter` is the second one shown."""
        if quarter in self.quarters:
            self.first_quarter = max(0, self.quarters.index(quarter) - 1)
            self._clamp_quarters()
            self.refresh()

    def clear_cache(self) -> None:
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def set_plan(self, plan: Board | None) -> None:
        """In a what-if, the plan beside it: the footer gets a row with what the plan leaves per
        quarter, above what the scenario leaves (`27Q3 −100` over `+200`)."""
        self.plan_loads = None if plan is None else {ld.quarter: ld for ld in quarter_loads(plan)}
        self.show(self.board, self.theme, self.municipality)

    @property
    def footer_lines(self) -> int:
        return len(self.footer_rows())

    # --- geometry --------------------------------------------------------------------------------

    @property
    def _width(self) -> int:
        return self.scrollable_content_region.width

    @property
    def _body_height(self) -> int:
        return max(0, self.scrollable_content_region.height - HEADER_LINES - self.footer_lines)

    def _label_width(self, width: int) -> int:
        """Beside the kanban, titles get the room a year of quarters (at their narrowest)
        leaves; alone (a narrow terminal) the roadmap is the timeline: titles get what all
        quarters leave. Within bounds either way; quarters that do not fit scroll sideways."""
        count = len(self.quarters) or 1
        if self.quarters_first:
            floor = min(MIN_LABEL, width // 3)
        else:
            count, floor = min(count, TITLE_BEFORE_QUARTERS), min(MIN_LABEL, width // 2)
        return max(floor, min(MAX_LABEL, width - 1 - count * MIN_CELL))

    def _cells(self, width: int) -> tuple[int, int]:
        """(cell width, number of quarters shown) for a line `width` cells wide."""
        room = max(0, width - 1 - self._label_width(width))
        count = len(self.quarters) or 1
        cell = max(MIN_CELL, min(MAX_CELL, room // count))
        return cell, max(1, room // cell)

    def visible_quarters(self) -> list[Quarter]:
        _, shown = self._cells(self._width)
        return self.quarters[self.first_quarter : self.first_quarter + shown]

    def _clamp_quarters(self) -> None:
        _, shown = self._cells(self._width)
        if not self._placed and self._width:
            now = Quarter.of(self.today)
            if now in self.quarters:
                self.first_quarter = max(0, self.quarters.index(now) - 1)
            self._placed = True
        self.first_quarter = max(0, min(self.first_quarter, len(self.quarters) - shown))

    def set_quarters_first(self, first: bool) -> None:
        """Give the quarters the room first (the roadmap alone) or the titles (beside the
        kanban)."""
        if first != self.quarters_first:
            self.quarters_first = first
            self.clear_cache()
            self.on_resize()

    def on_resize(self) -> None:
        self._clamp_quarters()
        self._sync(scroll=True)
        self.refresh()

    # --- cursor ----------------------------------------------------------------------------------

    def _sync(self, scroll: bool = False) -> None:
        self.cursor_key = self.order[self.cursor] if self.order else None
        if scroll and self.order:
            top = round(self.scroll_offset.y)
            height = max(1, self._body_height)
            if self.cursor < top:
                self.scroll_to(y=self.cursor, animate=False)
            elif self.cursor >= top + height:
                self.scroll_to(y=self.cursor - height + 1, animate=False)
        if self.cursor_key != self._posted:
            self._posted = self.cursor_key
            self.post_message(self.CursorMoved(self.cursor_key))

    def _move(self, index: int) -> None:
        if not self.order:
            return
        index = max(0, min(index, len(self.order) - 1))
        if index != self.cursor:
            self.cursor = index
            self._sync(scroll=True)
            self.refresh()

    def action_cursor(self, delta: int) -> None:
        self._move(self.cursor + delta)

    def action_jump(self, where: str) -> None:
        page = max(1, self._body_height - 1)
        self._move(
            {
                "top": 0,
                "bottom": len(self.order) - 1,
                "page_up": self.cursor - page,
                "page_down": self.cursor + page,
            }[where]
        )

    def action_quarters(self, delta: int) -> None:
        before = self.first_quarter
        self.first_quarter += delta
        self._clamp_quarters()
        if self.first_quarter != before:
            self.refresh()

    def action_colour_by(self) -> None:
        self.colour_by = "status" if self.colour_by == "theme" else "theme"
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        height = self.scrollable_content_region.height
        if offset is not None and HEADER_LINES <= offset.y < height - self.footer_lines:
            index = round(self.scroll_offset.y) + offset.y - HEADER_LINES
            if 0 <= index < len(self.order):
                self.focus()
                self._move(index)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # --- rendering -------------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"roadmap--{name}")

    def _over(self, name: str) -> Style:
        """Only what a component sets itself, to lay over the line's own style."""
        return self.get_component_rich_style(f"roadmap--{name}", partial=True)

    def render_line(self, y: int) -> Strip:
        width = self._width
        height = self.scrollable_content_region.height
        if width <= 0:
            return Strip.blank(0)
        state = (width, self.first_quarter, self.colour_by, len(self.quarters))
        if y < HEADER_LINES:
            key: tuple[object, ...] = ("header", *state)
        elif y >= height - self.footer_lines:
            key = ("footer", y - (height - self.footer_lines), *state)
        else:
            index = round(self.scroll_offset.y) + y - HEADER_LINES
            if not 0 <= index < len(self.order):
                return Strip.blank(width, self._style("label"))
            item_key = self.order[index]
            is_cursor = index == self.cursor
            key = (
                "item",
                item_key,
                is_cursor,
                is_cursor and self.has_focus,
                item_key in self.linked,
                self.marks.get(item_key),
                *state,
            )
        strip = self._cache.get(key)
        if strip is None:
            if key[0] == "header":
                strip = self._render_header(width)
            elif key[0] == "footer":
                strip = self._render_footer(int(key[1]), width)  # type: ignore[call-overload]
            else:
                strip = self._render_item(
                    str(key[1]), bool(key[2]), bool(key[3]), width, self.marks.get(str(key[1]))
                )
            self._cache.set(key, strip)
        return strip

    def _quarter_label(self, quarter: Quarter, cell: int) -> str:
        text = str(quarter) if cell >= 8 else f"{quarter.year % 100:02d}Q{quarter.q}"
        return pad(text, cell)

    def _render_header(self, width: int) -> Strip:
        cell, _ = self._cells(width)
        label_width = self._label_width(width)
        base = self._style("header")
        shown = self.visible_quarters()
        title = f"{tr('ui.roadmap', self.lang)} {len(self.order)}"
        parts = [(pad(" " + title, label_width + 1), base)]
        now = Quarter.of(self.today)
        for position, quarter in enumerate(shown):
            text = self._quarter_label(quarter, cell)
            if position == 0 and self.first_quarter > 0:
                text = "‹" + text[1:]
            if position == len(shown) - 1 and self.first_quarter + len(shown) < len(self.quarters):
                text = text[:-1] + "›"
            style = base + self._over("now") if quarter == now else base
            parts.append((text, style))
        return line(parts, width, base)

    def _bar_colour(self, item: RoadmapItem) -> str:
        if self.colour_by == "status":
            return STATUS_COLOURS[item.status]
        return self._theme_colours.get(item.theme or "", NO_THEME_COLOUR)

    def _render_item(
        self, key: str, is_cursor: bool, focused: bool, width: int, severity: str | None = None
    ) -> Strip:
        item = self.board.roadmap[key]
        cell, _ = self._cells(width)
        label_width = self._label_width(width)
        plain = self._style("label")
        base = self._style("cursor" if focused else "cursor-blurred") if is_cursor else plain
        mark = (LINK_MARK, base + self._over("mark")) if key in self.linked else (" ", base)
        parts = [mark, (pad(item.title, label_width - 3) + " ", base)]
        if severity:  # a finding is about this item (▲ error, △ warning, ○ info)
            parts.append((SEVERITY_MARKS[severity] + " ", base + self._over(severity)))
        else:
            parts.append(("  ", base))
        now = Quarter.of(self.today)
        shown = self.visible_quarters()
        dropped = item.status is RoadmapStatus.DROPPED
        bar = Style(color=self._bar_colour(item))
        if dropped:
            bar = Style(color=STATUS_COLOURS[RoadmapStatus.DROPPED], strike=True)
        for position, quarter in enumerate(shown):
            if item.start <= quarter <= item.end:
                text = BAR_CHARS[item.status] * cell
                if position == 0 and item.start < quarter:
                    text = "◂" + text[1:]
                if position == len(shown) - 1 and item.end > quarter:
                    text = text[:-1] + "▸"
                parts.append((text, bar))
            else:
                empty = plain + self._over("now-column") if quarter == now else plain
                parts.append((" " * cell, empty))
        return line(parts, width, plain)

    def footer_rows(self) -> list[str]:
        """What each footer line shows: adopted load, proposed (draft) load, capacity, and what
        is left (in a what-if: left in the plan, then left in the what-if)."""
        left = ["plan_left", "left"] if self.plan_loads is not None else ["left"]
        return ["adopted", "proposed", "capacity", *left]

    def _render_footer(self, row: int, width: int) -> Strip:
        cell, _ = self._cells(width)
        label_width = self._label_width(width)
        base = self._style("capacity")
        unit = tr(f"unit.{self.board.meta.capacity_unit.value}", self.lang)
        kind = self.footer_rows()[row]
        labels = {
            "adopted": f"{tr('ui.adopted_load', self.lang)} ({unit})",
            "proposed": tr("ui.proposed_load", self.lang),
            "capacity": tr("ui.capacity", self.lang),
            "plan_left": tr("ui.left_in_plan", self.lang),
            "left": tr(
                "ui.left_in_what_if" if self.plan_loads is not None else "ui.left_over", self.lang
            ),
        }
        parts = [(pad(" " + labels[kind], label_width + 1), base)]
        for quarter in self.visible_quarters():
            loads = self.plan_loads if kind == "plan_left" and self.plan_loads else self.loads
            load = loads.get(quarter)
            adopted, demand = (load.adopted, load.demand) if load else (0.0, 0.0)
            capacity = load.capacity if load else self.board.capacity_for(quarter)
            style = base
            if kind in ("adopted", "proposed"):
                shown = adopted if kind == "adopted" else demand - adopted
                text = compact(shown, cell - 1)
                if capacity is not None and (adopted if kind == "adopted" else demand) > capacity:
                    style = base + self._over("over")
            elif kind == "capacity":
                text = "–" if capacity is None else compact(capacity, cell - 1)
            elif capacity is None:
                text = "?"
            else:
                text = compact(capacity - demand, cell - 1)
                style = base + self._over("over" if demand > capacity else "free")
                if kind == "plan_left":
                    style += Style(dim=True)
            parts.append((pad(text, cell - 1) + " ", style))
        return line(parts, width, base)
