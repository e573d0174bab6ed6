"""Regie in the app: insights (computed in a thread, shown as markers), triage and settings.

`RegieActions` is mixed into `RegieApp`: it holds the actions behind `i`, `t` and `,`, the
background computation of the findings after every change of the board, the jump from a finding
to its card, and applying settings at once (language, colours, author) while writing them to the
settings file. The screens themselves live in `screens/insights.py`, `triage.py`, `settings.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.binding import BindingType
from textual.timer import Timer
from textual.worker import get_current_worker

from .. import insights, ops, triage, view
from ..config import LANGUAGES, ConfigError, update_settings
from ..i18n import tr
from ..insights import Finding
from ..model import Board, Quarter
from . import keys
from .palette import Command
from .widgets.keybar import KeyBar
from .widgets.statusbar import READ_ONLY, SAVED

if TYPE_CHECKING:
    from .app import RegieApp

QUIET_FROM = 1000
"""From this many ambitions on, the findings are worked out once the keys are quiet."""
QUIET_SECONDS = 0.4


class RegieActions:
    """Insights, triage and settings for `RegieApp` (a mixin: `self` is the app)."""

    findings: list[Finding] | None = None
    """The findings about `insights_board` (None until the first computation is done)."""
    insights_board: Board | None = None
    """The board the findings were computed for."""
    _insights_busy = False
    _insights_queued = False
    _insights_timer: Timer | None = None

    @property
    def _app(self) -> RegieApp:
        return self  # type: ignore[return-value]

    # --- insights: computed off the UI thread, shown as markers ---------------------------------

    def refresh_insights(self) -> None:
        """Work out the findings of the board now shown, in a thread, once the screen shows the
        change and the board is saved (so the thread slows down neither). On a large board the
        run waits until the keys have been quiet for a moment: the thread competes with the
        screen for the interpreter, and a burst of keys should not pay for every step. One run
        at a time: when the board changes meanwhile, the next starts when this one is done."""
        app = self._app
        if app.board is self.insights_board or self._insights_busy:
            return
        if len(app.board.ambitions) >= QUIET_FROM:
            if self._insights_timer is not None:
                self._insights_timer.stop()
            self._insights_timer = app.set_timer(QUIET_SECONDS, self._start_findings)
        elif not self._insights_queued:
            self._insights_queued = True
            app.call_after_refresh(self._start_findings)

    def _start_findings(self) -> None:
        app = self._app
        if app._save_pending:
            app.call_after_refresh(self._start_findings)  # after the save, which is queued
            return
        self._insights_queued = False
        self._insights_timer = None
        if app.board is self.insights_board or self._insights_busy:
            return
        self._insights_busy = True
        self._compute_findings(app.board, app.today)

    @work(thread=True, exclusive=True, group="insights", exit_on_error=False)
    def _compute_findings(self, board: Board, today: Any) -> None:
        found = insights.findings(board, today)
        marks = view.record_marks(found)
        if not get_current_worker().is_cancelled:
            self._app.call_from_thread(self._findings_done, board, found, marks)

    def _findings_done(self, board: Board, found: list[Finding], marks: dict) -> None:
        app = self._app
        self._insights_busy = False
        self.findings = found
        self.insights_board = board
        app.kanban.set_marks({k: s for (t, k), s in marks.items() if t == "ambitions"})
        app.roadmap.set_marks({k: s for (t, k), s in marks.items() if t == "roadmap"})
        from .screens.insights import InsightsScreen

        for screen in app.screen_stack:
            if isinstance(screen, InsightsScreen):
                screen.set_findings(found)
        if app.board is not board:
            self.refresh_insights()  # the board changed while we worked

    def action_insights(self) -> None:
        from .screens.insights import InsightsScreen

        app = self._app
        current = self.findings if self.insights_board is app.board else None
        screen = InsightsScreen(app.lang, app.today, current)
        app.push_screen(screen, self.jump_to_finding)
        if current is None and not self._insights_busy:
            if self._insights_timer is not None:
                self._insights_timer.stop()
            self._start_findings()  # wanted now: no waiting for quiet keys

    def jump_to_finding(self, finding: Finding | None) -> None:
        """Show what a finding is about: its (first) card or roadmap item; a quarter on the
        roadmap; a municipality's cards."""
        if finding is None:
            return
        app = self._app
        tables = {table for table, _ in finding.ids}
        quarter = next((Quarter.parse(k) for t, k in finding.ids if t == "capacity"), None)
        order = ("roadmap", "ambitions") if quarter is not None else ("ambitions", "roadmap")
        for wanted in order:
            for table, key in finding.ids:
                if table == wanted and key in app.board.table(table):
                    app.jump_to(table, key)
                    if quarter is not None:
                        self._show_quarter(quarter)
                    return
        if quarter is not None:
            app.pane = "roadmap"
            app._apply_layout()
            app.roadmap.focus()
            self._show_quarter(quarter)
        elif "municipalities" in tables:
            code = next(k for t, k in finding.ids if t == "municipalities")
            app.set_filter(view.Filter(municipality=code))
            app.pane = "board"
            app._apply_layout()
            app.kanban.focus()

    def _show_quarter(self, quarter: Quarter) -> None:
        roadmap = self._app.roadmap
        if quarter in roadmap.quarters:
            roadmap.first_quarter = max(0, roadmap.quarters.index(quarter) - 1)
            roadmap._clamp_quarters()
            roadmap.refresh()

    # --- triage ----------------------------------------------------------------------------------

    def action_triage(self) -> None:
        from .screens.triage import TriageScreen

        app = self._app
        if not app.editable():
            return
        items = triage.queue(app.board, app.today)
        if not items:
            app.notify(tr("ui.triage_empty", app.lang), markup=False)
            return
        app.push_screen(TriageScreen(items, app.lang))

    # --- settings: applied at once, written to the settings file --------------------------------

    def action_settings(self) -> None:
        from .screens.settings import SettingsScreen

        self._app.push_screen(SettingsScreen())

    def save_setting(self, **changes: str | None) -> bool:
        """Write settings to the file (keeping the rest of it); say so when that fails."""
        app = self._app
        try:
            saved = update_settings(**changes)
        except (ConfigError, OSError) as err:
            app.notify(
                tr("ui.settings_failed", app.lang, error=str(err)), severity="error", markup=False
            )
            return False
        app.settings.language = saved.language
        app.settings.theme = saved.theme
        app.settings.author = saved.author
        return True

    def set_language(self, lang: str, save: bool = True) -> None:
        """Switch the interface language now: key labels, columns, roadmap, status bar."""
        app = self._app
        if lang not in LANGUAGES:
            return
        if save:
            self.save_setting(language=lang)
        if lang == app.lang:
            return
        app.lang = lang
        app._bindings = keys.localize(app._bindings, lang)
        for widget in (app.kanban, app.roadmap):
            widget._bindings = keys.localize(widget._bindings, lang)
            widget.lang = lang
        app.detail.lang = lang
        for column in app.kanban._columns:
            column.clear_cache()
        app.kanban._update_titles()
        app.roadmap.clear_cache()
        app._update_detail()
        app.filter_input.placeholder = tr("ui.filter_placeholder", lang)
        for bar in app.query(KeyBar):
            bar.lang = lang
            bar.refresh_hints()
        state = app.status.state
        if state == READ_ONLY:
            app.status.set_state(READ_ONLY, f"{app._board_name} — {tr('ui.read_only', lang)}")
        elif state == SAVED:
            app.status.set_state(SAVED, f"{app._board_name} — {tr('ui.saved', lang)}")
        app._update_view_text()
        app._update_filter_text()
        app.refresh_bindings()

    def set_colours(self, name: str, save: bool = True) -> None:
        """Switch the Textual theme now (and remember it)."""
        app = self._app
        if name not in app.available_themes:
            return
        app.theme = name
        if save:
            self.save_setting(theme=name)

    def set_author(self, name: str | None, save: bool = True) -> None:
        """Who the history credits for edits from now on (empty: git's user.name, $USER)."""
        app = self._app
        name = (name or "").strip() or None
        app.actor.author = name or ops.default_author()
        if save:
            self.save_setting(author=name)

    def regie_bindings(self) -> list[list[BindingType]]:
        """The bindings of the insights and triage screens (for help, keymaps and hints)."""
        from .screens.insights import InsightsScreen
        from .screens.settings import SettingsScreen
        from .screens.triage import TriageScreen

        return [
            list(InsightsScreen.BINDINGS),
            list(TriageScreen.BINDINGS),
            list(SettingsScreen.BINDINGS),
        ]

    def regie_commands(self) -> list[Command]:
        """Palette commands: a language, a colour theme."""
        app = self._app
        commands = [
            Command(
                tr("ui.language_command", app.lang, name=tr(f"lang.{lang}", app.lang)),
                "",
                lambda lang=lang: self.set_language(lang),
            )
            for lang in LANGUAGES
        ]
        commands += [
            Command(
                tr("ui.theme_command", app.lang, name=name),
                "",
                lambda name=name: self.set_colours(name),
            )
            for name in sorted(app.available_themes)
        ]
        return commands
