"""The regietui terminal app: what is app-wide — the editing session, the settings, the language,
the colour theme and the command palette — around the board screen (`screens/board.py`).

The session (`regietui.session`) is the only place that changes the board. The app listens to it
and posts every change as a `BoardChanged` message to each screen, which updates itself; settings
changed in the app apply at once (the language is reactive: screens watch it) and are written to
the settings file. This module is the entry point: no other module of the TUI imports it.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen

from .. import memory, ops
from ..config import LANGUAGES, ConfigError, Settings, load_settings, pick_language, update_settings
from ..i18n import tr
from ..session import BoardSession, Changed
from ..store import BoardError, BoardStore
from ..text import inert
from . import keys
from .keys import Command
from .messages import BoardChanged
from .palette import BoardCommands
from .screens.board import BoardScreen
from .widgets.kanban import KanbanBoard
from .widgets.roadmap import RoadmapView

SWITCH_SECONDS = 0.001
"""How long a worker thread may keep the interpreter while the event loop waits for it."""

QUIT_COPY, QUIT_KEEP, QUIT_LOSE = "copy", "keep", "lose"
"""The answers to quitting with changes that are not on disk."""


class RegieApp(App[int], inherit_bindings=False):
    """Ambitions on a kanban beside the cooperative's roadmap."""

    CSS_PATH = "regie.tcss"
    TITLE = "regietui"
    COMMANDS: ClassVar[set[Any]] = {BoardCommands}
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("S,shift+s", "settings", "Settings", show=False, id="app.settings"),
        Binding(
            "ctrl+p", "command_palette", "Commands", show=False, priority=True, id="app.palette"
        ),
        Binding("q,ctrl+q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+c", "help_quit", show=False, system=True, id="app.ctrl_c"),
    ]

    lang: var[str] = var("en", init=False)
    """The interface language; screens watch it and relabel themselves."""

    def __init__(
        self,
        store: BoardStore,
        lang: str = "en",
        *,
        today: date | None = None,
        settings: Settings | None = None,
        actor: ops.Actor | None = None,
        watch: bool = True,
        past: BoardSession | None = None,
        write_settings: bool = True,
    ) -> None:
        """`past`: the board as it was at a revision (`BoardSession.past`), shown read-only
        instead of the file. `write_settings=False`: settings changed in the app apply to this
        session only (a board served to a browser: its visitors must not write the settings
        file of the user who serves it)."""
        super().__init__()
        self.settings = settings or Settings()
        self.write_settings = write_settings
        actor = actor or ops.Actor(
            author=ops.default_author(store.path.parent, self.settings.author)
        )
        if past is not None:
            past.actor = actor
            past.today = today or past.today
        self.session = past or BoardSession.open(store, actor, today)
        self.session.listeners.append(self._board_changed)
        self.set_reactive(RegieApp.lang, lang)
        self.watch_file = watch
        self._bindings = keys.localize(self._bindings, lang)
        self._board_screen: BoardScreen | None = None

    def notify(self, message: str, *, title: str = "", **options: Any) -> None:
        """Every notification, from every screen, shows its text literally and inert
        (`text.inert`), never as markup: messages quote titles, keys and error text from the
        board."""
        options["markup"] = False
        super().notify(inert(message, newlines=True), title=inert(title), **options)

    # --- what is app-wide ------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        self._board_screen = BoardScreen(self.session, self.lang, watch=self.watch_file)
        return self._board_screen

    @property
    def board_screen(self) -> BoardScreen:
        """The default screen: the board and the roadmap."""
        assert self._board_screen is not None
        return self._board_screen

    def on_mount(self) -> None:
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

    def on_ready(self) -> None:
        """The first frame is up: the collector, held since the command started, may run; and
        a worker thread (a reload, the findings) hands the interpreter back to the screen after
        a millisecond, not Python's default five."""
        memory.settle()
        sys.setswitchinterval(SWITCH_SECONDS)

    def _board_changed(self, changed: Changed) -> None:
        """The session's listener: every screen hears of the change as a message."""
        self.broadcast(lambda: BoardChanged(changed))

    def broadcast(self, make: Callable[[], Message]) -> None:
        """Post a message (a fresh one each) to every screen on the stack; safe from threads."""
        for screen in list(self.screen_stack):
            screen.post_message(make())

    # --- keys, help, palette ---------------------------------------------------------------------

    def binding_groups(self) -> list[list[BindingType]]:
        """Every binding users can remap, by screen: for help, keymaps and hints."""
        return list(self._binding_groups())

    def _binding_groups(self) -> Iterator[list[BindingType]]:
        """The groups of `binding_groups` one by one: the screens a group belongs to are imported
        when it is reached (the first frame's key hints are all found before the dialogs')."""
        yield list(self.BINDINGS)
        yield list(BoardScreen.BINDINGS)
        from .screens.scenario import CompareScreen, ScenarioScreen

        yield list(ScenarioScreen.BINDINGS)
        yield list(KanbanBoard.BINDINGS)
        yield list(RoadmapView.BINDINGS)
        from .screens.changes import ChangesScreen
        from .screens.form import RecordForm
        from .screens.help import HelpScreen
        from .screens.insights import InsightsScreen
        from .screens.picker import Picker
        from .screens.prompt import Choice, Confirm, TextPrompt
        from .screens.settings import SettingsScreen
        from .screens.triage import TriageScreen

        yield list(ChangesScreen.BINDINGS)
        yield list(InsightsScreen.BINDINGS)
        yield list(TriageScreen.BINDINGS)
        yield list(SettingsScreen.BINDINGS)
        yield list(RecordForm.BINDINGS)
        yield [*Confirm.BINDINGS, *TextPrompt.BINDINGS, *Choice.BINDINGS]
        yield list(Picker.BINDINGS)
        yield list(CompareScreen.BINDINGS)
        yield list(HelpScreen.BINDINGS)

    def top_board_screen(self) -> BoardScreen:
        """The board screen the user sees (a what-if's, or the plan's) under any dialog."""
        found = (s for s in reversed(self.screen_stack) if isinstance(s, BoardScreen))
        return next(found, self.board_screen)

    def key_hint(self, binding_id: str) -> str:
        """The first key that triggers a binding now (after the user's keymap)."""
        for group in self._binding_groups():
            for binding in keys.unique(group):
                if binding.id == binding_id:
                    found = keys.keys_for(binding, self._keymap)
                    return keys.display(self, found[:1])
        return "?"

    def help_rows(self) -> list[tuple[str, str, str]]:
        """Every key with what it does; the quick filters name their municipality."""
        names = self.board_screen.quick_filters()
        rows = keys.help_rows(self, self.binding_groups(), self._keymap, self.lang)
        prefix = "filter.municipality_"
        return [
            (shown, f"{text}: {names[int(ident[len(prefix) :])]}", ident)
            if ident.startswith(prefix) and int(ident[len(prefix) :]) in names
            else (shown, text, ident)
            for shown, text, ident in rows
        ]

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen(self.help_rows(), self.lang))

    def action_command_palette(self) -> None:
        """Textual's command palette, with its placeholder in the app's language."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            placeholder = tr("ui.palette_placeholder", self.lang)
            self.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))

    def palette_commands(self) -> list[Command]:
        """The app's actions (help, settings, quit), the board's, then a language, a theme."""
        commands = [
            Command(
                keys.label(binding, self.lang),
                keys.display(self, keys.keys_for(binding, self._keymap)),
                lambda action=binding.action: self.run_action(action),
            )
            for binding in keys.unique(self.BINDINGS)
            if binding.id not in ("app.palette", "app.ctrl_c")
        ]
        commands += self.top_board_screen().palette_commands()
        commands += [
            Command(
                tr("ui.language_command", self.lang, name=tr(f"lang.{lang}", self.lang)),
                "",
                lambda lang=lang: self.set_language(lang),
            )
            for lang in LANGUAGES
        ]
        commands += [
            Command(
                tr("ui.theme_command", self.lang, name=name),
                "",
                lambda name=name: self.set_colours(name),
            )
            for name in sorted(self.available_themes)
        ]
        return commands

    # --- quitting: never with changes that are not on disk, unless the user says so ----------

    async def action_quit(self) -> None:
        """Quit; when the last changes could not be saved (the file became unreadable, vanished
        or newer), try once more, then ask: a copy next to the board (the default), keep trying,
        or quit and lose them."""
        board_session = self.session
        if board_session.dirty:
            with contextlib.suppress(BoardError):  # the state and problem say why
                board_session.save()
        if not board_session.dirty:
            self.exit()
            return
        assert board_session.store is not None
        question = tr(
            "ui.unsaved_quit",
            self.lang,
            path=str(board_session.store.path),
            problem=board_session.problem,
        )
        answers = [
            (QUIT_COPY, "c", tr("ui.quit_copy", self.lang)),
            (QUIT_KEEP, "k", tr("ui.quit_keep", self.lang)),
            (QUIT_LOSE, "l", tr("ui.quit_lose", self.lang)),
        ]
        from .screens.prompt import Choice

        self.push_screen(Choice(question, answers), self._quit_answered)

    def _quit_answered(self, answer: str | None) -> None:
        if answer == QUIT_LOSE:
            self.exit(return_code=1)
        elif answer == QUIT_COPY:
            try:
                copy = self.session.save_copy()
            except BoardError as err:
                self.notify(tr("ui.copy_failed", self.lang, error=str(err)), severity="error")
                return
            self.exit(message=Text(inert(tr("ui.copy_saved", self.lang, path=str(copy)))))

    # --- settings: applied at once, written to the settings file --------------------------------

    def action_settings(self) -> None:
        from .screens.settings import SettingsScreen

        self.push_screen(SettingsScreen())

    def save_setting(self, **changes: str | None) -> bool:
        """Write settings to the file (keeping the rest of it); say so when that fails. An app
        that does not write settings (`write_settings`) only applies them: False."""
        if not self.write_settings:
            return False
        try:
            saved = update_settings(**changes)
        except (ConfigError, OSError) as err:
            self.notify(
                tr("ui.settings_failed", self.lang, error=str(err)), severity="error", markup=False
            )
            return False
        self.settings.language = saved.language
        self.settings.theme = saved.theme
        self.settings.author = saved.author
        return True

    def set_language(self, lang: str, save: bool = True) -> None:
        """Switch the interface language now: screens watch `lang` and relabel themselves."""
        if lang not in LANGUAGES:
            return
        if save:
            self.save_setting(language=lang)
        if lang == self.lang:
            return
        self._bindings = keys.localize(self._bindings, lang)
        self.lang = lang
        self.refresh_bindings()

    def set_colours(self, name: str, save: bool = True) -> None:
        """Switch the Textual theme now (and remember it)."""
        if name not in self.available_themes:
            return
        self.theme = name
        if save:
            self.save_setting(theme=name)

    def set_author(self, name: str | None, save: bool = True) -> str:
        """Set the settings' name; returns who the history credits from now on (the git
        user.name of the board's repository comes first, as `author_for` says)."""
        name = (name or "").strip() or None
        self.session.actor.author = self.author_for(name)
        if save:
            self.save_setting(author=name)
        return self.session.actor.author

    def author_for(self, configured: str | None) -> str:
        """Whom the history credits with `configured` as the settings' name."""
        store = self.session.store
        return ops.default_author(store.path.parent if store else None, configured)


def open_app(store: BoardStore, lang: str | None = None, **options: Any) -> RegieApp:
    """The app with the user's settings file; `--lang` wins over it for this session only."""
    settings = load_settings()
    return RegieApp(store, pick_language(lang, settings), settings=settings, **options)


def run(store: BoardStore, lang: str | None, **options: Any) -> int:
    """Open the board (or the board as it was: `past`) in the terminal UI; the exit code for
    the shell. A broken settings file raises ConfigError before the screen opens (the CLI says
    it, like every other error)."""
    app = open_app(store, lang, **options)
    app.run()
    return app.return_code or 0
