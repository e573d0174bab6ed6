"""HelpScreen: every key binding, grouped by the section its binding id names."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from ...i18n import tr
from ...wrapping import pad, wrap
from ..widgets.common import line
from ._dialog import Dialog
from ._text import literal

MAX_KEY_WIDTH = 24
KEY_GAP = 2
"""Spaces between a key and what it does."""


def section_of(binding_id: str) -> str:
    """`board.move_right` → `board`; an id without a dot belongs to `other`."""
    prefix, dot, _ = binding_id.partition(".")
    return prefix if dot and prefix else "other"


def section_title(section: str, lang: str) -> str:
    key = f"help.{section}"
    title = tr(key, lang)
    return title if title != key else section.replace("_", " ").capitalize()


def group(rows: list[tuple[str, str, str]]) -> dict[str, list[tuple[str, str]]]:
    """Rows by section, sections and rows in the order they first appear."""
    sections: dict[str, list[tuple[str, str]]] = {}
    for keys, description, binding_id in rows:
        sections.setdefault(section_of(binding_id), []).append((keys, description))
    return sections


class HelpLines(Widget):
    """The sections and their rows as lines (the Line API): a section's title, then each key with
    what it does, the description wrapped beside its key. One widget for some 90 bindings, not
    three each: the dialog opens at once (it took a second with a widget per cell)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"help--section", "help--key"}

    DEFAULT_CSS = """
    HelpLines {
        height: auto;
    }
    HelpLines > .help--section {
        color: $text-primary;
        text-style: bold underline;
    }
    HelpLines > .help--key {
        color: $text-accent;
        text-style: bold;
    }
    """

    def __init__(self, rows: list[tuple[str, str, str]], lang: str) -> None:
        super().__init__()
        self.sections = group(rows)
        widest = max((cell_len(keys) for keys, _, _ in rows), default=0)
        self.key_width = min(widest, MAX_KEY_WIDTH)
        self.lang = lang
        self._laid_out: tuple[int, list[tuple[str, str, str]]] | None = None

    def lines(self, width: int) -> list[tuple[str, str, str]]:
        """(kind, left, right) per line at `width`: `section` (its title), `row` (keys, and a
        line of the description; later lines of it have no keys) or `gap`."""
        if self._laid_out is not None and self._laid_out[0] == width:
            return self._laid_out[1]
        room = max(8, width - self.key_width - KEY_GAP)
        lines: list[tuple[str, str, str]] = []
        for number, (section, entries) in enumerate(self.sections.items()):
            if number:
                lines.append(("gap", "", ""))
            lines.append(("section", section_title(section, self.lang), ""))
            for keys, description in entries:
                wrapped = [part for part in wrap(description, room, len(description) + 1) if part]
                for index, part in enumerate(wrapped or [""]):
                    lines.append(("row", keys if index == 0 else "", part))
        self._laid_out = (width, lines)
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        fill = self.rich_style
        lines = self.lines(width)
        if not 0 <= y < len(lines):
            return Strip.blank(width, fill)
        kind, left, right = lines[y]
        if kind == "section":
            return line(
                [(left, fill + self.get_component_rich_style("help--section"))], width, fill
            )
        key = self.get_component_rich_style("help--key", partial=True)
        gap = " " * KEY_GAP
        return line([(pad(left, self.key_width) + gap, fill + key), (right, fill)], width, fill)


class HelpScreen(Dialog[None]):
    """The key bindings as `(keys shown, description, binding id)` rows, in sections.

    Closes with escape, q, ? or F1.
    """

    DEFAULT_CSS = """
    HelpScreen > #help-box {
        width: 90;
        max-width: 100%;
        height: auto;
        max-height: 100%;
    }
    HelpScreen #help-scroll {
        height: auto;
        background: $panel;
    }
    HelpScreen #help-keys {
        width: 1fr;
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", "Close", show=False, id="help.close")
    ]

    def __init__(self, rows: list[tuple[str, str, str]], lang: str) -> None:
        super().__init__()
        self.rows = list(rows)
        self.lang = lang

    def compose(self) -> ComposeResult:
        box = Vertical(id="help-box", classes="dialog-box")
        box.border_title = tr("ui.help", self.lang)
        with box:
            with VerticalScroll(id="help-scroll"):
                yield HelpLines(self.rows, self.lang)
            yield Static(literal(tr("ui.help_keys", self.lang)), id="help-keys")

    def on_mount(self) -> None:
        self._fit()
        self.query_one("#help-scroll").focus()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Scroll the rows within what the screen leaves after the border and the key hint."""
        self.query_one("#help-scroll").styles.max_height = max(3, self.size.height - 3)

    def action_close(self) -> None:
        self.dismiss(None)
