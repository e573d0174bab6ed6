"""SettingsScreen: language, colour theme and author name, applied at once and saved.

Each change takes effect immediately (the app relabels itself, switches theme, credits the new
author) and is written to the settings file (`config.update_settings`, which keeps `[keys]` and
everything else in it). The name is applied on enter or when the screen closes.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, Static

from ...config import LANGUAGES, config_path
from ...i18n import tr
from ..host import Host, host
from ._dialog import Dialog
from ._text import literal


class SettingsScreen(Dialog[None]):
    """Three settings, one row each; escape closes."""

    DEFAULT_CSS = """
    SettingsScreen > #settings-box {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
    }
    SettingsScreen .settings-row {
        height: auto;
        width: 1fr;
        margin-bottom: 1;
    }
    SettingsScreen .settings-label {
        width: 24;
        padding-right: 1;
        color: $text-muted;
    }
    SettingsScreen .settings-row:focus-within .settings-label {
        color: $text-accent;
        text-style: bold;
    }
    SettingsScreen Select, SettingsScreen Input {
        width: 1fr;
    }
    SettingsScreen #settings-file, SettingsScreen #settings-keys {
        width: 1fr;
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", show=False, id="settings.close"),
    ]

    @property
    def regie(self) -> Host:
        return host(self)

    @property
    def lang(self) -> str:
        return self.regie.lang

    def compose(self) -> ComposeResult:
        app = self.regie
        lang = self.lang
        box = Vertical(id="settings-box", classes="dialog-box")
        box.border_title = tr("ui.settings", lang)
        with box:
            with Horizontal(classes="settings-row"):
                yield Label(literal(tr("ui.language", lang)), classes="settings-label")
                yield Select(
                    [(tr(f"lang.{code}", lang), code) for code in LANGUAGES],
                    value=lang,
                    allow_blank=False,
                    compact=True,
                    id="settings-language",
                )
            with Horizontal(classes="settings-row"):
                yield Label(literal(tr("ui.colours", lang)), classes="settings-label")
                yield Select(
                    [(name, name) for name in sorted(self.app.available_themes)],
                    value=self.app.theme,
                    allow_blank=False,
                    compact=True,
                    id="settings-theme",
                )
            with Horizontal(classes="settings-row"):
                yield Label(literal(tr("ui.author", lang)), classes="settings-label")
                yield Input(
                    app.settings.author or "",
                    placeholder=self.regie.author_for(None),
                    compact=True,
                    id="settings-author",
                )
            yield Static(literal(tr("ui.settings_file", lang, path=str(config_path()))),
                         id="settings-file")  # fmt: skip
            yield Static(literal(tr("ui.settings_keys", lang)), id="settings-keys")

    def on_mount(self) -> None:
        self.query_one("#settings-language", Select).focus()

    @on(Select.Changed, "#settings-language")
    def _language(self, event: Select.Changed) -> None:
        value = event.value
        if isinstance(value, str) and value != self.lang:
            self._apply_author()
            self.regie.set_language(value)
            self.refresh(recompose=True)
            self.call_after_refresh(self._focus, "#settings-language")

    @on(Select.Changed, "#settings-theme")
    def _theme(self, event: Select.Changed) -> None:
        value = event.value
        if isinstance(value, str) and value != self.app.theme:
            self.regie.set_colours(value)

    @on(Input.Submitted, "#settings-author")
    def _author(self) -> None:
        self._apply_author()

    def _apply_author(self) -> None:
        inputs = self.query("#settings-author")
        if not inputs:
            return
        value = inputs.first(Input).value.strip()
        if value != (self.regie.settings.author or ""):
            credited = self.regie.set_author(value)
            first = value and credited != value  # the board's git user.name comes first
            key = "ui.author_git_first" if first else "ui.author_set"
            self.notify(tr(key, self.lang, name=credited), markup=False)

    def _focus(self, selector: str) -> None:
        found = self.query(selector)
        if found:
            found.first().focus()

    def action_close(self) -> None:
        self._apply_author()
        self.dismiss(None)
