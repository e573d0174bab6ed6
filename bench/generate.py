"""Generate a large synthetic board for benchmarks.

    python bench/generate.py --ambitions 5000 [--roadmap 200] [--municipalities 12] [--seed 1]
                             [--events N] -o /tmp/big.json

Records are built directly as model objects into a `regietui.model.Board` (validated by the
models, but without going through `ops` for every card), then written with
`BoardStore.create`, so the file has exactly the format of a real board and passes
`regietui validate`. The same arguments always give the same file.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from regietui.cli import DEFAULT_THEMES
from regietui.model import (
    COMMITTED,
    EVENT_KEY_LENGTH,
    Ambition,
    Board,
    Capacity,
    CapacityUnit,
    Decision,
    Event,
    Link,
    Meta,
    Municipality,
    Quarter,
    RoadmapItem,
    Standard,
    Status,
    Theme,
    new_key,
)
from regietui.store import BoardStore

FIRST_QUARTER = Quarter(2026, 3)
QUARTERS = 12

PREFIXES = ["Ooster", "Wester", "Noorder", "Zuider", "Hoog", "Laag", "Nieuw", "Oud", "Groot"]
STEMS = ["hout", "veen", "dam", "wijk", "broek", "meer", "horst", "rade", "dijk", "berg", "zijl"]
ACTIONS = [
    "Vervanging",
    "Invoering",
    "Verbetering",
    "Digitalisering",
    "Koppeling",
    "Aanbesteding",
    "Pilot",
    "Uitbreiding",
    "Migratie",
    "Verkenning",
]
SUBJECTS = [
    "zaaksysteem",
    "website",
    "e-diensten",
    "klantcontactsysteem",
    "werkplekken",
    "telefonie",
    "archief",
    "BRP-koppeling",
    "GIS-viewer",
    "financieel pakket",
    "raadsinformatiesysteem",
    "wifi",
    "chatbot",
    "datawarehouse",
    "toegangsbeheer",
    "parkeervergunningen",
    "meldingen openbare ruimte",
    "Woo-publicatie",
    "VTH-applicatie",
    "sociaal-domeinpakket",
]
QUALIFIERS = ["", "", "", " voor burgerzaken", " voor de raad", " in de buitendienst", " (fase 2)"]
TAGS = ["cloud", "api", "privacy", "data", "raad", "kcc", "saas", "bio", "woo", "mobiel"]
AUTHORS = ["Marieke de Vries", "Joost van der Linden", "Fatima El Amrani", "Sanne Bakker"]
TYPES = ["project", "service", "lifecycle", "legal", "national"]
ROADMAP_STATUSES = ["draft", "adopted", "adopted", "running", "running", "delivered", "dropped"]
STATUS_WEIGHTS = {
    Status.WISH: 25,
    Status.EXPLORING: 12,
    Status.DECIDING: 8,
    Status.PLANNED: 15,
    Status.IN_PROGRESS: 10,
    Status.DONE: 12,
    Status.PARKED: 6,
    Status.REJECTED: 5,
    Status.WITHDRAWN: 4,
    Status.LOCAL: 3,
}
EPOCH = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


def generate(
    ambitions: int,
    roadmap: int = 200,
    municipalities: int = 12,
    seed: int = 1,
    events: int | None = None,
) -> Board:
    """A valid board with the given numbers of records (events default to one per ambition)."""
    rng = random.Random(seed)
    munis = _municipalities(rng, municipalities)
    themes = {key: Theme(name=name) for key, name in DEFAULT_THEMES.items()}
    standards: dict[str, Standard] = {}
    for title in (
        "Standaardwerkplek is Windows; geen beheer van iOS-apparaten",
        "Hosting in de EU: SaaS of de gezamenlijke Nederlandse cloud",
        "Common Ground: gegevens via API's bij de bron, geen kopieën",
    ):
        standards[new_key(standards, rng=rng)] = Standard(title=title)
    items = _roadmap(rng, roadmap, list(themes))
    capacity = {
        str(FIRST_QUARTER + i): Capacity(amount=rng.randrange(2000, 4000, 100))
        for i in range(QUARTERS)
    }
    cards = _ambitions(rng, ambitions, list(munis), list(themes), list(standards), list(items))
    history = _events(rng, cards, ambitions if events is None else events)
    return Board(
        meta=Meta(name=f"Synthetisch ({ambitions} ambities)", capacity_unit=CapacityUnit.HOURS),
        municipalities=munis,
        themes=themes,
        standards=standards,
        ambitions=cards,
        roadmap=items,
        capacity=capacity,
        events=history,
    )


def _municipalities(rng: random.Random, count: int) -> dict[str, Municipality]:
    names = [p + s for p in PREFIXES for s in STEMS]
    rng.shuffle(names)
    names += [f"Gemeente {i}" for i in range(len(names), count)]
    share = round(1 / count, 4)
    out: dict[str, Municipality] = {}
    shorts: set[str] = set()
    for i in range(count):
        name = names[i]
        short = name[:3].upper()
        if short in shorts:
            short = f"{short[:2]}{i % 100:02d}"
        shorts.add(short)
        cost = share if i < count - 1 else round(1 - share * (count - 1), 4)
        out[f"GM{1000 + 7 * i:04d}"] = Municipality(
            name=name,
            short=short,
            inhabitants=rng.randrange(8000, 120000, 100),
            workstations=rng.randrange(80, 1500, 10),
            information_manager=rng.choice(AUTHORS),
            cost_share=max(cost, 0.0),
        )
    return out


def _title(rng: random.Random) -> str:
    return f"{rng.choice(ACTIONS)} {rng.choice(SUBJECTS)}{rng.choice(QUALIFIERS)}"


def _roadmap(rng: random.Random, count: int, themes: list[str]) -> dict[str, RoadmapItem]:
    out: dict[str, RoadmapItem] = {}
    keys: list[str] = []
    for _ in range(count):
        start = FIRST_QUARTER + rng.randrange(QUARTERS - 1)
        end = start + rng.randrange(min(6, QUARTERS - (start - FIRST_QUARTER)))
        deps: list[str] = []
        if keys and rng.random() < 0.3:
            deps = rng.sample(keys, k=min(len(keys), rng.randint(1, 2)))
        key = new_key(out, rng=rng)
        out[key] = RoadmapItem(
            title=_title(rng),
            description="Synthetisch roadmapitem voor benchmarks.",
            theme=rng.choice(themes),
            type=rng.choice(TYPES),
            start=start,
            end=end,
            effort=rng.randrange(40, 600, 10),
            cost_once=rng.randrange(0, 500000, 5000),
            depends_on=tuple(deps),
            status=rng.choice(ROADMAP_STATUSES),
            owner=rng.choice(AUTHORS),
        )
        keys.append(key)  # depends only on earlier items: never a cycle
    return out


def _ambitions(
    rng: random.Random,
    count: int,
    munis: list[str],
    themes: list[str],
    standards: list[str],
    roadmap: list[str],
) -> dict[str, Ambition]:
    statuses = list(STATUS_WEIGHTS)
    weights = list(STATUS_WEIGHTS.values())
    out: dict[str, Ambition] = {}
    for _ in range(count):
        status = rng.choices(statuses, weights)[0]
        fields: dict[str, Any] = {
            "municipality": rng.choice(munis),
            "title": _title(rng),
            "description": "Synthetische ambitie: een gemeente wil dit graag geregeld zien.",
            "theme": rng.choice(themes),
            "status": status,
            "reason": rng.choice(["law", "coalition", "replacement", "own_wish"]),
            "priority": rng.choice(["must", "should", "could", "wont"]),
            "value": rng.randint(1, 5),
            "effort": rng.randrange(10, 400, 10),
            "wanted_by": FIRST_QUARTER + rng.randrange(QUARTERS),
            "cost_once": rng.randrange(0, 100000, 500),
            "cost_yearly": rng.randrange(0, 30000, 500),
            "funding": rng.choice(["own", "shared", "unknown"]),
            "tags": tuple(rng.sample(TAGS, k=rng.randint(0, 3))),
            "owner": rng.choice(AUTHORS),
        }
        if roadmap and status in COMMITTED:
            linked = rng.sample(roadmap, k=min(len(roadmap), rng.randint(1, 2)))
            fields["links"] = tuple(
                Link(roadmap=r, coverage=rng.choice(["full", "partial"])) for r in linked
            )
        if standards and rng.random() < 0.03:
            fields["conflicts"] = (rng.choice(standards),)
        if status in COMMITTED or (status is Status.REJECTED and rng.random() < 0.5):
            fields["decision"] = Decision(
                date=date(2026, 1, 1) + timedelta(days=rng.randrange(320)),
                body=rng.choice(["steering", "db", "ab", "alv"]),
                text="Besloten in de vergadering.",
            )
        if status is Status.PARKED:
            fields["review"] = date(2026, 6, 1) + timedelta(days=rng.randrange(540))
        if status in (Status.REJECTED, Status.WITHDRAWN, Status.LOCAL):
            fields["status_reason"] = "Synthetische reden."
        out[new_key(out, rng=rng)] = Ambition(**fields)
    return out


def _events(rng: random.Random, cards: dict[str, Ambition], count: int) -> dict[str, Event]:
    """One `add` event per card first, then moves: about what a year of use leaves behind."""
    out: dict[str, Event] = {}
    keys = list(cards)
    if not keys:
        return out
    flow = list(STATUS_WEIGHTS)
    for i in range(count):
        key = keys[i % len(keys)]
        card = cards[key]
        at = EPOCH + timedelta(minutes=rng.randrange(0, 320 * 24 * 60))
        if i < len(keys):
            action, changes = "add", {"status": (None, "wish"), "title": (None, card.title)}
        else:
            old, new = rng.sample(flow, 2)
            action, changes = "move", {"status": (old.value, new.value)}
        out[new_key(out, EVENT_KEY_LENGTH, rng)] = Event(
            at=at,
            author=rng.choice(AUTHORS),
            action=action,
            table="ambitions",
            record=key,
            title=card.title,
            changes=changes,
        )
    return out


def write(board: Board, path: Path | str) -> Path:
    """Write `board` as a new board file, replacing whatever was there."""
    path = Path(path)
    path.unlink(missing_ok=True)
    BoardStore(path).create(board)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ambitions", type=int, default=1000)
    parser.add_argument("--roadmap", type=int, default=200)
    parser.add_argument("--municipalities", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--events", type=int, help="number of events (default: one per ambition)")
    parser.add_argument("-o", "--output", required=True, help="board file to write")
    args = parser.parse_args(argv)
    if args.municipalities < 1:
        parser.error("--municipalities must be at least 1")
    started = time.perf_counter()
    board = generate(args.ambitions, args.roadmap, args.municipalities, args.seed, args.events)
    path = write(board, args.output)
    elapsed = time.perf_counter() - started
    print(
        f"wrote {path}: {len(board.ambitions)} ambitions, {len(board.roadmap)} roadmap items,"
        f" {len(board.municipalities)} municipalities, {len(board.events)} events"
        f" ({path.stat().st_size / 1e6:.1f} MB) in {elapsed:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
