"""The board's domain model: pydantic records and enums, no I/O.

A `Board` holds every record kind in a dict keyed by its document key (the TinyDB document id in
the file). Records are frozen: operations build new records and new boards, so an old board is a
free undo snapshot and the TUI can compare before and after cheaply.
"""

from __future__ import annotations

import dataclasses
import math
import re
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from functools import total_ordering
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic_core import core_schema

SCHEMA_VERSION = 2
"""The newest file format this regietui reads. 2: roadmap items may carry a cost `allocation` and
the board a default `cost_key`. A board is written with the lowest version that holds it
(`schema_needed`), so a file without allocations stays readable by a regietui that knows only 1,
and one with allocations is refused there with "upgrade regietui" instead of a field error."""

# Keys avoid look-alike characters so ids can be read aloud in a meeting.
KEY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
_ALPHABET = frozenset(KEY_ALPHABET)
KEY_LENGTH = 5
EVENT_KEY_LENGTH = 10
MAX_KEY_LENGTH = 32
"""Random keys in a file may be longer than the ones we draw (old boards, scripts), never longer."""

YEARS = range(1900, 3000)
"""The years a quarter or a date on a board can lie in: every date derived from them (a quarter's
last day, a report's span) stays representable, and a mistyped year (`0999`) is refused."""

MAX_DEPTH = 32
"""How deeply values inside a record may nest (an event's `changes` hold a few levels at most)."""
LARGEST = 2**63
"""Whole numbers stay below this (any JSON reader holds them; no count on a board comes near)."""

_CONTROL = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window titles, hyperlinks
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor movement
    r"|[\x00-\x09\x0b-\x1f\x7f-\x9f]"  # any other C0/C1 control (newline kept)
)


def strip_control(text: str) -> str:
    """Drop terminal control characters (keeping newlines) so user text can't drive the terminal."""
    return _CONTROL.sub("", text)


def storable(value: Any) -> None:
    """Raise ValueError if `value` holds text that UTF-8 cannot store (a lone surrogate), a number
    JSON cannot hold (NaN, infinity) or larger than LARGEST, or nests deeper than MAX_DEPTH: what
    the file cannot hold, the model does not accept. No recursion, so the depth of hostile input
    cannot crash it."""
    pending: list[tuple[Any, int]] = [(value, 0)]
    while pending:
        item, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise ValueError(f"values nest more than {MAX_DEPTH} levels deep")
        if isinstance(item, str):
            encodable(item)
        elif isinstance(item, float) and not math.isfinite(item):
            raise ValueError(f"{item} is not a number a board can hold")
        elif isinstance(item, int) and not -LARGEST < item < LARGEST:
            raise ValueError(f"a number of {len(str(abs(item)))} digits is too large")
        elif isinstance(item, dict):
            pending += [(k, depth + 1) for k in item]
            pending += [(v, depth + 1) for v in item.values()]
        elif isinstance(item, (list, tuple)):
            pending += [(v, depth + 1) for v in item]


def encodable(text: str) -> str:
    """`text` if UTF-8 can store it, else ValueError naming the character (a lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        code = ord(text[err.start])
        raise ValueError(
            f"holds a character UTF-8 cannot store (U+{code:04X} at position {err.start})"
        ) from None
    return text


def printable(text: str, limit: int = 40) -> str:
    """A quoted form of untrusted text that is safe to show anywhere: control characters, bidi
    overrides and the like escaped (repr), and cut at `limit` characters."""
    shown = repr(text[:limit])
    return shown + "…" if len(text) > limit else shown


def _clean_line(value: Any) -> Any:
    if isinstance(value, str):
        if value.isprintable():  # the common case, at C speed: see `_clean_text`
            return value.strip()
        return encodable(strip_control(value).replace("\n", " ").strip())
    return value


def _clean_text(value: Any) -> Any:
    """Text without terminal control characters, trimmed; ValueError if UTF-8 cannot store it.

    Printable text (`str.isprintable`) holds no control character, newline or lone surrogate,
    so cleaning it is just the trim: loading a board does this for every text field."""
    if isinstance(value, str):
        if value.isprintable():
            return value.strip()
        return encodable(strip_control(value).strip())
    return value


Line = Annotated[str, BeforeValidator(_clean_line)]
"""A single line of user text: control characters and newlines removed."""
Title = Annotated[str, BeforeValidator(_clean_line), Field(min_length=1, max_length=200)]
Text = Annotated[str, BeforeValidator(_clean_text)]


def _utc(value: datetime) -> datetime:
    try:
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    except OverflowError:
        raise ValueError(f"{value.isoformat()} is out of range in UTC") from None


def in_years(day: date) -> date:
    """A date within YEARS, or ValueError saying so."""
    if day.year not in YEARS:
        raise ValueError(f"{day.isoformat()} is outside the years {YEARS[0]}-{YEARS[-1]}")
    return day


def _unique(values: tuple[Any, ...]) -> tuple[Any, ...]:
    seen: set[Any] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{printable(str(value))} appears twice")
        seen.add(value)
    return values


Day = Annotated[date, AfterValidator(in_years)]
"""A date on the board (review, decision): within YEARS."""
Keys = Annotated[tuple[str, ...], AfterValidator(_unique)]
"""References to other records: each at most once."""
Tags = Annotated[tuple[Line, ...], AfterValidator(_unique)]


UtcTime = Annotated[datetime, AfterValidator(_utc)]
"""A moment, always in UTC (a time without zone counts as UTC), so event times always compare."""


def new_key(existing: Iterable[str] = (), length: int = KEY_LENGTH, rng: Any = None) -> str:
    """A random document key not in `existing`.

    Random (not sequential) keys are what lets two git branches add records without colliding,
    and spreads new lines across the file so plain `git merge` rarely sees adjacent edits.
    """
    taken = existing if isinstance(existing, (set, dict, frozenset)) else set(existing)
    choice = rng.choice if rng is not None else secrets.choice
    while True:
        key = "".join(choice(KEY_ALPHABET) for _ in range(length))
        if key not in taken:
            return key


QUARTERS_REMEMBERED = 4096
"""How many quarters (as written) validation remembers: a Quarter is never changed once made,
so the records that name the same quarter share one."""


@total_ordering
class Quarter:
    """A calendar quarter such as `2027-Q1`, ordered and with arithmetic in quarters."""

    __slots__ = ("q", "year")
    PATTERN: ClassVar[re.Pattern[str]] = re.compile(r"^\s*(\d{4})\s*-?\s*[Qq]([1-4])\s*$")

    def __init__(self, year: int, q: int) -> None:
        if not 1 <= q <= 4:
            raise ValueError(f"quarter must be 1-4, not {q}")
        self.year = year
        self.q = q

    @classmethod
    def parse(cls, text: str) -> Quarter:
        match = cls.PATTERN.match(text)
        if not match:
            raise ValueError(f"{printable(text)} is not a quarter like 2027-Q1")
        if int(match[1]) not in YEARS:
            raise ValueError(f"{text.strip()} is outside the years {YEARS[0]}-{YEARS[-1]}")
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def index(self) -> int:
        return self.year * 4 + self.q - 1

    @classmethod
    def from_index(cls, index: int) -> Quarter:
        return cls(index // 4, index % 4 + 1)

    def __add__(self, quarters: int) -> Quarter:
        return Quarter.from_index(self.index + quarters)

    def __sub__(self, other: Quarter | int) -> Any:
        if isinstance(other, Quarter):
            return self.index - other.index
        return Quarter.from_index(self.index - other)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Quarter) and self.index == other.index

    def __lt__(self, other: Quarter) -> bool:
        return self.index < other.index

    def __hash__(self) -> int:
        return hash(self.index)

    def __str__(self) -> str:
        return f"{self.year:04d}-Q{self.q}"

    def __repr__(self) -> str:
        return f"Quarter({self})"

    def first_day(self) -> date:
        return date(self.year, 3 * self.q - 2, 1)

    def last_day(self) -> date:
        nxt = (self + 1).first_day()
        return date.fromordinal(nxt.toordinal() - 1)

    @classmethod
    def span(cls, start: Quarter, end: Quarter) -> list[Quarter]:
        return [cls.from_index(i) for i in range(start.index, end.index + 1)]

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> Any:
        parsed: dict[str, Quarter] = {}  # a board names a few dozen quarters thousands of times

        def validate(value: Any) -> Quarter:
            if isinstance(value, Quarter):
                return value
            if isinstance(value, str):
                quarter = parsed.get(value)
                if quarter is None:
                    quarter = cls.parse(value)
                    if len(parsed) < QUARTERS_REMEMBERED:
                        parsed[value] = quarter
                return quarter
            raise ValueError("a quarter is written like 2027-Q1")

        return core_schema.no_info_plain_validator_function(
            validate, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )


class Status(StrEnum):
    WISH = "wish"
    EXPLORING = "exploring"
    DECIDING = "deciding"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    PARKED = "parked"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    LOCAL = "local"


FLOW: tuple[Status, ...] = (
    Status.WISH,
    Status.EXPLORING,
    Status.DECIDING,
    Status.PLANNED,
    Status.IN_PROGRESS,
    Status.DONE,
)
"""The main columns, left to right."""
SIDE: tuple[Status, ...] = (Status.PARKED, Status.REJECTED, Status.WITHDRAWN, Status.LOCAL)
"""Side columns: decided not to pursue (now)."""
COMMITTED: frozenset[Status] = frozenset({Status.PLANNED, Status.IN_PROGRESS, Status.DONE})
"""Statuses at which the cooperative has committed to deliver, so a roadmap link is expected."""
OPEN: frozenset[Status] = frozenset(
    {Status.WISH, Status.EXPLORING, Status.DECIDING, Status.PLANNED, Status.IN_PROGRESS}
)
"""Ambitions still being pursued."""
INACTIVE: frozenset[Status] = frozenset({Status.REJECTED, Status.WITHDRAWN, Status.LOCAL})
"""Ambitions the cooperative will not deliver."""
STATUS_RANK: dict[Status, int] = {status: index for index, status in enumerate((*FLOW, *SIDE))}
"""Each status's place: the flow left to right, then the side columns."""


class Reason(StrEnum):
    """Why a municipality wants it (aanleiding)."""

    LAW = "law"
    COALITION = "coalition"
    REPLACEMENT = "replacement"
    OWN_WISH = "own_wish"


class Priority(StrEnum):
    MUST = "must"
    SHOULD = "should"
    COULD = "could"
    WONT = "wont"


class Funding(StrEnum):
    OWN = "own"
    SHARED = "shared"
    UNKNOWN = "unknown"


class Coverage(StrEnum):
    FULL = "full"
    PARTIAL = "partial"


class Body(StrEnum):
    """Who decided: steering committee (stuurgroep), daily board (DB), general board (AB), ALV."""

    STEERING = "steering"
    DB = "db"
    AB = "ab"
    ALV = "alv"


class RoadmapType(StrEnum):
    PROJECT = "project"
    SERVICE = "service"
    LIFECYCLE = "lifecycle"
    LEGAL = "legal"
    NATIONAL = "national"


class RoadmapStatus(StrEnum):
    DRAFT = "draft"
    ADOPTED = "adopted"
    RUNNING = "running"
    DELIVERED = "delivered"
    DROPPED = "dropped"


class CapacityUnit(StrEnum):
    HOURS = "hours"
    FTE = "fte"
    POINTS = "points"


class Stored(BaseModel):
    """Base of everything stored: strict about unknown fields, immutable once built, and holding
    only what the file can hold and read back: finite numbers (here), text UTF-8 can store (the
    text types), shallow values (`Event.changes`)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Record(Stored):
    """Base of every stored record (a document in a table)."""

    model_config = ConfigDict(validate_default=False)

    def to_doc(self) -> dict[str, Any]:
        """The JSON document stored in the file (None fields left out to keep lines short)."""
        return self.model_dump(mode="json", exclude_none=True)


class Thresholds(Stored):
    """Tunable limits for the alignment checks, stored per board."""

    stale_days: int = Field(90, ge=1, le=36500)
    similarity: float = Field(0.6, gt=0, le=1)
    capacity_warning: float = Field(1.0, gt=0)
    share_tolerance: float = Field(0.1, ge=0)
    asks_pays: float | None = Field(None, ge=0)
    """How far a municipality's share of the costs may lie from its share of the demand being
    delivered, relative to that demand share (0.25: asking 20 % and paying 25 % is still fine);
    None: ASKS_PAYS. Left out of the file unless set, so schema 1 readers still read it."""

    @property
    def asks_pays_limit(self) -> float:
        return ASKS_PAYS if self.asks_pays is None else self.asks_pays


ASKS_PAYS = 0.25
"""The default `asks_pays` threshold."""


class Basis(StrEnum):
    """What a cost allocation weighs municipalities by (verdeelsleutel)."""

    EQUAL = "equal"
    INHABITANTS = "inhabitants"
    WORKSTATIONS = "workstations"
    SHARE = "share"
    """The municipality's explicit `cost_share`."""


class Payers(StrEnum):
    """Who pays for a roadmap item: everyone (basic package), or only some (plus package)."""

    ALL = "all"
    SERVED = "served"
    """The municipalities whose ambitions the item serves (withdrawn, rejected, local aside)."""
    LISTED = "listed"
    """The municipalities in `members`."""


Weight = Annotated[float, Field(ge=0, le=10**9)]


class Allocation(Stored):
    """How a roadmap item's costs are split (see `regietui.costs`): a mix of bases by weight
    (`{"equal": 30, "inhabitants": 70}`) over the payers, or a fixed table of weights per
    municipality (CBS code), which names its payers itself."""

    weights: dict[Basis, Weight] = {}
    table: dict[str, Weight] = {}
    payers: Payers = Payers.ALL
    members: Keys = ()

    @model_validator(mode="after")
    def _one_way(self) -> Allocation:
        if bool(self.weights) == bool(self.table):
            raise ValueError("give either weights by basis or a fixed table, not both or neither")
        if not sum((self.weights or self.table).values()):
            raise ValueError("the weights add up to nothing")
        if self.table and (self.payers is not Payers.ALL or self.members):
            raise ValueError("a fixed table names its own municipalities; leave out the payers")
        if (self.payers is Payers.LISTED) != bool(self.members):
            raise ValueError("listed payers need members, and members need payers 'listed'")
        return self

    @model_serializer(mode="wrap")
    def _short(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """Only what was chosen: `{"weights": {"equal": 1.0}}`, not every empty default."""
        doc = handler(self)
        return {k: v for k, v in doc.items() if v not in ({}, (), [], "all", Payers.ALL)}

    @property
    def municipalities(self) -> tuple[str, ...]:
        """The municipalities it names (table and members): references to keep whole."""
        return (*self.table, *self.members)


class Meta(Record):
    schema_version: int = Field(1, ge=1, le=SCHEMA_VERSION)
    name: Title = "Board"
    capacity_unit: CapacityUnit = CapacityUnit.HOURS
    thresholds: Thresholds = Thresholds()
    cost_key: Allocation | None = None
    """The board's default allocation; None: by each municipality's cost share, over all."""


class Municipality(Record):
    name: Title
    short: Annotated[str, BeforeValidator(_clean_line), Field(min_length=1, max_length=4)]
    inhabitants: int | None = Field(None, ge=0, le=10**9)
    workstations: int | None = Field(None, ge=0, le=10**9)
    information_manager: Line | None = None
    cost_share: float | None = Field(None, ge=0, le=1)


class Theme(Record):
    name: Title


class Standard(Record):
    title: Title
    description: Text = ""


class Link(Stored):
    roadmap: str
    coverage: Coverage = Coverage.FULL


class Decision(Stored):
    date: Day
    body: Body
    text: Text = Field(min_length=1)


class Ambition(Record):
    municipality: str
    title: Title
    description: Text = ""
    theme: str | None = None
    status: Status = Status.WISH
    status_reason: Text | None = None
    reason: Reason | None = None
    priority: Priority | None = None
    value: int | None = Field(None, ge=1, le=5)
    effort: float | None = Field(None, ge=0)
    wanted_by: Quarter | None = None
    cost_once: float | None = Field(None, ge=0)
    cost_yearly: float | None = Field(None, ge=0)
    funding: Funding = Funding.UNKNOWN
    conflicts: Keys = ()
    links: tuple[Link, ...] = ()
    decision: Decision | None = None
    review: Day | None = None
    tags: Tags = ()
    owner: Line | None = None

    @model_validator(mode="after")
    def _status_rules(self) -> Ambition:
        if self.status is Status.PARKED and self.review is None:
            raise ValueError("a parked ambition needs a review date (review)")
        if self.status is Status.REJECTED and not self.status_reason:
            raise ValueError("a rejected ambition needs a reason (status_reason)")
        if len(self.links) > 1 and len({link.roadmap for link in self.links}) != len(self.links):
            raise ValueError("links name the same roadmap item twice")
        return self

    @property
    def linked(self) -> tuple[str, ...]:
        return tuple(link.roadmap for link in self.links)

    @property
    def unlinked_commitment(self) -> bool:
        """Planned, in progress or done, but linked to no roadmap item (the ∅ on a card)."""
        return self.status in COMMITTED and not self.links


class RoadmapItem(Record):
    title: Title
    description: Text = ""
    theme: str | None = None
    type: RoadmapType = RoadmapType.PROJECT
    start: Quarter
    end: Quarter
    effort: float = Field(0, ge=0, description="effort per quarter, in the board's capacity unit")
    cost_once: float | None = Field(None, ge=0)
    cost_yearly: float | None = Field(None, ge=0)
    depends_on: Keys = ()
    status: RoadmapStatus = RoadmapStatus.DRAFT
    owner: Line | None = None
    allocation: Allocation | None = None
    """How its costs are split; None: the board's `cost_key`."""

    @model_validator(mode="after")
    def _end_after_start(self) -> RoadmapItem:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self

    @property
    def quarters(self) -> list[Quarter]:
        return Quarter.span(self.start, self.end)


class Capacity(Record):
    amount: float = Field(ge=0)


SCENARIO_TABLES: tuple[str, ...] = ("ambitions", "roadmap", "capacity")
"""What a scenario may change: ambitions (plan, park, link), roadmap items and capacity."""


class ScenarioChange(BaseModel):
    """One record as a scenario has it: each changed field as (the plan's value when the scenario
    changed it, the scenario's value), in JSON form like an event's changes. `added`: a record the
    plan does not have (its fields are all of it); `removed`: the scenario drops the record."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    table: str
    record: str
    fields: dict[str, tuple[Any, Any]] = {}
    added: bool = False
    removed: bool = False

    @model_validator(mode="after")
    def _known(self) -> ScenarioChange:
        if self.table not in SCENARIO_TABLES:
            raise ValueError(f"a scenario cannot change {self.table!r}")
        unknown = sorted(set(self.fields) - set(TABLES[self.table].model_fields))
        if unknown:
            raise ValueError(f"{NOUNS[self.table]} has no field {unknown[0]!r}")
        if self.added and self.removed:
            raise ValueError("a change cannot both add and remove a record")
        return self


class Scenario(Record):
    """A named what-if on top of the plan: one line in the file per scenario, so two people
    working on two scenarios never touch the same line. See `regietui.scenario`."""

    name: Title
    description: Text = ""
    author: Line | None = None
    created: date | None = None
    changes: tuple[ScenarioChange, ...] = ()

    @model_validator(mode="after")
    def _one_change_per_record(self) -> Scenario:
        places = [(c.table, c.record) for c in self.changes]
        if len(set(places)) != len(places):
            raise ValueError("changes name the same record twice")
        return self


class Event(Record):
    """One entry of the append-only history: who changed what, from what to what."""

    at: UtcTime
    author: Line
    action: Line
    table: Annotated[str, AfterValidator(encodable)]
    record: Annotated[str, AfterValidator(encodable)]
    title: Line = ""
    changes: dict[str, tuple[Any, Any]] = {}
    text: Text | None = None

    @field_validator("changes", mode="before")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        storable(value)
        return value


TABLES: dict[str, type[Record]] = {
    "meta": Meta,
    "municipalities": Municipality,
    "themes": Theme,
    "standards": Standard,
    "ambitions": Ambition,
    "roadmap": RoadmapItem,
    "capacity": Capacity,
    "scenarios": Scenario,
    "events": Event,
}
"""Every table in the file, in file order, with its record type."""

PREFIXES: dict[str, str] = {"ambitions": "A", "roadmap": "R", "standards": "S", "scenarios": "W"}
"""Human id prefixes: `A-3f9kq` is ambition key `3f9kq`."""

META_KEY = "board"

NOUNS: dict[str, str] = {
    "municipalities": "municipality",
    "themes": "theme",
    "standards": "standard",
    "ambitions": "ambition",
    "roadmap": "roadmap item",
    "capacity": "quarter",
    "scenarios": "scenario",
    "events": "event",
    "meta": "board settings",
}


NATURAL_KEYS: dict[str, tuple[re.Pattern[str], str]] = {
    "municipalities": (re.compile(r"GM[0-9]{4}"), "a CBS code such as GM0363"),
    "themes": (re.compile(r"[a-z0-9][a-z0-9-]{0,39}"), "lower-case letters, digits and -"),
}
"""Tables keyed by a meaningful id instead of a random one, and what that id looks like."""


def natural_key(table: str, text: str) -> str:
    """Normalise and check a natural key (`gm0363` → `GM0363`); ValueError says what is wanted."""
    pattern, wanted = NATURAL_KEYS[table]
    key = text.strip().upper() if table == "municipalities" else text.strip().lower()
    if not pattern.fullmatch(key):
        raise ValueError(f"{printable(text)} is not a valid {NOUNS[table]} id: use {wanted}")
    return key


def key_problem(table: str, key: str) -> str | None:
    """Why `key` cannot be the key of a record in `table`, or None: what loading a file checks.

    Random keys use only KEY_ALPHABET, natural keys follow NATURAL_KEYS, capacity is keyed by
    its quarter as written in the file (`2027-Q1`) and the board settings by META_KEY."""
    if table == "meta":
        return None if key == META_KEY else f"the board settings are stored under {META_KEY!r}"
    if table in NATURAL_KEYS:
        pattern, wanted = NATURAL_KEYS[table]
        return None if pattern.fullmatch(key) else f"use {wanted}"
    if table == "capacity":
        try:
            quarter = Quarter.parse(key)
        except ValueError as err:
            return str(err)
        return None if str(quarter) == key else f"write it as {quarter}"
    if 1 <= len(key) <= MAX_KEY_LENGTH and set(key) <= _ALPHABET:
        return None
    return f"a key is 1 to {MAX_KEY_LENGTH} of the characters {KEY_ALPHABET}"


def human_id(table: str, key: str) -> str:
    prefix = PREFIXES.get(table)
    return f"{prefix}-{key}" if prefix else key


def id_table(ident: str) -> str | None:
    """The table a human id names (`R-8bd2x` → roadmap); None without a known prefix."""
    prefix, dash, _ = ident.strip().partition("-")
    if not dash:
        return None
    return next((table for table, p in PREFIXES.items() if p == prefix.upper()), None)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a board: where (table, record, field) and why."""

    table: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{NOUNS.get(self.table, self.table)} {human_id(self.table, self.record)}"
        if self.field == "record":
            return f"{where}: {self.message}"
        return f"{where}, field {self.field}: {self.message}"


@dataclass(frozen=True)
class Board:
    """A whole board in memory. Frozen: change it with `replace` / `with_record`."""

    meta: Meta = field(default_factory=Meta)
    municipalities: dict[str, Municipality] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
    standards: dict[str, Standard] = field(default_factory=dict)
    ambitions: dict[str, Ambition] = field(default_factory=dict)
    roadmap: dict[str, RoadmapItem] = field(default_factory=dict)
    capacity: dict[str, Capacity] = field(default_factory=dict)
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)

    def table(self, name: str) -> dict[str, Any]:
        if name == "meta":
            return {META_KEY: self.meta}
        return getattr(self, name)

    def with_record(self, table: str, key: str, record: Record | None) -> Board:
        """A new board with one record set (or removed when `record` is None)."""
        if table == "meta":
            assert isinstance(record, Meta)
            return _replace(self, meta=record)
        records = dict(getattr(self, table))
        if record is None:
            records.pop(key, None)
        else:
            records[key] = record
        return _replace(self, **{table: records})

    def tables(self) -> Iterator[tuple[str, dict[str, Any]]]:
        for name in TABLES:
            yield name, self.table(name)

    def docs(self) -> dict[str, dict[str, dict[str, Any]]]:
        """Every table as JSON documents, as stored in the file."""
        return {name: {k: r.to_doc() for k, r in recs.items()} for name, recs in self.tables()}

    def history(self, record: str | None = None) -> list[tuple[str, Event]]:
        """Events oldest first (keys are random, so the file order is not the time order)."""
        items = [
            (key, ev) for key, ev in self.events.items() if record is None or ev.record == record
        ]
        return sorted(items, key=lambda item: (item[1].at, item[0]))

    def serving(self, roadmap_key: str) -> list[str]:
        """Ambitions linked to a roadmap item (links are stored once, on the ambition)."""
        return [k for k, a in self.ambitions.items() if roadmap_key in a.linked]

    def capacity_for(self, quarter: Quarter) -> float | None:
        cap = self.capacity.get(str(quarter))
        return cap.amount if cap else None

    def record_problems(self, table: str, key: str, cycles: bool = True) -> list[Problem]:
        """What is wrong with one record's references (and the roadmap's cycles, if asked)."""
        found = list(_refs(self, table, key))
        if cycles and table == "roadmap":
            found += _cycle_problems(self)
        return found

    def problems(self) -> list[Problem]:
        """Everything that breaks a rule spanning records: references and dependency cycles."""
        return list(_reference_problems(self)) + list(_cycle_problems(self))


def schema_needed(board: Board) -> int:
    """The lowest file format that holds the board: 2 once costs are allocated (or the
    `asks_pays` threshold set), else 1."""
    allocated = (
        board.meta.cost_key is not None
        or board.meta.thresholds.asks_pays is not None
        or any(item.allocation is not None for item in board.roadmap.values())
    )
    return 2 if allocated else 1


def with_schema(board: Board) -> Board:
    """The board with `meta.schema_version` raised to what it needs (never lowered)."""
    needed = schema_needed(board)
    if board.meta.schema_version >= needed:
        return board
    return _replace(board, meta=board.meta.model_copy(update={"schema_version": needed}))


def _replace(board: Board, **changes: Any) -> Board:
    return dataclasses.replace(board, **changes)


def _reference_problems(board: Board) -> Iterator[Problem]:
    for table in ("ambitions", "roadmap", "capacity"):
        for key in board.table(table):
            yield from board.record_problems(table, key, cycles=False)


def references(table: str, record: Record) -> list[tuple[str, str, str]]:
    """What a record refers to, as (field, table, key): the links between records that deletes,
    validation and merges must keep whole."""
    if isinstance(record, Ambition):
        refs = [
            ("municipality", "municipalities", record.municipality),
            ("theme", "themes", record.theme),
            *(("conflicts", "standards", std) for std in record.conflicts),
            *(("links", "roadmap", ref) for ref in record.linked),
        ]
    elif isinstance(record, RoadmapItem):
        named = record.allocation.municipalities if record.allocation else ()
        refs = [
            ("theme", "themes", record.theme),
            *(("depends_on", "roadmap", dep) for dep in record.depends_on),
            *(("allocation", "municipalities", code) for code in named),
        ]
    else:
        refs = []
    return [(name, target, key) for name, target, key in refs if key is not None]


def _refs(board: Board, table: str, key: str) -> Iterator[Problem]:
    """Dangling references of one record."""
    record = board.table(table)[key]
    if isinstance(record, RoadmapItem) and key in record.depends_on:
        yield Problem(table, key, "depends_on", "an item cannot depend on itself")
    if table == "capacity":
        try:
            Quarter.parse(key)
        except ValueError as err:
            yield Problem(table, key, "key", str(err))
    for name, target, value in references(table, record):
        if value not in board.table(target) and (name, value) != ("depends_on", key):
            yield Problem(table, key, name, f"unknown {NOUNS[target]} {human_id(target, value)}")


def dependency_cycles(roadmap: dict[str, RoadmapItem]) -> list[list[str]]:
    """Each depends-on cycle once, as the keys around it, found from the smallest key.

    A depth-first walk with its own stack, not recursion: a board decides how long a chain of
    dependencies is, so it must not decide how deep Python's stack goes."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    found: list[list[str]] = []
    reported: set[frozenset[str]] = set()
    for root in sorted(roadmap):
        if root in state:
            continue
        state[root] = 1
        path, pending = [root], [iter(roadmap[root].depends_on)]
        while pending:
            dep = next(pending[-1], None)
            if dep is None:
                state[path.pop()] = 2
                pending.pop()
            elif dep not in roadmap or dep == path[-1]:
                continue
            elif state.get(dep) == 1:
                cycle = path[path.index(dep) :]
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    found.append(cycle)
            elif dep not in state:
                state[dep] = 1
                path.append(dep)
                pending.append(iter(roadmap[dep].depends_on))
    return found


CYCLE_SHOWN = 8
"""A longer dependency cycle is named by its first items and its length."""


def _cycle_problems(board: Board) -> Iterator[Problem]:
    """Report each depends-on cycle once, at its smallest key."""
    for cycle in dependency_cycles(board.roadmap):
        shown = [*cycle, cycle[0]] if len(cycle) <= CYCLE_SHOWN else [*cycle[:CYCLE_SHOWN], "…"]
        names = " → ".join(k if k == "…" else human_id("roadmap", k) for k in shown)
        if len(cycle) > CYCLE_SHOWN:
            names += f" ({len(cycle)} items)"
        yield Problem("roadmap", min(cycle), "depends_on", f"dependency cycle {names}")
