"""Build the demo board `boards/demo.json` deterministically, through the core operations.

Usage: `python scripts/make_demo.py [OUTPUT]` (default: boards/demo.json next to this folder).
The content (standards, roadmap items, ambitions and the steps of their history) is data in
`scripts/demo_story.toml`; this script plays it as a story on a timeline.
The old file is deleted first; running the script twice gives a byte-identical file, because
every operation gets a fixed clock and all keys come from one `random.Random(SEED)`.

The board is the fictional cooperative "ICT Samenwerking Lekstroom": six municipalities, the
ten default themes, three standards, 88 ambitions in all ten statuses, 27 roadmap items (all
five types and all five statuses) over 2026-Q3 … 2028-Q2 and a capacity for each of those eight
quarters, with a history of about 400 events by five coordinators from March to November 2026,
and one scenario beside the plan: W-cbpkd "ERP een kwartaal later" starts R-qmzv8 (the ERP) in
2027-Q4, which resolves the overload (c) below.
Run it to see the records of each misalignment with their titles.

Deliberate misalignments (checked by `check()` below and by tests/test_demo_board.py; the
reference date is 2026-11-29):

(a) planned / in progress without any roadmap link:
    A-bcdvj "Raadsinformatiesysteem vervangen" (Vlietwijk, planned),
    A-d8vw2 "Nieuwe printers en printbeheer (follow-me printing)" (Ammersloot, planned),
    A-kpjcz "Nieuw intranet op SharePoint" (Hoogwaard, in progress).
(b) roadmap items no ambition links to (the dropped R-b9fvq is left out):
    R-wttac "Procesautomatisering (RPA) in de backoffice" (project: a real warning),
    R-gknhc "Cyberbeveiligingswet (NIS2) en BIO2 invoeren" (legal obligation: info),
    R-ruf52 "Vervanging laptops (levenscyclus 2027)" (lifecycle replacement: info).
(c) exactly one quarter over capacity: 2027-Q3, 3100 hours planned against 3000 available
    (capacity lowered from 3200 on 2026-10-12); the other seven quarters stay under. The
    dropped R-b9fvq is not counted: counting it would wrongly push 2027-Q1 over (3250 > 3200).
(d) A-mvh2z "iPads voor de gemeenteraad" (Hoogwaard, wish) conflicts with
    S-phzz2 "Standaardwerkplek is Windows; geen beheer van iOS-apparaten", no decision.
    (Four other cards conflict with a standard, each with a decision recorded.)
(e) one wish from four municipalities, theme Dienstverlening, tag "chatbot", no shared link
    (no other open cards of two municipalities share a theme and a tag or a similar title
    without a common roadmap item):
    A-r4dhd "Chatbot op de website" (Lekstede, wish),
    A-n4fmc "Chatbot op onze website" (Vlietwijk, wish),
    A-977bf "Chatbot op de gemeentewebsite" (Schoonrade, exploring),
    A-ujycj "Chatbot op de website voor inwoners" (Zuiderlek, wish; the story's last step, so
    adding it changed no other id).
(f) parked with a review date in the past: A-8ezqv "Slimme lantaarnpalen uitlezen"
    (Ammersloot, review 2026-11-01).
(g) starts before its dependency ends: R-8re96 "Klantcontactsysteem (KCS) volgens Common
    Ground" (2027-Q1 … 2027-Q4) depends on R-r4mav "API-gateway en FSC-koppelvlak"
    (2026-Q4 … 2027-Q2).
(h) wanted earlier than the roadmap delivers: A-67bfc "Vervanging verouderd zaaksysteem"
    (Ammersloot, wanted by 2027-Q2) links R-jc4sn "Migratie naar nieuw zaaksysteem (ZGW API's)"
    (ends 2027-Q4).
(i) depends on a dropped item: R-xags8 "Meldingen openbare ruimte vernieuwen (Signalen)"
    depends on R-b9fvq "Eigen inwonersapp (iOS en Android)" (dropped).
(j) no change for more than 90 days (last event before 2026-08-31):
    A-7trj2 "Vervanging conferentiesysteem raadzaal" (Hoogwaard, wish, last event 2026-04-08),
    A-2a64y "Koppeling BAG met het belastingpakket vernieuwen" (Zuiderlek, exploring,
    last event 2026-05-12).

(k) who asks vs who pays: the board's cost key is by inhabitants, R-jc4sn is a plus package
    for the four municipalities it serves, three other items carry their own key; Zuiderlek
    (GM1996) asks 9% of the demand being delivered but pays 6% of the costs, the largest gap
    and the only one over the 25% threshold.

Every other card is clean of these: the sets above are exact (see `check()`), and
`regietui.insights.findings(board, date(2026, 11, 29))` reports exactly these and nothing more
(for that, each municipality's share of planned roadmap effort stays near its cost share, and
tags that only repeat a theme's name are not counted as shared wishes).
"""

from __future__ import annotations

import argparse
import difflib
import random
import re
import sys
import tomllib
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from regietui import costs, ops, scenario
from regietui.cli import DEFAULT_THEMES
from regietui.lookup import coerce
from regietui.model import META_KEY, Ambition, Board, Quarter, RoadmapStatus, Status, human_id
from regietui.store import BoardStore

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "boards" / "demo.json"
SEED = 20260302
TODAY = date(2026, 11, 29)
STALE_BEFORE = TODAY - timedelta(days=90)
QUARTERS = [str(q) for q in Quarter.span(Quarter(2026, 3), Quarter(2028, 2))]

AUTHORS = {
    "MV": "Marieke de Vries",
    "JL": "Joost van der Linden",
    "FE": "Fatima El Amrani",
    "SB": "Sanne Bakker",
    "PJ": "Pieter Jansen",
}

Run = Callable[[Board, ops.Actor, dict[str, str]], ops.Change]


@dataclass(frozen=True)
class Ref:
    """A reference to a record by its slug in this script, resolved to its key when run."""

    slug: str


def _resolve(value: Any, keys: dict[str, str]) -> Any:
    if isinstance(value, Ref):
        return keys[value.slug]
    if isinstance(value, (list, tuple)):
        return [_resolve(v, keys) for v in value]
    return value


# --- the story: steps on a timeline -------------------------------------------------------------


@dataclass
class Step:
    when: datetime
    seq: int
    author: str
    slug: str
    run: Run
    creates: bool


class Story:
    """Steps collected in any order, then run in time order with a clock fixed per step."""

    def __init__(self) -> None:
        self.steps: list[Step] = []
        self._last: dict[str, datetime] = {}

    def at(self, day: str, who: str, slug: str, run: Run, creates: bool = False) -> None:
        start = datetime.fromisoformat(day).replace(tzinfo=UTC)
        # a stable office-hours time of day per (record, day), always after the record's last step
        minutes = 8 * 60 + zlib.crc32(f"{slug}@{day}".encode()) % (8 * 60)
        when = start + timedelta(minutes=minutes)
        last = self._last.get(slug)
        if last is not None:
            if last.date() > when.date():
                raise ValueError(f"{slug}: step on {day} is before its previous step")
            when = max(when, last + timedelta(minutes=7))
        self._last[slug] = when
        self.steps.append(Step(when, len(self.steps), AUTHORS[who], slug, run, creates))

    def play(self, board: Board, seed: int) -> tuple[Board, dict[str, str]]:
        rng = random.Random(seed)
        keys: dict[str, str] = {}
        for step in sorted(self.steps, key=lambda s: (s.when, s.seq)):
            actor = ops.Actor(author=step.author, clock=lambda t=step.when: t, rng=rng)
            change = step.run(board, actor, keys)
            board = change.board
            if step.creates:
                keys[step.slug] = change.key
        return board, keys


# --- operations as steps ------------------------------------------------------------------------


def add(table: str, fields: dict[str, Any], key: str | None = None) -> Run:
    def run(board: Board, actor: ops.Actor, keys: dict[str, str]) -> ops.Change:
        resolved = {name: _resolve(value, keys) for name, value in fields.items()}
        return ops.add(board, table, resolved, actor, key=key)

    return run


Op = Callable[[Board, str, ops.Actor, dict[str, str]], ops.Change]


def move(status: str, reason: str | None = None, review: str | None = None) -> Op:
    return lambda board, key, actor, keys: ops.move(
        board, key, status, actor, reason=reason, review=review
    )


def link(roadmap: str, partial: bool = False) -> Op:
    coverage = "partial" if partial else "full"
    return lambda board, key, actor, keys: ops.link(
        board, key, keys[roadmap], actor, coverage=coverage
    )


def decide(body: str, on: str, text: str) -> Op:
    return lambda board, key, actor, keys: ops.decide(
        board, key, body, text, actor, on=date.fromisoformat(on)
    )


def edit(table: str = "ambitions", text: str | None = None, **fields: Any) -> Op:
    def run(board: Board, key: str, actor: ops.Actor, keys: dict[str, str]) -> ops.Change:
        resolved = {name: _resolve(value, keys) for name, value in fields.items()}
        return ops.edit(board, table, key, resolved, actor, text=text)

    return run


def on_record(slug: str, op: Op) -> Run:
    return lambda board, actor, keys: op(board, keys[slug], actor, keys)


# --- the cooperative ----------------------------------------------------------------------------

MUNICIPALITIES = {
    # short: (CBS code, name, inhabitants, workstations, information manager, cost share)
    "LKS": ("GM1991", "Lekstede", 58400, 620, "Annemiek Verhoef", 0.30),
    "VLW": ("GM1992", "Vlietwijk", 41200, 450, "Ruben Hoekstra", 0.22),
    "AMS": ("GM1993", "Ammersloot", 29800, 330, "Esther van Dijk", 0.16),
    "HGW": ("GM1994", "Hoogwaard", 24100, 270, "Mohamed Bouzid", 0.13),
    "SCR": ("GM1995", "Schoonrade", 19700, 230, "Linda Kuipers", 0.11),
    "ZDL": ("GM1996", "Zuiderlek", 13900, 160, "Gerrit Smit", 0.08),
}
IM = {short: spec[4] for short, spec in MUNICIPALITIES.items()}

STORY = Path(__file__).with_name("demo_story.toml")
"""The board's content as data: standards, roadmap items and ambitions with their history."""


CAPACITY = {  # hours per quarter, set in May; revised in October
    "2026-Q3": 2600,
    "2026-Q4": 2900,
    "2027-Q1": 3200,
    "2027-Q2": 3200,
    "2027-Q3": 3200,
    "2027-Q4": 3200,
    "2028-Q1": 3300,
    "2028-Q2": 3300,
}
CAPACITY_REVISED = {"2027-Q3": 3000, "2027-Q4": 3300}

AB_ZAAK = (
    "AB stemt in met de gezamenlijke aanbesteding en migratie van het zaaksysteem; kosten "
    "volgens de verdeelsleutel."
)


def setup(story: Story, standards: dict[str, dict[str, str]]) -> None:
    story.at(
        "2026-03-02",
        "MV",
        "meta",
        lambda b, a, k: ops.edit(
            b, "meta", META_KEY, {"name": "ICT Samenwerking Lekstroom", "capacity_unit": "hours"}, a
        ),
    )
    for key, name in DEFAULT_THEMES.items():
        story.at("2026-03-02", "MV", f"theme-{key}", add("themes", {"name": name}, key=key))
    for short, (code, name, inhabitants, ws, im, share) in MUNICIPALITIES.items():
        fields = {
            "name": name,
            "short": short,
            "inhabitants": inhabitants,
            "workstations": ws,
            "information_manager": im,
            "cost_share": share,
        }
        story.at("2026-03-03", "MV", f"gm-{short}", add("municipalities", fields, key=code))
    for slug, fields in standards.items():
        story.at("2026-03-04", "MV", slug, add("standards", fields), creates=True)
    for quarter, amount in CAPACITY.items():
        story.at("2026-05-18", "MV", f"cap-{quarter}", _capacity(quarter, amount))
    for quarter, amount in CAPACITY_REVISED.items():
        story.at("2026-10-12", "MV", f"cap-{quarter}", _capacity(quarter, amount))


def _capacity(quarter: str, amount: float) -> Run:
    return lambda board, actor, keys: ops.set_capacity(board, quarter, amount, actor)


def roadmap(story: Story, items: dict[str, dict[str, Any]]) -> None:
    for slug, item in items.items():
        status, (day, who), effort = item["status"], item["created"], item["effort"]
        settled = status in ("delivered", "dropped") or day >= "2026-10-14"
        fields: dict[str, Any] = {
            "title": item["title"],
            "description": item["description"],
            "theme": item["theme"],
            "type": item["type"],
            "start": item["start"],
            "end": item["end"],
            # first estimates are rounder and lower; the autumn review sets the final effort
            "effort": effort if settled else round(effort * 0.85, -1),
            "cost_once": item.get("cost_once"),
            "cost_yearly": item.get("cost_yearly"),
            "depends_on": [Ref(d) for d in item["depends_on"]],
            "owner": AUTHORS[item["owner"]],
        }
        fields = {k: v for k, v in fields.items() if v is not None}
        story.at(day, who, slug, add("roadmap", fields), creates=True)
        if day < "2026-07-02":
            text = "Vastgesteld door het AB op 1 juli 2026 (roadmap 2026–2028)."
            story.at("2026-07-02", "MV", slug, on_record(slug, _status("adopted", text)))
        if status in ("running", "delivered"):
            started = "2026-07-06" if item["start"] == "2026-Q3" else "2026-10-05"
            story.at(started, item["owner"], slug, on_record(slug, _status("running")))
        if not settled:
            text = "Herijking roadmap voor de begroting 2027."
            story.at(
                "2026-10-14", "JL", slug, on_record(slug, edit("roadmap", text, effort=effort))
            )
        if "settled" in item:
            end = item["settled"]
            story.at(end["day"], end["who"], slug, on_record(slug, _status(status, end["text"])))


def _status(status: str, text: str | None = None) -> Op:
    return edit("roadmap", text, status=status)


# --- ambitions ----------------------------------------------------------------------------------

History = tuple[str, str, Op]


def ambition(
    story: Story,
    slug: str,
    muni: str,
    title: str,
    theme: str,
    created: tuple[str, str],
    *history: History,
    description: str,
    **fields: Any,
) -> None:
    doc = {
        "municipality": MUNICIPALITIES[muni][0],
        "title": title,
        "theme": theme,
        "description": description,
        **fields,
    }
    if "conflicts" in doc:
        doc["conflicts"] = [Ref(s) for s in doc["conflicts"]]
    doc.setdefault("owner", IM[muni])
    day, who = created
    story.at(day, who, slug, add("ambitions", doc), creates=True)
    for day, who, op in history:
        story.at(day, who, slug, on_record(slug, op))


STEPS: dict[str, Callable[..., Op]] = {"edit": edit, "move": move, "link": link, "decide": decide}


def _refs(value: Any) -> Any:
    """`{ref = "slug"}` in the story file is a reference to that record."""
    if isinstance(value, dict):
        return (
            Ref(value["ref"]) if set(value) == {"ref"} else {k: _refs(v) for k, v in value.items()}
        )
    if isinstance(value, list):
        return [_refs(v) for v in value]
    return value


def step(spec: dict[str, Any]) -> History:
    """A history step of the story file: `{day, who, op, ...that operation's arguments}`."""
    args = {k: _refs(v) for k, v in spec.items() if k not in ("day", "who", "op")}
    fields = args.pop("fields", {})
    return spec["day"], spec["who"], STEPS[spec["op"]](**args, **fields)


def ambitions(story: Story, records: list[dict[str, Any]]) -> None:
    for record in records:
        ambition(
            story,
            record["slug"],
            record["municipality"],
            record["title"],
            record["theme"],
            (record["created"][0], record["created"][1]),
            *(step(spec) for spec in record.get("history", [])),
            description=record["description"],
            **record.get("fields", {}),
        )


def build(seed: int = SEED) -> tuple[Board, dict[str, str]]:
    """The demo board and the key of every record by its slug in this script."""
    with STORY.open("rb") as file:
        data = tomllib.load(file)
    story = Story()
    setup(story, data["standards"])
    roadmap(story, data["roadmap"])
    ambitions(story, data["ambitions"])
    scenarios(story, data["scenarios"])
    allocations(story, data["costs"])
    return story.play(Board(), seed)


def allocations(story: Story, spec: dict[str, Any]) -> None:
    """The board's cost key and the items' own keys, as typed at the command line; after every
    other step, so no earlier record's key changes."""
    day, who = spec["created"]
    story.at(day, who, "meta", _cost_key("meta", None, spec["key"], spec["text"]))
    for slug, text in spec["items"].items():
        story.at(day, who, slug, _cost_key("roadmap", slug, text, spec["text"]))


def _cost_key(table: str, slug: str | None, text: str, why: str) -> Run:
    name = "cost_key" if table == "meta" else "allocation"

    def run(board: Board, actor: ops.Actor, keys: dict[str, str]) -> ops.Change:
        key = META_KEY if slug is None else keys[slug]
        return ops.edit(board, table, key, coerce(board, table, {name: text}), actor, text=why)

    return run


def scenarios(story: Story, specs: dict[str, dict[str, Any]]) -> None:
    """What-ifs beside the plan: each started, then its roadmap changes made on its own board."""
    for slug, spec in specs.items():
        day, who = spec["created"]
        story.at(day, who, slug, _new_scenario(spec["name"], spec["description"]), creates=True)
        for item, fields in spec["roadmap"].items():
            story.at(day, who, slug, _scenario_edit(slug, item, fields))


def _new_scenario(name: str, description: str) -> Run:
    return lambda board, actor, keys: scenario.new(board, name, actor, description)


def _scenario_edit(slug: str, item: str, fields: dict[str, Any]) -> Run:
    def run(board: Board, actor: ops.Actor, keys: dict[str, str]) -> ops.Change:
        key = keys[slug]
        seen = scenario.apply(board, board.scenarios[key])
        edited = ops.edit(seen, "roadmap", keys[item], fields, actor).board
        what = f"edit {human_id('roadmap', keys[item])}"
        return scenario.save_edit(board, key, edited, actor, what)

    return run


# --- the deliberate misalignments, computed -----------------------------------------------------


def last_event(board: Board) -> dict[str, datetime]:
    last: dict[str, datetime] = {}
    for event in board.events.values():
        if event.record not in last or event.at > last[event.record]:
            last[event.record] = event.at
    return last


def quarter_load(board: Board) -> dict[str, float]:
    load = dict.fromkeys(QUARTERS, 0.0)
    for item in board.roadmap.values():
        if item.status is not RoadmapStatus.DROPPED:
            for quarter in item.quarters:
                if str(quarter) in load:
                    load[str(quarter)] += item.effort
    return load


def similar(one: str, two: str) -> float:
    return difflib.SequenceMatcher(None, one.casefold(), two.casefold()).ratio()


OPEN = frozenset(
    {Status.WISH, Status.EXPLORING, Status.DECIDING, Status.PLANNED, Status.IN_PROGRESS}
)


def _alike(one: Ambition, two: Ambition) -> bool:
    """Two municipalities asking for the same thing in one theme, not yet served together:
    similar titles (any status), or a shared tag (not just the theme's name) on two open cards
    of which at least one is unlinked."""
    if one.municipality == two.municipality or one.theme != two.theme:
        return False
    if set(one.linked) & set(two.linked):
        return False
    if similar(one.title, two.title) >= 0.6:
        return True
    both_open = one.status in OPEN and two.status in OPEN
    theme = _words(f"{one.theme} {DEFAULT_THEMES.get(one.theme or '', '')}")
    tags = {t for t in one.tags if not _words(t) <= theme} & set(two.tags)
    return both_open and bool(tags) and not (one.links and two.links)


def _words(text: str) -> set[str]:
    """Tags that only repeat the theme ("cloud" in Infrastructuur & cloud) say nothing more."""
    return {w for w in re.split(r"[^0-9a-z]+", text.casefold()) if w}


def findings(board: Board) -> dict[str, list[str]]:
    """Human ids of the records that make each misalignment (a)–(j), as computed from the board."""
    amb, road = board.ambitions, board.roadmap
    linked = {key for a in amb.values() for key in a.linked}
    out: dict[str, list[str]] = {}
    out["a"] = [
        k
        for k, a in amb.items()
        if a.status in (Status.PLANNED, Status.IN_PROGRESS) and not a.links
    ]
    out["b"] = [
        k for k, r in road.items() if k not in linked and r.status is not RoadmapStatus.DROPPED
    ]
    load = quarter_load(board)
    out["c"] = [
        q for q, total in load.items() if total > (board.capacity_for(Quarter.parse(q)) or 0)
    ]
    out["d"] = [k for k, a in amb.items() if a.conflicts and a.decision is None]
    pairs = {
        frozenset((k1, k2))
        for k1, a1 in amb.items()
        for k2, a2 in amb.items()
        if k1 < k2 and _alike(a1, a2)
    }
    out["e"] = sorted({k for pair in pairs for k in pair})
    out["f"] = [
        k for k, a in amb.items() if a.status is Status.PARKED and a.review and a.review < TODAY
    ]
    out["g"] = [
        k
        for k, r in road.items()
        for dep in r.depends_on
        if road[dep].status is not RoadmapStatus.DROPPED and r.start <= road[dep].end
    ]
    out["h"] = [
        k
        for k, a in amb.items()
        for ref in a.linked
        if a.wanted_by is not None and a.wanted_by < road[ref].end
    ]
    out["i"] = [
        k
        for k, r in road.items()
        if any(road[d].status is RoadmapStatus.DROPPED for d in r.depends_on)
    ]
    last = last_event(board)
    out["j"] = [k for k in amb if last[k].date() < STALE_BEFORE]
    shares = costs.asks_pays(board)
    widest = max(shares, key=lambda row: row.gap)
    flagged = [row.code for row in shares if row.flagged(board.meta.thresholds.asks_pays_limit)]
    out["k"] = flagged if flagged == [widest.code] else [*flagged, f"(widest {widest.code})"]
    return {letter: sorted(_ident(letter, k) for k in keys) for letter, keys in out.items()}


ROADMAP_LETTERS = frozenset("bgi")


def _ident(letter: str, key: str) -> str:
    if letter in "ck":
        return key
    return human_id("roadmap" if letter in ROADMAP_LETTERS else "ambitions", key)


EXPECTED = {
    "a": ["ris-vlw", "printers-ams", "intranet-hgw"],
    "b": ["r-rpa", "r-cbw", "r-laptops"],
    "c": ["2027-Q3"],
    "d": ["ipad-hgw"],
    "e": ["chatbot-lks", "chatbot-vlw", "chatbot-scr", "chatbot-zdl"],
    "f": ["lantaarn-ams"],
    "g": ["r-kcs"],
    "h": ["zaak-ams"],
    "i": ["r-mor"],
    "j": ["vergadersysteem-hgw", "bag-zdl"],
    "k": ["GM1996"],
}
"""Which records (by slug) must make each misalignment, and no others."""


def check(board: Board, keys: dict[str, str]) -> dict[str, list[str]]:
    """Fail loudly when the board does not carry exactly the intended misalignments."""
    found = findings(board)
    for letter, slugs in EXPECTED.items():
        want = sorted(_ident(letter, keys.get(s, s)) for s in slugs)
        if found[letter] != want:
            raise SystemExit(f"misalignment ({letter}): expected {want}, found {found[letter]}")
    statuses = {a.status for a in board.ambitions.values()}
    missing = set(Status) - statuses
    if missing:
        raise SystemExit(f"no card in status {sorted(missing)}")
    if set(board.capacity) != set(QUARTERS):
        raise SystemExit("capacity must cover exactly the eight roadmap quarters")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default=str(DEFAULT_OUTPUT), help="board file")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing")
    args = parser.parse_args(argv)
    board, keys = build()
    found = check(board, keys)
    path = Path(args.output)
    path.unlink(missing_ok=True)
    BoardStore(path).create(board)
    if not args.quiet:
        print(
            f"wrote {path}: {len(board.ambitions)} ambitions, {len(board.roadmap)} roadmap items,"
            f" {len(board.events)} events"
        )
        for letter, ids in found.items():
            print(f"({letter}) " + "; ".join(f"{i} {_title(board, i)}".strip() for i in ids))
    return 0


def _title(board: Board, ident: str) -> str:
    if ident.startswith("A-"):
        return board.ambitions[ident[2:]].title
    if ident.startswith("R-"):
        return board.roadmap[ident[2:]].title
    return ""


if __name__ == "__main__":
    sys.exit(main())
