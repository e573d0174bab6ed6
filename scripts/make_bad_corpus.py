"""Write the hostile-input corpus `tests/data/bad/` and its `expected.toml`.

Usage: `python scripts/make_bad_corpus.py [FOLDER]` (default: tests/data/bad next to this folder).

Each file is one attack on regietui as an outside party could mount it through git or a shared
folder: broken JSON, a newer schema, values the file format cannot hold, nesting deep enough to
break a recursive parser, record keys and text full of terminal escape sequences, and so on.
`expected.toml` says what every command must answer: `[boards]` and `[imports]` map a file name
to a substring of its one-sentence error; `valid` lists boards that load (their hostile bytes
must come out inert). tests/test_bad_inputs.py runs every command on every file, and checks that
this script still writes exactly the committed corpus.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from copy import deepcopy
from pathlib import Path
from typing import Any

ESC = "\x1b"
CSI_RED = f"{ESC}[31m"
OSC_TITLE = f"{ESC}]0;pwned{chr(7)}"
C1_CSI = "\x9b2J"
BIDI = "\u202e"

AMB, ROAD, STD, EVENT = "3f9kq", "8bd2x", "2c4dm", "a2b3c4d5e6"

BASE: dict[str, dict[str, dict[str, Any]]] = {
    "ambitions": {
        AMB: {
            "municipality": "GM0363",
            "title": "iPads voor de raad",
            "status": "exploring",
            "theme": "werkplek",
            "conflicts": [STD],
            "links": [{"roadmap": ROAD, "coverage": "full"}],
            "tags": ["raad"],
            "wanted_by": "2027-Q2",
        }
    },
    "capacity": {"2027-Q1": {"amount": 400}},
    "events": {
        EVENT: {
            "at": "2027-01-04T09:30:00Z",
            "author": "Jan",
            "action": "edit",
            "table": "ambitions",
            "record": AMB,
            "title": "iPads voor de raad",
            "changes": {"status": ["wish", "exploring"]},
        }
    },
    "meta": {"board": {"name": "Coöperatie Test", "schema_version": 1}},
    "municipalities": {"GM0363": {"name": "Amsterdam", "short": "ADM"}},
    "roadmap": {
        ROAD: {"title": "Werkplek vernieuwen", "start": "2027-Q1", "end": "2027-Q4"},
    },
    "standards": {STD: {"title": "Werkplek is Windows"}},
    "themes": {"werkplek": {"name": "Werkplek & mobiel"}},
}


def board_text(tables: dict[str, Any]) -> str:
    """The canonical one-document-per-line layout (as regietui writes it)."""
    out = ["{"]
    names = sorted(tables)
    for index, name in enumerate(names):
        close = "}" if index == len(names) - 1 else "},"
        docs = tables[name]
        if not isinstance(docs, dict) or not docs:
            out.append(f"{json.dumps(name)}: {json.dumps(docs)}{close[1:]}")
            continue
        out.append(f"{json.dumps(name)}: {{")
        keys = sorted(docs)
        lines = [f"{json.dumps(k, ensure_ascii=False)}: {_dumps(docs[k])}" for k in keys]
        out.extend(f"{line}," for line in lines[:-1])
        out += [lines[-1], close]
    out.append("}")
    return "\n".join(out) + "\n"


def _dumps(doc: Any) -> str:
    return json.dumps(doc, ensure_ascii=False, sort_keys=True)


def mutated(change: Callable[[dict[str, Any]], None]) -> str:
    tables = deepcopy(BASE)
    change(tables)
    return board_text(tables)


def amb(**fields: Any) -> str:
    return mutated(lambda t: t["ambitions"][AMB].update(fields))


def road(**fields: Any) -> str:
    return mutated(lambda t: t["roadmap"][ROAD].update(fields))


def event(**fields: Any) -> str:
    return mutated(lambda t: t["events"][EVENT].update(fields))


def rekey(table: str, old: str, new: str) -> str:
    def change(tables: dict[str, Any]) -> None:
        tables[table][new] = tables[table].pop(old)

    return mutated(change)


def deep(depth: int) -> Any:
    value: Any = "bottom"
    for _ in range(depth):
        value = [value]
    return value


def chain(length: int, cycle: bool) -> str:
    """Roadmap items each depending on the next (and the last on the first, for a cycle)."""
    keys = [f"c{n:04d}".translate(str.maketrans("01", "xy")) for n in range(length)]

    def change(tables: dict[str, Any]) -> None:
        for index, key in enumerate(keys):
            after = keys[(index + 1) % length] if cycle or index + 1 < length else None
            item = {"title": key, "start": "2027-Q1", "end": "2027-Q4"}
            tables["roadmap"][key] = {**item, **({"depends_on": [after]} if after else {})}

    return mutated(change)


GOOD = board_text(BASE)
NESTED = '{"ambitions": {"3f9kq": {"title": ' + "[" * 5_000 + "]" * 5_000 + "}}}\n"

# file name → (content, substring of the error every command must print)
BOARDS: dict[str, tuple[str | bytes, str]] = {
    "empty.json": ("", "is empty"),
    "whitespace.json": ("  \n\t\n", "is empty"),
    "not-json.json": ("this is not a board\n", "invalid JSON"),
    "truncated.json": (GOOD[: len(GOOD) // 2], "invalid JSON"),
    "array.json": ("[]\n", "not a board"),
    "conflict-markers.json": (
        GOOD.replace('"ambitions": {\n', '"ambitions": {\n<<<<<<< HEAD\n=======\n>>>>>>> b\n', 1),
        "unresolved git conflict marker",
    ),
    "newer-schema.json": (
        mutated(lambda t: t["meta"]["board"].update(schema_version=99)),
        "written by a newer regietui",
    ),
    "schema-as-text.json": (
        mutated(lambda t: t["meta"]["board"].update(schema_version="1")),
        "schema_version must be a whole number",
    ),
    "unknown-table.json": (mutated(lambda t: t.update(extra={})), "unknown table 'extra'"),
    "unknown-table-escape.json": (
        mutated(lambda t: t.update({f"x{CSI_RED}": {}})),
        "unknown table 'x\\x1b[31m'",
    ),
    "table-not-object.json": (
        mutated(lambda t: t.update(ambitions=[])),
        "table 'ambitions' must map ids to objects",
    ),
    "record-not-object.json": (
        mutated(lambda t: t["ambitions"].update({AMB: 3})),
        "table 'ambitions' must map ids to objects",
    ),
    "duplicate-key.json": (
        GOOD.replace(f'"{AMB}": ', f'"{AMB}": {{"title": "x"}},\n"{AMB}": ', 1),
        "'3f9kq' appears twice",
    ),
    "deep-nesting.json": (NESTED, "nested too deeply"),
    "deep-event-value.json": (
        event(changes={"title": [deep(60), "x"]}),
        "nest more than 32 levels deep",
    ),
    "long-integer.json": (
        GOOD.replace('"short": "ADM"', '"inhabitants": ' + "9" * 5000 + ', "short": "ADM"'),
        "a number has too many digits",
    ),
    "huge-integer.json": (
        GOOD.replace('"short": "ADM"', '"inhabitants": ' + "9" * 4000 + ', "short": "ADM"'),
        "field inhabitants: Input should be less than or equal to 1000000000",
    ),
    "infinity.json": (
        GOOD.replace('"amount": 400', '"amount": Infinity'),
        ", field amount: invalid JSON: Infinity is not a number JSON allows",
    ),
    "nan.json": (GOOD.replace('"amount": 400', '"amount": NaN'), "NaN is not a number JSON allows"),
    "float-overflow.json": (
        GOOD.replace('"amount": 400', '"amount": 1e400'),
        "field amount: Input should be a finite number",
    ),
    "lone-surrogate.json": (
        GOOD.replace('"title": "iPads voor de raad"', '"title": "iPads \\ud800"', 1),
        "field title: holds a character UTF-8 cannot store (U+D800",
    ),
    "not-utf8.json": (GOOD.encode().replace(b"iPads", b"iP\xffds", 1), "not UTF-8 text"),
    "utf16.json": (GOOD.encode("utf-16"), "not UTF-8 text (byte 0)"),
    "quarter-year-0999.json": (amb(wanted_by="0999-Q2"), "0999-Q2 is outside the years"),
    "quarter-year-10000.json": (amb(wanted_by="10000-Q1"), "is not a quarter like 2027-Q1"),
    "date-past-9999.json": (amb(review="10000-01-01"), "field review"),
    "date-year-0001.json": (amb(review="0001-01-01"), "0001-01-01 is outside the years"),
    "timestamp-out-of-range.json": (
        event(at="0001-01-01T00:00:00+01:00"),
        "field at: 0001-01-01T00:00:00+01:00 is out of range in UTC",
    ),
    "timestamp-number.json": (event(at=1e30), "field at"),
    "meta-under-other-key.json": (
        mutated(lambda t: t["meta"].update(settings=t["meta"].pop("board"))),
        "the board settings are stored under 'board'",
    ),
    "meta-extra-key.json": (
        mutated(lambda t: t["meta"].update(other={"name": "x"})),
        "table meta, key 'other'",
    ),
    "duplicate-tags.json": (amb(tags=["raad", "raad"]), "field tags: 'raad' appears twice"),
    "duplicate-conflicts.json": (
        amb(conflicts=[STD, STD]),
        "field conflicts with standards: '2c4dm' appears",
    ),
    "duplicate-links.json": (
        amb(links=[{"roadmap": ROAD}, {"roadmap": ROAD, "coverage": "partial"}]),
        "links name the same roadmap item twice",
    ),
    "key-csi.json": (rekey("ambitions", AMB, f"{CSI_RED}x"), "key '\\x1b[31mx'"),
    "key-osc.json": (rekey("standards", STD, OSC_TITLE), "key '\\x1b]0;pwned\\x07'"),
    "key-c1.json": (rekey("roadmap", ROAD, C1_CSI), "key '\\x9b2J'"),
    "key-bidi.json": (rekey("events", EVENT, f"abc{BIDI}def"), "key 'abc\\u202edef'"),
    "key-upper-case.json": (rekey("ambitions", AMB, "3F9KQ"), "table ambitions, key '3F9KQ'"),
    "key-too-long.json": (rekey("events", EVENT, "a" * 40), "a key is 1 to 32 of the characters"),
    "key-municipality.json": (
        rekey("municipalities", "GM0363", "gm0363"),
        "key 'gm0363': use a CBS code such as GM0363",
    ),
    "key-theme.json": (
        rekey("themes", "werkplek", "Werkplek!"),
        "key 'Werkplek!': use lower-case letters",
    ),
    "key-capacity.json": (rekey("capacity", "2027-Q1", "2027q1"), "write it as 2027-Q1"),
    "unknown-field.json": (amb(colour="red"), "field colour: Extra inputs are not permitted"),
    "wrong-type.json": (amb(title=42), "field title: Input should be a valid string"),
    "unknown-status.json": (amb(status="maybe"), "unknown value 'maybe'"),
    "title-too-long.json": (amb(title="x" * 300), "field title: Value should have at most 200"),
    "dangling-municipality.json": (amb(municipality="GM9999"), "unknown municipality GM9999"),
    "dangling-escape.json": (amb(municipality=f"GM{CSI_RED}"), "unknown municipality"),
    "dependency-cycle.json": (road(depends_on=[ROAD]), "an item cannot depend on itself"),
    "dependency-cycle-long.json": (
        chain(1500, cycle=True),
        "field depends on: dependency cycle R-cx222 → R-cx223",
    ),
    "parked-without-review.json": (amb(status="parked"), "needs a review date"),
    "end-before-start.json": (road(end="2026-Q4"), "end 2026-Q4 is before start 2027-Q1"),
}
"""Boards no command may load: each gets its one sentence, and the file stays byte-identical."""

VALID: dict[str, str] = {
    "title-escapes.json": amb(
        title=f"iPads {CSI_RED}rood{OSC_TITLE} {C1_CSI}", description=f"a{ESC}[2Jb"
    ),
    "title-bidi.json": amb(title=f"iPads {BIDI}daar"),
    "event-value-escapes.json": event(
        changes={"title": [f"oud{CSI_RED}", f"nieuw{OSC_TITLE}{C1_CSI}"]}
    ),
    "event-field-escapes.json": event(changes={f"st{CSI_RED}atus": ["wish", "exploring"]}),
    "dependency-chain-long.json": chain(2000, cycle=False),
}
"""Boards that load although they hold hostile bytes: no command may pass those to a terminal."""

IMPORTS: dict[str, tuple[str | bytes, str]] = {
    "empty.csv": ("", "is empty; the first line names the fields"),
    "unknown-column.csv": ("municipality,title,colour\nGM0363,x,red\n", "not a field"),
    "duplicate-column.csv": ("municipality,title,title\nGM0363,x,y\n", "appears twice"),
    "too-many-cells.csv": ("municipality,title\nGM0363,x,y\n", "3 cells but the header names 2"),
    "unknown-municipality.csv": ("municipality,title\nGM9999,x\n", "no municipality 'GM9999'"),
    "not-utf8.csv": (b"municipality,title\nGM0363,\xff\n", "not UTF-8 text"),
    "escape-id.csv": (f"id,municipality,title\n{CSI_RED},GM0363,x\n", "'\\x1b[31m' is not an"),
    "quarter-0999.csv": ("municipality,title,wanted_by\nGM0363,x,0999-Q1\n", "outside the years"),
    "effort-inf.csv": ("municipality,title,effort\nGM0363,x,inf\n", "Input should be a finite"),
    "duplicate-tags.csv": ('municipality,title,tags\nGM0363,x,"a,a"\n', "'a' appears twice"),
    "wrong-extension.txt": ("municipality,title\nGM0363,x\n", "import reads .csv, .toml or .json"),
    "deep.json": ('{"ambitions": ' + "[" * 5_000 + "]" * 5_000 + "}\n", "nested too deeply"),
    "deep.toml": ("ambitions = " + "[" * 5_000 + "]" * 5_000 + "\n", "nested too deeply"),
    "deep-value.json": (
        json.dumps({"ambitions": [{"municipality": "GM0363", "title": "x", "tags": deep(60)}]}),
        "field tags: values nest more than 32 levels deep",
    ),
    "long-integer.toml": (
        '[[ambitions]]\nmunicipality = "GM0363"\ntitle = "x"\nvalue = ' + "9" * 5000 + "\n",
        "a number has too many digits",
    ),
    "long-integer.json": (
        '{"ambitions": [{"municipality": "GM0363", "title": "x", "value": ' + "9" * 5000 + "}]}",
        "a number has too many digits",
    ),
    "nan.json": (
        '{"ambitions": [{"municipality": "GM0363", "title": "x", "effort": NaN}]}',
        "NaN is not a number JSON allows",
    ),
    "inf.toml": (
        '[[ambitions]]\nmunicipality = "GM0363"\ntitle = "x"\neffort = inf\n',
        "field effort: inf is not a number a board can hold",
    ),
    "lone-surrogate.json": (
        '{"ambitions": [{"municipality": "GM0363", "title": "x\\udc80"}]}',
        "field title: holds a character UTF-8 cannot store (U+DC80",
    ),
    "tags-of-tables.toml": (
        '[[ambitions]]\nmunicipality = "GM0363"\ntitle = "x"\ntags = [{a = 1}]\n',
        "field tags: list items must be text, not a table",
    ),
    "conflicts-of-lists.json": (
        '{"ambitions": [{"municipality": "GM0363", "title": "x", "conflicts": [[1]]}]}',
        "field conflicts with standards: list items must be text, not a list",
    ),
    "review-year-0001.toml": (
        '[[ambitions]]\nmunicipality = "GM0363"\ntitle = "x"\nreview = 0001-01-01\n',
        "0001-01-01 is outside the years",
    ),
    "not-a-list.json": ('{"ambitions": {"x": 1}}', "expected ambitions as [[ambitions]] tables"),
    "invalid.toml": ("[[ambitions]\n", "invalid TOML"),
}
"""Import files no import may apply: the board must stay byte-identical, dry run or not."""


def expected_toml() -> str:
    def section(name: str, rows: dict[str, str]) -> list[str]:
        return [f"[{name}]", *(f"{json.dumps(k)} = {json.dumps(v)}" for k, v in rows.items()), ""]

    lines = ["# written by scripts/make_bad_corpus.py", ""]
    lines += ["# boards that load although they hold hostile bytes"]
    lines += [f"valid = {json.dumps(list(VALID))}", ""]
    lines += ["# file name = what its one-sentence error must say", ""]
    lines += section("boards", {name: message for name, (_, message) in BOARDS.items()})
    lines += section("imports", {name: message for name, (_, message) in IMPORTS.items()})
    return "\n".join(lines).rstrip("\n") + "\n"


def corpus() -> dict[str, bytes]:
    """Every file of the corpus (relative path → bytes)."""
    files: dict[str, bytes] = {
        "expected.toml": expected_toml().encode(),
        "good.json": GOOD.encode(),
    }
    tables = {
        "boards": {name: content for name, (content, _) in BOARDS.items()},
        "imports": {name: content for name, (content, _) in IMPORTS.items()},
        "valid": VALID,
    }
    for folder, table in tables.items():
        for name, content in table.items():
            data = (
                content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")
            )
            files[f"{folder}/{name}"] = data
    return files


def write(folder: Path) -> None:
    for name, data in corpus().items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


if __name__ == "__main__":
    write(
        Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent.parent / "tests/data/bad"
    )
