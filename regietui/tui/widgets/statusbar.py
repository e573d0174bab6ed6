"""One line at the bottom: whether the board is saved, read-only or failed, and what is filtered."""

from __future__ import annotations

from rich.text import Text
from textual.timer import Timer
from textual.widgets import Static

from ...session import ERROR, MERGED, READ_ONLY, RELOADED, SAVED, UNSAVED

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
    The view hint (which pane, the key to the other) is always whole: the state and the filter
    are cut first."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.state = SAVED
        self.state_text = ""
        self.filter_text = ""
        self.view_text = ""
        self._fade: Timer | None = None

    def set_state(self, state: str, text: str, then: str | None = None) -> None:
        """Show a save state; with `then`, a passing one that becomes (SAVED, `then`) after a
        few seconds."""
        if self._fade is not None:
            self._fade.stop()
            self._fade = None
        self.state, self.state_text = state, text
        if then is not None:
            self._fade = self.set_timer(FADE_SECONDS, lambda: self.set_state(SAVED, then))
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
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append(f" {self.state_text}", style=STYLES.get(self.state, ""))
        if self.filter_text:
            text.append("  │  ", style="dim")
            text.append(self.filter_text, style="bold")
        if not self.view_text:
            return text
        view = Text(f"  │  {self.view_text}", style="dim", no_wrap=True, end="")
        width = self.size.width or self.app.size.width
        room = width - view.cell_len
        if text.cell_len > room:
            text.truncate(max(0, room - 1))
            text.append("…")
        return text + view

    def _draw(self) -> None:
        self.update(self._text())
