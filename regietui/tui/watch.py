"""Live sessions on one board file: notice outside changes, adopt them in place, say who did what.

Several coordinators work on the same file at once (on one server, or a `git pull` lands under an
open session). The board screen has the session check the file with one `stat` on a short timer
(`BoardSession.follow_disk`); only when the stamp changed does it read the file again. What
arrived (a `BoardChanged` message, why `outside` or `merge`) is adopted in place (`adopt`): the
cursor stays on the card it was on, even when that card moved to another column; when the card
is gone, it goes to its nearest surviving neighbour. A notification names who changed what, from
the events that were not in the board before, and merge conflicts are announced on their own.

When the session has a change of its own that is not on disk yet, nothing is read over it: the
store's save merges the two (and the merged board comes back here through `adopt`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import history
from ..i18n import tr
from ..model import Event, human_id
from ..session import Changed
from ..wording import field_word, quoted
from .host import host

if TYPE_CHECKING:
    from .screens.board import BoardScreen

WATCH_SECONDS = 0.5
"""How often the file is checked (one `stat`): outside changes show within about half a second."""
NOTIFY_SECONDS = 6.0
CONFLICT_SECONDS = 20.0
MAX_CONFLICTS_NAMED = 2


def adopt(screen: BoardScreen, changed: Changed) -> None:
    """Show the session's board in place of `changed.before`, keep the cursors, and announce
    what arrived."""
    kanban, roadmap = screen.kanban, screen.roadmap
    before = changed.before
    kanban_near = _neighbours(
        kanban.cursor_key, _column_of(screen, kanban.cursor_key), before.ambitions
    )
    roadmap_near = _neighbours(roadmap.cursor_key, roadmap.order, before.roadmap)
    screen.show_board()
    after = screen.session.board
    _keep_cursor(kanban_near, kanban.cursor_key, kanban.set_cursor, after.ambitions)
    _keep_cursor(roadmap_near, roadmap.cursor_key, roadmap.set_cursor, after.roadmap)
    announce(screen, changed.arrivals)


def _column_of(screen: BoardScreen, key: str | None) -> list[str]:
    for layout in screen.kanban.layouts:
        if key in layout.cards:
            return list(layout.cards)
    return []


def _neighbours(key: str | None, order: list[str], records: dict) -> list[str]:
    """`key` first, then the others of its list by distance: below, above, two below, …"""
    if key is None or key not in order:
        return [key] if key in records else []
    index = order.index(key)
    near = [key]
    for step in range(1, len(order)):
        for other in (index + step, index - step):
            if 0 <= other < len(order):
                near.append(order[other])
    return near


def _keep_cursor(near: list[str], now: str | None, set_cursor, records: dict) -> None:
    """Put the cursor back on the card it was on, else on its nearest neighbour still there.

    The widgets already keep a card that is still shown (wherever it moved); this covers a card
    that was deleted or is now hidden by the filter."""
    if not near or now == near[0]:
        return
    for key in near:
        if key in records and set_cursor(key):
            return


def announce(screen: BoardScreen, events: list[Event]) -> None:
    """Tell who changed what (one line per person), and each merge conflict on its own."""
    lang = screen.lang
    conflicts = [ev for ev in events if ev.action == "conflict"]
    others = [ev for ev in events if ev.action != "conflict"]
    if others:
        lines = history.summary(others, lang, people=4)
        screen.notify(
            "\n".join(lines),
            title=tr("ui.outside_title", lang),
            timeout=NOTIFY_SECONDS,
            markup=False,
        )
    if conflicts:
        screen.notify(
            conflict_message(screen, conflicts),
            title=tr("ui.conflict_title", lang),
            severity="warning",
            timeout=CONFLICT_SECONDS,
            markup=False,
        )


def conflict_message(screen: BoardScreen, conflicts: list[Event]) -> str:
    lang = screen.lang
    lines = []
    for event in conflicts[:MAX_CONFLICTS_NAMED]:
        ((field, _),) = event.changes.items()
        what = human_id(event.table, event.record)
        if field == history.WHOLE_RECORD:
            lines.append(tr("ui.conflict_record", lang, what=what))
            continue
        record = screen.session.board.table(event.table).get(event.record)
        kept = record.to_doc().get(field) if record is not None else None
        lines.append(
            tr(
                "ui.conflict_field",
                lang,
                what=what,
                field=field_word(field, lang),
                kept=quoted(field, kept, lang),
            )
        )
    if len(conflicts) > MAX_CONFLICTS_NAMED:
        lines.append(tr("ui.conflict_more", lang, n=len(conflicts) - MAX_CONFLICTS_NAMED))
    lines.append(tr("ui.conflict_review", lang, hint=host(screen).key_hint("app.changes")))
    return "\n".join(lines)
