"""HelpScreen: every key binding, grouped by the section its binding id names."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from ...i18n import tr
from ._dialog import Dialog
from ._text import literal

KEY_STYLE = "bold $text-accent"
MAX_KEY_WIDTH = 24


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
    HelpScreen .help-section {
        width: 1fr;
        color: $text-primary;
        text-style: bold underline;
        margin-top: 1;
    }
    HelpScreen .help-section.-first {
        margin-top: 0;
    }
    HelpScreen .help-row {
        width: 1fr;
        height: auto;
    }
    HelpScreen .help-key {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    HelpScreen .help-text {
        width: 1fr;
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
        sections = group(self.rows)
        widest = max((len(keys) for keys, _, _ in self.rows), default=0)
        width = min(widest, MAX_KEY_WIDTH)
        box = Vertical(id="help-box", classes="dialog-box")
        box.border_title = tr("ui.help", self.lang)
        with box:
            with VerticalScroll(id="help-scroll"):
                for number, (section, entries) in enumerate(sections.items()):
                    yield Static(
                        literal(section_title(section, self.lang)),
                        classes="help-section -first" if number == 0 else "help-section",
                    )
                    for keys, description in entries:
                        with Horizontal(classes="help-row"):
                            key_cell = Static(literal(keys, KEY_STYLE), classes="help-key")
                            key_cell.styles.width = width + 2
                            yield key_cell
                            yield Static(literal(description), classes="help-text")
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
