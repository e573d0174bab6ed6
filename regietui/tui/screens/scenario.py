"""What-if: a scenario on the same board and roadmap screen, marked so nobody takes it for the plan.

`ScenarioScreen` is the board screen over a `BoardSession` without a store, whose board is the
plan with the scenario laid over it (`regietui.scenario.apply`). Every edit, undo and redo there is
recorded into the scenario's record in the plan (`scenario.save_edit`) through the app's session,
which saves the file; when the plan changes (another session, a git pull) the scenario is laid
over it again. A banner in the warning colour names the scenario and counts the findings plan →
what-if; the roadmap's footer shows what each quarter leaves in the plan above what it leaves in
the what-if. `A` adopts it as one decision, `X` discards it, `D` compares, `W` goes back.
"""

from __future__ import annotations

import contextlib
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from ... import ops, scenario
from ...figures import money
from ...i18n import tr
from ...insights import item_name
from ...model import Board
from ...report import left_text
from ...session import EDIT, BoardSession, Changed
from ...store import BoardError
from ...wording import said, worded
from .. import editing
from ..messages import BoardChanged, FindingsReady, ScenarioChanged
from ..widgets.common import inert_text
from ._dialog import Dialog
from ._text import literal
from .board import BoardScreen
from .prompt import Confirm, TextPrompt


def choose(screen: BoardScreen) -> None:
    """Pick a scenario of the board to open, or start a new one (asking its name)."""
    plan, lang = screen.session, screen.lang
    if not screen.editable():
        return
    board = plan.board
    options = [
        (key, tr("ui.scenario_option", lang, name=sc.name, n=len(sc.changes)))
        for key, sc in scenario.names(board)
    ]
    if not options:
        ask_name(screen)
        return
    options.append(("", tr("ui.new_scenario", lang)))

    def chosen(value: str | None) -> None:
        if value:
            screen.app.push_screen(ScenarioScreen(plan, value, lang))
        elif value == "":
            ask_name(screen)

    screen.pick(tr("ui.pick_scenario", lang), options, chosen)


def ask_name(screen: BoardScreen) -> None:
    """Ask the name of a new scenario, add it to the plan, and open it."""
    plan, lang = screen.session, screen.lang

    def check(text: str) -> str | None:
        if not text.strip():
            return tr("ui.scenario_name_needed", lang)
        taken = {sc.name.casefold() for sc in plan.board.scenarios.values()}
        return tr("ui.scenario_name_taken", lang) if text.strip().casefold() in taken else None

    def answered(name: str | None) -> None:
        if not name:
            return
        change = editing.attempt(screen, plan, lambda b: scenario.new(b, name, plan.actor))
        if change is not None:
            with contextlib.suppress(BoardError):  # the status bar says so
                plan.save()
            screen.app.push_screen(ScenarioScreen(plan, change.key, lang))

    screen.app.push_screen(
        TextPrompt(tr("ui.ask_scenario_name", lang), lang, check=check), answered
    )


class ScenarioScreen(BoardScreen):
    """The board and roadmap of one scenario: edits go into the scenario, never the plan."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("W,shift+w", "leave", "Back to the plan", id="what_if.leave"),
        Binding("A,shift+a", "adopt", "Adopt", id="what_if.adopt"),
        Binding("D,shift+d", "compare", "Compare", id="what_if.compare"),
        Binding("X,shift+x", "discard", "Discard", show=False, id="what_if.discard"),
    ]

    def __init__(self, plan: BoardSession, key: str, lang: str) -> None:
        what_if = BoardSession(
            scenario.apply(plan.board, plan.board.scenarios[key]),
            actor=plan.actor,
            today=plan.today,
        )
        super().__init__(what_if, lang, watch=False)
        self.plan = plan
        self.key = key
        self.name_text = plan.board.scenarios[key].name
        self.plan_found: int | None = None
        self.what_if_found: int | None = None
        self.closing = False
        self.last_what = ""
        self.banner = Static("", id="what-if-banner", markup=False)
        what_if.listeners.append(self._heard)
        self.add_class("-what-if")

    def compose(self) -> ComposeResult:
        yield self.banner
        yield from super().compose()

    def on_mount(self) -> None:
        self.roadmap.set_plan(self.plan.board)
        self.show_state()

    def _heard(self, changed: Changed) -> None:
        """The what-if session's listener: only this screen hears its changes."""
        self.post_message(ScenarioChanged(changed))

    def screen_bindings(self) -> list[BindingType]:
        plan_only = {"app.what_if", "app.changes"}
        own = [b for b in BoardScreen.BINDINGS if getattr(b, "id", None) not in plan_only]
        return [*own, *self.BINDINGS]

    # --- the what-if's own changes, and the plan's ----------------------------------------------

    def on_scenario_changed(self, message: ScenarioChanged) -> None:
        """An edit, undo or redo here (or the scenario laid over a changed plan): shown as the
        board screen shows its changes; its own are saved into the scenario (`save`)."""
        changed = message.changed
        self.what_if_found = None
        what = str(changed.what)  # the event's note, in the file's language (English)
        self.last_what = f"{changed.why} {what}" if changed.why != EDIT else what
        BoardScreen.on_board_changed(self, message)

    def on_board_changed(self, message: BoardChanged) -> None:
        """The plan changed: lay the scenario over it again (unless it was our own recording)."""
        message.prevent_default()  # the plan's change is not this screen's board
        if self.closing:
            return
        change = message.changed.change
        sc = self.plan.board.scenarios.get(self.key)
        if sc is None:
            self.closing = True
            self.notify(tr("ui.scenario_gone", self.lang, name=self.name_text), markup=False)
            self.dismiss()
            return
        self.name_text = sc.name
        self.roadmap.set_plan(self.plan.board)
        ours = change is not None and change.event.action == "scenario" and change.key == self.key
        if not ours:
            self.what_if_found = None
            self.session.follow(scenario.apply(self.plan.board, sc))
        self.show_state()

    def on_findings_ready(self, message: FindingsReady) -> None:
        """Count the findings of the plan and of the what-if (the board screen's own handler
        takes the what-if's for its markers after this)."""
        if message.session is self.plan and message.board is self.plan.board:
            self.plan_found = len(message.found)
        elif message.session is self.session and message.board is self.session.board:
            self.what_if_found = len(message.found)
        self.show_state()

    def save(self) -> None:
        """Record the what-if's board into the scenario, and save the plan's file."""
        self._save_queued = False
        what = self.last_what
        try:
            self.plan.apply(
                lambda board: scenario.save_edit(
                    board, self.key, self.session.board, self.plan.actor, what
                ),
                undoable=False,
            )
        except ops.OpError as err:
            self.notify(said(err, self.lang), severity="error", markup=False)
            return
        with contextlib.suppress(BoardError):  # the status bar says so
            self.plan.save()
        self.show_state()

    def show_state(self) -> None:
        """The banner: whose board this is, its findings against the plan's, and the keys."""
        if not self.is_mounted:
            return
        lang = self.lang
        plan = self.plan_found
        if plan is None:
            plan_findings = self.app_plan_findings()
            plan = None if plan_findings is None else len(plan_findings)
        ours = self.what_if_found
        counts = tr(
            "ui.what_if_findings",
            lang,
            plan="…" if plan is None else plan,
            what_if="…" if ours is None else ours,
        )
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append(f" {tr('ui.what_if', lang)}: ", style="bold")
        text.append(self.name_text, style="bold")
        text.append(f"  ·  {counts}")
        sc = self.plan.board.scenarios.get(self.key)
        stale = len(scenario.stale(self.plan.board, sc)) if sc is not None else 0
        if stale:
            text.append(f"  ·  {tr('ui.what_if_stale_count', lang, n=stale)}", style="reverse")
        keys = tr("ui.what_if_keys", lang)
        text.append(f"  ·  {keys}")
        self.banner.update(inert_text(text))
        self.title = f"{tr('ui.what_if', lang)}: {self.name_text}"
        self.status.set_state("what_if", f"{tr('ui.what_if_not_plan', lang)} — {self.name_text}")

    def app_plan_findings(self) -> list | None:
        """The plan's findings, if its screen has them."""
        screen = next((s for s in self.app.screen_stack if isinstance(s, BoardScreen)), None)
        if screen is None or screen is self:
            return None
        return screen.findings.current

    # --- leaving, adopting, discarding, comparing ----------------------------------------------

    def action_leave(self) -> None:
        self.closing = True
        self.dismiss()

    def action_changes(self) -> None:
        self.notify(tr("ui.what_if_no_changes", self.lang), markup=False)

    def action_adopt(self) -> None:
        lang, today = self.lang, self.today
        if scenario.applied(self.plan.board, self.plan.board.scenarios[self.key]).skipped:
            self.notify(tr("ui.what_if_stale", lang), severity="warning", markup=False)

        def check(text: str) -> str | None:
            try:
                scenario.parse_decision(text, today)
            except ValueError as err:
                return said(err, self.lang)
            return None

        def answered(text: str | None) -> None:
            if not text:
                return
            decision = scenario.parse_decision(text, today)
            self.closing = True
            change = editing.attempt(
                self,
                self.plan,
                lambda board: scenario.adopt(board, self.key, decision, self.plan.actor),
            )
            if change is None:
                self.closing = False
                return
            with contextlib.suppress(BoardError):
                self.plan.save()
            self.app.notify(
                tr("ui.adopted", lang, name=self.name_text, n=len(change.after) - 1),
                markup=False,
            )
            self.dismiss()

        placeholder = f"AB {today.isoformat()}: {tr('ui.adopt_example', lang)}"
        prompt = TextPrompt(tr("ui.ask_decision", lang), lang, placeholder=placeholder, check=check)
        self.app.push_screen(prompt, answered)

    def action_discard(self) -> None:
        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            self.closing = True
            actor = self.plan.actor
            if editing.attempt(self, self.plan, lambda b: scenario.drop(b, self.key, actor)):
                with contextlib.suppress(BoardError):
                    self.plan.save()
                self.app.notify(tr("ui.discarded", self.lang, name=self.name_text), markup=False)
                self.dismiss()
            else:
                self.closing = False

        question = tr("ui.confirm_discard", self.lang, name=self.name_text)
        self.app.push_screen(Confirm(question, self.lang), confirmed)

    def action_compare(self) -> None:
        plan = self.plan.board
        diff = scenario.compare(plan, self.session.board, self.today)
        text = comparison_text(plan, self.session.board, diff, self.lang)
        stale = scenario.stale(plan, plan.scenarios[self.key]) if self.key in plan.scenarios else []
        if stale:
            text.append(f"\n{tr('ui.what_if_stale_heading', self.lang)}\n", style="bold underline")
            for item in stale:
                text.append(f"  {item.text(self.lang)}\n")
        self.app.push_screen(CompareScreen(self.name_text, text, self.lang))


def comparison_text(plan: Board, what_if: Board, diff: scenario.Comparison, lang: str) -> Text:
    """The differences in words: items moved, capacity per quarter, findings, costs."""
    text = Text()
    counts = {"plan": diff.findings[0], "scenario": diff.findings[1]}
    text.append(tr("report.scenario_findings", lang, **counts) + "\n")

    def part(key: str, lines: list[Text | str]) -> None:
        text.append(f"\n{tr(key, lang)}\n", style="bold underline")
        for line in lines or [tr("report.scenario_same", lang)]:
            text.append("  ")
            text.append(line)
            text.append("\n")

    part(
        "report.scenario_moved",
        [
            f"{item_name(what_if if m.key in what_if.roadmap else plan, m.key)}\n"
            f"    {worded(m.plan, lang)} → {worded(m.scenario, lang)}"
            for m in diff.moved
        ],
    )
    loads: list[Text | str] = []
    for pair in diff.loads:
        before, after = (pair.left(load) for load in (pair.plan, pair.scenario))
        line = Text(f"{pair.quarter}  {left_text(before, lang)} → ")
        over = after is not None and after < 0
        line.append(left_text(after, lang), style="bold red" if over else "bold green")
        loads.append(line)
    part("report.scenario_loads", loads)
    part("report.scenario_appear", [f"+ {f.text(lang)}" for f in diff.appear])
    part("report.scenario_disappear", [f"− {f.text(lang)}" for f in diff.disappear])
    part(
        "report.scenario_costs",
        [
            f"{what_if.municipalities[code].name}: {money(before.once, lang)} →"
            f" {money(after.once, lang)}; {money(before.yearly, lang)} →"
            f" {money(after.yearly, lang)}"
            for code, before, after in diff.costs
        ],
    )
    return text


class CompareScreen(Dialog[None]):
    """The scenario against the plan, in words; closes with escape or q."""

    DEFAULT_CSS = """
    CompareScreen > #compare-box {
        width: 100;
        max-width: 100%;
        height: auto;
        max-height: 100%;
    }
    CompareScreen #compare-scroll {
        height: auto;
        max-height: 40;
    }
    CompareScreen #compare-keys {
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,D,shift+d", "close", "Close", show=False, id="compare.close")
    ]

    def __init__(self, name: str, text: Text, lang: str) -> None:
        super().__init__()
        self.name_text = name
        self.text = text
        self.lang = lang

    def compose(self) -> ComposeResult:
        box = Vertical(id="compare-box", classes="dialog-box")
        box.border_title = literal(f"{tr('ui.what_if', self.lang)}: {self.name_text}")
        with box:
            with VerticalScroll(id="compare-scroll"):
                yield Static(inert_text(self.text), id="compare-text", markup=False)
            yield Static(literal(tr("ui.compare_keys", self.lang)), id="compare-keys")

    def on_mount(self) -> None:
        self.query_one("#compare-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
