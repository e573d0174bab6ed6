"""The `scenario` commands of the CLI (new, list, show, edit, drop, adopt) and `--scenario NAME`
for the commands that read a board. Thin: every rule lives in `regietui.scenario`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import Any

from . import capacity, cli, ops, scenario
from .figures import grouped
from .i18n import tr
from .lookup import InputError, coerce, parse_pairs, resolve
from .model import Board, Body, Decision, Quarter, human_id, id_table
from .session import BoardSession
from .store import BoardStore
from .text import json_text
from .wording import phrase

Opener = Callable[[argparse.Namespace], BoardStore]


def add_option(parser: argparse.ArgumentParser) -> None:
    """`--scenario NAME`: read the board as that scenario has it."""
    parser.add_argument("--scenario", metavar="NAME", help="the board as scenario NAME has it")


def board_of(args: argparse.Namespace, board: Board) -> Board:
    """The board, or with `--scenario NAME` the plan with that scenario laid over it."""
    name = getattr(args, "scenario", None)
    if not name:
        return board
    return scenario.apply(board, board.scenarios[scenario.find(board, name)])


def register(sub: Any, parser_class: type, board_option: Callable, store: Opener) -> None:
    """Add `scenario new|list|show|edit|drop|adopt` to the CLI's subcommands."""
    gp = sub.add_parser("scenario", help="what-if scenarios over the plan")
    gsub = gp.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=parser_class
    )

    def action(name: str, handler: Callable, help_text: str) -> argparse.ArgumentParser:
        p = gsub.add_parser(name, help=help_text, description=help_text)
        board_option(p)
        p.set_defaults(handler=lambda args: handler(args, store(args)))
        return p

    p = action("new", cmd_new, "start an empty scenario; prints its id")
    p.add_argument("name")
    p.add_argument("--description", default="")

    p = action("list", cmd_list, "the scenarios, with their changes and stale fields")
    p.add_argument("--json", action="store_true")

    p = action("show", cmd_show, "what a scenario changes, what went stale, and its effect")
    p.add_argument("name")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="findings as of this day")
    p.add_argument("--json", action="store_true")

    p = action("edit", cmd_edit, "change a record or a quarter's capacity in a scenario")
    p.add_argument("name")
    p.add_argument("id", nargs="?", help="ambition or roadmap item to change (A-…, R-…)")
    p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE")
    p.add_argument("--capacity", action="append", default=[], metavar="QUARTER=AMOUNT")
    p.add_argument("--remove", action="store_true", help="drop the record ID in the scenario")
    p.add_argument("--rename", metavar="NAME")
    p.add_argument("--description")
    p.add_argument(
        "--rebase", action="store_true", help="mark stale fields as reviewed (keep their values)"
    )

    p = action("drop", cmd_drop, "discard a scenario (the plan stays as it is)")
    p.add_argument("name")

    p = action("adopt", cmd_adopt, "make a scenario the plan, as one recorded decision")
    p.add_argument("name")
    p.add_argument("--body", required=True, choices=[b.value for b in Body])
    p.add_argument("--text", required=True)
    p.add_argument("--date", help="YYYY-MM-DD (default: today)")


def _save(store: BoardStore, operation: Callable[[Board, ops.Actor], ops.Change]) -> ops.Change:
    session = BoardSession.open(store)
    change = session.apply(lambda board: operation(board, session.actor))
    session.save()
    return change


def cmd_new(args: argparse.Namespace, store: BoardStore) -> None:
    change = _save(store, lambda b, actor: scenario.new(b, args.name, actor, args.description))
    cli.say(human_id("scenarios", change.key))


def _row(board: Board, key: str) -> dict[str, Any]:
    sc = board.scenarios[key]
    return {
        "id": human_id("scenarios", key),
        "name": sc.name,
        "description": sc.description,
        "author": sc.author,
        "created": sc.created.isoformat() if sc.created else None,
        "changes": len(sc.changes),
        "stale": len(scenario.stale(board, sc)),
    }


def cmd_list(args: argparse.Namespace, store: BoardStore) -> None:
    board = store.load()
    rows = [_row(board, key) for key, _ in scenario.names(board)]
    if args.json:
        cli.say(json_text(rows))
        return
    lang = cli.lang_of(args)
    if not rows:
        cli.say(tr("scenario.list_none", lang))
    for row in rows:
        stale = tr("scenario.n_stale", lang, n=row["stale"]) if row["stale"] else ""
        changes = _count(row["changes"], "change", lang)
        cli.say(f"{row['id']:9} {changes:>11}{stale}  {row['name']}")


def cmd_show(args: argparse.Namespace, store: BoardStore) -> None:
    board = store.load()
    key = scenario.find(board, args.name)
    sc = board.scenarios[key]
    result = scenario.applied(board, sc)
    today = cli.date_arg(args.today) if args.today else date.today()
    diff = scenario.compare(board, result.board, today)
    if args.json:
        doc = {
            **_row(board, key),
            "changes": scenario.summary(board, key),
            "stale": [str(s) for s in scenario.stale(board, sc)],
            "left_out": [str(s) for s in result.skipped],
            "findings": {"plan": diff.findings[0], "scenario": diff.findings[1]},
        }
        cli.say(json_text(doc))
        return
    lang = cli.lang_of(args)
    cli.say(f"{human_id('scenarios', key)}  {sc.name}")
    if sc.description:
        cli.say(f"  {sc.description}")
    for line in scenario.summary(board, key, lang) or [tr("scenario.no_changes", lang)]:
        cli.say(f"  {line}")
    for item in scenario.stale(board, sc):
        cli.say(tr("scenario.stale_line", lang, what=item.text(lang)))
    for skipped in result.skipped:
        cli.say(tr("scenario.left_out", lang, what=skipped.text(lang)))
    plan_found, scenario_found = (grouped(n, lang) for n in diff.findings)
    cli.say(tr("scenario.findings", lang, plan=plan_found, scenario=scenario_found))
    for pair in diff.loads:
        cli.say(f"  {pair.quarter}: {_load(pair.plan, lang)} → {_load(pair.scenario, lang)}")


def _load(load: capacity.QuarterLoad | None, lang: str) -> str:
    if load is None:
        return tr("scenario.nothing_planned", lang)
    cap = "?" if load.capacity is None else grouped(load.capacity, lang)
    left = "" if load.capacity is None else f" ({_signed(load.capacity - load.demand, lang)})"
    adopted, proposed = grouped(load.adopted, lang), grouped(load.proposed, lang)
    return tr("scenario.load", lang, adopted=adopted, proposed=proposed, capacity=cap, left=left)


def _signed(value: float, lang: str) -> str:
    return ("+" if value >= 0 else "") + grouped(value, lang)


def cmd_edit(args: argparse.Namespace, store: BoardStore) -> None:
    if args.id is None and (args.set or args.remove):
        raise InputError(phrase("scenario.name_id"))
    if args.id is not None and not (args.set or args.remove):
        raise InputError(phrase("scenario.what_in", id=args.id))
    asked = (args.id, args.capacity, args.rename, args.description, args.rebase)
    if not any(value not in (None, [], False) for value in asked):
        raise InputError(phrase("scenario.what"))

    def operation(board: Board, actor: ops.Actor) -> ops.Change:
        key = scenario.find(board, args.name)
        sc = board.scenarios[key]
        fields: dict[str, Any] = {}
        if args.rename:
            fields["name"] = args.rename
        if args.description is not None:
            fields["description"] = args.description
        if args.rebase:
            fields["changes"] = scenario.rebase(board, sc).changes
        if fields:
            board = ops.edit(board, "scenarios", key, fields, actor).board
        edited, what = _edited(args, scenario.apply(board, board.scenarios[key]), actor)
        return scenario.save_edit(board, key, edited, actor, what)

    change = _save(store, operation)
    board = change.board
    key = change.key
    changes = _count(len(board.scenarios[key].changes), "change", cli.lang_of(args))
    cli.say(
        tr("scenario.edited", cli.lang_of(args), id=human_id("scenarios", key), changes=changes)
    )


def _edited(args: argparse.Namespace, board: Board, actor: ops.Actor) -> tuple[Board, str]:
    """The scenario's board after the edits asked for, and what they were (for the history)."""
    done: list[str] = []
    if args.id is not None:
        table = id_table(args.id) or "ambitions"
        if table not in ("ambitions", "roadmap"):
            raise InputError(phrase("scenario.tables", id=args.id))
        key = resolve(board, table, args.id)
        if args.remove:
            board = ops.delete(board, table, key, actor).board
            done.append(f"remove {human_id(table, key)}")
        else:
            fields = coerce(board, table, parse_pairs(args.set))
            board = ops.edit(board, table, key, fields, actor).board
            done.append(f"edit {human_id(table, key)}")
    for pair in args.capacity:
        quarter, _, amount = pair.partition("=")
        try:
            board = ops.set_capacity(board, Quarter.parse(quarter), float(amount), actor).board
        except ValueError:
            raise InputError(phrase("scenario.capacity", pair=repr(pair))) from None
        done.append(f"capacity {quarter.strip()}")
    return board, ", ".join(done)


def cmd_drop(args: argparse.Namespace, store: BoardStore) -> None:
    def operation(board: Board, actor: ops.Actor) -> ops.Change:
        return scenario.drop(board, scenario.find(board, args.name), actor)

    change = _save(store, operation)
    cli.say(tr("scenario.dropped", cli.lang_of(args), id=human_id("scenarios", change.key)))


def cmd_adopt(args: argparse.Namespace, store: BoardStore) -> None:
    if not args.text.strip():
        raise InputError(phrase("scenario.no_text"))
    on = cli.date_arg(args.date) if args.date else date.today()
    decision = Decision(date=on, body=Body(args.body), text=args.text)

    def operation(board: Board, actor: ops.Actor) -> ops.Change:
        return scenario.adopt(board, scenario.find(board, args.name), decision, actor)

    change = _save(store, operation)
    lang = cli.lang_of(args)
    records = _count(len(change.after) - 1, "record", lang)
    cli.say(
        tr("scenario.adopted", lang, decision=scenario.decision_text(decision), records=records)
    )


def _count(n: int, noun: str, lang: str) -> str:
    """`1 change`, `3 changes` / `3 wijzigingen`."""
    if n == 1:
        return tr(f"scenario.one_{noun}", lang)
    return tr(f"scenario.n_{noun}s", lang, n=grouped(n, lang))
