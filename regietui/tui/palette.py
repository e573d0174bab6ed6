"""The command palette (ctrl+p): every action of the board, and a jump to any card by title.

Titles are user text: hits are shown as `Content` built from the plain title (never markup), and
the help line holds only ids, statuses and key names (escaped).
"""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from ..i18n import tr
from ..model import human_id
from ..text import inert
from .host import host

MAX_CARD_HITS = 40


def highlight(matcher: Matcher, text: str) -> Content:
    """`text` as literal Content with the matched letters styled (Matcher.highlight would parse
    the text as markup)."""
    text = inert(text)
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if not score:
        return content
    for offset in offsets:
        if offset < len(text) and not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class BoardCommands(Provider):
    """Actions, municipalities and themes by name; ambitions and roadmap items by title or id."""

    async def discover(self) -> Hits:
        for command in host(self).palette_commands():
            yield DiscoveryHit(
                Content(inert(command.label)),
                command.run,
                text=command.label,
                help=escape(inert(command.help)),
            )

    async def search(self, query: str) -> Hits:
        app = host(self)
        matcher = self.matcher(query)
        for command in app.palette_commands():
            score = matcher.match(command.label)
            if score > 0:
                yield Hit(
                    score,
                    highlight(matcher, command.label),
                    command.run,
                    text=command.label,
                    help=escape(inert(command.help)),
                )
        words = query.casefold().split()
        if not words:
            return
        found = 0
        board = app.session.board
        for table, records in (("ambitions", board.ambitions), ("roadmap", board.roadmap)):
            for key, record in records.items():
                ident = human_id(table, key)
                haystack = f"{record.title}\n{ident}".casefold()
                if not all(word in haystack for word in words):
                    continue
                if table == "ambitions":
                    status = tr(f"status.{record.status.value}", app.lang)
                    noun = tr("ui.ambition", app.lang)
                else:
                    status = tr(f"roadmap.{record.status.value}", app.lang)
                    noun = tr("ui.roadmap_item", app.lang)
                score = max(matcher.match(record.title), 0.1) * 0.9
                yield Hit(
                    score,
                    highlight(matcher, record.title),
                    lambda t=table, k=key: app.board_screen.jump_to(t, k),
                    text=record.title,
                    help=escape(inert(f"{noun} {ident} · {status}")),
                )
                found += 1
                if found >= MAX_CARD_HITS:
                    return
