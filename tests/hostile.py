"""A board whose every text holds bytes that would drive a terminal, and the check that none of
them reaches one (shared by the CLI and the TUI tests)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from helpers import Demo, build_demo

from regietui.model import META_KEY, human_id
from regietui.store import board_text

EVIL = (
    "\x1b]0;pwned\x07"  # OSC: set the window title
    "\x1b[2J"  # CSI: clear the screen
    "\x9b31m"  # the one-byte C1 CSI: red
    "\u202eevil\u2066"  # bidi override and isolate: text shown backwards
    "\x9d8;;http://x\x9c"  # C1 OSC 8: a hyperlink
    "\r\x08\x7f"  # carriage return, backspace, delete: overwrite what was shown
)
"""What a hostile board puts in every text."""
BIDI = "\u202e"
"""What survives the model's own cleaning of titles (it drops C0/C1 controls, not format
characters)."""

ACTING = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Characters a terminal acts on (tab and newline are only layout)."""

EVIL_KEY = "ab\x1b[2Jc"
EVENT_KEY = "zzzzzzzzzz"


def leaks(text: str) -> list[str]:
    """The characters of `text` a terminal would act on, as `U+001B`, ... (empty: inert)."""
    return sorted({f"U+{ord(c):04X}" for c in ACTING.findall(text)})


def _taint(doc: dict[str, Any], *names: str) -> None:
    for name in names:
        if isinstance(doc.get(name), str):
            doc[name] += EVIL


def hostile_board(path: Path, bad_keys: bool = False) -> Demo:
    """The helpers' demo board written to `path` with EVIL in every free text, in the events
    (author, title, note, changed values, field names, an unknown action, an open merge conflict)
    and, with `bad_keys`, in the key of an ambition and in an event's record reference."""
    demo = build_demo()
    data = json.loads(board_text(demo.board))
    _taint(data["meta"][META_KEY], "name")
    for muni in data["municipalities"].values():
        _taint(muni, "name")
        muni["information_manager"] = EVIL
        muni["short"] = BIDI + muni["short"][:3]
    for theme in data["themes"].values():
        _taint(theme, "name")
    for std in data["standards"].values():
        _taint(std, "title")
        std["description"] = EVIL
    for amb in data["ambitions"].values():
        _taint(amb, "title")
        amb["description"] = f"{BIDI}first line\nsecond line"  # as the model keeps it
        amb["tags"] = [*amb.get("tags", []), EVIL]
        amb["owner"] = EVIL
        if "decision" in amb:
            _taint(amb["decision"], "text")
    for item in data["roadmap"].values():
        _taint(item, "title")
        item["owner"] = EVIL
    events = data["events"]
    for event in events.values():
        _taint(event, "author", "title")
        event["text"] = EVIL
        event["changes"] = {
            name: [EVIL if isinstance(v, str) else v for v in pair]
            for name, pair in event["changes"].items()
        }
        event["changes"][EVIL] = [EVIL, {"nested": EVIL}]
    at = "2027-01-05T10:00:00+00:00"
    events[EVENT_KEY] = {
        "at": at,
        "author": EVIL,
        "action": EVIL,
        "table": "ambitions",
        "record": demo.portal_wish,
        "title": EVIL,
        "changes": {EVIL: [EVIL, EVIL]},
        "text": EVIL,
    }
    wish = data["ambitions"][demo.ipads]
    events[EVENT_KEY[:-1] + "y"] = {
        "at": at,
        "author": "Merge" + EVIL,
        "action": "conflict",
        "table": "ambitions",
        "record": demo.ipads,
        "title": wish["title"],
        "changes": {"description": [wish["description"], EVIL]},
        "text": f"field description: both sides changed it; kept {wish['description']!r}",
    }
    if bad_keys:
        data["ambitions"][EVIL_KEY] = data["ambitions"].pop(demo.parked)
        for event in events.values():
            if event["record"] == demo.parked:
                event["record"] = EVIL_KEY
        events[EVENT_KEY[:-1] + "x"] = {**events[EVENT_KEY], "record": EVIL_KEY}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return demo


def ids(demo: Demo) -> list[str]:
    """The human ids of every ambition, roadmap item and standard of the demo board."""
    return [
        *(human_id("ambitions", k) for k in (demo.portal_wish, demo.ipads, demo.parked)),
        *(human_id("roadmap", k) for k in (demo.portal, demo.workplace)),
        human_id("standards", demo.ipad),
    ]
