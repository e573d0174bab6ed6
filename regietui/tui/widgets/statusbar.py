"""One line at the bottom: whether the board is saved, read-only or failed, and what is filtered."""

from __future__ import annotations

from rich.text import Text
from textual.timer import Timer
from textual.widgets import Static

from ...session import ERROR, MERGED, READ_ONLY, RELOADED, SAVED, UNSAVED
from .common import inert_text

STYLES = {
    SAVED: "green",
    MERGED: "green",
    RELOADED: "green",
    READ_ONLY: "yellow",
    ERROR: "bold red",
    UNSAVED: "yellow",
}


FADE_SECONDS = 6.0
"""How long a passing state (merged, reloaded) is shown before the bar says just `saved`."""


class StatusBar(Static):
    """Save state on the left, the active filter in the middle, the current view on the right.
    When the line is too narrow the board's name goes first, then the state and the filter are
    cut: the state's words and the view hint (which pane, the key to the other) stay whole."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.state = SAVED
        self.board_name = ""
        self.state_text = ""
        self.filter_text = ""
        self.view_text = ""
        self._fade: Timer | None = None

    def set_state(self, state: str, text: str, name: str = "", then: str | None = None) -> None:
        """Show a save state (`name — text`); with `then`, a passing one that becomes
        (SAVED, `then`) after a few seconds."""
        if self._fade is not None:
            self._fade.stop()
            self._fade = None
        self.state, self.state_text, self.board_name = state, text, name
        if then is not None:
            self._fade = self.set_timer(FADE_SECONDS, lambda: self.set_state(SAVED, then, name))
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def set_filter(self, text: str) -> None:
        self.filter_text = text
        self._draw()

    def set_view(self, text: str) -> None:
        self.view_text = text
        self._draw()

    @property
    def plain(self) -> str:
        return self._text().plain

    def _text(self) -> Text:
        width = self.size.width or self.app.size.width
        rest = Text(no_wrap=True, overflow="ellipsis", end="")
        rest.append(self.state_text, style=STYLES.get(self.state, ""))
        if self.filter_text:
            rest.append("  │  ", style="dim")
            rest.append(self.filter_text, style="bold")
        if self.view_text:
            rest.append(Text(f"  │  {self.view_text}", style="dim"))
        room = width - 1 - rest.cell_len
        text = Text(" ", no_wrap=True, overflow="ellipsis", end="")
        if self.board_name and room > 4:
            name = Text(self.board_name, style=STYLES.get(self.state, ""), no_wrap=True)
            name.truncate(room - 3, overflow="ellipsis")
            text.append(name).append(" — ", style=STYLES.get(self.state, ""))
        text.append(rest)
        if text.cell_len > width and self.view_text:
            view = f"  │  {self.view_text}"
            text.truncate(max(0, width - len(view)), overflow="ellipsis")
            text.append(view, style="dim")
        return inert_text(text)

    def _draw(self) -> None:
        self.update(self._text(), layout=False)  # one line, as wide as the screen: no relayout
