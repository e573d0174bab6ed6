"""Shared helper: user text as literal `Content`, never parsed as markup."""

from __future__ import annotations

from textual.content import Content

from ...text import inert


def literal(text: str, style: str = "") -> Content:
    """`text` exactly as written (terminal controls shown inert), optionally in one style."""
    content = Content(inert(text, newlines=True))
    return content.stylize(style) if style else content
