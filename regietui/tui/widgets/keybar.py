"""The key line at the bottom: the keys that work here, as many whole hints as fit.

Unlike Textual's `Footer` (which scrolls and cuts a hint in half on narrow terminals) this shows
only whole `key label` pairs and ends in `…` when some did not fit; `?` always lists them all.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static

from ...i18n import tr

SEPARATOR = "  "
FIRST = ("app.help", "app.quit", "app.undo", "app.detail_down")
"""The keys a newcomer needs most, shown first whatever the pane: help (which lists every other
key), quit and undo, and while the details are open the key that scrolls them. The focused
pane's own actions follow."""


class KeyBar(Static):
    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.lang = lang
        self._screen: Screen | None = None
        self.hints: list[tuple[str, str]] = []

    def on_mount(self) -> None:
        self._screen = self.screen
        self.screen.bindings_updated_signal.subscribe(self, self._changed)
        self.call_after_refresh(self.refresh_hints)

    def on_unmount(self) -> None:
        if self._screen is not None:
            self._screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self._draw()

    def _changed(self, screen: Screen) -> None:
        self.refresh_hints()

    def refresh_hints(self) -> None:
        seen: set[str] = set()
        hints: list[tuple[int, str, str]] = []
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            ident = binding.id or binding.action
            rank = FIRST.index(ident) if ident in FIRST else len(FIRST)
            if (not binding.show and rank == len(FIRST)) or not enabled or binding.system:
                continue
            if ident in seen:
                continue
            seen.add(ident)
            short = tr(f"short.{ident}", self.lang)
            label = binding.description if short == f"short.{ident}" else short
            hints.append((rank, self.app.get_key_display(binding), label))
        # whatever else is cut off: `?` shows it all
        hints.sort(key=lambda hint: hint[0])
        self.hints = [(key, label) for _rank, key, label in hints]
        self._draw()

    def _draw(self) -> None:
        width = self.size.width or self.app.size.width
        text = Text(no_wrap=True, end="")
        used = 0
        for index, (key, label) in enumerate(self.hints):
            item = cell_len(key) + 1 + cell_len(label) + (len(SEPARATOR) if index else 0)
            if used + item > width - (2 if index < len(self.hints) - 1 else 0):
                text.append(" …", style="dim")
                break
            if index:
                text.append(SEPARATOR)
            text.append(key, style="bold reverse")
            text.append(" " + label, style="dim")
            used += item
        self.update(text, layout=False)  # one line, as wide as the screen: no relayout
