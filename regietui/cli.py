"""The `regietui` command: thin argparse wrappers over the core; no subcommand opens the TUI.

Non-TUI commands never import textual, so they start in a fraction of a second.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from . import (
    costs,
    exports,
    files,
    gitrepo,
    history,
    memory,
    ops,
    scenario_commands,
    serve,
    usage,
)
from .config import ConfigError, Settings, config_path, load_settings, pick_language
from .figures import grouped
from .i18n import tr
from .lookup import InputError, coerce, parse_pairs, resolve
from .model import (
    META_KEY,
    STATUS_RANK,
    Board,
    CapacityUnit,
    Meta,
    Status,
    Theme,
    human_id,
    id_table,
)
from .session import BoardSession
from .store import (
    CONFLICT_MARKERS,
    BoardError,
    BoardStore,
    board_text,
    loads,
    merge_boards,
    read_text,
)
from .text import NotFinite, inert, json_text
from .wording import Listing, Said, field_word, phrase, said, value_words

DEFAULT_THEMES = {
    "dienstverlening": "Dienstverlening",
    "zaakgericht": "Zaakgericht werken",
    "sociaal": "Sociaal domein",
    "omgevingswet": "Omgevingswet",
    "basisregistraties": "Basisregistraties & data",
    "werkplek": "Werkplek & mobiel",
    "informatiebeveiliging": "Informatiebeveiliging & privacy",
    "infrastructuur": "Infrastructuur & cloud",
    "bedrijfsvoering": "Bedrijfsvoering",
    "common-ground": "Common Ground",
}


class UsageError(Said):
    """Wrong use of the command line (exit 2)."""


# --- board location ------------------------------------------------------------------------------
def board_path(given: str | None) -> Path:
    """`-b PATH`, else `$REGIETUI_BOARD`, else the only `*.json` in `./boards/`, else the
    `board` of the user's settings."""
    if given:
        return Path(given)
    env = os.environ.get("REGIETUI_BOARD")
    if env:
        return Path(env)
    found = sorted(Path("boards").glob("*.json"))
    if len(found) == 1:
        return found[0]
    if not found:
        configured = load_settings().board
        if configured:
            return Path(configured).expanduser()
        raise UsageError(phrase("cli.no_board", settings=config_path()))
    names = Listing(tuple(str(p) for p in found))
    raise UsageError(phrase("cli.several_boards", names=names))


def _store(args: argparse.Namespace) -> BoardStore:
    return BoardStore(board_path(args.board))


def board_at(path: Path, at: str) -> Board:
    """The board file as it was at a git revision or date (see `gitrepo.revision_at`)."""
    text, _ = gitrepo.text_at(path, at)
    return loads(text, f"{path}@{at}")


def _plan(args: argparse.Namespace) -> Board:
    """The board of `-b`: the file, or with `--at` the file as it was."""
    if getattr(args, "at", None):
        return board_at(board_path(args.board), args.at)
    return _store(args).load()


def _change(
    args: argparse.Namespace, apply: Callable[[Board, ops.Actor], ops.Change]
) -> ops.Change:
    """Open a session, apply one operation, save: the shape of every writing command (the
    TUI edits through the same `BoardSession`)."""
    store = _store(args)
    session = BoardSession.open(store, _actor(store))
    change = session.apply(lambda board: apply(board, session.actor))
    session.save()
    return change


def _actor(store: BoardStore) -> ops.Actor:
    """Who acts: the git user of the board's repository, else the settings' name, else the login."""
    return ops.Actor(author=ops.default_author(store.path.parent, load_settings().author))


def say(text: object = "", *, err: bool = False, end: str = "\n") -> None:
    """Write one message to stdout (or stderr): the only way the CLI prints.

    Everything goes through `inert`, so no byte read from a board (keys, titles, event values,
    error messages quoting them) can drive the terminal; lines the program builds stay lines."""
    stream = sys.stderr if err else sys.stdout
    stream.write(inert(f"{text}{end}", newlines=True))


def _print_json(data: Any) -> None:
    say(json_text(data, default=str))


# --- commands ------------------------------------------------------------------------------------
def cmd_init(args: argparse.Namespace) -> None:
    path = board_path(args.board)
    themes = {key: Theme(name=name) for key, name in DEFAULT_THEMES.items()}
    board = Board(meta=Meta(name=args.name, capacity_unit=CapacityUnit(args.unit)), themes=themes)
    BoardStore(path).create(board)
    say(tr("cli.created", lang_of(args), path=path))


def cmd_validate(args: argparse.Namespace) -> None:
    store = _store(args)
    board = store.load()
    lang = lang_of(args)
    counts = {
        "ambitions": grouped(len(board.ambitions), lang),
        "roadmap": grouped(len(board.roadmap), lang),
        "municipalities": grouped(len(board.municipalities), lang),
        "events": grouped(len(board.events), lang),
    }
    say(tr("cli.valid", lang, path=store.path, **counts))
    _warn_about_the_driver(store.path, lang)


def _warn_about_the_driver(board: Path, lang: str) -> None:
    """One line on stderr when git would merge `board` without a working regietui driver."""
    problem = gitrepo.driver_problem(board)
    if problem is None:
        return
    repo = str(problem.repository)
    if problem.program is None:
        text = tr("cli.driver_missing", lang, board=str(board), repo=repo)
    else:
        text = tr("cli.driver_gone", lang, repo=repo, program=problem.program)
    say(f"regietui: {text}", err=True)


AMBITION_OPTIONS = {
    "municipality": "municipality (CBS code GM0000, short tag or name)",
    "title": "title",
    "description": "description",
    "theme": "theme (key or name)",
    "status": "status: " + " ".join(s.value for s in Status),
    "priority": "MoSCoW: must should could wont",
    "reason": "why: law coalition replacement own_wish",
    "value": "value 1-5",
    "effort": "effort estimate in the board's capacity unit",
    "wanted_by": "wanted by quarter, e.g. 2027-Q2",
    "cost_once": "one-off cost",
    "cost_yearly": "recurring cost per year",
    "funding": "own shared unknown",
    "conflicts": "conflicting standards, comma-separated",
    "review": "review date (YYYY-MM-DD), needed for parked",
    "status_reason": "reason, needed for rejected",
    "tags": "tags, comma-separated",
    "owner": "owner",
}

ROADMAP_OPTIONS = {
    "title": "title",
    "start": "start quarter, e.g. 2027-Q1",
    "end": "end quarter",
    "description": "description",
    "theme": "theme (key or name)",
    "type": "project service lifecycle legal national",
    "effort": "effort per quarter in the board's capacity unit",
    "cost_once": "one-off cost",
    "cost_yearly": "recurring cost per year",
    "depends_on": "roadmap items it depends on, comma-separated",
    "status": "draft adopted running delivered dropped",
    "owner": "owner",
    "allocation": "how its costs are split, e.g. '30%% equal + 70%% inhabitants over served',"
    " 'share over GM0363, GM0344' or 'GM0363: 40, GM0344: 60' (default: the board's key)",
}

MUNICIPALITY_OPTIONS = {
    "name": "name",
    "short": "short tag shown on cards (max 4 characters)",
    "inhabitants": "number of inhabitants",
    "workstations": "number of workstations",
    "information_manager": "information manager",
    "cost_share": "share of the costs, 0-1",
}

STANDARD_OPTIONS = {"title": "title", "description": "description"}


def _given(args: argparse.Namespace, options: dict[str, str]) -> dict[str, str]:
    return {name: getattr(args, name) for name in options if getattr(args, name) is not None}


def _adder(table: str, options: dict[str, str], key_arg: str | None = None) -> Callable:
    def run(args: argparse.Namespace) -> None:
        def apply(board: Board, actor: ops.Actor) -> ops.Change:
            fields = coerce(board, table, _given(args, options))
            key = getattr(args, key_arg) if key_arg else None
            return ops.add(board, table, fields, actor, key=key)

        change = _change(args, apply)
        say(human_id(table, change.key))

    return run


def _editor(table: str) -> Callable:
    def run(args: argparse.Namespace) -> None:
        def apply(board: Board, actor: ops.Actor) -> ops.Change:
            key = resolve(board, table, args.id)
            return ops.edit(board, table, key, coerce(board, table, parse_pairs(args.set)), actor)

        change = _change(args, apply)
        say(f"{human_id(table, change.key)}: {_summary(change, args)}")

    return run


def _summary(change: ops.Change, args: argparse.Namespace) -> str:
    """What a command did, in the reader's language: `moved wish → planned`."""
    return history.deed(change.event, lang_of(args))


def cmd_move(args: argparse.Namespace) -> None:
    def apply(board: Board, actor: ops.Actor) -> ops.Change:
        key = resolve(board, "ambitions", args.id)
        return ops.move(board, key, args.status, actor, reason=args.reason, review=args.review)

    change = _change(args, apply)
    say(f"{human_id('ambitions', change.key)}: {_summary(change, args)}")


def cmd_link(args: argparse.Namespace) -> None:
    def apply(board: Board, actor: ops.Actor) -> ops.Change:
        key = resolve(board, "ambitions", args.ambition)
        target = resolve(board, "roadmap", args.roadmap)
        if args.command == "unlink":
            return ops.unlink(board, key, target, actor)
        coverage = "partial" if args.partial else "full"
        return ops.link(board, key, target, actor, coverage=coverage)

    change = _change(args, apply)
    say(f"{human_id('ambitions', change.key)}: {_summary(change, args)}")


def cmd_decide(args: argparse.Namespace) -> None:
    def apply(board: Board, actor: ops.Actor) -> ops.Change:
        key = resolve(board, "ambitions", args.id)
        on = date_arg(args.date) if args.date else None
        return ops.decide(board, key, args.body, args.text, actor, on=on)

    change = _change(args, apply)
    say(f"{human_id('ambitions', change.key)}: {_summary(change, args)}")


def date_arg(text: str) -> date:
    """A date typed as an option (YYYY-MM-DD); one sentence when it is not one."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(phrase("cli.not_date", text=repr(text))) from None


def cmd_delete(args: argparse.Namespace) -> None:
    table = _table_of(args.id)

    def apply(board: Board, actor: ops.Actor) -> ops.Change:
        return ops.delete(board, table, resolve(board, table, args.id), actor)

    change = _change(args, apply)
    say(f"{human_id(table, change.key)}: {_summary(change, args)}")


def _table_of(ident: str) -> str:
    """The table a full human id names (`R-8bd2x` → roadmap)."""
    table = id_table(ident)
    if table is None:
        raise InputError(phrase("cli.full_id", ident=repr(ident)))
    return table


def _shown_table(ident: str) -> str:
    """Like `_table_of`, but a bare key (`3f9kq`) means an ambition."""
    return id_table(ident) or "ambitions"


def cmd_capacity_set(args: argparse.Namespace) -> None:
    def apply(board: Board, actor: ops.Actor) -> ops.Change:
        return ops.set_capacity(board, args.quarter, args.amount, actor)

    change = _change(args, apply)
    say(f"{change.key}: {_summary(change, args)}")


def cmd_board_edit(args: argparse.Namespace) -> None:
    """`board edit --set name=... --set cost_key=...`: the board's own settings."""

    def apply(board: Board, actor: ops.Actor) -> ops.Change:
        return ops.edit(
            board, "meta", META_KEY, coerce(board, "meta", parse_pairs(args.set)), actor
        )

    say(_summary(_change(args, apply), args))


def cmd_show(args: argparse.Namespace) -> None:
    board = _board(args)
    table = _shown_table(args.id)
    key = resolve(board, table, args.id)
    record = board.table(table)[key]
    if args.json:
        doc = {"id": human_id(table, key), **record.to_doc()}
        _print_json(exports.ambition_row(board, key) if table == "ambitions" else doc)
        return
    lang = lang_of(args)
    rows = [
        (field_word(name, lang, title=True), value_words(name, value, lang, board, limit=0))
        for name, value in record.to_doc().items()
        if name != "title" and value not in ("", [], None)
    ]
    if table == "roadmap":
        serves = tr("cli.serves", lang)
        rows += [
            (serves, f"{human_id('ambitions', amb)} {board.ambitions[amb].title}")
            for amb in board.serving(key)
        ]
    width = max((len(label) for label, _ in rows), default=0)
    say(f"{human_id(table, key)}  {getattr(record, 'title', '')}")
    for label, text in rows:
        say(f"  {label:{width}}  {text}")
    events = board.history(key)
    if events:
        say(tr("cli.history", lang))
    for _, event in events:
        say(f"  {history.when(event.at, lang)}  {event.author}: {history.deed(event, lang)}")


def _board(args: argparse.Namespace) -> Board:
    """The board the reading commands show: the plan (`_plan`), as scenario `--scenario NAME`
    has it when given."""
    return scenario_commands.board_of(args, _plan(args))


def cmd_list(args: argparse.Namespace) -> None:
    board = _board(args)
    muni = resolve(board, "municipalities", args.municipality) if args.municipality else None
    theme = resolve(board, "themes", args.theme) if args.theme else None
    if args.status and args.status not in Status.__members__.values():
        choices = " ".join(Status)
        raise InputError(phrase("error.unknown_status", status=repr(args.status), choices=choices))
    keys = [
        key
        for key, amb in board.ambitions.items()
        if (not args.status or amb.status == args.status)
        and (not muni or amb.municipality == muni)
        and (not theme or amb.theme == theme)
    ]
    keys.sort(key=lambda k: (STATUS_RANK[board.ambitions[k].status], board.ambitions[k].title))
    rows = [exports.ambition_row(board, key) for key in keys]
    if args.json:
        _print_json(rows)
        return
    for row in rows:
        short = board.municipalities[row["municipality"]].short
        say(f"{row['id']:9} {row['status']:11} {short:4}  {row['title']}")


def cmd_roadmap_list(args: argparse.Namespace) -> None:
    board = _board(args)
    items = sorted(board.roadmap.items(), key=lambda kv: (kv[1].start, kv[1].end, kv[1].title))
    if args.json:
        _print_json(
            [
                {
                    "id": human_id("roadmap", k),
                    **item.to_doc(),
                    "serves": [human_id("ambitions", a) for a in board.serving(k)],
                }
                for k, item in items
            ]
        )
        return
    for key, item in items:
        serves = len(board.serving(key))
        say(
            f"{human_id('roadmap', key):9} {item.start}–{item.end}  {item.status.value:9}"
            f" {serves:>3} amb.  {item.title}"
        )


def _lister(table: str, columns: Callable[[str, Any], str]) -> Callable:
    def run(args: argparse.Namespace) -> None:
        board = _store(args).load()
        records = sorted(board.table(table).items())
        if args.json:
            _print_json([{"id": human_id(table, k), **r.to_doc()} for k, r in records])
            return
        for key, record in records:
            say(columns(key, record))

    return run


cmd_add_ambition = _adder("ambitions", AMBITION_OPTIONS)


@dataclass(frozen=True)
class Kind:
    """A kind of record with `add`, `edit` and `list` subcommands under its own word."""

    group: str
    table: str
    help: str
    options: dict[str, str]
    required: set[str]
    row: Callable[[str, Any], str] = str
    lister: Callable[[argparse.Namespace], None] | None = None
    key_option: tuple[str, str] | None = None
    editable: bool = True

    @property
    def key_arg(self) -> str | None:
        return self.key_option[0] if self.key_option else None


KINDS = (
    Kind(
        "roadmap",
        "roadmap",
        "the cooperative's roadmap items",
        ROADMAP_OPTIONS,
        {"title", "start", "end"},
        lister=cmd_roadmap_list,
    ),
    Kind(
        "municipality",
        "municipalities",
        "participating municipalities",
        MUNICIPALITY_OPTIONS,
        {"name", "short"},
        row=lambda k, m: f"{k}  {m.short:4}  {m.name}",
        key_option=("code", "CBS code, e.g. GM0363"),
    ),
    Kind(
        "standard",
        "standards",
        "the cooperative's standards",
        STANDARD_OPTIONS,
        {"title"},
        row=lambda k, s: f"{human_id('standards', k):9} {s.title}",
    ),
    Kind(
        "theme",
        "themes",
        "themes (GEMMA-like categories)",
        {"name": "name"},
        {"name"},
        row=lambda k, t: f"{k:24} {t.name}",
        key_option=("key", "short key, e.g. dienstverlening"),
        editable=False,
    ),
)


# --- the parser ----------------------------------------------------------------------------------
class _Parser(argparse.ArgumentParser):
    """A parser whose errors are a `UsageError` (exit 2) and whose help is in `lang`."""

    lang = "en"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", usage.formatter(self.lang))
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> Any:
        raise UsageError(f"{self.prog}: {message}")


def parser_class(lang: str) -> type[_Parser]:
    """`_Parser` speaking `lang` (every subcommand's parser is made from this class)."""
    return type("_Parser", (_Parser,), {"lang": lang})


def _board_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-b", "--board", help="board file (default: $REGIETUI_BOARD, else the one in ./boards/)"
    )


def _at_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--at",
        metavar="REV|DATE",
        help="the board as it was at a git revision, or at the last commit on or before a date",
    )


def _lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang", choices=["en", "nl"], help="language of what it prints (default: settings, LANG)"
    )


def _board_and_lang(parser: argparse.ArgumentParser) -> None:
    _board_option(parser)
    _lang_option(parser)


def _options(parser: argparse.ArgumentParser, options: dict[str, str], required: set[str]) -> None:
    for name, help_text in options.items():
        flag = "--" + name.replace("_", "-")
        parser.add_argument(flag, dest=name, help=help_text, required=name in required)


COMMANDS = frozenset({
    "add", "board", "capacity", "check", "costs", "decide", "delete", "diff", "edit", "git",
    "import", "init", "link", "list", "log", "merge-driver", "move", "municipality", "report",
    "resolve", "roadmap", "scenario", "serve", "show", "standard", "theme", "unlink", "validate",
})  # fmt: skip
"""Every command's name: the first argument tells a command from the terminal UI before any
parser is built (the app opens without one). A test holds it equal to `build_parser`'s."""


def build_parser(lang: str = "en") -> argparse.ArgumentParser:
    parser_type = parser_class(lang)
    parser = parser_type(
        prog="regietui",
        description="Ambitions of municipalities beside the cooperative's roadmap."
        " Without a command, opens the board in the terminal UI.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=parser_type)

    def command(name: str, handler: Callable, help_text: str, **kw: Any) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text, **kw)
        _board_option(p)
        _lang_option(p)
        p.set_defaults(handler=handler)
        return p

    p = command("init", cmd_init, "create an empty board with the standard themes")
    p.add_argument("--name", default="Samenwerkingsverband", help="name of the cooperative")
    p.add_argument("--unit", default="hours", choices=[u.value for u in CapacityUnit])

    command("validate", cmd_validate, "check a board file; exit 1 with the place of the problem")

    p = command("add", cmd_add_ambition, "add an ambition; prints its id")
    _options(p, AMBITION_OPTIONS, {"municipality", "title"})

    p = command("edit", _editor("ambitions"), "change fields of an ambition")
    p.add_argument("id")
    p.add_argument("--set", action="append", required=True, metavar="FIELD=VALUE")

    p = command("move", cmd_move, "move an ambition to another status")
    p.add_argument("id")
    p.add_argument("status", choices=[s.value for s in Status])
    p.add_argument("--reason", help="why (needed for rejected)")
    p.add_argument("--review", help="review date YYYY-MM-DD (needed for parked)")

    for name, help_text in (
        ("link", "link an ambition to a roadmap item"),
        ("unlink", "remove a link"),
    ):
        p = command(name, cmd_link, help_text)
        p.add_argument("ambition")
        p.add_argument("roadmap")
        if name == "link":
            p.add_argument("--partial", action="store_true", help="the item covers it only partly")

    p = command("decide", cmd_decide, "record a decision on an ambition")
    p.add_argument("id")
    p.add_argument("--body", required=True, choices=["steering", "db", "ab", "alv"])
    p.add_argument("--text", required=True)
    p.add_argument("--date", help="YYYY-MM-DD (default: today)")

    p = command("delete", cmd_delete, "delete an ambition, roadmap item or standard nobody uses")
    p.add_argument("id")

    p = command("show", cmd_show, "show one ambition, roadmap item or standard with its history")
    _at_option(p)
    p.add_argument("id")
    p.add_argument("--json", action="store_true")

    p = command("list", cmd_list, "list ambitions")
    _at_option(p)
    p.add_argument("--status")
    p.add_argument("--municipality")
    p.add_argument("--theme")
    p.add_argument("--json", action="store_true")
    scenario_commands.add_option(p)

    p = command("diff", cmd_diff, "what changed since a git revision or a date, in words")
    p.add_argument("revs", nargs="*", metavar="REV", help="from REV (default HEAD) [to REV]")
    p.add_argument(
        "--since", metavar="DATE|REV", help="from the board as it was at the end of DATE"
    )
    p.add_argument("--until", metavar="DATE|REV", help="to the board as it was at the end of DATE")

    p = command("log", cmd_log, "the history of one ambition or roadmap item")
    p.add_argument("id")

    command("resolve", cmd_resolve, "rebuild a board left with git conflict markers")

    p = command("check", cmd_check, "list where ambitions, roadmap and capacity don't align")
    _at_option(p)
    p.add_argument(
        "--fail-on",
        choices=["error", "warning", "info"],
        default="error",
        help="exit 1 when a finding this severe or worse exists (default: error)",
    )
    p.add_argument("--json", action="store_true")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="check as of this day (default: today)")
    scenario_commands.add_option(p)

    p = command("report", cmd_report, "steering-committee report (Markdown) or an export")
    _at_option(p)
    p.add_argument(
        "--since",
        metavar="DATE|REV",
        help="list the changes since a date (YYYY-MM-DD) or a git revision (e.g. HEAD~3)",
    )
    p.add_argument(
        "--format",
        choices=["md", "docx", "csv", "json", "toml"],
        default="md",
        help="md: the report; docx: the meeting report in Word (needs -o); csv: ambitions;"
        " json, toml: ambitions and roadmap",
    )
    p.add_argument(
        "--meeting",
        metavar="'BODY DATE'",
        help="the agenda-ready report for a meeting, e.g. 'AB 2027-01-15' (Dutch unless --lang"
        " en); progress since the body's previous decision on the board, or --since",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="report as of this day (default: today)")
    scenario_commands.add_option(p)

    p = command("costs", cmd_costs, "costs per municipality per budget year (four years)")
    _at_option(p)
    p.add_argument(
        "--year", type=int, metavar="Y", help="the budget year (begroting); default: this year"
    )
    p.add_argument("--municipality", metavar="M", help="only this municipality (code, tag, name)")
    p.add_argument("--items", action="store_true", help="also each roadmap item's allocation")
    p.add_argument("--json", action="store_true")
    p.add_argument("--today", metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    scenario_commands.add_option(p)

    p = command("import", cmd_import, "add or change ambitions from a CSV or TOML file")
    p.add_argument("file", help=".csv (header = field names, optional id) or .toml ([[ambitions]])")
    p.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")

    p = command("serve", cmd_serve, "show the board in a browser (read-only unless --edit)")
    p.add_argument("board_file", nargs="?", metavar="BOARD", help="board file (or -b)")
    p.add_argument(
        "--host",
        default=serve.DEFAULT_HOST,
        help="address to listen on (default: %(default)s; there is no login, see the README)",
    )
    p.add_argument("--port", type=int, default=serve.DEFAULT_PORT, help="default: %(default)s")
    p.add_argument("--edit", action="store_true", help="let browsers change the board")
    p.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use, when it is not http://HOST:PORT (a proxy)",
    )

    p = sub.add_parser("merge-driver", help="what git calls to merge boards (see `git setup`)")
    p.set_defaults(handler=cmd_merge_driver)
    for name in ("base", "ours", "theirs"):
        p.add_argument(name)
    p.add_argument("path", nargs="?")

    gp = sub.add_parser("git", help="git integration", description="git integration")
    gsub = gp.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=parser_type
    )
    p = gsub.add_parser("setup", help="install the board merge driver in this repository")
    _board_option(p)
    p.add_argument(
        "--pattern",
        help="files git merges with regietui (default: the board of -b, else boards/*.json)",
    )
    p.set_defaults(handler=cmd_git_setup)

    for kind in KINDS:
        gp = sub.add_parser(kind.group, help=kind.help, description=kind.help)
        gsub = gp.add_subparsers(
            dest="action", metavar="ACTION", required=True, parser_class=parser_type
        )
        p = gsub.add_parser("add", help=f"add to {kind.help}")
        if kind.key_option:
            name, help_text = kind.key_option
            p.add_argument(f"--{name}", required=True, help=help_text)
        _options(p, kind.options, kind.required)
        p.set_defaults(handler=_adder(kind.table, kind.options, key_arg=kind.key_arg))
        if kind.editable:
            p = gsub.add_parser("edit", help=f"change one of {kind.help}")
            p.add_argument("id")
            p.add_argument("--set", action="append", required=True, metavar="FIELD=VALUE")
            p.set_defaults(handler=_editor(kind.table))
        p = gsub.add_parser("list", help=f"list {kind.help}")
        p.add_argument("--json", action="store_true")
        if kind.table == "roadmap":
            scenario_commands.add_option(p)
        p.set_defaults(handler=kind.lister or _lister(kind.table, kind.row))
        for p in gsub.choices.values():
            _board_option(p)
            _lang_option(p)

    gp = sub.add_parser("board", help="the board's own settings")
    gsub = gp.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=parser_type
    )
    p = gsub.add_parser(
        "edit",
        help="change the board's name, capacity unit or default cost key",
        description="e.g. --set name='ICT Samenwerking'"
        " --set 'cost_key=30%% equal + 70%% inhabitants'",
    )
    p.add_argument("--set", action="append", required=True, metavar="FIELD=VALUE")
    p.set_defaults(handler=cmd_board_edit)
    _board_option(p)
    _lang_option(p)

    gp = sub.add_parser("capacity", help="capacity of the cooperative per quarter")
    gsub = gp.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=parser_type
    )
    p = gsub.add_parser("set", help="set the capacity of one quarter")
    p.add_argument("quarter", help="e.g. 2027-Q1")
    p.add_argument("amount", type=float)
    p.set_defaults(handler=cmd_capacity_set)
    p = gsub.add_parser("list", help="capacity per quarter")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_lister("capacity", lambda k, c: f"{k}  {c.amount:g}"))
    for p in gsub.choices.values():
        _board_option(p)
        _lang_option(p)
    scenario_commands.register(sub, parser_type, _board_and_lang, _store)
    return parser


# --- collaboration -------------------------------------------------------------------------------
def lang_of(args: argparse.Namespace) -> str:
    """`--lang`, else the settings' language, else LANG: as the terminal UI chooses."""
    return pick_language(getattr(args, "lang", None), load_settings())


def _language_before_parsing() -> str:
    """The language of the settings or LANG for argparse's own words; settings that cannot be
    read leave it to LANG (the command then says what is wrong with them)."""
    try:
        return lang_of(argparse.Namespace())
    except ConfigError:
        return pick_language(None, Settings())


def cmd_git_setup(args: argparse.Namespace) -> None:
    """`git setup`: the driver for `--pattern` (default boards/*.json), or for exactly the board
    given with `-b`."""
    if args.pattern is not None or not args.board:
        given = gitrepo.DEFAULT_PATTERN if args.pattern is None else args.pattern
        pattern = gitrepo.check_pattern(given)
        folder = board_path(args.board).parent if args.board else Path(".")
        done = gitrepo.setup(folder, pattern)
    else:
        board = board_path(args.board)
        done = gitrepo.setup(board.parent, board=board)
    lang = lang_of(args)
    say("\n".join(line.text(lang) for line in done) if done else tr("git.already", lang))


def cmd_merge_driver(args: argparse.Namespace) -> None:
    """Called by git as `regietui merge-driver %O %A %B %P`; writes the merge into %A. Two valid
    boards always merge; only a side that is not a board makes it exit 1 (git then reports a
    conflict and keeps the file for `regietui resolve`)."""
    name = args.path or args.ours
    base_text, ours_text, theirs_text = (
        _driver_side(Path(getattr(args, side)), name, side) for side in ("base", "ours", "theirs")
    )
    base = loads(base_text, f"{name} (base)") if base_text.strip() else Board()
    ours = loads(ours_text, f"{name} (ours)")
    theirs = loads(theirs_text, f"{name} (theirs)")
    board, conflicts = merge_boards(base, ours, theirs, name)
    _write_board(Path(args.ours), board)
    for conflict in conflicts:
        say(f"regietui: {name}: {conflict}", err=True)


def _write_board(path: Path, board: Board) -> None:
    """Write a merged board where `path` points (through a symlink, as every output)."""
    files.write_output(path, board_text(board).encode("utf-8"), BoardError)


def _driver_side(path: Path, name: str, side: str) -> str:
    """One of the three versions git hands the driver, as text, or one sentence why not."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BoardError(phrase("git.side_missing", name=name, side=side, path=path)) from None
    except OSError as err:
        why = files.problem(err)
        raise BoardError(phrase("git.side_unreadable", name=name, side=side, why=why)) from None
    binary = BoardError(phrase("git.side_binary", name=name, side=side))
    if b"\0" in data:
        raise binary
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise binary from None


def cmd_resolve(args: argparse.Namespace) -> None:
    """Rebuild a board merged without the driver from the three versions in git's index; on a
    board without conflict markers, list the merge conflicts that wait for review."""
    path = board_path(args.board)
    text = read_text(path)
    if not any(line.startswith(CONFLICT_MARKERS) for line in text.splitlines()):
        _list_open_conflicts(loads(text, path), path, lang_of(args))
        return
    versions = []
    for stage, side in ((1, "base"), (2, "ours"), (3, "theirs")):
        try:
            versions.append(loads(gitrepo.show(path, f":{stage}"), f"{path} ({side})"))
        except BoardError:
            if stage != 1:
                raise
            versions.append(Board())
    base, ours, theirs = versions
    board, conflicts = merge_boards(base, ours, theirs, path)
    _write_board(path, board)
    lang = lang_of(args)
    for conflict in conflicts:
        say(tr("cli.conflict", lang, conflict=conflict))
    say(tr("cli.resolved", lang, path=path))


def _list_open_conflicts(board: Board, path: Path, lang: str) -> None:
    found = history.open_conflicts(board)
    if not found:
        say(tr("cli.nothing_to_resolve", lang, path=path))
        return
    for conflict in found:
        say(history.event_line(conflict.event, lang))
    say(tr("cli.to_review", lang, path=path, n=len(found)))


def cmd_diff(args: argparse.Namespace) -> None:
    path = board_path(args.board)
    if args.revs and (args.since or args.until):
        raise UsageError(phrase("cli.diff_both"))
    if args.until and not args.since:
        raise UsageError(phrase("cli.diff_until"))
    old_at = args.since or (args.revs[0] if args.revs else "HEAD")
    new_at = args.until or (args.revs[1] if len(args.revs) > 1 else None)
    old = board_at(path, old_at)
    new = board_at(path, new_at) if new_at else BoardStore(path).load()
    changes = history.diff(old, new)
    lang = lang_of(args)
    for change in changes:
        say(change.text(lang))
    if not changes:
        say(tr("cli.no_changes", lang))


def cmd_log(args: argparse.Namespace) -> None:
    board = _store(args).load()
    table = _shown_table(args.id)
    key = resolve(board, table, args.id)
    lang = lang_of(args)
    for _, event in board.history(key):
        say(history.event_line(event, lang))


# --- regie: checks, report, import ---------------------------------------------------------------


def _today(args: argparse.Namespace) -> date:
    return date_arg(args.today) if args.today else date.today()


def cmd_check(args: argparse.Namespace) -> int:
    from . import insights

    board = _board(args)
    _warn_about_the_driver(board_path(args.board), lang_of(args))
    found = insights.findings(board, _today(args))
    if args.json:
        _print_json([insights.finding_doc(f) for f in found])
    else:
        say(insights.findings_text(found, lang_of(args)))
    limit = insights.Severity(args.fail_on).rank
    return 1 if any(f.severity.rank >= limit for f in found) else 0


def cmd_report(args: argparse.Namespace) -> None:
    from . import report

    store = _store(args)
    plan = _plan(args)
    board = scenario_commands.board_of(args, plan)
    if args.format == "docx" and not args.output:
        raise UsageError(phrase("cli.docx_output"))
    if args.meeting or args.format == "docx":
        from . import meeting

        lang = args.lang or "nl"  # a meeting of a Dutch body reads Dutch unless asked otherwise
        data = meeting.render(
            board, args.format, _today(args), lang, args.meeting, args.since, store.path
        )
    else:
        against = (args.scenario, plan) if args.scenario else None
        text = report.render(
            board, args.format, _today(args), lang_of(args), args.since, store.path, against
        )
        data = text.encode("utf-8")
    if not args.output:
        say(data.decode("utf-8"), end="")
        return
    target = Path(args.output)
    if Path(os.path.realpath(target)) == store.target:
        raise InputError(phrase("cli.report_on_board", target=target))
    files.write_output(target, data, InputError)
    say(tr("cli.wrote", lang_of(args), target=target), err=True)


def cmd_costs(args: argparse.Namespace) -> None:
    """`costs`: the begroting and meerjarenraming per municipality, adopted and proposed apart."""
    from . import cost_tables

    board = _board(args)
    first = args.year if args.year is not None else _today(args).year
    only = [resolve(board, "municipalities", args.municipality)] if args.municipality else None
    if args.json:
        _print_json(cost_tables.budget_doc(board, first, only))
        return
    lang = lang_of(args)
    say(tr("costs.title", lang, year=first, first=first + 1, last=first + costs.YEARS_SHOWN - 1))
    say()
    for line in cost_tables.text_lines(cost_tables.budget_table(board, first, lang, only)):
        say(line)
    if args.items:
        say()
        for line in cost_tables.item_lines(board, lang, only):
            say(line)


def cmd_import(args: argparse.Namespace) -> None:
    from . import importer

    store = _store(args)
    result = importer.import_file(store.load(), Path(args.file), _actor(store))
    lang = lang_of(args)
    for row in result.rows:
        say(row.text(lang, dry_run=args.dry_run))
    added, changed = result.count("add"), result.count("change")
    counts = tr("cli.counts", lang, added=added, changed=changed, same=result.count("unchanged"))
    if args.dry_run:
        say(tr("cli.dry_run", lang, counts=counts))
        return
    if added or changed:
        store.save(result.board)
    say(f"{store.path}: {counts}")


def cmd_serve(args: argparse.Namespace) -> None:
    """`serve`: the board in a browser; every tab runs the terminal UI, read-only unless
    `--edit` (see `regietui.serve`)."""
    if args.board_file and args.board:
        raise UsageError(phrase("cli.board_twice"))
    if not 0 < args.port < 65536:
        raise UsageError(phrase("cli.port", port=args.port))
    path = board_path(args.board_file or args.board)
    BoardStore(path).load()  # a broken board is one plain sentence now, not one in each tab
    lang = lang_of(args)
    url = args.public_url or serve.public_url(args.host, args.port)
    mode = tr("cli.serve_edit" if args.edit else "cli.serve_view", lang)
    say(tr("cli.serving", lang, board=path, mode=mode, url=url), err=True)
    command = serve.app_command(path, edit=args.edit, lang=args.lang)
    from .tui.server import serve as serve_to_browsers  # the Textual stack, only when serving

    memory.settle()  # a server runs for long: it collects like any long-lived process

    serve_to_browsers(command, args.host, args.port, f"regietui — {path.name}", url)


def _open_tui(argv: Sequence[str], lang: str) -> int:
    with usage.worded(lang):
        parser = parser_class(lang)(prog="regietui", description="Open a board in the terminal UI.")
    parser.add_argument("board", nargs="?", help="board file (default as for -b)")
    parser.add_argument("--lang", choices=["en", "nl"], help="language of the interface")
    _at_option(parser)
    parser.add_argument("--served", choices=serve.SERVED, help=argparse.SUPPRESS)  # see cmd_serve
    with usage.worded(lang):
        args = parser.parse_args(argv)
    path = board_path(args.board)
    store = BoardStore(path, read_only=args.served == serve.SERVED_VIEW)
    past = None
    if args.at:  # read here, so a bad revision is one plain sentence
        text, label = gitrepo.text_at(path, args.at)
        past = BoardSession.past(loads(text, f"{path}@{args.at}"), label)
    else:
        store.load()  # fail here, in plain text, rather than inside the full-screen app
    from .tui.app import run

    return run(store, lang=args.lang, past=past, write_settings=not args.served)


def _run(handler: Callable[[argparse.Namespace], int | None], args: argparse.Namespace) -> int:
    """Run a command with its standard output held back until the command has done its work.

    A reader that stops early (`regietui import x.csv | head -1`) can then close the pipe only
    after the board was saved: such a command exits 0 with its change saved, or fails (exit 1)
    with nothing saved, never exit 0 with nothing saved. What a failing command printed before
    its error is still written."""
    held = io.StringIO()
    try:
        with contextlib.redirect_stdout(held):
            return handler(args) or 0
    finally:
        try:
            sys.stdout.write(held.getvalue())
            sys.stdout.flush()
        except BrokenPipeError:
            _discard_stdout()


def _discard_stdout() -> None:
    """Point stdout at /dev/null once its reader has gone, so exiting does not fail flushing it."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _degrade(stream: Any) -> None:
    """Write what the stream's encoding cannot hold as `\\u2014` escapes instead of failing
    (`PYTHONIOENCODING=ascii`, a C locale)."""
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _degrade(sys.stdout)
    _degrade(sys.stderr)
    lang = usage.argv_language(argv, _language_before_parsing)
    try:
        if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
            return _open_tui(argv, lang)
        with usage.worded(lang):  # argparse names its sections while the parser is built
            parser = build_parser(lang)
            args = parser.parse_args(argv)
            if not getattr(args, "handler", None):
                parser.print_help()
                return 2
        with memory.held():  # a one-shot command: see `memory`
            return _run(args.handler, args)
    except UsageError as err:
        say(f"{said(err, lang)}\n{tr('cli.see_help', lang)}", err=True)
        return 2
    except (BoardError, ops.OpError, InputError, ConfigError, NotFinite) as err:
        say(f"regietui: {said(err, lang)}", err=True)
        return 1
    except OSError as err:  # a file problem no command foresaw: still one sentence
        where = f"{err.filename}: " if err.filename else ""
        say(f"regietui: {where}{said(Said(files.problem(err)), lang)}", err=True)
        return 1
    except KeyboardInterrupt:
        return 130
