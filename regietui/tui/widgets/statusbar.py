"""One line at the bottom: whether the board is saved, read-only or failed, and what is filtered."""

from __future__ import annotations

from rich.text import Text
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


class StatusBar(Static):
    """Save state on the left, the active filter in the middle, the current view on the right."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.state = SAVED
        self.state_text = ""
        self.filter_text = ""
        self.view_text = ""

    def set_state(self, state: str, text: str) -> None:
        self.state, self.state_text = state, text
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
        if self.view_text:
            text.append("  │  ", style="dim")
            text.append(self.view_text, style="dim")
        return text

    def _draw(self) -> None:
        self.update(self._text())
