"""InsightsScreen: every finding of the alignment checks, grouped by check, one line each.

The list is an `OptionList` (it renders only the lines in view, so a large board's hundreds of
findings scroll smoothly): a heading per check with its label and count, then one line per
finding — the severity as a word in its colour, then the sentence, cut to the width. The whole
sentence of the highlighted finding shows below the list. Enter dismisses with the finding (the
app jumps to its card or roadmap item), escape with None.

The findings are worked out in the background; until they are there the screen says so. They
arrive as `FindingsReady` messages (also when the board changes while the screen is open).
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...figures import day
from ...i18n import tr
from ...insights import Finding, Severity, by_check
from ...text import inert
from ..messages import FindingsReady
from ._dialog import Dialog
from ._text import literal

SEVERITY_STYLES = {
    Severity.ERROR: "bold $text-error",
    Severity.WARNING: "bold $text-warning",
    Severity.INFO: "$text-muted",
}


class InsightsScreen(Dialog[Finding | None]):
    """The findings of `insights.findings(board, today)`, grouped by check."""

    DEFAULT_CSS = """
    InsightsScreen {
        background: $background;  /* opaque: the board underneath is not drawn at all */
    }
    InsightsScreen > #insights-box {
        width: 100%;
        height: 100%;
    }
    InsightsScreen #insights-summary {
        width: 1fr;
        height: 1;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    InsightsScreen #insights-list {
        height: 1fr;
        border: none;
        padding: 0;
        background: $surface;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        scrollbar-size-vertical: 1;
    }
    InsightsScreen #insights-list:focus {
        border: none;
        background-tint: $foreground 0%;
    }
    InsightsScreen #insights-list > .option-list--option-disabled {
        color: $text-primary;
        text-style: bold;
    }
    InsightsScreen #insights-detail {
        width: 1fr;
        height: auto;
        max-height: 5;
        border-top: solid $panel-lighten-2;
    }
    InsightsScreen #insights-keys {
        width: 1fr;
        height: 1;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,i", "close", "Close", id="insights.close"),
        Binding("enter", "go", "Go to its card", id="insights.go"),
        Binding("b", "bundle", "Bundle into one item", id="insights.bundle"),
        Binding("down,j", "move('cursor_down')", "Down", show=False, id="insights.down"),
        Binding("up,k", "move('cursor_up')", "Up", show=False, id="insights.up"),
        Binding("right,l,right_square_bracket", "group(1)", "Next check", id="insights.next_check"),
        Binding(
            "left,h,left_square_bracket",
            "group(-1)",
            "Previous check",
            id="insights.previous_check",
        ),
    ]

    def __init__(self, lang: str, today: date, found: list[Finding] | None = None) -> None:
        super().__init__()
        self.lang = lang
        self.today = today
        self.found: list[Finding] | None = None
        self.rows: list[Finding | None] = []
        """Per option: its finding, or None for a check's heading."""
        self.headings: list[int] = []
        self._initial = found
        self.bundle = False
        """Dismissed to bundle the finding's ambitions (`b`), not to go to its card."""

    def compose(self) -> ComposeResult:
        box = Vertical(id="insights-box", classes="dialog-box")
        box.border_title = tr("ui.insights", self.lang)
        with box:
            yield Static("", id="insights-summary")
            yield OptionList(id="insights-list")
            yield Static("", id="insights-detail")
            yield Static(literal(tr("ui.insights_keys", self.lang)), id="insights-keys")

    def on_mount(self) -> None:
        self.query_one("#insights-list", OptionList).focus()
        self.set_findings(self._initial)

    # --- content ---------------------------------------------------------------------------------

    def on_findings_ready(self, message: FindingsReady) -> None:
        self._initial = message.found  # in case this came before on_mount
        if self.is_mounted:
            self.set_findings(message.found)

    def set_findings(self, found: list[Finding] | None) -> None:
        """Show these findings (None: still being worked out), keeping the highlighted one."""
        option_list = self.query_one("#insights-list", OptionList)
        summary = self.query_one("#insights-summary", Static)
        kept = self.highlighted
        self.found = found
        self.rows, self.headings = [], []
        if found is None:
            summary.update(literal(tr("ui.insights_computing", self.lang)))
            option_list.clear_options()
            self._show_detail()
            return
        counts = {s: sum(1 for f in found if f.severity is s) for s in Severity}
        parts = [tr("ui.insights_count", self.lang, n=len(found))]
        parts += [f"{tr(f'severity.{s.value}', self.lang)} {n}" for s, n in counts.items() if n]
        parts.append(f"{tr('ui.today', self.lang)} {day(self.today, self.lang)}")
        summary.update(literal(" · ".join(parts)))
        width = max(cell_len(tr(f"severity.{s.value}", self.lang)) for s in Severity)
        options: list[Option] = []
        for name, items in by_check(found).items():
            self.headings.append(len(options))
            label = tr(f"check.{name}", self.lang)
            options.append(Option(literal(f"{label} · {len(items)}"), disabled=True))
            self.rows.append(None)
            for finding in items:
                word = tr(f"severity.{finding.severity.value}", self.lang)
                prompt = Content.assemble(  # plain strings: literal text, never markup
                    "  ",
                    (word.ljust(width), SEVERITY_STYLES[finding.severity]),
                    "  ",
                    inert(finding.text(self.lang)),
                )
                options.append(Option(prompt))
                self.rows.append(finding)
        option_list.set_options(options)
        if not found:
            option_list.add_option(Option(literal(tr("insights.none", self.lang)), disabled=True))
            self.rows.append(None)
        target = next((i for i, f in enumerate(self.rows) if f is not None and f == kept), None)
        if target is None:
            target = next((i for i, f in enumerate(self.rows) if f is not None), None)
        option_list.highlighted = target
        self._show_detail()

    @property
    def highlighted(self) -> Finding | None:
        """The finding under the cursor."""
        if not self.is_mounted:
            return None
        index = self.query_one("#insights-list", OptionList).highlighted
        if index is None or not 0 <= index < len(self.rows):
            return None
        return self.rows[index]

    def _show_detail(self) -> None:
        detail = self.query_one("#insights-detail", Static)
        finding = self.highlighted
        if finding is None:
            detail.update("")
            return
        label = tr(f"check.{finding.check}", self.lang)
        word = tr(f"severity.{finding.severity.value}", self.lang)
        detail.update(
            Content.assemble(
                literal(word, SEVERITY_STYLES[finding.severity]),
                literal(f" · {label} · {' '.join(finding.shown_ids())}", "dim"),
                "\n",
                literal(finding.text(self.lang)),
            )
        )

    @on(OptionList.OptionHighlighted, "#insights-list")
    def _highlighted(self) -> None:
        self._show_detail()

    # --- keys ------------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#insights-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_go()

    def action_go(self) -> None:
        finding = self.highlighted
        if finding is not None:
            self.dismiss(finding)

    def action_bundle(self) -> None:
        """Hand a bundling finding back to be bundled into one shared roadmap item."""
        finding = self.highlighted
        if finding is None:
            return
        if finding.check != "bundling":
            self.notify(tr("ui.bundle_not_finding", self.lang), markup=False)
            return
        self.bundle = True
        self.dismiss(finding)

    def action_move(self, action: str) -> None:
        getattr(self.query_one("#insights-list", OptionList), f"action_{action}")()

    def action_group(self, direction: int) -> None:
        """Highlight the first finding of the next (1) or previous (-1) check."""
        option_list = self.query_one("#insights-list", OptionList)
        if not self.headings:
            return
        current = option_list.highlighted or 0
        here = max((h for h in self.headings if h <= current), default=self.headings[0])
        index = self.headings.index(here) + direction
        if not 0 <= index < len(self.headings):
            return
        heading = self.headings[index]
        option_list.highlighted = heading + 1
        option_list.scroll_to(y=heading, animate=False)  # one line per option: show the heading

    def action_close(self) -> None:
        self.dismiss(None)
