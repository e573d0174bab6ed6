"""The changes view: what changed since the last commit, since a date, and merge conflicts.

Three lists of the same screen, switched with 1 / 2 / 3 (or tab):
- since the last commit of the board file: `history.diff` between the file at git's `HEAD` and the
  board now, one line per record, with who did it;
- since a date (`d` asks for it): the events from that day on, newest first, with their author;
- conflicts from merges that nobody reviewed yet (`history.open_conflicts`), each with both values:
  `f` takes the other value, `k` keeps the one the merge chose. Both are ordinary, undoable changes
  (`u` here or on the board) recorded as a `resolve` event, which marks the conflict reviewed.

Enter jumps to the card or roadmap item of the entry (the screen is dismissed with it). The lists
are `OptionList`s (only the lines in view are rendered). Git and the diff run in a worker thread,
which posts its result as a `ChangesReady` message; the view follows the board as it changes (own
edits, other sessions) from the session's `BoardChanged` messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ... import gitrepo, history, ops
from ...i18n import tr
from ...model import Board, human_id
from ...session import BoardSession
from ...store import BoardError, loads
from ...text import inert
from .. import editing, keys
from ..messages import BoardChanged
from ..widgets.common import inert_content
from ._text import literal
from .prompt import TextPrompt

COMMIT = "commit"
DATE = "date"
CONFLICTS = "conflicts"
MODES = (COMMIT, DATE, CONFLICTS)
MAX_ENTRIES = 2000
"""Longer lists show the newest this many (and say how many there are)."""
SINCE_DAYS = 7
"""The date list starts this many days before today until the user picks another date."""
VALUE_CHARS = 300

ID_STYLE = "bold $text-accent"
MUTED = "$text-muted"
KEPT_STYLE = "$text-success"
OTHER_STYLE = "$text-warning"


@dataclass(frozen=True)
class Entry:
    """One line of a list: what it is about, and the conflict when it is one."""

    table: str
    key: str
    prompt: Content
    conflict: history.OpenConflict | None = None


@dataclass(frozen=True)
class Head:
    """The board file at git's HEAD, or why there is none."""

    board: Board | None
    commit: str = ""
    problem: str = ""


@dataclass(frozen=True)
class Lists:
    commit: list[Entry] | None
    commit_total: int
    date: list[Entry]
    date_total: int
    conflicts: list[Entry]


def read_head(path: Path, lang: str) -> Head:
    """The board as last committed (`git show HEAD:board`), or a sentence why not."""
    try:
        gitrepo.top_level(path)
    except BoardError as err:
        if "not installed" in str(err):
            return Head(None, problem=str(err))
        return Head(None, problem=tr("changes.not_git", lang, name=path.name))
    try:
        text = gitrepo.show(path, "HEAD")
    except BoardError:
        return Head(None, problem=tr("changes.not_committed", lang, name=path.name))
    try:
        board = loads(text, f"{path}@HEAD")
    except BoardError as err:
        return Head(None, problem=str(err))
    try:
        commit = gitrepo.git(path.parent.resolve(), "log", "-1", "--format=%h %cs", "HEAD").strip()
    except BoardError:
        commit = ""
    return Head(board, commit)


def _quoted(value: Any) -> str:
    text = history.value_text(value) if not isinstance(value, str) else inert(value)
    if len(text) > VALUE_CHARS:
        text = text[: VALUE_CHARS - 1] + "…"
    return f"'{text}'" if isinstance(value, str) else text


def conflict_entry(conflict: history.OpenConflict, lang: str) -> Entry:
    event = conflict.event
    ident = human_id(event.table, event.record)
    whole = conflict.field == history.WHOLE_RECORD
    label = tr(f"field.{conflict.field}", lang)
    field = tr("changes.record", lang) if whole else label
    if not whole and label == f"field.{conflict.field}":
        field = conflict.field
    head = Content.assemble(
        (ident, ID_STYLE),
        " ",
        (repr(event.title) if event.title else "", ""),
        (" · ", MUTED),
        field,
        (f" · {event.at:%Y-%m-%d %H:%M}", MUTED),
    )
    if whole:
        kept, other = tr("changes.record_kept", lang), tr("changes.record_deleted", lang)
    else:
        kept, other = _quoted(conflict.kept), _quoted(conflict.other)
    names = (tr("changes.kept", lang), tr("changes.other", lang))
    width = max(len(name) for name in names) + 1
    lines = [head]
    for name, value, style, who in (
        (names[0], kept, KEPT_STYLE, conflict.kept_by),
        (names[1], other, OTHER_STYLE, conflict.other_by),
    ):
        by = f"  — {who}" if who else ""
        lines.append(
            Content.assemble(("  " + name.ljust(width), MUTED), (value, style), (by, MUTED))
        )
    return Entry(event.table, event.record, inert_content(Content("\n").join(lines)), conflict)


def _line_entry(table: str, key: str, text: str) -> Entry:
    ident = human_id(table, key)
    text = inert(text)
    if text.startswith(ident):
        prompt = Content.assemble((ident, ID_STYLE), text[len(ident) :])
    else:
        prompt = Content(text)
    return Entry(table, key, prompt)


def compute(board: Board, head: Head, since: date, lang: str) -> Lists:
    """Every list at once, from immutable boards (safe in a worker thread)."""
    commit: list[Entry] | None = None
    commit_total = 0
    if head.board is not None:
        diffs = history.diff(head.board, board)

        def newest(item: history.RecordDiff) -> str:
            return max((ev.at.isoformat() for ev in item.events), default="")

        diffs.sort(key=newest, reverse=True)
        commit_total = len(diffs)
        commit = [_line_entry(d.table, d.key, d.text(lang)) for d in diffs[:MAX_ENTRIES]]
    events = history.since(board, since)
    dated = [
        _line_entry(ev.table, ev.record, history.event_line(ev, lang))
        for _, ev in events[:MAX_ENTRIES]
    ]
    conflicts = [conflict_entry(c, lang) for c in history.open_conflicts(board)]
    return Lists(commit, commit_total, dated, len(events), conflicts)


class ChangesReady(Message):
    """The lists of `board` since `since`, worked out in a thread."""

    def __init__(self, board: Board, since: date, head: Head, lists: Lists) -> None:
        super().__init__()
        self.board = board
        self.since = since
        self.head = head
        self.lists = lists


class ChangesScreen(ModalScreen[tuple[str, str] | None]):
    """What changed, since when, and what the merges chose: see the module docstring."""

    DEFAULT_CSS = """
    ChangesScreen {
        background: $background;
        layout: vertical;
    }
    ChangesScreen #changes-title {
        width: 1fr;
        text-style: bold;
        padding: 0 1;
        background: $panel;
    }
    ChangesScreen #changes-tabs {
        width: 1fr;
        padding: 0 1;
        background: $panel;
    }
    ChangesScreen #changes-info {
        width: 1fr;
        padding: 0 1;
        color: $text-muted;
    }
    ChangesScreen #changes-list {
        height: 1fr;
        max-height: 100%;
        border: none;
        padding: 0 1;
        background: $surface;
    }
    ChangesScreen #changes-list > .option-list--option {
        padding: 0;
    }
    ChangesScreen #changes-keys {
        width: 1fr;
        padding: 0 1;
        color: $text-muted;
        background: $panel;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", id="changes.close"),
        Binding("1", "mode('commit')", "Since the last commit", id="changes.commit"),
        Binding("2", "mode('date')", "Since a date", id="changes.date"),
        Binding("3", "mode('conflicts')", "Merge conflicts", id="changes.conflicts"),
        Binding("tab", "cycle(1)", "Next list", show=False, id="changes.next"),
        Binding("shift+tab", "cycle(-1)", "Previous list", show=False, id="changes.previous"),
        Binding("d", "pick_date", "Choose the date", id="changes.pick_date"),
        Binding("f", "flip", "Take the other value", id="changes.flip"),
        Binding("k", "keep", "Keep the merge's value", id="changes.keep"),
        Binding("u", "undo", "Undo", id="changes.undo"),
        Binding("question_mark,f1", "app.help", "Help", show=False, id="changes.help"),
    ]

    def __init__(
        self,
        lang: str,
        board_session: BoardSession,
        mode: str | None = None,
        since: date | None = None,
    ) -> None:
        super().__init__()
        self.lang = lang
        self.session = board_session
        self.mode = mode
        self.since = since
        self.head: Head | None = None
        self.lists: Lists | None = None
        self._board: Board | None = None
        """The board the lists were computed from."""
        self._entries: list[Entry] = []
        self._remember: dict[str, tuple[str, str, str] | None] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="changes-box"):
            yield Static("", id="changes-title")
            yield Static("", id="changes-tabs")
            yield Static("", id="changes-info")
            yield OptionList(id="changes-list", markup=False)
            yield Static("", id="changes-keys")

    def on_mount(self) -> None:
        self.app.clear_notifications()  # what they announced is listed here
        if self.since is None:
            self.since = self.session.today - timedelta(days=SINCE_DAYS)
        name = f"{tr('changes.title', self.lang)} — {self.session.board.meta.name}"
        self.query_one("#changes-title", Static).update(literal(name))
        self.query_one("#changes-info", Static).update(literal(tr("changes.loading", self.lang)))
        self.query_one("#changes-box").styles.height = "1fr"
        self.query_one(OptionList).focus()
        self._draw_tabs()
        self._draw_keys()
        self.recompute()

    # --- computing -------------------------------------------------------------------------------

    def recompute(self) -> None:
        assert self.since is not None
        self._board = self.session.board
        self._compute(self._board, self.since)

    @work(thread=True, exclusive=True, group="changes", description="changes")  # not repr(board)
    def _compute(self, board: Board, since: date) -> None:
        store = self.session.store
        if self.head is not None:
            head = self.head
        elif store is None:
            head = Head(None, problem=tr("changes.not_git", self.lang, name="—"))
        else:
            head = read_head(store.path, self.lang)
        lists = compute(board, head, since, self.lang)
        self.post_message(ChangesReady(board, since, head, lists))

    def on_changes_ready(self, message: ChangesReady) -> None:
        self.head = message.head
        if message.board is not self._board or message.since != self.since:
            return  # a newer computation is on its way
        lists = self.lists = message.lists
        if self.mode is None:
            self.mode = (
                CONFLICTS if lists.conflicts else COMMIT if lists.commit is not None else DATE
            )
        self._draw()

    def on_board_changed(self, message: BoardChanged) -> None:
        """The board changed (an edit here, another session, a merge): compute again."""
        if self.session.board is not self._board:
            self.recompute()

    # --- drawing ---------------------------------------------------------------------------------

    def _counts(self) -> dict[str, str]:
        lists = self.lists
        if lists is None:
            return dict.fromkeys(MODES, "…")
        return {
            COMMIT: "–" if lists.commit is None else str(lists.commit_total),
            DATE: str(lists.date_total),
            CONFLICTS: str(len(lists.conflicts)),
        }

    def _draw_tabs(self) -> None:
        counts = self._counts()
        labels = {
            COMMIT: tr("changes.tab_commit", self.lang),
            DATE: tr("changes.tab_date", self.lang, date=self.since),
            CONFLICTS: tr("changes.tab_conflicts", self.lang),
        }
        parts: list[Content | tuple[str, str] | str] = []
        for number, mode in enumerate(MODES, 1):
            if parts:
                parts.append(("  ", ""))
            style = "bold reverse" if mode == self.mode else ""
            parts.append((f" {number} {labels[mode]} {counts[mode]} ", style))
        self.query_one("#changes-tabs", Static).update(Content.assemble(*parts))

    def key_for(self, binding_id: str) -> str:
        """The first key of one of this screen's bindings, after the user's keymap."""
        for binding in keys.unique(self.BINDINGS):
            if binding.id == binding_id:
                return keys.display(self.app, keys.keys_for(binding, self.app._keymap)[:1])
        return "?"

    def _draw_keys(self) -> None:
        lang = self.lang
        hints: list[tuple[str, str]] = []
        if self.mode == CONFLICTS:
            hints += [
                (self.key_for("changes.flip"), tr("changes.short_flip", lang)),
                (self.key_for("changes.keep"), tr("changes.short_keep", lang)),
                (self.key_for("changes.undo"), tr("changes.short_undo", lang)),
            ]
        if self.mode == DATE:
            hints.append((self.key_for("changes.pick_date"), tr("changes.short_date", lang)))
        lists = "/".join(self.key_for(f"changes.{mode}") for mode in MODES)
        hints += [
            (keys.display(self.app, ["enter"]), tr("changes.go", lang)),
            (lists, tr("changes.lists", lang)),
            (self.key_for("changes.close"), tr("changes.short_close", lang)),
        ]
        parts: list[tuple[str, str]] = []
        for key, label in hints:
            if parts:
                parts.append(("  ", ""))
            parts += [(key, "bold reverse"), (f" {label}", "")]
        self.query_one("#changes-keys", Static).update(Content.assemble(*parts))

    def _info(self) -> str:
        lists, head, lang = self.lists, self.head, self.lang
        assert lists is not None
        name = self.session.store.path.name if self.session.store else ""
        if self.mode == COMMIT:
            if head is None or head.board is None:
                return head.problem if head else tr("changes.loading", lang)
            text = tr("changes.info_commit", lang, name=name, commit=head.commit or "HEAD")
            total = lists.commit_total
        elif self.mode == DATE:
            text = tr("changes.info_date", lang, date=self.since)
            total = lists.date_total
        else:
            return tr("changes.info_conflicts", lang)
        if total > MAX_ENTRIES:
            text += " " + tr("changes.newest", lang, n=MAX_ENTRIES, total=total)
        return text

    def _draw(self) -> None:
        self._draw_tabs()
        self._draw_keys()
        if self.lists is None:
            return
        self.query_one("#changes-info", Static).update(literal(self._info()))
        lists = self.lists
        entries = {
            COMMIT: lists.commit or [],
            DATE: lists.date,
            CONFLICTS: lists.conflicts,
        }[self.mode or COMMIT]
        option_list = self.query_one(OptionList)
        remembered = self._identity(option_list.highlighted)
        index = option_list.highlighted or 0
        self._entries = entries
        if entries:
            option_list.set_options(Option(entry.prompt) for entry in entries)
            identities = [self._identity_of(entry) for entry in entries]
            if remembered in identities:
                index = identities.index(remembered)
            option_list.highlighted = max(0, min(index, len(entries) - 1))
        else:
            empty = {
                COMMIT: "changes.none_commit" if lists.commit is not None else "changes.no_list",
                DATE: "changes.none_date",
                CONFLICTS: "changes.none_conflicts",
            }[self.mode or COMMIT]
            option_list.set_options([Option(literal(tr(empty, self.lang)), disabled=True)])

    @staticmethod
    def _identity_of(entry: Entry) -> tuple[str, str, str]:
        return (entry.table, entry.key, entry.conflict.event_key if entry.conflict else "")

    def _identity(self, index: int | None) -> tuple[str, str, str] | None:
        if index is None or not 0 <= index < len(self._entries):
            return None
        return self._identity_of(self._entries[index])

    @property
    def current(self) -> Entry | None:
        index = self.query_one(OptionList).highlighted
        if index is None or not 0 <= index < len(self._entries):
            return None
        return self._entries[index]

    @property
    def entries(self) -> list[Entry]:
        """The entries of the list shown now."""
        return list(self._entries)

    # --- actions ---------------------------------------------------------------------------------

    def action_close(self) -> None:
        self.dismiss(None)

    def action_mode(self, mode: str) -> None:
        if mode != self.mode:
            self._remember[self.mode or ""] = self._identity(self.query_one(OptionList).highlighted)
            self.mode = mode
            option_list = self.query_one(OptionList)
            option_list.clear_options()
            self._entries = []
            self._draw()
            remembered = self._remember.get(mode)
            identities = [self._identity_of(entry) for entry in self._entries]
            if remembered in identities:
                option_list.highlighted = identities.index(remembered)

    def action_cycle(self, step: int) -> None:
        index = MODES.index(self.mode) if self.mode in MODES else 0
        self.action_mode(MODES[(index + step) % len(MODES)])

    def action_pick_date(self) -> None:
        assert self.since is not None
        default = self.since.isoformat()

        def chosen(value: str | None) -> None:
            if value is None:
                return
            self.since = date.fromisoformat(value.strip() or default)
            self.mode = DATE
            self.lists = None
            self._draw_tabs()
            self.recompute()

        prompt = TextPrompt(
            tr("changes.ask_date", self.lang),
            self.lang,
            placeholder=default,
            check=editing.date_check(self.lang),
        )
        self.app.push_screen(prompt, chosen)

    @on(OptionList.OptionSelected, "#changes-list")
    def jump(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry = self.current
        if entry is None:
            return
        board = self.session.board
        if entry.table not in ("ambitions", "roadmap"):
            noun = tr(f"changes.noun_{entry.table}", self.lang)
            self.notify(tr("changes.not_on_board", self.lang, what=noun), markup=False)
            return
        if entry.key not in board.table(entry.table):
            what = human_id(entry.table, entry.key)
            self.notify(tr("changes.gone", self.lang, what=what), markup=False)
            return
        self.dismiss((entry.table, entry.key))

    def _conflict(self) -> history.OpenConflict | None:
        entry = self.current
        if self.mode != CONFLICTS or entry is None or entry.conflict is None:
            self.notify(tr("changes.pick_conflict", self.lang), markup=False)
            return None
        return entry.conflict

    def action_flip(self) -> None:
        """Take the value the merge did not choose (for a whole record: delete it)."""
        self._resolve(take_other=True)

    def action_keep(self) -> None:
        """Agree with the merge: record that the conflict was reviewed, change nothing."""
        self._resolve(take_other=False)

    def _resolve(self, take_other: bool) -> None:
        conflict = self._conflict()
        if conflict is None or not editing.editable(self, self.session, self.lang):
            return
        actor = self.session.actor
        change = editing.attempt(
            self,
            self.session,
            lambda board: ops.resolve_conflict(board, conflict, actor, take_other),
        )
        if change is None:
            return
        if conflict.field == history.WHOLE_RECORD:
            what = human_id(conflict.table, conflict.record)
            text = tr("changes.deleted" if take_other else "changes.kept_note", self.lang,
                      what=what, value="the record")  # fmt: skip
        elif take_other:
            text = tr("changes.flipped", self.lang, value=_quoted(conflict.other))
        else:
            text = tr("changes.kept_note", self.lang, value=_quoted(conflict.kept))
        self.notify(text, markup=False)  # the lists follow from `BoardChanged`

    def action_undo(self) -> None:
        editing.undo(self, self.session, self.lang)  # the lists follow from `BoardChanged`
