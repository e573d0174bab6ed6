"""Editing the session's board from a screen: refusals and errors said as notifications, and the
questions a move asks (a review date, a reason, a yes).

Every screen that edits (the board, triage, the changes view) goes through these, so an edit,
an undo and a park read and behave the same wherever the user starts them. The rules themselves
(what a move needs, the review date offered) are the session's (`regietui.session`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.screen import Screen

from .. import bundling, lookup, ops, session
from ..i18n import tr
from ..model import Board, Quarter, Status, human_id
from ..session import BoardSession
from ..wording import Phrase
from . import screens  # the dialogs load when first opened (see screens/__init__.py)


def editable(screen: Screen, board_session: BoardSession, lang: str) -> bool:
    """Whether the board may be changed; says why not."""
    if board_session.as_of:
        refused = tr("ui.as_of_refused", lang, at=board_session.as_of)
        screen.notify(refused, severity="warning", markup=False)
        return False
    if board_session.read_only:
        screen.notify(tr("ui.read_only_refused", lang), severity="warning", markup=False)
        return False
    return True


def attempt(
    screen: Screen, board_session: BoardSession, operation: Callable[[Board], ops.Change]
) -> ops.Change | None:
    """Apply an operation through the session; show its error instead of raising."""
    try:
        return board_session.apply(operation)
    except (ops.OpError, lookup.InputError) as err:
        screen.notify(str(err), severity="error", markup=False)
        return None


def undo(screen: Screen, board_session: BoardSession, lang: str, redo: bool = False) -> bool:
    """Undo (or redo) the last change and say what; False when there was nothing or it failed."""
    if not editable(screen, board_session, lang):
        return False
    try:
        done = board_session.redo() if redo else board_session.undo()
    except ops.OpError as err:
        screen.notify(str(err), severity="error", markup=False)
        return False
    if done is None:
        screen.notify(tr("ui.nothing_to_redo" if redo else "ui.nothing_to_undo", lang),
                      markup=False)  # fmt: skip
        return False
    what = done.what.text(lang) if isinstance(done.what, Phrase) else done.what
    screen.notify(tr("ui.redone" if redo else "ui.undone", lang, what=what), markup=False)
    return True


def date_check(lang: str) -> Callable[[str], str | None]:
    """A prompt's check for a date like 2026-12-01 (blank is fine: the placeholder's date)."""

    def check(text: str) -> str | None:
        try:
            session.parse_review(text)
        except ValueError:
            return tr("ui.bad_date", lang, text=repr(text.strip()))
        return None

    return check


def reason_check(lang: str) -> Callable[[str], str | None]:
    def check(text: str) -> str | None:
        return None if text.strip() else tr("ui.reason_needed", lang)

    return check


def ask_review(
    screen: Screen, board_session: BoardSession, key: str, lang: str, then: Callable[[date], None]
) -> None:
    """Ask the review date of a card to park; `then` gets it (the default when left blank). A
    date in the past (a typo, most likely: the card would be due at once) is asked about once
    more; no asks for the date again."""
    amb = board_session.board.ambitions[key]
    default = session.default_review(amb, board_session.today)

    def answered(value: str | None) -> None:
        if value is None:
            return
        review = session.parse_review(value) or default
        if review >= board_session.today:
            then(review)
            return

        def sure(yes: bool | None) -> None:
            if yes:
                then(review)
            else:
                ask_review(screen, board_session, key, lang, then)

        question = tr("ui.review_in_past", lang, date=review.isoformat())
        screen.app.push_screen(screens.Confirm(question, lang), sure)

    prompt = screens.TextPrompt(
        tr("ui.ask_review", lang), lang, placeholder=default.isoformat(), check=date_check(lang)
    )
    screen.app.push_screen(prompt, answered)


def ask_reason(screen: Screen, lang: str, then: Callable[[str], None]) -> None:
    """Ask why a card is rejected; `then` gets the reason (never blank)."""

    def answered(value: str | None) -> None:
        if value:
            then(value)

    screen.app.push_screen(
        screens.TextPrompt(tr("ui.ask_reason", lang), lang, check=reason_check(lang)), answered
    )


def ask_move(
    screen: Screen,
    board_session: BoardSession,
    key: str,
    status: Status,
    lang: str,
) -> None:
    """Move an ambition, asking first for what the status needs (review date, reason, a yes)."""
    amb = board_session.board.ambitions[key]
    if status is amb.status:
        screen.notify(tr("ui.already", lang), markup=False)
        return
    actor = board_session.actor

    def move(reason: str | None = None, review: date | None = None) -> None:
        attempt(
            screen,
            board_session,
            lambda board: ops.move(board, key, status, actor, reason=reason, review=review),
        )

    needs = session.move_needs(status)
    if needs == session.NEEDS_REVIEW:
        ask_review(screen, board_session, key, lang, lambda review: move(review=review))
    elif needs == session.NEEDS_REASON:
        ask_reason(screen, lang, lambda reason: move(reason=reason))
    elif needs == session.NEEDS_CONFIRM:
        what = f"{human_id('ambitions', key)} “{amb.title}”"

        def confirmed(yes: bool | None) -> None:
            if yes:
                move()

        screen.app.push_screen(
            screens.Confirm(tr("ui.confirm_withdraw", lang, what=what), lang), confirmed
        )
    else:
        move()


def ask_bundle(
    screen: Screen,
    board_session: BoardSession,
    members: list[str],
    lang: str,
    then: Callable[[ops.Change], None] | None = None,
) -> None:
    """Bundle ambitions: the shared roadmap item's form, filled with what the bundle suggests
    (`bundling.propose`); saving adds the item and links every member in one change."""
    board = board_session.board
    members = [k for k in members if k in board.ambitions]
    if len(members) < 2:
        screen.notify(tr("ui.bundle_none", lang), markup=False)
        return
    defaults = bundling.propose(board, members, Quarter.of(board_session.today))
    actor = board_session.actor

    def apply(raw: dict[str, str]) -> ops.Change:
        now = board_session.board
        return ops.bundle(now, lookup.coerce(now, "roadmap", raw), members, actor)

    def done(change: ops.Change | None) -> None:
        if change is None:
            return
        applied = attempt(screen, board_session, lambda _: change)
        if applied is not None:
            item = human_id("roadmap", applied.key)
            screen.notify(tr("ui.bundled", lang, item=item, n=len(members)), markup=False)
            if then is not None:
                then(applied)

    title = tr("ui.bundle_title", lang, n=len(members))
    form = screens.RecordForm(board, "roadmap", None, lang, apply, defaults, title=title)
    screen.app.push_screen(form, done)
